package org.cxloop.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.cxloop.quality.Rule;
import org.cxloop.quality.RowRules;

/**
 * CRM customers, interactions and employees: parse the raw strings into types and name the
 * rules a row must pass. The reference sources are full snapshots, read whole on every run.
 */
public final class ReferenceIngest {

  private static final String DECIMAL = "^\\s*-?\\d+(\\.\\d+)?\\s*$";
  private static final String WHOLE = "^\\s*\\d+\\s*$";

  private ReferenceIngest() {}

  // ---- CRM --------------------------------------------------------------------------------

  public static Dataset<Row> parseCrm(Dataset<Row> raw) {
    return raw
        .withColumn(ResponseIngest.RAW_RECORD, ResponseIngest.rawRecord(InputSchemas.CRM_CUSTOMERS))
        // Consumers have no separate account: the customer is the account.
        .withColumn("account_id_value", coalesce(nullIfBlank(col("account_id")), col("customer_id")))
        .withColumn("annual_value_pln_value", when(col("annual_value_pln").rlike(DECIMAL),
            trim(col("annual_value_pln")).cast(DataTypes.createDecimalType(14, 2))))
        .withColumn("signup_date_value", Timestamps.parseDate(col("signup_date")))
        .withColumn("valid_from_value", Timestamps.parseDate(col("valid_from")))
        .withColumn("valid_to_value", Timestamps.parseDate(col("valid_to")));
  }

  public static final List<Rule> CRM_RULES = List.of(
      malformed(),
      new Rule("missing_customer_id", ResponseIngest.blank(col("customer_id")), "customer_id is empty"),
      new Rule("bad_valid_from", col("valid_from_value").isNull(), "valid_from is not a yyyy-MM-dd date"),
      new Rule("bad_valid_to", not(ResponseIngest.blank(col("valid_to"))).and(col("valid_to_value").isNull()),
          "valid_to is neither empty nor a yyyy-MM-dd date"),
      new Rule("valid_to_not_after_valid_from", col("valid_to_value").leq(col("valid_from_value")),
          "valid_to must be after valid_from"),
      new Rule("bad_signup_date", not(ResponseIngest.blank(col("signup_date"))).and(col("signup_date_value").isNull()),
          "signup_date is not a yyyy-MM-dd date"),
      new Rule("bad_annual_value", not(ResponseIngest.blank(col("annual_value_pln")))
          .and(col("annual_value_pln_value").isNull()), "annual_value_pln is not a number"));

  // ---- interactions ---------------------------------------------------------------------------

  public static Dataset<Row> parseInteractions(Dataset<Row> raw, String timestampPatterns, String tz) {
    return raw
        .withColumn(ResponseIngest.RAW_RECORD, ResponseIngest.rawRecord(InputSchemas.INTERACTIONS))
        .withColumn("started_at_utc", Timestamps.parseUtc(col("started_at"), timestampPatterns, tz))
        .withColumn("wait_time_s_value", when(col("wait_time_s").rlike(WHOLE), trim(col("wait_time_s")).cast(DataTypes.IntegerType)))
        .withColumn("handle_time_s_value", when(col("handle_time_s").rlike(WHOLE), trim(col("handle_time_s")).cast(DataTypes.IntegerType)))
        .withColumn("resolved_value", when(lower(trim(col("resolved"))).isin("true", "yes", "1", "tak", "да"), lit(true))
            .when(lower(trim(col("resolved"))).isin("false", "no", "0", "nie", "нет"), lit(false)));
  }

  public static final List<Rule> INTERACTION_RULES = List.of(
      malformed(),
      new Rule("missing_transaction_id", ResponseIngest.blank(col("transaction_id")), "transaction_id is empty"),
      new Rule("unparseable_timestamp", col("started_at_utc").isNull(),
          "started_at matches none of the configured timestamp patterns"),
      new Rule("bad_wait_time", not(ResponseIngest.blank(col("wait_time_s"))).and(col("wait_time_s_value").isNull()),
          "wait_time_s is not a whole number of seconds"),
      new Rule("bad_handle_time", not(ResponseIngest.blank(col("handle_time_s"))).and(col("handle_time_s_value").isNull()),
          "handle_time_s is not a whole number of seconds"));

  // ---- employees ------------------------------------------------------------------------------

  public static Dataset<Row> parseEmployees(Dataset<Row> raw) {
    return raw
        .withColumn(ResponseIngest.RAW_RECORD, ResponseIngest.rawRecord(InputSchemas.EMPLOYEES))
        .withColumn("valid_from_value", Timestamps.parseDate(col("valid_from")))
        .withColumn("valid_to_value", Timestamps.parseDate(col("valid_to")));
  }

  public static final List<Rule> EMPLOYEE_RULES = List.of(
      malformed(),
      new Rule("missing_employee_id", ResponseIngest.blank(col("employee_id")), "employee_id is empty"),
      new Rule("bad_valid_from", col("valid_from_value").isNull(), "valid_from is not a yyyy-MM-dd date"),
      new Rule("bad_valid_to", not(ResponseIngest.blank(col("valid_to"))).and(col("valid_to_value").isNull()),
          "valid_to is neither empty nor a yyyy-MM-dd date"));

  // ---- shared ---------------------------------------------------------------------------------

  private static Rule malformed() {
    return new Rule("malformed_record", col(SourceReader.CORRUPT).isNotNull(),
        "the row could not be split into the expected columns (broken quoting or wrong delimiter)");
  }

  /** Empty CSV fields are empty strings; a missing key must be null so that joins do not match it. */
  public static Column nullIfBlank(Column c) {
    return when(ResponseIngest.blank(c), lit(null)).otherwise(trim(c));
  }

  /** The duplicate-key check of {@link #flagDuplicateKeys}, run on the rows of repeated keys only. */
  public static Copies copiesOf(String... keyColumns) {
    return new Copies(List.of(keyColumns), rows -> flagDuplicateKeys(rows, keyColumns));
  }

  /**
   * Among rows that passed the rules, a second row with the same key is quarantined as
   * {@code duplicate_key}: which of two CRM rows is true cannot be guessed. The first by raw
   * content is kept so the choice is at least stable between runs.
   */
  public static Dataset<Row> flagDuplicateKeys(Dataset<Row> flagged, String... keyColumns) {
    Column valid = col(RowRules.RULE).isNull();
    Column[] partition = Arrays.copyOf(Arrays.stream(keyColumns).map(c -> col(c)).toArray(Column[]::new),
        keyColumns.length + 1);
    partition[keyColumns.length] = valid;
    Column copy = valid.and(row_number().over(Window.partitionBy(partition)
        .orderBy(sha2(col(ResponseIngest.RAW_RECORD), 256))).gt(1));
    return flagged
        .withColumn(RowRules.RULE, when(copy, lit("duplicate_key")).otherwise(col(RowRules.RULE)))
        .withColumn(RowRules.REASON, when(copy, lit("another row has the same key " + Arrays.toString(keyColumns)))
            .otherwise(col(RowRules.REASON)));
  }
}
