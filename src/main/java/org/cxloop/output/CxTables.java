package org.cxloop.output;

import static org.cxloop.output.TableDef.field;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructType;

/** Every table cxloop writes, with the schema and the comments a BI user reads. */
public final class CxTables {

  private CxTables() {}

  private static final DataType S = DataTypes.StringType;
  private static final DataType D = DataTypes.DateType;
  private static final DataType TS = DataTypes.TimestampType;
  private static final DataType I = DataTypes.IntegerType;
  private static final DataType L = DataTypes.LongType;
  private static final DataType DBL = DataTypes.DoubleType;
  private static final DataType B = DataTypes.BooleanType;
  private static final ArrayType STRINGS = DataTypes.createArrayType(S, true);

  /** Table properties every cxloop table gets. */
  private static final Map<String, String> COMMON = Map.of(
      // Readers other than Spark (Delta Kernel, DuckDB, Trino) read protocol (1,2) tables; no
      // feature below needs more, so none is switched on.
      "delta.minReaderVersion", "1",
      "delta.minWriterVersion", "2");

  public static final TableDef RESPONSES_ENRICHED = new TableDef("responses_enriched", new StructType()
      .add(field("response_id", S, "Survey answer id from the survey tool; unique in this table"))
      .add(field("survey_id", S, "Questionnaire id"))
      .add(field("survey_type", S, "transactional (about one interaction) or relational (about the relationship)"))
      .add(field("source", S, "Input source the answer came from (responses, responses_legacy_pl, ...)"))
      .add(field("customer_id", S, "CRM customer key"))
      .add(field("account_id", S, "B2B account the customer belongs to (equals customer_id for consumers)"))
      .add(field("contact_id", S, "B2B: the person who answered for the account"))
      .add(field("contact_role", S, "B2B: role of the person who answered (procurement, finance, end_user, ...)"))
      .add(field("channel", S, "Channel the survey was answered in: web, email, sms, ivr, call_centre, shop, app"))
      .add(field("language", S, "Language the survey tool recorded (may be empty)"))
      .add(field("responded_at_utc", TS, "When the answer was submitted, UTC"))
      .add(field("response_date", D, "Business day of the answer in business.timezone"))
      .add(field("response_month", D, "First day of the answer's month (partition column)"))
      .add(field("score", I, "Likelihood to recommend, 0-10"))
      .add(field("nps_group", S, "promoter (9-10), passive (7-8) or detractor (0-6)"))
      .add(field("nps_points", I, "+100 promoter, 0 passive, -100 detractor: AVG(nps_points) is the NPS of any slice"))
      .add(field("comment", S, "Free-text comment, with e-mail addresses, phone and card numbers redacted"))
      .add(field("has_comment", B, "True when the customer wrote a non-empty comment"))
      .add(field("comment_language", S, "Language of the comment: recorded, or detected when missing (pl, ru, en)"))
      .add(field("transaction_id", S, "Interaction the answer is about (transactional surveys)"))
      .add(field("touchpoint", S, "purchase, delivery, support_call, billing, returns, onboarding; empty for relational"))
      .add(field("interaction_channel", S, "Channel of the interaction itself"))
      .add(field("interaction_started_at_utc", TS, "When the interaction started, UTC"))
      .add(field("wait_time_s", I, "Seconds the customer waited before being served"))
      .add(field("handle_time_s", I, "Seconds the interaction took once served"))
      .add(field("resolved", B, "Whether the interaction resolved the customer's matter"))
      .add(field("employee_id", S, "Employee who served the interaction (empty for self-service)"))
      .add(field("team", S, "Team of that employee on the response date"))
      .add(field("department", S, "Department of that employee on the response date"))
      .add(field("manager_id", S, "Manager of that employee on the response date"))
      .add(field("segment", S, "Customer segment valid on the response date (consumer, small_business, corporate)"))
      .add(field("region", S, "Customer region valid on the response date"))
      .add(field("plan", S, "Product plan valid on the response date"))
      .add(field("annual_value_pln", DataTypes.createDecimalType(14, 2), "Customer's annual value in PLN, valid on the response date"))
      .add(field("signup_date", D, "Day the customer signed up"))
      .add(field("cohort_month", D, "Signup month (cohort), first day"))
      .add(field("crm_matched", B, "False when no CRM row was valid for the customer on the response date"))
      .add(field("interaction_matched", B, "False when the transaction_id was not found in the interactions"))
      .add(field("kw_categories", STRINGS, "Keyword model: every category the comment mentions"))
      .add(field("kw_primary_category", S, "Keyword model: the category with most matched terms"))
      .add(field("kw_sentiment_score", DBL, "Keyword model: sentiment from -1 (negative) to +1 (positive)"))
      .add(field("kw_sentiment_label", S, "Keyword model: negative, neutral or positive"))
      .add(field("kw_matched_terms", STRINGS, "Keyword model: the terms that matched, so an analyst can see why"))
      .add(field("kw_negated", B, "Keyword model: a sentiment term was flipped by a negation"))
      .add(field("primary_category", S, "Final category used by the reports"))
      .add(field("sentiment_label", S, "Final sentiment used by the reports: negative, neutral, positive"))
      .add(field("label_source", S, "Which model decided the final labels"))
      .add(field("row_hash", S, "Hash of the business columns: a re-run rewrites a row only when this changes"))
      .add(field("first_loaded_run_id", S, "Run that first loaded the answer (see run_audit)"))
      .add(field("last_changed_run_id", S, "Run that last changed the answer (see run_audit)")),
      List.of("response_month"),
      "One row per valid survey answer, joined to CRM, interaction and employee as they were when the "
          + "customer answered, with keyword category and sentiment. Personal data is redacted.",
      COMMON);

