package org.cxloop.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every configuration key cxloop reads, with its default and one line of documentation. */
public final class Keys {

  private Keys() {}

  private static final Map<String, ConfigKey> ALL = new LinkedHashMap<>();

  private static ConfigKey declare(ConfigKey key) {
    if (ALL.put(key.name(), key) != null) {
      throw new IllegalStateException("configuration key declared twice: " + key.name());
    }
    return key;
  }

  // ---- where tables go -------------------------------------------------------------------
  public static final ConfigKey WAREHOUSE_DIR = declare(ConfigKey.of("warehouse.dir", "warehouse",
      "Folder (or URI: hdfs://, s3a://, abfss://) under which every cxloop Delta table is written."));
  public static final ConfigKey BUSINESS_TIMEZONE = declare(ConfigKey.of("business.timezone", "Europe/Warsaw",
      "Time zone that defines a business day: response_date and the day/week/month periods use it."));

  // ---- inputs ----------------------------------------------------------------------------
  /** The input sources; each has path/format/encoding/delimiter/timestamp keys below. */
  public enum Source {
    RESPONSES("responses", "data-samples/responses.csv", "UTF-8", ","),
    RESPONSES_LEGACY_PL("responses_legacy_pl", "", "windows-1250", ";"),
    RESPONSES_LEGACY_RU("responses_legacy_ru", "", "windows-1251", ";"),
    CRM_CUSTOMERS("crm_customers", "data-samples/crm_customers.csv", "UTF-8", ","),
    INTERACTIONS("interactions", "data-samples/interactions.csv", "UTF-8", ","),
    EMPLOYEES("employees", "data-samples/employees.csv", "UTF-8", ","),
    /** Follow-up case status updates from the CRM or ticket system (org.cxloop.loop). */
    CASE_UPDATES("case_updates", "", "UTF-8", ","),
    /** Changes the company made, whose effect initiative_impact measures (org.cxloop.loop). */
    INITIATIVES("initiatives", "", "UTF-8", ",");

    public final String id;
    public final ConfigKey path;
    public final ConfigKey format;
    public final ConfigKey encoding;
    public final ConfigKey delimiter;
    public final ConfigKey timestampFormats;

    Source(String id, String defaultPath, String defaultEncoding, String defaultDelimiter) {
      this.id = id;
      String p = "input." + id + ".";
      this.path = ConfigKey.of(p + "path", defaultPath,
          "Path of the " + id + " input (file or folder); empty means the source is not used.");
      this.format = ConfigKey.oneOf(p + "format", "csv",
          "Format of the " + id + " input.", "csv", "json", "parquet", "delta");
      this.encoding = new ConfigKey(p + "encoding", defaultEncoding,
          "Character encoding of a csv/json " + id + " input (legacy exports: windows-1250, windows-1251).",
          "a Java charset name such as UTF-8, windows-1250, windows-1251",
          v -> { try { return java.nio.charset.Charset.isSupported(v); } catch (Exception e) { return false; } },
          false);
      this.delimiter = new ConfigKey(p + "delimiter", defaultDelimiter,
          "Field delimiter of a csv " + id + " input.", "a single character", v -> v.length() == 1, false);
      this.timestampFormats = ConfigKey.of(p + "timestamp.formats",
          "yyyy-MM-dd'T'HH:mm:ssXXX|yyyy-MM-dd'T'HH:mm:ss.SSSXXX|dd.MM.yyyy HH:mm|yyyy-MM-dd HH:mm:ss",
          "Timestamp patterns tried in order (|-separated); a pattern without an offset is read as business.timezone local time.");
    }

    List<ConfigKey> keys() {
      return List.of(path, format, encoding, delimiter, timestampFormats);
    }
  }

  static {
    for (Source s : Source.values()) {
      s.keys().forEach(Keys::declare);
    }
  }

  public static final ConfigKey NIGHTLY_LOOKBACK_DAYS = declare(new ConfigKey("nightly.lookback.days", "7",
      "Days before the run date whose answers a nightly run also takes in, so that late answers are not lost.",
      "a whole number from 0 to 366", v -> v.matches("\\d{1,3}") && Integer.parseInt(v) <= 366, false));
  public static final ConfigKey TEXT_CONF_DIR = declare(ConfigKey.of("text.conf.dir", "conf/text",
      "Folder with the keyword model: taxonomy, sentiment lexicons, negations, intensifiers."));

