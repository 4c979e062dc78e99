package org.cxloop.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.quarter;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.cxloop.CxErrors;
import org.cxloop.config.CxConfig;
import org.cxloop.config.Keys;
import org.cxloop.loop.FollowupSla;
import org.cxloop.metrics.NpsStats;
import org.cxloop.model.ModelKind;
import org.cxloop.model.ModelRegistry;
import org.cxloop.model.ModelTables;
import org.cxloop.output.CxTables;
import org.cxloop.privacy.Redaction;
import org.cxloop.report.ReportData.AuditRow;
import org.cxloop.report.ReportData.CategoryRow;
import org.cxloop.report.ReportData.Cell;
import org.cxloop.report.ReportData.QualityRow;
import org.cxloop.report.ReportData.FollowUp;
import org.cxloop.report.ReportData.MetricCell;
import org.cxloop.report.ReportData.ModelQuality;
import org.cxloop.report.ReportData.SlaRow;
import org.cxloop.report.ReportData.StatusCount;
import org.cxloop.report.ReportData.TrendPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run report: a self-contained HTML file (inline CSS and SVG, nothing fetched when it is
 * opened) at {@code <warehouse>/reports/run-<run_id>.html}, copied to {@code latest.html}.
 * Every number is aggregated in Spark from the Delta tables and only the small result is
 * collected: months x touchpoints, segments, cohorts, categories, a few sample comments.
 */
public final class RunReport {

  private static final Logger LOG = LoggerFactory.getLogger(RunReport.class);

  public static final String REPORTS_DIR = "reports";
  public static final String LATEST = "latest.html";
  /** Weeks of follow-up SLA shown for the whole company, and per owner. */
  static final int SLA_WEEKS = 8;
  static final int SLA_OWNER_WEEKS = 4;
  /** At most this many owner lines (owner x team; a few dozen in practice). */
  static final int SLA_OWNER_ROWS = 200;
  /** Months of trend shown; the segment, cohort and category views cover the last WINDOW_MONTHS. */
  static final int TREND_MONTHS = 13;
  static final int WINDOW_MONTHS = 3;
  static final int AUDIT_RUNS = 10;
  /** A category stands out when its negative share is this many standard errors above the rest. */
  static final double STANDOUT_Z = 3.0;

  private RunReport() {}

  /** Writes the report when report.enabled; returns the path of the run's file, or null. */
  public static String writeIfEnabled(SparkSession spark, CxConfig conf, String runId) {
    if (!conf.getBoolean(Keys.REPORT_ENABLED)) {
      return null;
    }
    long t0 = System.nanoTime();
    spark.sparkContext().setJobGroup("cxloop-report", "cxloop nightly: aggregate the run report", false);
    try {
      ReportData data = gather(spark, conf, runId);
      String html = ReportHtml.render(data);
      String dir = conf.warehouse().replaceAll("/+$", "") + "/" + REPORTS_DIR;
      String file = dir + "/run-" + runId + ".html";
      write(spark, file, html);
      write(spark, dir + "/" + LATEST, html);
      LOG.info("stage report: wrote {} ({} KB) in {} s", file, html.length() / 1024,
          String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
      return file;
    } finally {
      spark.sparkContext().clearJobGroup();
    }
  }

  /** Collects the report's aggregates. */
  public static ReportData gather(SparkSession spark, CxConfig conf, String runId) {
    String wh = conf.warehouse();
    int minN = conf.getInt(Keys.NPS_MIN_N);
    double confidence = conf.getDouble(Keys.NPS_CONFIDENCE);
    Dataset<Row> responses = table(spark, CxTables.RESPONSES_ENRICHED.path(wh));
    Row range = responses.selectExpr("max(response_date)").first();
    LocalDate to = range.isNullAt(0) ? LocalDate.now() : range.getDate(0).toLocalDate();
    LocalDate from = to.withDayOfMonth(1).minusMonths(WINDOW_MONTHS - 1L);
    Dataset<Row> window = responses.filter(col("response_date").between(java.sql.Date.valueOf(from),
        java.sql.Date.valueOf(to)));

    Dataset<Row> monthly = table(spark, CxTables.NPS_SUMMARY.path(wh))
        .filter(col("grain").equalTo("month")
            .and(col("period_start").geq(java.sql.Date.valueOf(to.withDayOfMonth(1).minusMonths(TREND_MONTHS - 1L)))));
    List<TrendPoint> company = trend(monthly.filter(col("dimension").equalTo("company")), col("survey_type"));
    List<TrendPoint> touchpoints = trend(monthly.filter(col("dimension").equalTo("touchpoint")
        .and(col("survey_type").equalTo("transactional"))), col("dimension_value"));

    List<Cell> segments = cells(window, col("segment"), minN, confidence);
    // Signup quarters, not months: monthly cohorts over a three-month window are mostly below min n.
    List<Cell> cohorts = cells(window, concat(year(col("cohort_month")).cast("string"), lit("-Q"),
        quarter(col("cohort_month")).cast("string")), minN, confidence);
    List<CategoryRow> categories = categories(window, minN);
    Map<String, List<String>> samples = sampleComments(window, categories, conf.getInt(Keys.REPORT_SAMPLE_COMMENTS));

    return new ReportData(runId, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), from, to, company,
        touchpoints, segments, cohorts, categories, samples,
        followUp(spark, wh, conf.get(Keys.BUSINESS_TIMEZONE)),
        modelMetrics(spark, conf),
        quality(table(spark, CxTables.QUARANTINE.path(wh)), runId),
        audit(table(spark, CxTables.RUN_AUDIT.path(wh))));
  }