  public static final TableDef NPS_SUMMARY = new TableDef("nps_summary", new StructType()
      .add(field("grain", S, "Period length: day, week (ISO, Monday-Sunday) or month"))
      .add(field("period_start", D, "First day of the period"))
      .add(field("period_end", D, "Last day of the period"))
      .add(field("survey_type", S, "transactional or relational: never mixed in one cell"))
      .add(field("dimension", S, "What the cell is cut by: company, segment, touchpoint, cohort_month, channel, ..."))
      .add(field("dimension_value", S, "Value of the dimension; (unknown) when not known, (all) for company"))
      .add(field("n", L, "Answers in the cell"))
      .add(field("promoters", L, "Answers scoring 9-10"))
      .add(field("passives", L, "Answers scoring 7-8"))
      .add(field("detractors", L, "Answers scoring 0-6"))
      .add(field("pct_promoters", DBL, "Promoters as a percentage of n"))
      .add(field("pct_detractors", DBL, "Detractors as a percentage of n"))
      .add(field("below_min_n", B, "True when n is below nps.min.n: NPS and interval are left empty as noise"))
      .add(field("nps", DBL, "Net Promoter Score: % promoters - % detractors, -100..100"))
      .add(field("nps_se", DBL, "Standard error of the NPS, in NPS points"))
      .add(field("nps_ci_low", DBL, "Lower bound of the NPS confidence interval (nps.confidence, Wald)"))
      .add(field("nps_ci_high", DBL, "Upper bound of the NPS confidence interval")),
      List.of("grain", "dimension"),
      "NPS by period (day, week, month) and dimension, with n, standard error and interval; cells "
          + "below the minimum n are flagged and left empty.",
      COMMON);

