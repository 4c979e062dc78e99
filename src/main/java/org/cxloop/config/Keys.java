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
    EMPLOYEES("employees", "data-samples/employees.csv", "UTF-8", ",");

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

  public static final ConfigKey TEXT_CONF_DIR = declare(ConfigKey.of("text.conf.dir", "conf/text",
      "Folder with the keyword model: taxonomy, sentiment lexicons, negations, intensifiers."));

  // ---- NPS ---------------------------------------------------------------------------------
  public static final ConfigKey NPS_MIN_N = declare(ConfigKey.positiveInt("nps.min.n", 30,
      "Cells with fewer answers are flagged below_min_n and their NPS and interval are left empty (noise)."));
  public static final ConfigKey NPS_CONFIDENCE = declare(ConfigKey.fraction("nps.confidence", 0.95,
      "Confidence level of the NPS interval."));
  public static final ConfigKey NPS_DIMENSIONS = declare(ConfigKey.listOf("nps.dimensions",
      "company,segment,touchpoint,cohort_month,channel,region,primary_category,team,department",
      "Dimensions nps_summary is computed for ('company' is the whole-company total).",
      "company", "segment", "touchpoint", "cohort_month", "channel", "region", "primary_category", "team",
      "department", "employee_id", "plan", "value_tier", "language"));
  public static final ConfigKey NPS_GRAINS = declare(ConfigKey.listOf("nps.grains", "day,week,month",
      "Period grains of nps_summary: day, ISO week (starting Monday), calendar month.",
      "day", "week", "month"));

  // ---- privacy -----------------------------------------------------------------------------
  public static final ConfigKey MASK_COMMENTS = declare(ConfigKey.oneOf("privacy.mask.comments", "true",
      "Redact e-mail addresses, phone numbers and card-like numbers inside comments in BI tables.",
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
