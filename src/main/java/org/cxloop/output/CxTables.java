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

  /**
   * Tables that downstream systems load incrementally (responses_enriched, followup_cases) also keep
   * a Change Data Feed ({@code table_changes}, Kernel and Spark read it). It raises the writer
   * version only (see docs/bi.md); a table created without it gets it on the next run
   * ({@link Maintenance#ensureProperties}).
   */
  private static final Map<String, String> WITH_CHANGE_FEED = withChangeFeed();

  private static Map<String, String> withChangeFeed() {
    Map<String, String> m = new java.util.LinkedHashMap<>(COMMON);
    m.put("delta.enableChangeDataFeed", "true");
    // Legacy writer version 4 (the one that introduced CDF) instead of table features (1,7):
    // writers that predate table features can still write; readers are unaffected either way.
    m.put("delta.minWriterVersion", "4");
    return java.util.Collections.unmodifiableMap(m);
  }

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
      .add(field("value_tier", S, "Customer value tier by annual_value_pln (value.tiers): top, high, standard"))
      .add(field("manager_chain", STRINGS, "Managers above the serving employee on the response date, nearest first"))
      .add(field("response_weight", DBL, "Weight of the answer in weighted NPS (nps.weights); 1 when unweighted"))
      .add(field("crm_matched", B, "False when no CRM row was valid for the customer on the response date"))
      .add(field("interaction_matched", B, "False when the transaction_id was not found in the interactions"))
      .add(field("kw_categories", STRINGS, "Keyword model: every category the comment mentions"))
      .add(field("kw_primary_category", S, "Keyword model: the category with most matched terms"))
      .add(field("kw_sentiment_score", DBL, "Keyword model: sentiment from -1 (negative) to +1 (positive)"))
      .add(field("kw_sentiment_label", S, "Keyword model: negative, neutral or positive"))
      .add(field("kw_matched_terms", STRINGS, "Keyword model: the terms that matched, so an analyst can see why"))
      .add(field("kw_negated", B, "Keyword model: a sentiment term was flipped by a negation"))
      .add(field("ml_sentiment_label", S, "Trained model: negative, neutral or positive (empty without a comment or an approved model)"))
      .add(field("ml_sentiment_probability", new MapType(S, DBL, true), "Trained model: probability of each sentiment label"))
      .add(field("ml_category", S, "Trained model: the most probable category"))
      .add(field("ml_category_probability", new MapType(S, DBL, true), "Trained model: probability of each category"))
      .add(field("primary_category", S, "Final category used by the reports (combined rule, README); empty when neither model could place the comment"))
      .add(field("sentiment_label", S, "Final sentiment used by the reports: negative, neutral, positive"))
      .add(field("label_source", S, "Which model decided the final sentiment: keyword, model or agree"))
      .add(field("label_confidence", DBL, "Confidence of the final sentiment, 0-1: model probability or keyword strength |score|"))
      .add(field("category_source", S, "Which model decided the final category: keyword, model or agree"))
      .add(field("category_confidence", DBL, "Confidence of the final category, 0-1: model probability or keyword strength t/(t+1) for t terms"))
      .add(field("needs_review", B, "True when sentiment or category confidence is below model.combine.review_below, or no category was found"))
      .add(field("row_hash", S, "Hash of the business columns: a re-run rewrites a row only when this changes"))
      .add(field("first_loaded_run_id", S, "Run that first loaded the answer (see run_audit)"))
      .add(field("last_changed_run_id", S, "Run that last changed the answer (see run_audit)")),
      List.of("response_month"),
      "One row per valid survey answer, joined to CRM, interaction and employee as they were when the "
          + "customer answered, with keyword category and sentiment. Personal data is redacted.",
      WITH_CHANGE_FEED);

  public static final TableDef NPS_SUMMARY = new TableDef("nps_summary", new StructType()
      .add(field("grain", S, "Period length: day, week (ISO, Monday-Sunday) or month"))
      .add(field("period_start", D, "First day of the period"))
      .add(field("period_end", D, "Last day of the period"))
      .add(field("survey_type", S, "transactional or relational: never mixed in one cell"))
      .add(field("dimension", S, "What the cell is cut by: company, segment, touchpoint, cohort_month, channel, team, manager_rollup, ..."))
      .add(field("dimension_value", S, "Value of the dimension; (unknown) when not known, (all) for company"))
      .add(field("n", L, "Answers in the cell"))
      .add(field("promoters", L, "Answers scoring 9-10"))
      .add(field("passives", L, "Answers scoring 7-8"))
      .add(field("detractors", L, "Answers scoring 0-6"))
      .add(field("w_sum", DBL, "Sum of answer weights (= n when unweighted)"))
      .add(field("w2_sum", DBL, "Sum of squared answer weights (= n when unweighted)"))
      .add(field("w_promoters", DBL, "Weighted promoters"))
      .add(field("w_detractors", DBL, "Weighted detractors"))
      .add(field("n_eff", DBL, "Kish effective sample size (sum w)^2 / sum w^2; = n when unweighted"))
      .add(field("pct_promoters", DBL, "Weighted promoters as a percentage"))
      .add(field("pct_detractors", DBL, "Weighted detractors as a percentage"))
      .add(field("below_min_n", B, "True when n_eff is below nps.min.n: NPS, intervals and comparisons are left empty as noise"))
      .add(field("nps", DBL, "Net Promoter Score: % promoters - % detractors, -100..100"))
      .add(field("nps_se", DBL, "Standard error of the NPS in NPS points: 100 sqrt((pP + pD - (pP - pD)^2) / n_eff)"))
      .add(field("nps_ci_low", DBL, "Lower bound of the Wald interval at nps.confidence"))
      .add(field("nps_ci_high", DBL, "Upper bound of the Wald interval"))
      .add(field("nps_adj_ci_low", DBL, "Lower bound of the adjusted-Wald interval (+0.75 promoter, +1.5 passive, +0.75 detractor)"))
      .add(field("nps_adj_ci_high", DBL, "Upper bound of the adjusted-Wald interval"))
      .add(field("prev_nps", DBL, "NPS of the same dimension value in the previous period of the same grain"))
      .add(field("nps_change", DBL, "nps - prev_nps"))
      .add(field("nps_change_se", DBL, "Standard error of the change: sqrt(se^2 + prev_se^2)"))
      .add(field("nps_change_z", DBL, "nps_change / nps_change_se"))
      .add(field("nps_change_p", DBL, "Two-sided p-value of the change"))
      .add(field("nps_change_significant", B, "True when nps_change_p < nps.significance.level"))
      .add(field("rest_nps", DBL, "NPS of the rest of the company (everyone not in this cell) in the same period"))
      .add(field("nps_vs_rest", DBL, "nps - rest_nps"))
      .add(field("nps_vs_rest_se", DBL, "Standard error of the gap to the rest"))
      .add(field("nps_vs_rest_z", DBL, "nps_vs_rest / nps_vs_rest_se"))
      .add(field("nps_vs_rest_p", DBL, "Two-sided p-value of the gap to the rest"))
      .add(field("nps_vs_rest_significant", B, "True when nps_vs_rest_p < nps.significance.level")),
      List.of("grain", "dimension"),
      "NPS by period (day, week, month) and dimension, with n, standard error, intervals, change vs the previous "
          + "period and gap to the rest of the company with significance; cells below the minimum n are flagged and left empty.",
      COMMON);

  public static final TableDef CATEGORY_SENTIMENT = new TableDef("category_sentiment", new StructType()
      .add(field("grain", S, "week or month"))
      .add(field("period_start", D, "First day of the period"))
      .add(field("period_end", D, "Last day of the period"))
      .add(field("survey_type", S, "transactional or relational"))
      .add(field("category", S, "Taxonomy category"))
      .add(field("answers", L, "All answers in the period"))
      .add(field("comments", L, "Answers with a comment"))
      .add(field("mentions", L, "Answers whose comment mentions the category"))
      .add(field("share_of_comments", DBL, "mentions / comments"))
      .add(field("negative_mentions", L, "Mentions in comments labelled negative"))
      .add(field("neutral_mentions", L, "Mentions in comments labelled neutral"))
      .add(field("positive_mentions", L, "Mentions in comments labelled positive"))
      .add(field("negative_share", DBL, "negative_mentions / mentions"))
      .add(field("others_negative_share", DBL, "Negative share of all other categories' mentions pooled"))
      .add(field("negative_share_z", DBL, "Two-proportion z of negative_share vs others_negative_share"))
      .add(field("negative_share_p", DBL, "One-sided p-value of that test"))
      .add(field("m_promoters", L, "Promoters among the answers mentioning the category"))
      .add(field("m_detractors", L, "Detractors among the answers mentioning the category"))
      .add(field("nps_mentioners", DBL, "NPS of answers mentioning the category"))
      .add(field("nps_non_mentioners", DBL, "NPS of all other answers in the period"))
      .add(field("nps_gap", DBL, "nps_mentioners - nps_non_mentioners"))
      .add(field("nps_gap_se", DBL, "Standard error of the gap"))
      .add(field("detractor_value_at_stake_pln", DBL, "Annual value of detractors who mention the category"))
      .add(field("standout_negative_share", B, "Far more negative than the other categories (see standout_reason)"))
      .add(field("standout_costly", B, "Few complaints but a large share of detractor value (see standout_reason)"))
      .add(field("standout_reason", S, "Why the category stands out, with the numbers and the test")),
      List.of("grain"),
      "Category x sentiment statistics per week and month with the standout flags: where complaints concentrate "
          + "and where they are few but costly.",
      COMMON);

  public static final TableDef NPS_DRIVERS = new TableDef("nps_drivers", NpsDriversSchema.withComments(), List.of(),
      "Which categories move NPS per month: raw NPS gap of mentioners vs non-mentioners with its interval, and the "
          + "NPS effect of mentioning a category holding the other categories and the segment fixed (linear "
          + "probability model), ranked by effect x share of comments.",
      COMMON);

  public static final TableDef ACCOUNT_NPS = new TableDef("account_nps", new StructType()
      .add(field("period_start", D, "Month the account score is for"))
      .add(field("account_id", S, "B2B account"))
      .add(field("respondents", L, "Contacts whose latest answer in the window counts"))
      .add(field("roles", STRINGS, "Roles of those contacts"))
      .add(field("segment", S, "Account segment at its latest answer"))
      .add(field("annual_value_pln", DataTypes.createDecimalType(14, 2), "Annual value at its latest answer"))
      .add(field("window_start", D, "First month of the trailing window (account.window.months)"))
      .add(field("window_end", D, "Last day of the window"))
      .add(field("weighted_score", DBL, "Role-weighted mean score (account.role.weights)"))
      .add(field("account_nps", DBL, "Role-weighted NPS of the account's contacts, -100..100"))
      .add(field("account_nps_se", DBL, "Its standard error over Kish's effective n"))
      .add(field("account_class", S, "promoter (weighted_score >= 9), passive (>= 7) or detractor"))
      .add(field("prev_account_nps", DBL, "account_nps of the previous, non-overlapping window"))
      .add(field("prev_account_nps_se", DBL, "Its standard error"))
      .add(field("prev_account_class", S, "account_class of the previous window"))
      .add(field("account_nps_change", DBL, "account_nps - prev_account_nps"))
      .add(field("fell_significantly", B, "NPS fell with p < nps.significance.level (needs SE > 0 in both windows)"))
      .add(field("revenue_at_risk_pln", DataTypes.createDecimalType(14, 2), "Annual value when the account is a detractor or fell significantly; else 0")),
      List.of(),
      "B2B account NPS per month: several respondents per account combined by role weights, with class and revenue at risk.",
      COMMON);

  public static final TableDef NPS_COHORTS = new TableDef("nps_cohorts", new StructType()
      .add(field("cohort_kind", S, "What the cohort is: cohort_month (signup month: the heat map) or a label column of nps.cohort.labels (plan, segment, region, value_tier)"))
      .add(field("cohort", S, "The cohort: signup month yyyy-MM, or the label's value on the answer date ((unknown) when empty)"))
      .add(field("cohort_month", D, "Signup month of the customers (cohort_kind = cohort_month); empty for label cohorts, which pool all signup months"))
      .add(field("response_month", D, "Month of the answers"))
      .add(field("months_since_signup", I, "Whole months from signup month to answer month"))
      .add(field("survey_type", S, "transactional or relational"))
      .add(field("n", L, "Answers"))
      .add(field("promoters", L, "Answers 9-10"))
      .add(field("passives", L, "Answers 7-8"))
      .add(field("detractors", L, "Answers 0-6"))
      .add(field("n_eff", DBL, "Effective n (= n, unweighted)"))
      .add(field("below_min_n", B, "True when n is below nps.min.n: NPS left empty"))
      .add(field("nps", DBL, "NPS"))
      .add(field("nps_se", DBL, "Standard error"))
      .add(field("nps_ci_low", DBL, "Wald interval, low"))
      .add(field("nps_ci_high", DBL, "Wald interval, high"))
      .add(field("nps_adj_ci_low", DBL, "Adjusted-Wald interval, low (+0.75 promoter, +1.5 passive, +0.75 detractor), as in nps_summary"))
      .add(field("nps_adj_ci_high", DBL, "Adjusted-Wald interval, high")),
      List.of(),
      "NPS by cohort x months since signup: signup month (cohort_kind = cohort_month, a heat map of how customers' "
          + "loyalty develops) and each label of nps.cohort.labels (plan, segment, ...); filter on cohort_kind.",
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
      .add(field("rows_deleted", new MapType(S, L, true), "Rows deleted per table; '<table>.sample_comments': rows "
          + "whose sample comments lost an erased comment; 'reports': HTML run reports rewritten or deleted"))
      .add(field("nps_cells_recomputed", L, "Aggregate rows recomputed (nps_summary and the other aggregate tables) for the periods the deleted answers were in"))
      .add(field("vacuum_retention_hours", L, "Retention VACUUM ran with: older files holding the rows are gone now"))
      .add(field("erasure_complete_after_utc", TS, "From this time on no data file holds the rows: files newer than the "
          + "retention are removed by the next VACUUM (nightly, or forget run again)"))
      .add(field("status", S, "succeeded, or failed with the reason in error_message"))
      .add(field("error_message", S, "Why the erasure failed")),
      List.of(),
      "One row per erasure request (GDPR art. 17): when, how many rows per table; never the customer id.",
      COMMON);

  public static final TableDef DQ_RESULTS = new TableDef("dq_results", new StructType()
      .add(field("run_id", S, "Run the check belongs to (see run_audit)"))
      .add(field("check_name", S, "quarantine_share, responses_present, volume_vs_recent, crm_match_rate, interaction_match_rate"))
      .add(field("level", S, "error (a failure stops the run before BI tables are written) or warning"))
      .add(field("status", S, "passed or failed"))
      .add(field("observed_value", DBL, "What the run saw"))
      .add(field("threshold", DBL, "The limit it was compared with"))
      .add(field("message", S, "The result in words"))
      .add(field("hint", S, "What to look at when the check fails"))
      .add(field("checked_at_utc", TS, "When the check ran")),
      List.of(),
      "Data-quality check results, one row per check per run (Deequ style): the gate before the BI tables.",
      COMMON);

  // ---- closing the loop (org.cxloop.loop) ------------------------------------------------------

  public static final TableDef FOLLOWUP_CASES = new TableDef("followup_cases", new StructType()
      .add(field("case_id", S, "sha2(response_id): one case per answer, so re-running a night never opens a case twice"))
      .add(field("response_id", S, "The answer that opened the case"))
      .add(field("customer_id", S, "CRM customer key"))
      .add(field("account_id", S, "B2B account"))
      .add(field("score", I, "The answer's score 0-10"))
      .add(field("comment", S, "The comment as in responses_enriched (personal data redacted when configured)"))
      .add(field("primary_category", S, "Final category of the comment"))
      .add(field("sentiment_label", S, "Final sentiment of the comment"))
      .add(field("touchpoint", S, "Touchpoint of the answer's interaction; empty for relational"))
      .add(field("team", S, "Team of the employee who served the answer; empty when nobody served"))
      .add(field("value_tier", S, "Customer value tier on the answer date: top, high, standard"))
      .add(field("reason_opened", S, "escalation:<kind>, callback_reason_unknown (detractor without comment), detractor or negative_comment"))
      .add(field("owner_id", S, "Manager of the serving employee on the answer date; the touchpoint owner (conf/loop) when nobody served"))
      .add(field("escalated_to", S, "The owner's manager (employees as of the run date), set once the case is overdue"))
      .add(field("priority", S, "P1, P2 or P3 (rule in README: escalation signal, value tier, score)"))
      .add(field("due_at_utc", TS, "opened_at_utc + loop.sla.hours.<priority>"))
      .add(field("progress_status", S, "open, in_progress or closed: the last status applied from the case updates feed; never goes backwards"))
      .add(field("status", S, "progress_status, or overdue when not closed and past due at the end of the run date"))
      .add(field("opened_at_utc", TS, "When the customer answered"))
      .add(field("updated_at_utc", TS, "Last applied update from the feed (opened_at_utc before any)"))
      .add(field("closed_at_utc", TS, "When the case was closed"))
      .add(field("closed_within_sla", B, "closed_at_utc <= due_at_utc; empty while not closed"))
      .add(field("last_note", S, "Note of the last applied update"))
      .add(field("first_loaded_run_id", S, "Run that opened the case (see run_audit); named like responses_enriched so run-comparing tools skip it")),
      List.of(),
      "Closed-loop follow-up queue: one case per detractor or negative/escalating comment, with owner, priority, "
          + "due time and status merged from the case updates feed.",
      // Case tools load the queue incrementally (new cases, status changes): they read the change feed.
      WITH_CHANGE_FEED);

  public static final TableDef FOLLOWUP_SLA = new TableDef("followup_sla", new StructType()
      .add(field("week_start", D, "Monday of the ISO week the cases were opened in (business time zone)"))
      .add(field("week_end", D, "Sunday of that week"))
      .add(field("owner_id", S, "Case owner"))
      .add(field("team", S, "Team that served the answers; (none) when nobody served"))
      .add(field("opened", L, "Cases opened"))
      .add(field("closed", L, "Of those, closed by now"))
      .add(field("closed_within_sla", L, "Closed by their due time"))
      .add(field("closed_within_sla_share", DBL, "closed_within_sla / opened"))
      .add(field("median_hours_to_close", DBL, "Median hours from opening to closing, closed cases (exact median)"))
      .add(field("overdue_now", L, "Of those, overdue at the end of the last run date")),
      List.of(),
      "Follow-up SLA per owner, team and ISO week of opening; recomputed in full every run.",
      COMMON);

  public static final TableDef OWNER_ACTIONS = new TableDef("owner_actions", new StructType()
      .add(field("week_start", D, "Monday of the ISO week"))
      .add(field("week_end", D, "Sunday of the week"))
      .add(field("owner_id", S, "Process owner of the category (conf/loop/process_owners.properties; (unassigned) when none)"))
      .add(field("category", S, "Category that stands out this week"))
      .add(field("survey_type", S, "transactional or relational"))
      .add(field("standout", S, "negative_share (far more negative than the others) or costly (few complaints, much detractor value)"))
      .add(field("standout_reason", S, "Why it stands out, from category_sentiment"))
      .add(field("mentions", L, "Answers mentioning the category this week"))
      .add(field("negative_share", DBL, "Negative mentions / mentions"))
      .add(field("nps_gap", DBL, "NPS of mentioners - NPS of the others, in NPS points"))
      .add(field("prev_mentions", L, "Mentions in the previous week"))
      .add(field("prev_negative_share", DBL, "Negative share in the previous week"))
      .add(field("negative_share_change", DBL, "negative_share - prev_negative_share"))
      .add(field("trend", S, "worse / better (negative share up / down by at least 5 points), steady, or new (no mentions last week)"))
      .add(field("sample_comments", STRINGS, "Up to 3 negative comments mentioning the category this week (redacted), lowest scores first")),
      List.of(),
      "The outer loop: per process owner and week, their categories that stand out, with volume, NPS gap, trend "
          + "and sample comments.",
      COMMON);

  public static final TableDef INITIATIVE_IMPACT = new TableDef("initiative_impact", new StructType()
      .add(field("initiative_id", S, "Initiative id from the initiatives input"))
      .add(field("description", S, "What was changed"))
      .add(field("category", S, "Category the initiative addresses"))
      .add(field("survey_type", S, "Survey type the effect is measured on"))
      .add(field("treated_by", S, "Treated group: the rule (segment/region/touchpoint/channel/team) and/or customer list"))
      .add(field("control_by", S, "Control group: untreated answers in the same segments/touchpoints"))
      .add(field("start_date", D, "First day of the initiative"))
      .add(field("end_date", D, "Last day (empty: still running)"))
      .add(field("before_start", D, "First day of the before window"))
      .add(field("before_end", D, "Last day of the before window"))
      .add(field("after_start", D, "First day of the after window"))
      .add(field("after_end", D, "Last day of the after window (cut at end_date and the run date)"))
      .add(field("treated_before_n", L, "Answers, treated, before"))
      .add(field("treated_after_n", L, "Answers, treated, after"))
      .add(field("control_before_n", L, "Answers, control, before"))
      .add(field("control_after_n", L, "Answers, control, after"))
      .add(field("treated_before_nps", DBL, "NPS, treated, before"))
      .add(field("treated_after_nps", DBL, "NPS, treated, after"))
      .add(field("control_before_nps", DBL, "NPS, control, before"))
      .add(field("control_after_nps", DBL, "NPS, control, after"))
      .add(field("did_nps", DBL, "Difference in differences: (treated after - before) - (control after - before), NPS points"))
      .add(field("did_se", DBL, "sqrt of the sum of the four cells' squared NPS standard errors"))
      .add(field("did_ci_low", DBL, "did_nps - z did_se (z for nps.confidence)"))
      .add(field("did_ci_high", DBL, "did_nps + z did_se"))
      .add(field("category_negative_share_before", DBL, "Treated answers: negative mentions / mentions of the category, before"))
      .add(field("category_negative_share_after", DBL, "The same, after"))
      .add(field("verdict", S, "improved, worsened (roll-back candidate), no detectable effect, or too few answers"))
      .add(field("verdict_reason", S, "The rule that gave the verdict, with the numbers")),
      List.of(),
      "Effect of each initiative: NPS of treated vs comparable untreated answers before and after its start, "
          + "difference in differences with its interval, and a verdict.",
      COMMON);

  /** Tables a run writes and restores on failure (run_audit and dq_results are kept). */
  public static final List<TableDef> DATA_TABLES = List.of(RESPONSES_ENRICHED, NPS_SUMMARY, QUARANTINE,
      CATEGORY_SENTIMENT, NPS_DRIVERS, ACCOUNT_NPS, NPS_COHORTS,
      FOLLOWUP_CASES, FOLLOWUP_SLA, OWNER_ACTIONS, INITIATIVE_IMPACT);

  /**
   * Tables every nightly run writes, registers by name and keeps compact: the data tables plus the
   * run's own records (run_audit, dq_results). erasure_log and the model tables are written by
   * other jobs (forget, train, themes) and read by path.
   */
  public static final List<TableDef> BI_TABLES = biTables();

  private static List<TableDef> biTables() {
    List<TableDef> t = new java.util.ArrayList<>(DATA_TABLES);
    t.add(RUN_AUDIT);
    t.add(DQ_RESULTS);
    return List.copyOf(t);
  }
}
