package org.cxloop.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cxloop.config.CxConfig;
import org.cxloop.output.RunLedger;
import org.cxloop.testing.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, in-process: the whole bundled sample period in one run. The
 * expected counts come from data-samples/MANIFEST.json (what the generator planted) and from
 * counting the CSV files line by line outside Spark; NPS values are worked out here from them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampleRunTest {

  @TempDir static Path warehouse;

  private final SparkSession spark = SharedSpark.get();
  private RunLedger.Outcome outcome;

  @BeforeAll
  void runTheSamplePeriod() {
    // enrich.key.filter.max.answers=1: this run joins the whole reference inputs, as a rebuild
    // of more than 200,000 answers does; the nightly tests (MiniRun, NightsInARowTest) take the
    // small-run path that cuts them to the night's keys first. Both must give these numbers.
    CxConfig conf = CxConfig.load(Path.of("conf/local.properties"), Map.of("warehouse.dir", warehouse.toString(),
        "enrich.key.filter.max.answers", "1"));
    outcome = NightlyJob.run(spark, new NightlyJob.Config(conf, LocalDate.parse("2026-05-01"),
        LocalDate.parse("2026-10-31"), "sample-run")).outcome();
  }

  @Test
  void everyRowReadIsAcceptedOrQuarantinedForItsPlantedReason() {
    Map<String, Long> c = outcome.stageCounts();
    // responses.csv: 6000 rows, 23 planted bad rows of which 4 are unknown customers (kept, flagged).
    assertThat(c.get("read.responses")).isEqualTo(6000);
    assertThat(c.get("accepted.responses")).isEqualTo(6000 - 19);
    assertThat(c).containsEntry("quarantined.responses.score_out_of_range", 4L)
        .containsEntry("quarantined.responses.score_not_a_number", 4L)
        .containsEntry("quarantined.responses.missing_response_id", 3L)
        .containsEntry("quarantined.responses.unparseable_timestamp", 3L)
        .containsEntry("quarantined.responses.duplicate_response_id", 3L)
        .containsEntry("quarantined.responses.malformed_record", 2L);
    // Each legacy export: 300 rows, one score out of range.
    assertThat(c).containsEntry("read.responses_legacy_pl", 300L).containsEntry("accepted.responses_legacy_pl", 299L)
        .containsEntry("read.responses_legacy_ru", 300L).containsEntry("accepted.responses_legacy_ru", 299L);
    assertThat(c).containsEntry("read.crm_customers", 822L).containsEntry("read.interactions", 5348L)
        .containsEntry("read.employees", 41L);
    assertThat(outcome.rowsRead()).isEqualTo(outcome.rowsAccepted() + outcome.rowsQuarantined());
    assertThat(outcome.rowsQuarantined()).isEqualTo(19 + 1 + 1);
    assertThat(outcome.inserted()).as("5981 + 299 + 299 answers").isEqualTo(6579);
    assertThat(outcome.withoutCrm()).as("the 4 planted unknown customers").isEqualTo(4);
    assertThat(spark.read().format("delta").load(warehouse.resolve("quarantine").toString()).count()).isEqualTo(21);
  }

  private Row cell(String grain, String start, String surveyType, String dimension, String value) {
    Dataset<Row> cells = spark.read().format("delta").load(warehouse.resolve("nps_summary").toString())
        .filter(String.format("grain = '%s' AND period_start = DATE'%s' AND survey_type = '%s' AND dimension = '%s' "
            + "AND dimension_value = '%s'", grain, start, surveyType, dimension, value));
    assertThat(cells.count()).as("one cell for %s %s %s=%s", grain, start, dimension, value).isEqualTo(1);
    return cells.first();
  }

  @Test
  void deliveryNpsCollapsedInJuly() {
    // Counted from the CSVs: 189 transactional delivery answers in July 2026,
    // 26 promoters, 34 passives, 129 detractors.
    Row r = cell("month", "2026-07-01", "transactional", "touchpoint", "delivery");
    assertThat(r.<Long>getAs("n")).isEqualTo(189);
    assertThat(r.<Long>getAs("promoters")).isEqualTo(26);
    assertThat(r.<Long>getAs("detractors")).isEqualTo(129);
    double pP = 26 / 189.0;
    double pD = 129 / 189.0;
    assertThat(r.<Double>getAs("nps")).isCloseTo(100 * (pP - pD), offset(1e-3)); // -54.497
    assertThat(r.<Double>getAs("nps_se")).isCloseTo(100 * Math.sqrt((pP + pD - Math.pow(pP - pD, 2)) / 189), offset(1e-3));
  }

  @Test
  void isoWeekAndRelationalCells() {
    // Week Monday 3 to Sunday 9 August: 39 delivery answers, 7 promoters, 22 detractors (counted
    // from the CSVs regenerated with the planted initiatives; before them it was 40, 8, 25).
    Row week = cell("week", "2026-08-03", "transactional", "touchpoint", "delivery");
    assertThat(week.<Long>getAs("n")).isEqualTo(39);
    assertThat(week.<Double>getAs("nps")).isCloseTo(100 * (7 - 22) / 39.0, offset(1e-3)); // -38.462
    assertThat(week.<java.sql.Date>getAs("period_end")).isEqualTo(java.sql.Date.valueOf("2026-08-09"));
    // Relational, whole company, May: 245 answers, 141 promoters, 57 detractors.
    Row may = cell("month", "2026-05-01", "relational", "company", "(all)");
    assertThat(may.<Long>getAs("n")).isEqualTo(245);
    assertThat(may.<Double>getAs("nps")).isCloseTo(100 * (141 - 57) / 245.0, offset(1e-3)); // 34.286
  }

  @Test
  void smallDailyCellsAreFlaggedNotShown() {
    // About 36 answers a day across all touchpoints: one touchpoint's day is below nps.min.n = 30.
    Row day = cell("day", "2026-07-15", "transactional", "touchpoint", "delivery");
    assertThat(day.<Boolean>getAs("below_min_n")).isTrue();
    assertThat(day.<Object>getAs("nps")).isNull();
  }

  @Test
  void auditRowRecordsTheRun() {
    Row audit = spark.read().format("delta").load(warehouse.resolve("run_audit").toString()).first();
    assertThat(audit.<String>getAs("status")).isEqualTo("succeeded");
    assertThat(audit.<Long>getAs("rows_read")).isEqualTo(6600 + 822 + 5348 + 41);
    assertThat(audit.<Long>getAs("responses_inserted")).isEqualTo(6579);
  }

  @Test
  void theThreePlantedInitiativesGetTheirThreeVerdicts() {
    // Counted from the CSVs outside Spark (treated/control x before/after, 56-day windows):
    // INI-2026-01 (call-back cohort, +0.7 planted): n 282 / 334 / 1169 / 1213, DiD +39.92, CI [24.27, 55.57]
    // INI-2026-02 (new checkout, -1.5 planted):     n 153 / 150 / 201 / 240,   DiD -46.69, CI [-71.06, -22.32]
    // INI-2026-03 (queue call-back, 0 planted):     n 91 / 97 / 273 / 257,     DiD -14.52, CI [-44.38, 15.35]
    Map<String, Row> impact = new java.util.HashMap<>();
    spark.read().format("delta").load(warehouse.resolve("initiative_impact").toString()).collectAsList()
        .forEach(r -> impact.put(r.getAs("initiative_id"), r));
    assertThat(impact.get("INI-2026-01").<String>getAs("verdict")).isEqualTo("improved");
    assertThat(impact.get("INI-2026-01").<Long>getAs("treated_after_n")).isEqualTo(334);
    assertThat(impact.get("INI-2026-01").<Double>getAs("did_nps")).isCloseTo(
        (100.0 * (205 - 78) / 334 - 100.0 * (128 - 105) / 282) - (100.0 * (514 - 473) / 1213 - 100.0 * (563 - 406) / 1169),
        offset(1e-3));
    assertThat(impact.get("INI-2026-02").<String>getAs("verdict")).isEqualTo("worsened (roll-back candidate)");
    assertThat(impact.get("INI-2026-02").<Long>getAs("control_after_n")).isEqualTo(240);
    assertThat(impact.get("INI-2026-02").<Double>getAs("did_ci_high")).isCloseTo(-22.32, offset(0.01));
    assertThat(impact.get("INI-2026-03").<String>getAs("verdict")).isEqualTo("no detectable effect");
    assertThat(impact.get("INI-2026-03").<Long>getAs("treated_before_n")).isEqualTo(91);
  }
}