  // ---- trained models (org.cxloop.model) -------------------------------------------------
  public static final ConfigKey MODEL_ENABLED = declare(ConfigKey.oneOf("model.enabled", "true",
      "Score comments with the trained sentiment and category models; false: keyword labels only.", "true", "false"));
  public static final ConfigKey MODEL_SENTIMENT_VERSION = declare(modelVersion("model.sentiment.version",
      "Sentiment model the nightly run scores with: latest-approved (none approved: keyword only, with a warning), latest, or a version N."));
  public static final ConfigKey MODEL_CATEGORY_VERSION = declare(modelVersion("model.category.version",
      "Category model the nightly run scores with: latest-approved (none approved: keyword only, with a warning), latest, or a version N."));
  public static final ConfigKey MODEL_COMBINE_SENTIMENT_KEYWORD_STRONG = declare(ConfigKey.fraction(
      "model.combine.sentiment.keyword_strong", 0.7,
      "An unnegated keyword sentiment with |score| at least this wins over the model (0.71 = one polarity-2 term)."));
  public static final ConfigKey MODEL_COMBINE_CATEGORY_KEYWORD_MIN_TERMS = declare(ConfigKey.positiveInt(
      "model.combine.category.keyword_min_terms", 1,
      "A keyword category wins over the model when it is the only category found, with at least this many terms."));
  public static final ConfigKey MODEL_COMBINE_CATEGORY_MIN_PROBABILITY = declare(ConfigKey.fraction(
      "model.combine.category.min_probability", 0.35,
      "Below this probability the model's category is not used (the keyword's, or none, stays)."));
  public static final ConfigKey MODEL_COMBINE_REVIEW_BELOW = declare(ConfigKey.fraction(
      "model.combine.review_below", 0.5,
      "A comment whose sentiment or category confidence is below this (or with no category) gets needs_review."));
  public static final ConfigKey THEMES_CLUSTERS = declare(ConfigKey.positiveInt("themes.clusters", 6,
      "Emerging themes: k-means clusters per language (fewer when there are few comments)."));
  public static final ConfigKey THEMES_MIN_COMMENTS = declare(ConfigKey.positiveInt("themes.min.comments", 5,
      "Emerging themes: a theme with fewer comments this week is never flagged as growing."));
  public static final ConfigKey THEMES_GROWTH_ALPHA = declare(ConfigKey.fraction("themes.growth.alpha", 0.01,
      "Emerging themes: family-wise significance level of the growth test (Poisson, Bonferroni over the week's themes)."));

  // ---- NPS ---------------------------------------------------------------------------------
  public static final ConfigKey NPS_MIN_N = declare(ConfigKey.positiveInt("nps.min.n", 30,
      "Cells with fewer answers are flagged below_min_n and their NPS and interval are left empty (noise)."));
  public static final ConfigKey NPS_CONFIDENCE = declare(ConfigKey.fraction("nps.confidence", 0.95,
      "Confidence level of the NPS interval."));
  public static final ConfigKey NPS_DIMENSIONS = declare(ConfigKey.listOf("nps.dimensions",
      "company,segment,touchpoint,cohort_month,channel,region,primary_category,value_tier,team,department,employee_id,manager_rollup",
      "Dimensions nps_summary is computed for ('company' is the whole-company total).",
      "company", "segment", "touchpoint", "cohort_month", "channel", "region", "primary_category", "team",
      "department", "employee_id", "plan", "value_tier", "comment_language", "manager_rollup"));
  /** Label columns nps_cohorts may be cut by besides the signup month. */
  private static final List<String> COHORT_LABEL_COLUMNS = List.of("plan", "segment", "region", "value_tier");
  public static final ConfigKey NPS_COHORT_LABELS = declare(new ConfigKey("nps.cohort.labels", "plan,segment,region",
      "Customer label columns nps_cohorts is also cut by (label value, as on the answer date, x months since signup); "
          + "empty = signup month only.",
      "empty, or a comma-separated list of " + COHORT_LABEL_COLUMNS,
      v -> v.isBlank() || java.util.Arrays.stream(v.split(",")).map(String::trim).allMatch(COHORT_LABEL_COLUMNS::contains),
      false));
  public static final ConfigKey NPS_GRAINS = declare(ConfigKey.listOf("nps.grains", "day,week,month",
      "Period grains of nps_summary: day, ISO week (starting Monday), calendar month.",
      "day", "week", "month"));