  static List<TrendPoint> trend(Dataset<Row> cells, Column series) {
    List<TrendPoint> out = new ArrayList<>();
    for (Row r : cells.select(series.as("series"), col("period_start"), col("n"), col("nps"), col("nps_ci_low"),
        col("nps_ci_high")).orderBy("series", "period_start").collectAsList()) { // months x series
      out.add(new TrendPoint(r.getString(0), r.getDate(1).toLocalDate(), r.getLong(2), dbl(r, 3), dbl(r, 4),
          dbl(r, 5)));
    }
    return out;
  }

  /** NPS with interval per value of {@code by} and survey type over the window (never mixed). */
  static List<Cell> cells(Dataset<Row> window, Column by, int minN, double confidence) {
    Dataset<Row> counts = window
        .groupBy(when(by.isNull(), lit("(unknown)")).otherwise(by).as("label"), col("survey_type"))
        .agg(count(lit(1)).as("n"), count_if(col("nps_group").equalTo("promoter")).as("promoters"),
            count_if(col("nps_group").equalTo("passive")).as("passives"),
            count_if(col("nps_group").equalTo("detractor")).as("detractors"));
    List<Cell> out = new ArrayList<>();
    for (Row r : NpsStats.withInterval(counts, minN, confidence)
        .select("label", "survey_type", "n", "nps", "nps_ci_low", "nps_ci_high")
        .orderBy("survey_type", "label").collectAsList()) { // values x 2 survey types
      out.add(new Cell(r.getString(0), r.getString(1), r.getLong(2), dbl(r, 3), dbl(r, 4), dbl(r, 5)));
    }
    return out;
  }

  /**
   * Categories of commented answers over the window. Source: responses_enriched's final labels
   * (primary_category, sentiment_label). When a category x sentiment table exists, this is the
   * one method to point at it: the report needs per category n, negatives and NPS points.
   */
  static List<CategoryRow> categories(Dataset<Row> window, int minN) {
    List<Row> rows = window.filter(col("has_comment").and(col("primary_category").isNotNull()))
        .groupBy(col("primary_category"))
        .agg(count(lit(1)).as("n"), count_if(col("sentiment_label").equalTo("negative")).as("negative"),
            sum(col("nps_points")).as("nps_points"))
        .orderBy(col("n").desc()).collectAsList(); // one row per category
    long allN = rows.stream().mapToLong(r -> r.getLong(1)).sum();
    long allNeg = rows.stream().mapToLong(r -> r.getLong(2)).sum();
    List<CategoryRow> out = new ArrayList<>();
    for (Row r : rows) {
      long n = r.getLong(1);
      long neg = r.getLong(2);
      out.add(new CategoryRow(r.getString(0), n, neg, n == 0 ? 0 : 100.0 * neg / n,
          n >= minN ? Math.round(10.0 * r.getLong(3) / n) / 10.0 : null,
          zAgainstRest(n, neg, allN - n, allNeg - neg), false));
    }
    return out.stream().map(c -> new CategoryRow(c.category(), c.n(), c.negative(), c.negativeSharePct(), c.nps(),
        c.zNegative(), c.n() >= minN && c.zNegative() >= STANDOUT_Z)).toList();
  }

