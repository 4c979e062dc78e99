package org.cxloop.loop;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.cxloop.ingest.InputSchemas;
import org.cxloop.ingest.ReferenceIngest;
import org.cxloop.ingest.ResponseIngest;
import org.cxloop.ingest.SourceReader;
import org.cxloop.ingest.Timestamps;
import org.cxloop.quality.Rule;

/**
 * The case updates feed (case_id, new_status, note, updated_at, closed_at) merged into
 * followup_cases, and the derived overdue status with its escalation.
 *
 * <p>Rules, in this order: a closed case stays closed; a status never goes backwards (open &lt;
 * in_progress &lt; closed); an update not newer than the case's last applied update is stale
 * (this is also what an update already applied by an earlier run is when the feed is read
 * again, so re-reading a feed changes nothing). Updates of one case in one batch are applied in
 * updated_at order. Rows that cannot be applied at all (unknown case id, unknown status,
 * unreadable time) are quarantined with the rule they broke.
 */
public final class CaseUpdates {

  /** Whether an accepted update was applied (true) or ignored as stale (false). */
  public static final String APPLIED = "applied";

  private CaseUpdates() {}

  /** Typed columns: status (lower case), updated_at_utc, closed_at_utc, note, raw_record, _known. */
  public static Dataset<Row> parse(Dataset<Row> raw, Dataset<Row> cases, String timestampPatterns, String tz) {
    Dataset<Row> known = cases.select(col("case_id").as("_known_case_id")).distinct();
    return raw
        .withColumn(ResponseIngest.RAW_RECORD, ResponseIngest.rawRecord(InputSchemas.CASE_UPDATES))
        .withColumn("case_id", ReferenceIngest.nullIfBlank(col("case_id")))
        .withColumn("status", lower(trim(col("new_status"))))
        .withColumn("note", ReferenceIngest.nullIfBlank(col("note")))
        .withColumn("updated_at_utc", Timestamps.parseUtc(col("updated_at"), timestampPatterns, tz))
        .withColumn("closed_at_utc", Timestamps.parseUtc(col("closed_at"), timestampPatterns, tz))
        .join(known, col("case_id").equalTo(col("_known_case_id")), "left")
        .withColumn("_known", col("_known_case_id").isNotNull())
        .drop("_known_case_id");
  }

  public static final List<Rule> RULES = List.of(
      new Rule("malformed_record", col(SourceReader.CORRUPT).isNotNull(),
          "the row could not be split into the expected columns (broken quoting or wrong delimiter)"),
      new Rule("missing_case_id", col("case_id").isNull(), "case_id is empty"),
      new Rule("unknown_status", not(coalesce(col("status").isin(FollowupCases.OPEN, FollowupCases.IN_PROGRESS,
          FollowupCases.CLOSED), lit(false))), "new_status is not one of open, in_progress, closed"),
      new Rule("unparseable_timestamp", col("updated_at_utc").isNull(),
          "updated_at matches none of the configured timestamp patterns"),
      new Rule("bad_closed_at", not(ResponseIngest.blank(col("closed_at"))).and(col("closed_at_utc").isNull()),
          "closed_at is neither empty nor a timestamp in one of the configured patterns"),
      new Rule("unknown_case_id", not(col("_known")), "no follow-up case has this case_id"));

  static Column rank(Column status) {
    return when(status.equalTo(FollowupCases.OPEN), lit(0)).when(status.equalTo(FollowupCases.IN_PROGRESS), lit(1))
        .when(status.equalTo(FollowupCases.CLOSED), lit(2));
  }

