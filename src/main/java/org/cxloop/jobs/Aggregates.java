package org.cxloop.jobs;

import static org.apache.spark.sql.functions.col;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.cxloop.config.CxConfig;
import org.cxloop.config.Keys;
import org.cxloop.metrics.AccountNps;
import org.cxloop.metrics.CategoryStats;
import org.cxloop.metrics.CohortNps;
import org.cxloop.metrics.NpsAggregation;
import org.cxloop.metrics.NpsComparisons;
import org.cxloop.metrics.NpsDrivers;
import org.cxloop.metrics.NpsStats;
import org.cxloop.metrics.Periods;
import org.cxloop.output.CxTables;
import org.cxloop.output.TableDef;
import org.cxloop.output.TableWriter;

/**
 * Recomputes the aggregate tables for the periods a set of changed days touches, from
 * responses_enriched, and replaces exactly those cells. Which periods a table must rewrite
 * depends on what its cells look at: nps_summary compares with the previous period, so the
 * period after a touched one changes too; account NPS uses trailing windows.
 */
public final class Aggregates {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Aggregates.class);

  private Aggregates() {}

  public static long refresh(SparkSession spark, CxConfig conf, String warehouse, SortedSet<LocalDate> days,
      Map<String, Long> counts) {
    List<String> grains = conf.getList(Keys.NPS_GRAINS);
    int window = conf.getInt(Keys.ACCOUNT_WINDOW_MONTHS);

    Map<String, SortedSet<LocalDate>> touched = Periods.touched(days, grains);
    Map<String, SortedSet<LocalDate>> npsWrite = Periods.widen(touched, 0, 1);
    Map<String, SortedSet<LocalDate>> npsRead = Periods.widen(touched, 1, 1);
    SortedSet<LocalDate> months = Periods.touched(days, List.of(Periods.MONTH)).get(Periods.MONTH);
    SortedSet<LocalDate> accountMonths = Periods.widen(Map.of(Periods.MONTH, months), 0, 2 * window - 1).get(Periods.MONTH);
    SortedSet<LocalDate> readDays = new TreeSet<>(Periods.daysCovered(npsRead));
    readDays.addAll(Periods.daysCovered(Periods.widen(Map.of(Periods.MONTH, accountMonths), 2 * window - 1, 0)));

    // Cached without the columns no aggregate reads (the comment text, matched terms, model
    // probabilities, run ids): every table below reads the answers at least twice.
    Dataset<Row> responses = spark.read().format("delta").load(CxTables.RESPONSES_ENRICHED.path(warehouse))
        .filter(col("response_date").between(java.sql.Date.valueOf(readDays.first()), java.sql.Date.valueOf(readDays.last())))
        .drop(NOT_AGGREGATED.toArray(new String[0]))
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      return refresh(spark, conf, warehouse, responses, touched, npsRead, npsWrite, months, accountMonths, counts);
    } finally {
      responses.unpersist();
    }
  }

  /**
   * The wide columns of responses_enriched, which no aggregate reads (the narrow ones stay: a
   * configured dimension or cohort label may name any of them).
   */
  static final List<String> NOT_AGGREGATED = List.of("comment", "kw_matched_terms", "ml_sentiment_probability",
      "ml_category_probability", "row_hash", "first_loaded_run_id", "last_changed_run_id");

  private static long refresh(SparkSession spark, CxConfig conf, String warehouse, Dataset<Row> responses,
      Map<String, SortedSet<LocalDate>> touched, Map<String, SortedSet<LocalDate>> npsRead,
      Map<String, SortedSet<LocalDate>> npsWrite, SortedSet<LocalDate> months, SortedSet<LocalDate> accountMonths,
      Map<String, Long> counts) {
    List<String> grains = conf.getList(Keys.NPS_GRAINS);
    int minN = conf.getInt(Keys.NPS_MIN_N);
    double confidence = conf.getDouble(Keys.NPS_CONFIDENCE);
    double alpha = conf.getDouble(Keys.NPS_SIGNIFICANCE);
    int window = conf.getInt(Keys.ACCOUNT_WINDOW_MONTHS);
    // Each table reads only the days its cells need: the wide account read (about 2 x
    // account.window.months) would otherwise be expanded into every grain and dimension.
    // The cells are cached: the comparisons read them three times (own, previous, company).
    Dataset<Row> npsCells = responses
        .filter(daysIn(Periods.daysCovered(npsRead)))
        .transform(rows -> NpsAggregation.counts(rows, conf.getList(Keys.NPS_DIMENSIONS), grains))
        .filter(Periods.predicate(npsRead))
        .transform(cells -> NpsStats.withInterval(cells, minN, confidence))
        .persist(StorageLevel.MEMORY_AND_DISK());
    long cells;
    try {
      Dataset<Row> nps = npsCells
          .transform(c -> NpsComparisons.withChangeAndRest(c, minN, alpha))
          .filter(Periods.predicate(npsWrite));
      cells = write(nps, CxTables.NPS_SUMMARY, warehouse, Periods.predicate(npsWrite), counts);
    } finally {
      npsCells.unpersist();
    }

    Map<String, SortedSet<LocalDate>> categoryPeriods = Periods.only(touched, List.of(Periods.WEEK, Periods.MONTH));
    Dataset<Row> categories = CategoryStats.compute(responses.filter(daysIn(Periods.daysCovered(categoryPeriods))), new ArrayList<>(categoryPeriods.keySet()),
            new CategoryStats.Standouts(conf.getInt(Keys.STANDOUT_MIN_MENTIONS),
                conf.getDouble(Keys.STANDOUT_MIN_DIFFERENCE), alpha))
        .filter(Periods.predicate(categoryPeriods));
    cells += write(categories, CxTables.CATEGORY_SENTIMENT, warehouse, Periods.predicate(categoryPeriods), counts);

    Dataset<Row> drivers = NpsDrivers.compute(spark, responses, taxonomy(conf), new ArrayList<>(months),
        conf.getInt(Keys.DRIVERS_MIN_MENTIONS), confidence);
    cells += write(drivers, CxTables.NPS_DRIVERS, warehouse, Periods.dateIn("period_start", months), counts);

    Dataset<Row> accounts = AccountNps.compute(responses, conf.get(Keys.ACCOUNT_SURVEY_TYPE),
        AccountNps.roleWeights(conf.get(Keys.ACCOUNT_ROLE_WEIGHTS)), window, accountMonths.first(),
        accountMonths.last(), alpha);
    cells += write(accounts, CxTables.ACCOUNT_NPS, warehouse, Periods.dateIn("period_start", accountMonths), counts);

    Dataset<Row> cohorts = CohortNps.compute(responses.filter(Periods.dateIn("response_month", months)),
        conf.getList(Keys.NPS_COHORT_LABELS), minN, confidence);
    cells += write(cohorts, CxTables.NPS_COHORTS, warehouse, Periods.dateIn("response_month", months), counts);
    return cells;
  }

  /**
   * response_date within the days' span, as a range: the days of touched periods are mostly
   * contiguous, and a range keeps Delta's file skipping on response_date statistics.
   */
  static org.apache.spark.sql.Column daysIn(SortedSet<LocalDate> days) {
    if (days.isEmpty()) {
      return org.apache.spark.sql.functions.lit(false);
    }
    org.apache.spark.sql.Column span = col("response_date").between(java.sql.Date.valueOf(days.first()),
        java.sql.Date.valueOf(days.last()));
    long spanDays = days.last().toEpochDay() - days.first().toEpochDay() + 1;
    return spanDays == days.size() ? span
        : span.and(col("response_date").isin(days.stream().map(java.sql.Date::valueOf).toArray()));
  }

  /** Replaces the predicate's rows of the table in one commit, counts them. */
  private static long write(Dataset<Row> rows, TableDef table, String warehouse, String predicate,
      Map<String, Long> counts) {
    long n = TableWriter.replaceShaped(rows, table, warehouse, predicate);
    counts.put("written." + table.name(), n);
    LOG.info("aggregates: wrote {} rows to {}", n, table.name());
    return n;
  }

  private static List<String> taxonomy(CxConfig conf) {
    return org.cxloop.text.KeywordModel.load(java.nio.file.Path.of(conf.get(Keys.TEXT_CONF_DIR))).categories();
  }
}
