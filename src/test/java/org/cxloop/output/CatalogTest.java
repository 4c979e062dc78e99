package org.cxloop.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.cxloop.config.CxConfig;
import org.cxloop.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registration in the test session's own catalog; CatalogSecondJvmTest covers the metastore. */
class CatalogTest {

  @TempDir Path dir;

  private final SparkSession spark = SharedSpark.get();

  @Test
  void tablesAndViewsAreFoundByNameAndFollowTheWarehouseWrittenLast() {
    String db = "cxloop_catalog_test";
    Path first = dir.resolve("w1");
    Path second = dir.resolve("w2");
    for (Path w : List.of(first, second)) {
      CxTables.NPS_SUMMARY.createIfNotExists(spark, w.toString());
    }
    // One company cell in the first warehouse, two touchpoint cells in the second.
    spark.sql("INSERT INTO delta.`" + first.resolve("nps_summary") + "` (grain, period_start, survey_type, dimension, "
        + "dimension_value, n, nps) VALUES ('month', date'2026-06-01', 'transactional', 'company', '(all)', 4, -25.0)");
    spark.sql("INSERT INTO delta.`" + second.resolve("nps_summary") + "` (grain, period_start, survey_type, dimension, "
        + "dimension_value, n, nps) VALUES ('month', date'2026-06-01', 'transactional', 'touchpoint', 'delivery', 3, -100.0), "
        + "('month', date'2026-06-01', 'transactional', 'touchpoint', 'billing', 1, 100.0)");

    Catalog.Registered r = Catalog.register(spark, conf(first, db), List.of(CxTables.NPS_SUMMARY));
    assertThat(r.tables()).containsExactly(db + ".nps_summary");
    assertThat(r.views()).containsExactly(db + ".nps_company", db + ".nps_by_touchpoint");
    assertThat(spark.sql("SELECT n FROM " + db + ".nps_company").first().getLong(0)).isEqualTo(4);

    Catalog.register(spark, conf(second, db), List.of(CxTables.NPS_SUMMARY));
    assertThat(spark.sql("SELECT count(*) FROM " + db + ".nps_summary").first().getLong(0))
        .as("re-pointed to the second warehouse: its 2 cells").isEqualTo(2);
    assertThat(spark.sql("SELECT touchpoint, n FROM " + db + ".nps_by_touchpoint ORDER BY touchpoint").collectAsList())
        .extracting(Object::toString).containsExactly("[billing,1]", "[delivery,3]");
    assertThat(spark.read().format("delta").load(first.resolve("nps_summary").toString()).count())
        .as("the first warehouse's data is untouched by re-pointing").isEqualTo(1);
  }

  @Test
  void sameFolderWhateverTheSpelling() {
    assertThat(Catalog.sameLocation("file:/tmp/w/nps_summary", "/tmp/w/nps_summary/")).isTrue();
    assertThat(Catalog.sameLocation("file:///tmp/w/./nps_summary", "/tmp/w/nps_summary")).isTrue();
    assertThat(Catalog.sameLocation("file:/tmp/w1/nps_summary", "/tmp/w2/nps_summary")).isFalse();
    assertThat(Catalog.sameLocation("s3a://b/w/nps_summary", "s3a://b/w/nps_summary")).isTrue();
  }

  private static CxConfig conf(Path warehouse, String db) {
    return CxConfig.load(null, Map.of("warehouse.dir", warehouse.toString(), "catalog.database", db,
        "nps.dimensions", "company,touchpoint"));
  }
}