  public static final TableDef QUARANTINE = new TableDef("quarantine", new StructType()
      .add(field("quarantine_id", S, "Stable id of the quarantined row: the same bad row is never listed twice"))
      .add(field("source", S, "Input source (responses, crm_customers, interactions, ...)"))
      .add(field("record_key", S, "The row's key when it has one (response_id, customer_id, ...)"))
      .add(field("rule", S, "Name of the first rule the row broke"))
      .add(field("reason", S, "What is wrong with the row, in words"))
      .add(field("raw_record", S, "The row as read: its fields as JSON, or the unsplit line"))
      .add(field("response_date", D, "Business day of the row when it could be read"))
      .add(field("run_id", S, "Run that first quarantined the row"))
      .add(field("quarantined_at_utc", TS, "When it was first quarantined")),
      List.of("source"),
      "Input rows that broke a validation rule, with the rule and the raw content; nothing is dropped silently.",
      COMMON);

  public static final TableDef RUN_AUDIT = new TableDef("run_audit", new StructType()
      .add(field("run_id", S, "Id of the run"))
      .add(field("job", S, "Job that ran (nightly, ...)"))
      .add(field("run_date_from", D, "First business day the run took in"))
      .add(field("run_date_to", D, "Last business day the run took in"))
      .add(field("status", S, "running, succeeded, failed (tables restored) or aborted (killed; restored by the next run)"))
      .add(field("started_at_utc", TS, "Start, UTC"))
      .add(field("ended_at_utc", TS, "End, UTC"))
      .add(field("duration_s", DBL, "Wall time in seconds"))
      .add(field("rows_read", L, "Input rows read in the run window, all sources"))
      .add(field("rows_accepted", L, "Rows that passed validation"))
      .add(field("rows_quarantined", L, "Rows sent to quarantine"))
      .add(field("responses_inserted", L, "New answers written to responses_enriched"))
      .add(field("responses_updated", L, "Answers whose content changed"))
      .add(field("responses_without_crm", L, "Answers with no CRM row valid on their date"))
      .add(field("responses_without_interaction", L, "Transactional answers whose interaction was not found"))
      .add(field("nps_cells_written", L, "nps_summary cells recomputed"))
      .add(field("stage_counts", new MapType(S, L, true), "Detailed counts: read/accepted/quarantined per source and rule"))
      .add(field("table_versions_before", new MapType(S, L, true), "Delta version of each table before the run: what a failed run is restored to"))
      .add(field("error_message", S, "Why the run failed"))
      .add(field("spark_app_id", S, "Spark application id")),
      List.of(),
      "One row per cxloop run: what it took in, what it wrote, how it ended.",
      COMMON);

  public static final TableDef ERASURE_LOG = new TableDef("erasure_log", new StructType()
      .add(field("request_id", S, "Id of the erasure request (given with --request-id, or generated)"))
      .add(field("requested_at_utc", TS, "When the forget job started, UTC"))
      .add(field("completed_at_utc", TS, "When the rows were deleted and VACUUM ran, UTC"))
      .add(field("subjects", L, "Number of customer ids in the request"))
      .add(field("subject_hashes", STRINGS, "HMAC-SHA256 of 'erasure:' + each id under the pseudonym key: whoever holds "
          + "the key and an id can confirm it was erased; the log itself holds no id"))
      .add(field("rows_deleted", new MapType(S, L, true), "Rows deleted per table"))
      .add(field("nps_cells_recomputed", L, "nps_summary cells recomputed for the periods the deleted answers were in"))
      .add(field("vacuum_retention_hours", L, "Retention VACUUM ran with: older files holding the rows are gone now"))
      .add(field("erasure_complete_after_utc", TS, "From this time on no data file holds the rows: files newer than the "
          + "retention are removed by the next VACUUM (nightly, or forget run again)"))
      .add(field("status", S, "succeeded, or failed with the reason in error_message"))
      .add(field("error_message", S, "Why the erasure failed")),
      List.of(),
      "One row per erasure request (GDPR art. 17): when, how many rows per table; never the customer id.",
      COMMON);

  /** Tables a run writes and restores on failure (run_audit itself is kept). */
  public static final List<TableDef> DATA_TABLES = List.of(RESPONSES_ENRICHED, NPS_SUMMARY, QUARANTINE);
}
