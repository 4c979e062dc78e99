package org.cxloop.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cxloop.quality.RowRules;
import org.cxloop.testing.SharedSpark;
import org.junit.jupiter.api.Test;

/**
 * The duplicate-key check run on repeated keys only ({@link Copies#flagRare}) marks the same rows
 * as the check over every row, keeps the input's columns in order, and leaves other rows alone.
 */
class CopiesTest {

  private final SparkSession spark = SharedSpark.get();

  private static final StructType CRM = new StructType()
      .add(SourceReader.SOURCE, DataTypes.StringType).add("customer_id", DataTypes.StringType)
      .add("valid_from_value", DataTypes.DateType).add(ResponseIngest.RAW_RECORD, DataTypes.StringType)
      .add(RowRules.RULE, DataTypes.StringType).add(RowRules.REASON, DataTypes.StringType);

  private static final Date JAN = Date.valueOf("2026-01-01");
  private static final Date FEB = Date.valueOf("2026-02-01");

  private Dataset<Row> crm() {
    return spark.createDataFrame(List.of(
        // C1 from January twice: exactly one is kept (which one, the sha2 of the raw record decides)
        RowFactory.create("crm", "C1", JAN, "{a}", null, null),
        RowFactory.create("crm", "C1", JAN, "{b}", null, null),
        // the same key on a row that broke a rule: it keeps its own rule and takes no one's place
        RowFactory.create("crm", "C1", JAN, "{c}", "bad_annual_value", "annual_value_pln is not a number"),
        // C1 from February: another key, kept
        RowFactory.create("crm", "C1", FEB, "{d}", null, null),
        // C2 three times: two copies
        RowFactory.create("crm", "C2", JAN, "{e}", null, null),
        RowFactory.create("crm", "C2", JAN, "{f}", null, null),
        RowFactory.create("crm", "C2", JAN, "{g}", null, null),
        // no key: broke a rule, never matched
        RowFactory.create("crm", null, JAN, "{h}", "missing_customer_id", "customer_id is empty"),
        RowFactory.create("crm", "C3", JAN, "{i}", null, null),
        // C3 once more, on a broken row: one valid row, so no copy
        RowFactory.create("crm", "C3", JAN, "{j}", "bad_valid_to", "valid_to is neither empty nor a date")), CRM);
  }

  private static Map<String, String> rules(Dataset<Row> flagged) {
    Map<String, String> out = new TreeMap<>();
    for (Row r : flagged.collectAsList()) {
      out.put(r.getAs(ResponseIngest.RAW_RECORD), r.isNullAt(4) ? "-" : r.getString(4));
    }
    return out;
  }

  @Test
  void repeatedKeysOnlyGiveTheSameFlagsAsEveryRow() {
    Copies copies = ReferenceIngest.copiesOf("customer_id", "valid_from_value");
    Dataset<Row> rare = copies.flagRare(crm());
    Map<String, String> everyRow = rules(ReferenceIngest.flagDuplicateKeys(crm(), "customer_id", "valid_from_value"));

    assertThat(rare.columns()).containsExactly(crm().columns());
    assertThat(rare.count()).isEqualTo(10);
    Map<String, String> got = rules(rare);
    assertThat(got).isEqualTo(everyRow);
    assertThat(got.values().stream().filter("duplicate_key"::equals).count()).as("one copy of C1/Jan, two of C2").isEqualTo(3);
    assertThat(List.of(got.get("{a}"), got.get("{b}"))).containsExactlyInAnyOrder("-", "duplicate_key");
    assertThat(got).containsEntry("{c}", "bad_annual_value").containsEntry("{d}", "-")
        .containsEntry("{h}", "missing_customer_id").containsEntry("{i}", "-").containsEntry("{j}", "bad_valid_to");
    // More repeated keys than the list may hold: every row is ranked, with the same result.
    assertThat(rules(copies.flagRare(crm(), 1))).isEqualTo(everyRow);
  }

  @Test
  void noRepeatedKeyLeavesTheRowsAsTheyAre() {
    Dataset<Row> unique = crm().filter("raw_record IN ('{a}', '{d}', '{e}', '{h}', '{i}', '{j}')");
    Dataset<Row> out = ReferenceIngest.copiesOf("customer_id", "valid_from_value").flagRare(unique);
    assertThat(out.queryExecution().analyzed()).as("no join or window added").isEqualTo(unique.queryExecution().analyzed());
    assertThat(rules(out).values()).containsExactlyInAnyOrder("-", "-", "-", "missing_customer_id", "-", "bad_valid_to");
  }
}
