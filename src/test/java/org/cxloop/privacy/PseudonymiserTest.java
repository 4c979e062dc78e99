package org.cxloop.privacy;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cxloop.CxException;
import org.cxloop.config.CxConfig;
import org.cxloop.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymiserTest {

  @TempDir Path warehouse;
  private final SparkSession spark = SharedSpark.get();

  @Test
  void isHmacSha256AsInRfc4231() {
    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
    assertThat(Pseudonymiser.withKey("Jefe").pseudonym("what do ya want for nothing?"))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void sparkColumnEqualsTheDriverValueAndKeepsNullsAndJoins() {
    Pseudonymiser p = Pseudonymiser.withKey("k".repeat(40));
    List<Row> rows = spark.createDataset(Arrays.asList("C0000029", "C0000029", null, " "), Encoders.STRING()).toDF("id")
        .transform(d -> p.apply(d, List.of("id"))).collectAsList();
    assertThat(rows.get(0).getString(0)).as("same id, same pseudonym: BI still counts per customer")
        .isEqualTo(rows.get(1).getString(0)).isEqualTo(p.pseudonym("C0000029")).hasSize(64).doesNotContain("C0000029");
    assertThat(rows.get(2).isNullAt(0)).isTrue();
    assertThat(rows.get(3).isNullAt(0)).as("a blank id is no id").isTrue();
    assertThat(Pseudonymiser.withKey("x".repeat(40)).pseudonym("C0000029")).as("another key, another pseudonym")
        .isNotEqualTo(p.pseudonym("C0000029"));
  }

  @Test
  void productionConfigFailsWithoutTheKeyAndADevelopmentWarehouseGetsAStableKey() {
    CxConfig prod = CxConfig.load(null, Map.of("warehouse.dir", warehouse.toString(),
        "privacy.pseudonym.key.required", "true"));
    assertThatThrownBy(() -> Pseudonymiser.forWarehouse(spark, prod, Map.of()))
        .isInstanceOf(CxException.class).hasMessageContaining("CXLOOP_PSEUDONYM_KEY is not set");
    assertThatThrownBy(() -> Pseudonymiser.forWarehouse(spark, prod, Map.of(Pseudonymiser.KEY_ENV, "short")))
        .isInstanceOf(CxException.class).hasMessageContaining("fewer than 32 characters");
    String key = "0123456789abcdef0123456789abcdef!";
    assertThat(Pseudonymiser.forWarehouse(spark, prod, Map.of(Pseudonymiser.KEY_ENV, key)).pseudonym("C1"))
        .isEqualTo(Pseudonymiser.withKey(key).pseudonym("C1"));

    CxConfig dev = CxConfig.load(null, Map.of("warehouse.dir", warehouse.toString()));
    Pseudonymiser first = Pseudonymiser.forWarehouse(spark, dev, Map.of());
    Pseudonymiser second = Pseudonymiser.forWarehouse(spark, dev, Map.of());
    assertThat(first.isDevelopmentKey()).isTrue();
    assertThat(first.pseudonym("C1")).as("the development key is kept: the next run gives the same pseudonyms")
        .isEqualTo(second.pseudonym("C1"));
    assertThat(Files.exists(warehouse.resolve(Pseudonymiser.DEV_KEY_FILE))).isTrue();
    assertThat(dev.describe()).doesNotContain(key);
  }
}