  public static final ConfigKey NPS_SIGNIFICANCE = declare(ConfigKey.fraction("nps.significance.level", 0.05,
      "A change or gap is flagged significant when its two-sided p-value is below this level."));
  public static final ConfigKey NPS_WEIGHTS = declare(new ConfigKey("nps.weights", "",
      "Optional answer weights 'column:value=w,value=w' (e.g. channel:email=0.8,sms=1.25); empty = unweighted.",
      "empty, or column:value=number,value=number",
      v -> v.isBlank() || v.matches("^[a-z_]+:[^=,]+=\\d+(\\.\\d+)?(,[^=,]+=\\d+(\\.\\d+)?)*$"), false));
  public static final ConfigKey VALUE_TIERS = declare(new ConfigKey("value.tiers", "top:100000,high:20000,standard:0",
      "Customer value tiers by annual_value_pln, highest threshold first: name:threshold,...",
      "name:number pairs, thresholds descending",
      v -> v.matches("^[a-z_]+:\\d+(\\.\\d+)?(,[a-z_]+:\\d+(\\.\\d+)?)*$"), false));

  public static final ConfigKey ENRICH_KEY_FILTER_MAX_ANSWERS = declare(ConfigKey.positiveInt(
      "enrich.key.filter.max.answers", 200_000,
      "Up to this many answers in a run, the CRM and interaction rows are first cut to the answers' customers and "
          + "transactions (their keys broadcast), so a nightly run does not shuffle the whole reference inputs."));

  // ---- categories, drivers, accounts ------------------------------------------------------
  public static final ConfigKey STANDOUT_MIN_MENTIONS = declare(ConfigKey.positiveInt("standout.min.mentions", 20,
      "A category needs this many mentions in a period before it can be flagged as a standout."));
  public static final ConfigKey STANDOUT_MIN_DIFFERENCE = declare(ConfigKey.fraction("standout.min.difference", 0.15,
      "Smallest difference of negative share (category vs the others) worth flagging, besides significance."));
  public static final ConfigKey DRIVERS_MIN_MENTIONS = declare(ConfigKey.positiveInt("drivers.min.mentions", 10,
      "A category needs this many mentions in a month to get a driver estimate."));
  public static final ConfigKey ACCOUNT_ROLE_WEIGHTS = declare(new ConfigKey("account.role.weights",
      "management:3,procurement:2,finance:2,it:1,end_user:1",
      "Weight of each respondent role in B2B account scores (unlisted roles weigh 1).",
      "role:number pairs separated by commas",
      v -> v.matches("^[a-z_]+:\\d+(\\.\\d+)?(,[a-z_]+:\\d+(\\.\\d+)?)*$"), false));
  public static final ConfigKey ACCOUNT_WINDOW_MONTHS = declare(ConfigKey.positiveInt("account.window.months", 3,
      "Trailing window, in months, of answers that make an account's score."));
  public static final ConfigKey ACCOUNT_SURVEY_TYPE = declare(ConfigKey.oneOf("account.survey.type", "relational",
      "Which survey type account NPS is computed from.", "relational", "transactional"));

  // ---- data-quality gates ------------------------------------------------------------------
  public static final ConfigKey DQ_MAX_QUARANTINE_SHARE = declare(ConfigKey.fraction("dq.quarantine.max.share", 0.05,
      "Largest share of survey rows that may be quarantined in a run."));
  public static final ConfigKey DQ_MIN_CRM_MATCH = declare(ConfigKey.fraction("dq.crm.match.min", 0.95,
      "Smallest share of answers that must match a CRM row valid on their date."));
  public static final ConfigKey DQ_MIN_INTERACTION_MATCH = declare(ConfigKey.fraction("dq.interaction.match.min", 0.9,
      "Smallest share of transactional answers that must match an interaction."));
  public static final ConfigKey DQ_MAX_VOLUME_DEVIATION = declare(ConfigKey.fraction("dq.volume.max.deviation", 0.5,
      "Largest relative difference of survey rows per day from the average of recent runs."));
  public static final ConfigKey DQ_VOLUME_LOOKBACK_RUNS = declare(ConfigKey.positiveInt("dq.volume.lookback.runs", 7,
      "How many recent succeeded runs the volume check averages."));
  public static final ConfigKey DQ_ERROR_CHECKS = declare(ConfigKey.listOf("dq.error.checks", "quarantine_share,crm_match_rate",
      "Checks whose failure stops the run (error level); the others only warn.",
      "quarantine_share", "responses_present", "volume_vs_recent", "crm_match_rate", "interaction_match_rate"));

