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

  private static ConfigKey modelVersion(String name, String doc) {
    return new ConfigKey(name, "latest-approved", doc, "latest-approved, latest or a version number N (or vN)",
        v -> v.equals("latest-approved") || v.equals("latest") || v.matches("v?[1-9][0-9]{0,8}"), false);
  }

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
