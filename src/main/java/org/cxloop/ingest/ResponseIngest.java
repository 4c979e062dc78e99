package org.cxloop.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
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
 * Survey answers from raw strings to typed, validated rows. Pure transformations, each
 * {@code Dataset<Row> -> Dataset<Row>}, wired by the nightly job in this order:
 * {@link #parse}, {@link #inWindow}, {@link #RULES} (via RowRules), {@link #flagDuplicates}.
 */
public final class ResponseIngest {

  public static final String RESPONSE_ID = "response_id";
  public static final String SCORE = "score";
  public static final String SCORE_VALUE = "score_value";
  public static final String RESPONDED_AT_UTC = "responded_at_utc";
  public static final String RESPONSE_DATE = "response_date";
  /** The row's raw fields as JSON: what quarantine shows and what the content hash covers. */
  public static final String RAW_RECORD = "raw_record";

  public static final List<String> SURVEY_TYPES = List.of("transactional", "relational");

  private static final String INTEGER = "^\\s*[+-]?\\d{1,3}\\s*$";

  /** Rules in the order they are checked; the first broken one is the quarantine reason. */
  public static final List<Rule> RULES = List.of(
      new Rule("malformed_record", col(SourceReader.CORRUPT).isNotNull(),
          "the row could not be split into the expected columns (broken quoting or wrong delimiter)"),
      new Rule("missing_response_id", blank(col(RESPONSE_ID)),
          "response_id is empty, so the answer cannot be identified or de-duplicated"),
      new Rule("score_not_a_number", blank(col(SCORE)).or(not(col(SCORE).rlike(INTEGER))),
          "score is not a whole number"),
      new Rule("score_out_of_range", col(SCORE_VALUE).lt(0).or(col(SCORE_VALUE).gt(10)),
          "score is outside 0-10"),
      new Rule("unparseable_timestamp", col(RESPONDED_AT_UTC).isNull(),
          "submitted_at matches none of the configured timestamp patterns"),
      new Rule("missing_customer_id", blank(col("customer_id")),
          "customer_id is empty, so the answer cannot be joined to CRM"),
      new Rule("unknown_survey_type", not(lower(trim(col("survey_type"))).isin(SURVEY_TYPES.toArray())),
          "survey_type must be transactional or relational"));

  /** The duplicate check of {@link #flagDuplicates}, run on the rows of repeated response ids only. */
  public static final Copies COPIES = new Copies(List.of(RESPONSE_ID), ResponseIngest::flagDuplicates);

  /** Rule name for the copies of a response id that are not kept. */
  public static final String DUPLICATE_RULE = "duplicate_response_id";

  private ResponseIngest() {}

  public static Column blank(Column c) {
    return c.isNull().or(trim(c).equalTo(""));
  }

  /** The raw fields as JSON, or the unsplit text of a malformed row. */
  public static Column rawRecord(org.apache.spark.sql.types.StructType schema) {
    Column[] fields = Arrays.stream(schema.fieldNames()).map(c -> col(c)).toArray(Column[]::new);
    return when(col(SourceReader.CORRUPT).isNotNull(), col(SourceReader.CORRUPT)).otherwise(to_json(struct(fields)));
  }

  /** Adds typed score, UTC timestamp, business date and the raw-record JSON. */
  public static Dataset<Row> parse(Dataset<Row> raw, String timestampPatterns, String businessTimeZone) {
    Column utc = Timestamps.parseUtc(col("submitted_at"), timestampPatterns, businessTimeZone);
    return raw
        .withColumn(RAW_RECORD, rawRecord(InputSchemas.RESPONSES))
        .withColumn(SCORE_VALUE, when(col(SCORE).rlike(INTEGER), trim(col(SCORE)).cast(DataTypes.IntegerType)))
        .withColumn(RESPONDED_AT_UTC, utc)
        .withColumn(RESPONSE_DATE, Timestamps.businessDate(utc, businessTimeZone));
  }

  /**
   * Keeps rows answered within [from, to] (business days), and rows whose date is unknown: those
   * are quarantined by every run that reads them (the quarantine id makes that idempotent).
   */
  public static Dataset<Row> inWindow(Dataset<Row> parsed, LocalDate from, LocalDate to) {
    Column date = col(RESPONSE_DATE);
    return parsed.filter(date.isNull().or(date.between(java.sql.Date.valueOf(from), java.sql.Date.valueOf(to))));
  }

  /**
   * Among rows that passed the other rules, the earliest answer for a response id is kept (a
   * survey tool that re-sends on a retry or an edit sends the first answer first; what the
   * customer said first is what the case was opened on). Ties: by source name, then raw content.
   */
  public static Dataset<Row> flagDuplicates(Dataset<Row> flagged) {
    Column valid = col(RowRules.RULE).isNull();
    // Partitioned by validity too: an invalid copy must not take the place of the one kept.
    Column order = row_number().over(Window.partitionBy(col(RESPONSE_ID), valid)
        .orderBy(col(RESPONDED_AT_UTC), col(SourceReader.SOURCE), sha2(col(RAW_RECORD), 256)));
    Column isCopy = valid.and(order.gt(1));
    return flagged
        .withColumn(RowRules.RULE,
            when(isCopy, lit(DUPLICATE_RULE)).otherwise(col(RowRules.RULE)))
        .withColumn(RowRules.REASON,
            when(isCopy, lit("another answer with the same response_id was submitted earlier and is kept"))
                .otherwise(col(RowRules.REASON)));
  }

  /**
   * An answer whose response id was already loaded by an earlier run with an earlier submission
   * time is a late duplicate: the same keep-the-earliest rule as within a run. The same answer
   * read again (same time) passes, and the MERGE leaves it unchanged unless its content changed.
   */
  public static Dataset<Row> flagAlreadyLoaded(Dataset<Row> flagged, Dataset<Row> loaded) {
    Dataset<Row> earlier = loadedWithIdsOf(flagged, loaded)
        .select(col(RESPONSE_ID).as("_loaded_id"), col(RESPONDED_AT_UTC).as("_loaded_at"));
    Column copy = col(RowRules.RULE).isNull().and(col("_loaded_at").lt(col(RESPONDED_AT_UTC)));
    return flagged.join(earlier, col(RESPONSE_ID).equalTo(col("_loaded_id")), "left")
        .withColumn(RowRules.RULE,
            when(copy, lit(DUPLICATE_RULE)).otherwise(col(RowRules.RULE)))
        .withColumn(RowRules.REASON,
            when(copy, lit("an earlier answer with the same response_id was loaded by an earlier run"))
                .otherwise(col(RowRules.REASON)))
        .drop("_loaded_id", "_loaded_at");
  }

  /**
   * The loaded answers (response_id, responded_at_utc) whose id is among {@code flagged}'s, as a
   * plan Spark cannot trace back to the table: rows of an RDD.
   *
   * <p>Why: Spark drops and re-runs a cached plan once a table in it changes. With the table in
   * the plan, the run's own MERGE into responses_enriched made Spark re-run the ingest and the
   * whole enrichment of the night (every reference input joined again) in the loop stage. The
   * RDD still reads the files of the snapshot it was planned on (a MERGE removes no file), so a
   * lost partition is recomputed to the same rows.
   */
  public static Dataset<Row> loadedSnapshot(Dataset<Row> flagged, Dataset<Row> loaded) {
    Dataset<Row> lookup = loadedWithIdsOf(flagged, loaded).select(col(RESPONSE_ID), col(RESPONDED_AT_UTC));
    return lookup.sparkSession().createDataFrame(lookup.javaRDD(), lookup.schema());
  }

  private static Dataset<Row> loadedWithIdsOf(Dataset<Row> flagged, Dataset<Row> loaded) {
    // Only loaded rows with an id of this run can matter. Semi-joined against the run's ids (a
    // nightly's few thousand: broadcast), the table is scanned for two columns and never shuffled.
    Dataset<Row> ids = flagged.select(col(RESPONSE_ID).as("_run_id")).distinct();
    return loaded.join(ids, col(RESPONSE_ID).equalTo(col("_run_id")), "left_semi");
  }
}