  // ---- closing the loop (org.cxloop.loop) ------------------------------------------------
  public static final ConfigKey LOOP_CONF_DIR = declare(ConfigKey.of("loop.conf.dir", "conf/loop",
      "Folder with escalation.tsv, touchpoint_owners.properties and process_owners.properties."));
  public static final ConfigKey LOOP_SLA_HOURS_P1 = declare(ConfigKey.positiveInt("loop.sla.hours.p1", 24,
      "Hours from the answer to the due time of a P1 follow-up case."));
  public static final ConfigKey LOOP_SLA_HOURS_P2 = declare(ConfigKey.positiveInt("loop.sla.hours.p2", 72,
      "Hours from the answer to the due time of a P2 follow-up case."));
  public static final ConfigKey LOOP_SLA_HOURS_P3 = declare(ConfigKey.positiveInt("loop.sla.hours.p3", 168,
      "Hours from the answer to the due time of a P3 follow-up case."));
  public static final ConfigKey LOOP_BEFORE_DAYS = declare(ConfigKey.positiveInt("loop.initiative.before.days", 56,
      "Days before an initiative's start that make its 'before' window."));
  public static final ConfigKey LOOP_AFTER_DAYS = declare(ConfigKey.positiveInt("loop.initiative.after.days", 56,
      "Days from an initiative's start that make its 'after' window (cut at its end date and the run date)."));
  public static final ConfigKey LOOP_MIN_N = declare(ConfigKey.positiveInt("loop.initiative.min.n", 30,
      "Every treated/control x before/after cell needs this many answers, else the verdict is 'too few answers'."));

  // ---- privacy -----------------------------------------------------------------------------
  public static final ConfigKey MASK_COMMENTS = declare(ConfigKey.oneOf("privacy.mask.comments", "true",
      "Redact e-mail addresses, phone numbers and card-like numbers inside comments in BI tables.",
      "true", "false"));

