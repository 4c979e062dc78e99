package org.cxloop.jobs;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.cxloop.config.CxConfig;
import org.cxloop.model.EmergingThemes;
import org.cxloop.model.ModelTables;
import org.cxloop.output.CxTables;
import org.cxloop.output.TableWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The weekly emerging-themes step: clusters the unplaced comments of one ISO week (and the four
 * before it) from responses_enriched and replaces that week's rows of emerging_themes. Wiring only.
 */
public final class ThemesJob {

  private static final Logger LOG = LoggerFactory.getLogger(ThemesJob.class);

  public record Config(CxConfig conf, LocalDate weekStart) {}

  private ThemesJob() {}

  /** Returns the week's themes as written (a few dozen rows). */
  public static Dataset<Row> run(SparkSession spark, Config c) {
    long started = System.nanoTime();
    String warehouse = c.conf().warehouse();
    spark.sparkContext().setJobGroup("cxloop-themes", "cxloop themes: cluster unplaced comments of " + c.weekStart(), false);
    EmergingThemes.Settings s = EmergingThemes.Settings.from(c.conf());
    Dataset<Row> responses = spark.read().format("delta").load(CxTables.RESPONSES_ENRICHED.path(warehouse));
    Dataset<Row> themes = EmergingThemes.themes(spark,
        EmergingThemes.unplaced(responses, c.weekStart(), s.lowConfidence()), c.weekStart(), s,
        Timestamp.from(Instant.now())).persist(StorageLevel.MEMORY_AND_DISK());
    ModelTables.EMERGING_THEMES.createIfNotExists(spark, warehouse);
    // Re-running a week replaces its rows: the same week never appears twice.
    TableWriter.replaceWhere(ModelTables.EMERGING_THEMES.path(warehouse), themes,
        "week_start = DATE'" + Date.valueOf(c.weekStart()) + "'");
    long n = themes.count();
    spark.sparkContext().clearJobGroup();
    LOG.info("stage themes: {} themes for the week of {} in {} s", n, c.weekStart(),
        String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9));
    return themes;
  }
}
