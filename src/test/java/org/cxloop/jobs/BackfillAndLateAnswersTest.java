package org.cxloop.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cxloop.output.CxTables;
import org.cxloop.output.TableDef;
import org.cxloop.testing.MiniFixture;
import org.cxloop.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackfillAndLateAnswersTest {

  @TempDir Path dir;

  private final SparkSession spark = SharedSpark.get();

  private Map<String, List<Row>> contents(Path warehouse) {
    return org.cxloop.testing.TableContents.all(spark, warehouse.toString(), CxTables.DATA_TABLES,
        org.cxloop.testing.TableContents.RUN_COLUMNS);
  }


  private void run(Path warehouse, String from, String to, Map<String, String> settings) {
    NightlyJob.run(spark, new NightlyJob.Config(MiniFixture.config(warehouse, settings), LocalDate.parse(from),
        LocalDate.parse(to), "run-" + from + "-" + to + "-" + System.nanoTime()));
  }

  @Test
  void backfillInOnePassEqualsOneNightlyRunPerDay() {
    // The JVM's shared run of 2026-06-14..17 in one pass (a copy, so nothing else sees this test).
    Path onePass = org.cxloop.testing.MiniRun.copyTo(dir.resolve("one-pass"));
    Path daily = dir.resolve("daily");
    // Without CXLOOP_PSEUDONYM_KEY each warehouse makes its own development key; the same key is
    // needed for the same pseudonyms, as in production where the key comes from the environment.
    copyDevelopmentKey(onePass, daily);
    for (String day : List.of("2026-06-14", "2026-06-15", "2026-06-16", "2026-06-17")) {
      run(daily, day, day, Map.of());
    }
    Map<String, List<Row>> expected = contents(onePass);
    assertThat(expected.get("responses_enriched")).hasSize(5);
    assertThat(contents(daily)).isEqualTo(expected);
  }

  static void copyDevelopmentKey(Path from, Path to) {
    try {
      Path key = from.resolve("_cxloop_private");
      Files.createDirectories(to.resolve("_cxloop_private"));
      try (java.util.stream.Stream<Path> files = Files.list(key)) {
        for (Path f : files.toList()) {
          Files.copy(f, to.resolve("_cxloop_private").resolve(f.getFileName()));
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void lateAnswerIsTakenInAndItsPeriodsRecomputed() throws Exception {
    Path warehouse = dir.resolve("warehouse");
    run(warehouse, "2026-06-16", "2026-06-16", Map.of());
    Row dayBefore = cell(warehouse, "day", "2026-06-15");
    // 15 June: R2 (3) and R3 (8) -> n 2, 0 promoters, 1 detractor.
    assertThat(dayBefore.<Long>getAs("n")).isEqualTo(2);

    // The next night's export also carries R11, answered on 15 June but delivered late.
    Path late = dir.resolve("responses-late.csv");
    Files.writeString(late, Files.readString(Path.of(MiniFixture.DIR + "responses.csv"))
        + "R11,S1,transactional,C2,,,web,en,2026-06-15T12:00:00+02:00,2,arrived late,T3\n");
    NightlyJob.Result r = NightlyJob.run(spark, new NightlyJob.Config(MiniFixture.config(warehouse,
        Map.of("input.responses.path", late.toString())), LocalDate.parse("2026-06-17"), LocalDate.parse("2026-06-17"),
        "late-run"));
    assertThat(r.outcome().inserted()).as("R11 (late) and R9 is malformed, so only R11").isEqualTo(1);
    assertThat(r.outcome().stageCounts()).containsEntry("late.days_touched", 1L);
    Row dayAfter = cell(warehouse, "day", "2026-06-15");
    assertThat(dayAfter.<Long>getAs("n")).isEqualTo(3);
    assertThat(dayAfter.<Long>getAs("detractors")).isEqualTo(2);
    // NPS of 15 June: 100 * (0 - 2) / 3 = -66.667 (nps.min.n is 2 in the fixture).
    assertThat(dayAfter.<Double>getAs("nps")).isCloseTo(-66.6667, org.assertj.core.data.Offset.offset(1e-3));
    // The month now holds R1, R2, R3, R5, R11 transactional: n 5.
    assertThat(cell(warehouse, "month", "2026-06-01").<Long>getAs("n")).isEqualTo(5);
  }

  private Row cell(Path warehouse, String grain, String start) {
    return spark.read().format("delta").load(warehouse.resolve("nps_summary").toString())
        .filter("grain = '" + grain + "' AND period_start = DATE'" + start + "' AND dimension = 'company' "
            + "AND survey_type = 'transactional'").first();
  }
}
