package org.cxloop.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
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
import org.cxloop.testing.SharedSpark;
import org.junit.jupiter.api.Test;

/**
 * The as-of joins keep exactly one row per answer: the reference row valid on the response date,
 * and of overlapping ones the most recently started; an answer with none is kept unmatched.
 */
class EnrichAsOfTest {

  private final SparkSession spark = SharedSpark.get();

  private static final StructType ANSWERS = new StructType()
      .add("response_id", DataTypes.StringType).add("customer_id", DataTypes.StringType)
      .add("transaction_id", DataTypes.StringType).add("employee_id", DataTypes.StringType)
      .add("response_date", DataTypes.DateType);

  private static final StructType CRM = new StructType()
      .add("customer_id", DataTypes.StringType).add("account_id_value", DataTypes.StringType)
      .add("segment", DataTypes.StringType).add("region", DataTypes.StringType).add("plan", DataTypes.StringType)
      .add("annual_value_pln_value", DataTypes.createDecimalType(14, 2)).add("signup_date_value", DataTypes.DateType)
      .add("valid_from_value", DataTypes.DateType).add("valid_to_value", DataTypes.DateType);

  private static final StructType EMPLOYEES = new StructType()
      .add("employee_id", DataTypes.StringType).add("team", DataTypes.StringType)
      .add("department", DataTypes.StringType).add("manager_id", DataTypes.StringType)
      .add("valid_from_value", DataTypes.DateType).add("valid_to_value", DataTypes.DateType);

  private static Date d(String s) {
    return Date.valueOf(s);
  }

  private Dataset<Row> answers() {
    return spark.createDataFrame(List.of(
        RowFactory.create("R1", "C1", "T1", "E1", d("2026-03-10")), // C1: two overlapping rows valid
        RowFactory.create("R2", "C1", "T2", "E1", d("2026-01-10")), // C1: only the first row valid
        RowFactory.create("R3", "C2", null, null, d("2026-03-10")), // relational, C2 from April: no CRM row
        RowFactory.create("R4", "C3", "T4", "E2", d("2026-06-30")), // valid_to is exclusive: the later row
        RowFactory.create("R5", "C9", null, null, d("2026-03-10"))), ANSWERS); // unknown customer
  }

  @Test
  void asOfCrmTakesTheRowValidOnTheDayAndTheLatestOfOverlappingOnes() {
    BigDecimal v = new BigDecimal("1000.00");
    Dataset<Row> crm = spark.createDataFrame(List.of(
        RowFactory.create("C1", "A1", "smb", "north", "basic", v, d("2025-01-01"), d("2025-01-01"), null),
        RowFactory.create("C1", "A1", "enterprise", "north", "gold", v, d("2025-01-01"), d("2026-03-01"), d("2026-12-31")),
        RowFactory.create("C2", "A2", "smb", "south", "basic", v, d("2025-01-01"), d("2026-04-01"), null),
        RowFactory.create("C3", "A3", "smb", "east", "basic", v, d("2025-01-01"), d("2025-01-01"), d("2026-06-30")),
        RowFactory.create("C3", "A3", "consumer", "east", "basic", v, d("2025-01-01"), d("2026-06-30"), null)), CRM);
    Map<String, String> segment = new TreeMap<>();
    List<Row> rows = Enrich.asOfCrm(answers(), crm).collectAsList();
    assertThat(rows).as("one row per answer").hasSize(5);
    for (Row r : rows) {
      segment.put(r.getAs("response_id"), r.getAs(Enrich.CRM_MATCHED) + ":" + r.getAs("segment"));
    }
    assertThat(segment).containsExactlyEntriesOf(new TreeMap<>(Map.of("R1", "true:enterprise", "R2", "true:smb",
        "R3", "false:null", "R4", "true:consumer", "R5", "false:null")));
  }

