package org.cxloop.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cxloop.testing.MiniFixture;
import org.cxloop.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An answer submitted on one day and exported on a later one is taken in by the nightly
 * look-back, and the periods it falls in are recomputed. (Nightly runs day by day equal one pass
 * over the same days: NightsInARowTest.)
 */
class LateAnswersTest {

  @TempDir Path dir;

  private final SparkSession spark = SharedSpark.get();

  @Test
  void lateAnswerIsTakenInAndItsPeriodsRecomputed() throws Exception {
    // The JVM's shared run of 14-17 June (a copy: this test goes on writing).
    Path warehouse = org.cxloop.testing.MiniRun.copyTo(dir.resolve("warehouse"));
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