  /**
   * Two-proportion z statistic of a category's negative share against all other categories':
   * (p1 - p2) / sqrt(p (1 - p) (1/n1 + 1/n2)) with the pooled share p. Zero when undefined.
   */
  static double zAgainstRest(long n1, long neg1, long n2, long neg2) {
    if (n1 == 0 || n2 == 0) {
      return 0;
    }
    double p = (double) (neg1 + neg2) / (n1 + n2);
    double se = Math.sqrt(p * (1 - p) * (1.0 / n1 + 1.0 / n2));
    return se == 0 ? 0 : ((double) neg1 / n1 - (double) neg2 / n2) / se;
  }

  /** The latest negative comments of the standout categories (or the top ones when none stands out). */
  static Map<String, List<String>> sampleComments(Dataset<Row> window, List<CategoryRow> categories, int perCategory) {
    List<String> wanted = categories.stream().filter(CategoryRow::standout).map(CategoryRow::category).toList();
    if (wanted.isEmpty()) {
      wanted = categories.stream().sorted((a, b) -> Double.compare(b.negativeSharePct(), a.negativeSharePct()))
          .limit(3).map(CategoryRow::category).toList();
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (wanted.isEmpty()) {
      return out;
    }
    wanted.forEach(c -> out.put(c, new ArrayList<>()));
    List<Row> rows = window
        .filter(col("primary_category").isin(wanted.toArray()).and(col("sentiment_label").equalTo("negative"))
            .and(col("has_comment")))
        .withColumn("_k", row_number().over(Window.partitionBy("primary_category")
            .orderBy(col("responded_at_utc").desc(), col("response_id"))))
        .filter(col("_k").leq(perCategory))
        .select("primary_category", "comment").orderBy("primary_category", "_k")
        .collectAsList(); // at most perCategory rows per standout category
    // The table's comments are masked already (privacy.mask.comments); masking again costs
    // nothing and keeps a report from a warehouse written with masking off clean.
    rows.forEach(r -> out.get(r.getString(0)).add(Redaction.mask(r.getString(1))));
    return out;
  }

  static List<QualityRow> quality(Dataset<Row> quarantine, String runId) {
    List<QualityRow> out = new ArrayList<>();
    for (Row r : quarantine.groupBy("source", "rule")
        .agg(count(lit(1)).as("n"), count_if(col("run_id").equalTo(runId)).as("new_n"))
        .orderBy(col("n").desc(), col("source"), col("rule")).collectAsList()) { // sources x rules
      out.add(new QualityRow(r.getString(0), r.getString(1), r.getLong(2), r.getLong(3)));
    }
    return out;
  }

  static List<AuditRow> audit(Dataset<Row> runAudit) {
    List<AuditRow> out = new ArrayList<>();
    for (Row r : runAudit.orderBy(col("started_at_utc").desc()).limit(AUDIT_RUNS)
        .select(col("run_id"), col("job"), col("status"), col("run_date_from").cast("string"),
            col("run_date_to").cast("string"), date_format(col("started_at_utc"), "yyyy-MM-dd HH:mm:ss"),
            col("duration_s"), col("rows_read"), col("rows_accepted"), col("rows_quarantined"),
            col("responses_inserted"), col("responses_updated"), col("error_message"))
        .collectAsList()) {
      out.add(new AuditRow(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4),
          r.getString(5), dbl(r, 6), lng(r, 7), lng(r, 8), lng(r, 9), lng(r, 10), lng(r, 11), r.getString(12)));
    }
    return out;
  }

  /**
   * Cases by status, and the followup_sla figures computed from followup_cases with
   * followup_sla's own formulas: per ISO week of opening for all owners (the latest SLA_WEEKS
   * weeks), and per owner and team over the cases opened in the latest SLA_OWNER_WEEKS weeks (a
   * median cannot be summed from followup_sla's weekly lines, so both come from the cases).
   */
  static FollowUp followUp(SparkSession spark, String warehouse, String businessTimeZone) {
    String casesPath = CxTables.FOLLOWUP_CASES.path(warehouse);
    if (!DeltaTable.isDeltaTable(spark, casesPath)) {
      return FollowUp.notAvailable(CxTables.FOLLOWUP_CASES.name());
    }
    Dataset<Row> cases = table(spark, casesPath);
    List<StatusCount> statuses = new ArrayList<>();
    cases.groupBy(col("status")).count().orderBy(col("count").desc(), col("status")).collectAsList() // a few statuses
        .forEach(r -> statuses.add(new StatusCount(r.isNullAt(0) ? "(none)" : r.getString(0), r.getLong(1))));
    List<SlaRow> weeks = slaRows(FollowupSla.perWeek(cases, businessTimeZone)
        .orderBy(col("week_start").desc()).limit(SLA_WEEKS), false);
    if (weeks.isEmpty()) {
      return new FollowUp(true, "", statuses, weeks, List.of(), null);
    }
    LocalDate firstOwnerWeek = weeks.get(0).weekStart().minusWeeks(SLA_OWNER_WEEKS - 1L);
    List<SlaRow> owners = slaRows(FollowupSla.since(FollowupSla.withTeamLabel(cases), businessTimeZone, firstOwnerWeek,
            "owner_id", "team")
        .orderBy(col("overdue_now").desc(), col("opened").desc(), col("owner_id"), col("team"))
        .limit(SLA_OWNER_ROWS), true);
    return new FollowUp(true, "", statuses, weeks, owners, firstOwnerWeek);
  }