  @Test
  void asOfEmployeesTakesTheTeamOfTheDayAndKeepsAnswersWithoutAnEmployee() {
    Dataset<Row> employees = spark.createDataFrame(List.of(
        RowFactory.create("E1", "cs_krakow", "cs", "M1", d("2025-01-01"), null),
        RowFactory.create("E1", "cs_warszawa", "cs", "M2", d("2026-02-01"), null), // overlaps: wins from February
        RowFactory.create("E2", "retail", "sales", "M3", d("2025-01-01"), d("2026-06-30")),
        RowFactory.create("E2", "online", "sales", "M3", d("2026-06-30"), null)), EMPLOYEES);
    Map<String, String> team = new TreeMap<>();
    List<Row> rows = Enrich.asOfEmployees(answers(), employees).collectAsList();
    for (Row r : rows) {
      team.put(r.getAs("response_id"), r.getAs("team") + "/" + r.getAs("manager_id"));
    }
    assertThat(rows).hasSize(5);
    assertThat(team).containsExactlyEntriesOf(new TreeMap<>(Map.of("R1", "cs_warszawa/M2", "R2", "cs_krakow/M1",
        "R3", "null/null", "R4", "online/M3", "R5", "null/null")));
  }

  @Test
  void aSmallRunCutsTheCrmToItsCustomersWithEveryVersionAndGetsTheSameMatches() {
    BigDecimal v = new BigDecimal("1000.00");
    Dataset<Row> crm = spark.createDataFrame(List.of(
        RowFactory.create("C1", "A1", "smb", "north", "basic", v, d("2025-01-01"), d("2025-01-01"), null),
        RowFactory.create("C1", "A1", "enterprise", "north", "gold", v, d("2025-01-01"), d("2026-03-01"), d("2026-12-31")),
        RowFactory.create("C3", "A3", "smb", "east", "basic", v, d("2025-01-01"), d("2025-01-01"), d("2026-06-30")),
        RowFactory.create("C4", "A4", "smb", "east", "basic", v, d("2025-01-01"), d("2025-01-01"), null),
        RowFactory.create("C5", "A5", "smb", "west", "basic", v, d("2025-01-01"), d("2025-01-01"), null)), CRM);
    Dataset<Row> cut = Enrich.onlyKeysOf(crm, "customer_id", answers(), "customer_id");
    assertThat(cut.columns()).as("the reference's own columns only").containsExactly(crm.columns());
    assertThat(cut.collectAsList()).extracting(r -> r.getString(0) + "/" + r.getString(2))
        .as("both C1 versions and C3; C4 and C5 have no answer").containsExactlyInAnyOrder(
            "C1/smb", "C1/enterprise", "C3/smb");
    Map<String, String> full = new TreeMap<>();
    Map<String, String> small = new TreeMap<>();
    for (Row r : Enrich.asOfCrm(answers(), crm).collectAsList()) {
      full.put(r.getAs("response_id"), r.getAs(Enrich.CRM_MATCHED) + ":" + r.getAs("segment"));
    }
    for (Row r : Enrich.asOfCrm(answers(), cut).collectAsList()) {
      small.put(r.getAs("response_id"), r.getAs(Enrich.CRM_MATCHED) + ":" + r.getAs("segment"));
    }
    assertThat(small).isEqualTo(full).containsEntry("R1", "true:enterprise").containsEntry("R4", "false:null");
  }

  @Test
  void aSmallRunCutsTheInteractionsToItsTransactionsAndIgnoresAnswersWithoutOne() {
    StructType interactions = new StructType().add("transaction_id", DataTypes.StringType)
        .add("touchpoint", DataTypes.StringType);
    Dataset<Row> rows = spark.createDataFrame(List.of(RowFactory.create("T1", "branch"),
        RowFactory.create("T2", "app"), RowFactory.create("T3", "call"), RowFactory.create(null, "web")), interactions);
    // R3 and R5 have no transaction: a null key matches nothing, the null-id row is not kept.
    assertThat(Enrich.onlyKeysOf(rows, "transaction_id", answers(), "transaction_id").collectAsList())
        .extracting(r -> r.getString(0)).containsExactlyInAnyOrder("T1", "T2");
  }
}