  /**
   * Adds {@link #APPLIED} to each accepted update. An update applies when it is newer than the
   * case's last applied update, the case was not closed before it, and its status is not below
   * the case's status before it (the running maximum over the case's earlier updates).
   */
  public static Dataset<Row> classify(Dataset<Row> updates, Dataset<Row> cases) {
    Dataset<Row> base = cases.select(col("case_id").as("_case_id"), rank(col("progress_status")).as("_base_rank"),
        col("updated_at_utc").as("_base_updated"));
    Column eligible = col("updated_at_utc").gt(col("_base_updated"));
    WindowSpec before = Window.partitionBy("case_id").orderBy(col("updated_at_utc"), col("_rank"), col("note"))
        .rowsBetween(Window.unboundedPreceding(), -1);
    Column prevMax = greatest(col("_base_rank"), coalesce(max(when(eligible, col("_rank"))).over(before), lit(-1)));
    return updates
        .join(base, col("case_id").equalTo(col("_case_id")), "inner")
        .withColumn("_rank", rank(col("status")))
        .withColumn(APPLIED, eligible.and(prevMax.lt(2)).and(col("_rank").geq(prevMax)))
        .drop("_case_id", "_base_rank", "_base_updated", "_rank");
  }

  /** Cases with the applied updates merged in (progress_status, updated_at_utc, closed_at_utc, last_note). */
  public static Dataset<Row> apply(Dataset<Row> cases, Dataset<Row> classified) {
    Dataset<Row> last = classified.filter(col(APPLIED))
        .withColumn("_n", row_number().over(Window.partitionBy("case_id")
            .orderBy(col("updated_at_utc").desc(), rank(col("status")).desc(), col("note").desc_nulls_last())))
        .filter(col("_n").equalTo(1))
        .select(col("case_id").as("_u_case_id"), col("status").as("_u_status"), col("note").as("_u_note"),
            col("updated_at_utc").as("_u_updated"), col("closed_at_utc").as("_u_closed"));
    return cases.join(last, col("case_id").equalTo(col("_u_case_id")), "left")
        .withColumn("progress_status", coalesce(col("_u_status"), col("progress_status")))
        .withColumn("updated_at_utc", coalesce(col("_u_updated"), col("updated_at_utc")))
        .withColumn("last_note", coalesce(col("_u_note"), col("last_note")))
        // Closed is final, so the last applied update of a closed case is the one that closed it.
        .withColumn("closed_at_utc", coalesce(col("closed_at_utc"),
            when(col("_u_status").equalTo(FollowupCases.CLOSED), coalesce(col("_u_closed"), col("_u_updated")))))
        .drop("_u_case_id", "_u_status", "_u_note", "_u_updated", "_u_closed");
  }

  /**
   * status, closed_within_sla and escalated_to as of {@code runEnd} (the end of the run's last
   * business day): a case that is not closed and past due is overdue and escalates to the
   * owner's manager on {@code asOf} (employees history); an escalation, once made, stays.
   *
   * @param employees accepted employee rows (employee_id, manager_id, valid_from_value, valid_to_value)
   */
  public static Dataset<Row> derive(Dataset<Row> cases, Timestamp runEnd, java.time.LocalDate asOf,
      Dataset<Row> employees) {
    java.sql.Date d = java.sql.Date.valueOf(asOf);
    Dataset<Row> managers = employees
        .filter(col("valid_from_value").leq(lit(d)).and(col("valid_to_value").isNull().or(col("valid_to_value").gt(lit(d)))))
        .select(col("employee_id").as("_owner"), ReferenceIngest.nullIfBlank(col("manager_id")).as("_owner_manager"))
        .dropDuplicates("_owner");
    Column overdue = col("progress_status").notEqual(FollowupCases.CLOSED).and(col("due_at_utc").lt(lit(runEnd)));
    return cases.join(managers, col("owner_id").equalTo(col("_owner")), "left")
        .withColumn("status", when(overdue, lit(FollowupCases.OVERDUE)).otherwise(col("progress_status")))
        .withColumn("escalated_to", coalesce(col("escalated_to"), when(overdue, col("_owner_manager"))))
        .withColumn("closed_within_sla", when(col("closed_at_utc").isNotNull(), col("closed_at_utc").leq(col("due_at_utc"))))
        .drop("_owner", "_owner_manager");
  }
}