  private static List<SlaRow> slaRows(Dataset<Row> sla, boolean perOwner) {
    List<SlaRow> out = new ArrayList<>();
    for (Row r : sla.collectAsList()) { // limited by the caller
      out.add(new SlaRow(perOwner ? null : r.<java.sql.Date>getAs("week_start").toLocalDate(),
          perOwner ? r.<String>getAs("owner_id") : null, perOwner ? r.<String>getAs("team") : null,
          r.<Long>getAs("opened"), r.<Long>getAs("closed"), r.<Long>getAs("closed_within_sla"),
          dbl(r, r.fieldIndex("closed_within_sla_share")), dbl(r, r.fieldIndex("median_hours_to_close")),
          r.<Long>getAs("overdue_now")));
    }
    return out;
  }

  /**
   * model_metrics of each model at the version this run scored with (the configured one,
   * latest-approved by default); the newest evaluated version, said so in the note, when none
   * was used. Empty when no model was ever trained.
   */
  static List<ModelQuality> modelMetrics(SparkSession spark, CxConfig conf) {
    String path = ModelTables.MODEL_METRICS.path(conf.warehouse());
    if (!DeltaTable.isDeltaTable(spark, path)) {
      return List.of();
    }
    Dataset<Row> metrics = table(spark, path);
    ModelRegistry registry = new ModelRegistry(spark, conf.warehouse());
    List<ModelQuality> out = new ArrayList<>();
    for (ModelKind kind : ModelKind.values()) {
      Dataset<Row> mine = metrics.filter(col("model_name").equalTo(kind.id));
      Row newest = mine.selectExpr("max(model_version)").first();
      if (newest.isNullAt(0)) {
        continue;
      }
      Integer used = null;
      String note;
      if (conf.getBoolean(Keys.MODEL_ENABLED)) {
        String setting = conf.get(kind == ModelKind.SENTIMENT ? Keys.MODEL_SENTIMENT_VERSION : Keys.MODEL_CATEGORY_VERSION);
        used = registry.resolve(kind.id, setting).map(ModelRegistry.Entry::version).orElse(null);
        note = used == null ? "No " + kind.id + " model is approved: this run took its " + kind.id
            + " labels from the keyword model. Shown: the newest trained version." : "The version this run scored with.";
      } else {
        note = "model.enabled=false: this run took its labels from the keyword model. Shown: the newest trained version.";
      }
      int version = used != null ? used : newest.getInt(0);
      List<MetricCell> cells = new ArrayList<>();
      mine.filter(col("model_version").equalTo(version))
          .select("model_kind", "language", "n", "accuracy", "macro_f1").collectAsList() // kinds x languages
          .forEach(r -> cells.add(new MetricCell(r.getString(0), r.getString(1), r.getLong(2), r.getDouble(3),
              r.getDouble(4))));
      out.add(new ModelQuality(kind.id, version, note, cells));
    }
    return out;
  }

  private static Dataset<Row> table(SparkSession spark, String path) {
    return spark.read().format("delta").load(path);
  }

  private static Double dbl(Row r, int i) {
    return r.isNullAt(i) ? null : ((Number) r.get(i)).doubleValue();
  }

  private static Long lng(Row r, int i) {
    return r.isNullAt(i) ? null : ((Number) r.get(i)).longValue();
  }

  private static void write(SparkSession spark, String file, String html) {
    Path p = new Path(file);
    try {
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      try (OutputStream out = fs.create(p, true)) {
        out.write(html.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw CxErrors.reportNotWritten(file, e);
    }
  }
}