  private static ConfigKey modelVersion(String name, String doc) {
    return new ConfigKey(name, "latest-approved", doc, "latest-approved, latest or a version number N (or vN)",
        v -> v.equals("latest-approved") || v.equals("latest") || v.matches("v?[1-9][0-9]{0,8}"), false);
  }
  // ---- catalog, maintenance, publish (BI readers; see docs/bi.md) ----------------------------
  public static final ConfigKey CATALOG_ENABLED = declare(ConfigKey.oneOf("catalog.enabled", "true",
      "Register every cxloop table by name (catalog.database.nps_summary ...) in a Hive metastore.",
      "true", "false"));
  public static final ConfigKey CATALOG_DATABASE = declare(new ConfigKey("catalog.database", "cxloop",
      "Catalog database the tables and BI views are registered in; one database per warehouse.",
      "a lower-case SQL identifier", v -> v.matches("[a-z_][a-z0-9_]*"), false));
  public static final ConfigKey CATALOG_METASTORE_URI = declare(ConfigKey.of("catalog.metastore.uri", "",
      "Thrift URI of an external Hive metastore (thrift://host:9083); empty: an embedded Derby metastore."));
  public static final ConfigKey CATALOG_METASTORE_DIR = declare(ConfigKey.of("catalog.metastore.dir", "",
      "Local folder of the embedded Derby metastore (one JVM at a time); empty: <warehouse.dir>/_metastore."));
  public static final ConfigKey MAINTENANCE_OPTIMIZE = declare(ConfigKey.oneOf("maintenance.optimize.enabled", "true",
      "After writing, compact small files (Delta OPTIMIZE) of every table the nightly run wrote.", "true", "false"));
  public static final ConfigKey MAINTENANCE_OPTIMIZE_MIN_FILES = declare(ConfigKey.positiveInt(
      "maintenance.optimize.min.files", 8,
      "OPTIMIZE a table only once one of its partitions holds at least this many small files (1: every night)."));
  public static final ConfigKey MAINTENANCE_OPTIMIZE_SMALL_FILE_MB = declare(ConfigKey.positiveInt(
      "maintenance.optimize.small.file.mb", 16,
      "A data file below this size counts towards maintenance.optimize.min.files (a nightly write's files are small; "
          + "a rebuild's are not)."));
  public static final ConfigKey MAINTENANCE_VACUUM = declare(ConfigKey.oneOf("maintenance.vacuum.enabled", "true",
      "VACUUM the tables the nightly run wrote, on maintenance.vacuum.day, keeping maintenance.vacuum.retention.hours.",
      "true", "false"));
  public static final ConfigKey MAINTENANCE_VACUUM_RETENTION_HOURS = declare(ConfigKey.positiveInt(
      "maintenance.vacuum.retention.hours", 168,
      "Files no longer in a table are deleted once older than this: time travel and RESTORE reach back this far."));
  public static final ConfigKey MAINTENANCE_VACUUM_DAY = declare(ConfigKey.oneOf("maintenance.vacuum.day", "sunday",
      "Day of the week (in business.timezone, by the wall clock) on which the nightly run VACUUMs, or every.",
      "every", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"));
  public static final ConfigKey PUBLISH_JDBC_URL = declare(new ConfigKey("publish.jdbc.url", "",
      "PostgreSQL the publish job mirrors aggregate tables into (jdbc:postgresql://host:5432/db); password from env CXLOOP_PUBLISH_PASSWORD.",
      "empty or a jdbc:postgresql:// URL without a password parameter (the password goes in CXLOOP_PUBLISH_PASSWORD)",
      v -> v.isEmpty() || (v.startsWith("jdbc:postgresql://") && !v.toLowerCase(java.util.Locale.ROOT).contains("password")),
      false));
  public static final ConfigKey PUBLISH_JDBC_USER = declare(ConfigKey.of("publish.jdbc.user", "cxloop",
      "PostgreSQL role the publish job logs in as."));
  public static final ConfigKey PUBLISH_SCHEMA = declare(new ConfigKey("publish.schema", "cxloop",
      "PostgreSQL schema the tables are published into (created when missing).",
      "a lower-case SQL identifier", v -> v.matches("[a-z_][a-z0-9_]*"), false));
  public static final ConfigKey PUBLISH_TABLES = declare(new ConfigKey("publish.tables",
      "nps_summary,category_sentiment,nps_drivers,nps_cohorts,account_nps,followup_sla,owner_actions,initiative_impact",
      "Aggregate tables to publish, when present in the warehouse (absent ones are skipped and said so).",
      "a comma-separated list of table names", v -> v.matches("[a-z_][a-z0-9_]*(\\s*,\\s*[a-z_][a-z0-9_]*)*"), false));
  public static final ConfigKey PUBLISH_INCLUDE_RESPONSES = declare(ConfigKey.oneOf("publish.include.responses", "false",
      "Also publish responses_enriched (one row per answer, comments included): only where the database may hold them.",
      "true", "false"));
  public static final ConfigKey MASK_QUARANTINE = declare(ConfigKey.oneOf("privacy.mask.quarantine", "true",
      "Redact personal fields (customer_name, email, phone) and the comment patterns inside quarantine.raw_record.",
      "true", "false"));
  public static final ConfigKey PSEUDONYMISE_IDS = declare(new ConfigKey("privacy.pseudonymise.ids", "contact_id",
      "Id columns of responses_enriched replaced by a keyed hash (HMAC-SHA256, key from env CXLOOP_PSEUDONYM_KEY); empty for none.",
      "a comma-separated list of [customer_id, account_id, contact_id, employee_id, manager_id], or empty",
      v -> v.isBlank() || java.util.Arrays.stream(v.split(",")).map(String::trim)
          .allMatch(List.of("customer_id", "account_id", "contact_id", "employee_id", "manager_id")::contains),
      false));
  public static final ConfigKey PSEUDONYM_KEY_REQUIRED = declare(ConfigKey.oneOf("privacy.pseudonym.key.required",
      "false", "true: fail when env CXLOOP_PSEUDONYM_KEY is missing (production); false: use a generated "
          + "development key stored under the warehouse (_cxloop_private/), with a warning.", "true", "false"));
  public static final ConfigKey ERASURE_RETENTION_HOURS = declare(new ConfigKey("privacy.erasure.retention.hours",
      "168", "VACUUM retention of the forget job: erased rows leave the files only after this many hours "
          + "(Delta's default 168 = 7 days; below it needs spark.databricks.delta.retentionDurationCheck.enabled=false).",
      "a whole number >= 0", v -> v.matches("\\d{1,6}"), false));

  // ---- run report --------------------------------------------------------------------------
  public static final ConfigKey REPORT_ENABLED = declare(ConfigKey.oneOf("report.enabled", "true",
      "Write the HTML run report to <warehouse>/reports/run-<run_id>.html and latest.html after each nightly run.",
      "true", "false"));
  public static final ConfigKey REPORT_SAMPLE_COMMENTS = declare(ConfigKey.positiveInt("report.sample.comments", 3,
      "Masked sample comments the report shows per standout category."));

  public static Map<String, ConfigKey> all() {
    return Collections.unmodifiableMap(ALL);
  }

  /** Key prefixes, for the unknown-key message. */
  public static List<String> prefixes() {
    List<String> out = new ArrayList<>();
    for (String name : ALL.keySet()) {
      String prefix = name.contains(".") ? name.substring(0, name.indexOf('.') + 1) : name;
      if (!out.contains(prefix)) {
        out.add(prefix);
      }
    }
    return out;
  }
}
