package org.cxloop.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cxloop.bench.BenchReport.Phase;
import org.cxloop.bench.BenchReport.Size;
import org.cxloop.bench.BenchReport.Target;
import org.cxloop.bench.BenchReport.Verdict;
import org.junit.jupiter.api.Test;

/** The report's arithmetic on hand-made measurements; nothing here is timed. */
class BenchReportTest {

  private static Phase phase(String name, double seconds, long rows, long spill, Map<String, Double> groups) {
    return new Phase(name, seconds, rows, 1L << 30, 2L << 30, 0.5, seconds * 1.5, seconds * 0.25, spill, groups);
  }

  /** floor 10 s, full 25 s, increment 2 s, Spark 3 s, DuckDB 1 s, rows = responses * 2. */
  private static Size size(long responses, double floor, double full, double increment, double spark, double duck,
      long spill) {
    Map<String, Phase> p = new LinkedHashMap<>();
    long rows = responses * 2;
    p.put(BenchReport.FLOOR, phase(BenchReport.FLOOR, floor, rows, 0, Map.of()));
    p.put(BenchReport.FULL, phase(BenchReport.FULL, full, rows, spill, Map.of("enrich", 30.0, "write", 10.0)));
    p.put(BenchReport.INCREMENT, phase(BenchReport.INCREMENT, increment, 1370, 0, Map.of("nps", 3.0, "ingest", 1.0)));
    p.put(BenchReport.NPS_SPARK, phase(BenchReport.NPS_SPARK, spark, responses, 0, Map.of()));
    p.put(BenchReport.NPS_DUCKDB, phase(BenchReport.NPS_DUCKDB, duck, responses, 0, Map.of()));
    return new Size(responses, rows, 1000L * responses, p, true, "", List.of());
  }

  @Test
  void ratiosAndRowsPerSecond() {
    Size s = size(1_000_000, 10, 25, 2, 3, 1, 0);
    assertThat(s.fullOverFloor()).as("25 / 10").isCloseTo(2.5, within(1e-12));
    assertThat(s.incrementOverFull()).as("2 / 25").isCloseTo(0.08, within(1e-12));
    assertThat(s.sparkOverDuckdb()).as("3 / 1").isCloseTo(3.0, within(1e-12));
    assertThat(s.phase(BenchReport.FULL).rowsPerSecond()).as("2,000,000 rows / 25 s").isCloseTo(80_000, within(1e-9));
    assertThat(phase("x", 0, 10, 0, Map.of()).rowsPerSecond()).as("no time measured").isZero();
    // CPU time is 1.5 x wall in these phases: 37.5 / 15 and 3 / 37.5
    assertThat(s.fullOverFloorCpu()).isCloseTo(2.5, within(1e-12));
    assertThat(s.incrementOverFullCpu()).isCloseTo(0.08, within(1e-12));
  }

  @Test
  void growthPerSizeStep() {
    // 1M: full 25 s, floor 10 s; 2M: full 60 s, floor 18 s -> size x2, full x2.4 (1.2 per size), floor x1.8
    BenchReport r = new BenchReport(Map.of(), List.of(size(2_000_000, 18, 60, 4, 5, 2, 0),
        size(1_000_000, 10, 25, 2, 3, 1, 0)));
    assertThat(r.steps()).hasSize(1);
    BenchReport.Step step = r.steps().get(0);
    assertThat(step.fromResponses()).as("sizes are sorted").isEqualTo(1_000_000);
    assertThat(step.sizeRatio()).isCloseTo(2.0, within(1e-12));
    assertThat(step.fullTimeRatio()).as("60 / 25").isCloseTo(2.4, within(1e-12));
    assertThat(step.fullTimePerSizeRatio()).as("2.4 / 2").isCloseTo(1.2, within(1e-12));
    assertThat(step.floorTimeRatio()).as("18 / 10").isCloseTo(1.8, within(1e-12));
  }

  @Test
  void targetsAtOneAndTenMillion() {
    // 10M: full 280 s vs floor 100 s = 2.8 (met, <= 3); increment 30 / 280 = 0.107 (missed, > 0.1);
    // 280 / 25 = 11.2 times the 1M full rebuild (missed, > 11); Spark 9 / DuckDB 5 = 1.8 (met);
    // spill 5e9 bytes <= input 1000 * 1e7 = 1e10 bytes (met).
    BenchReport r = new BenchReport(Map.of(), List.of(size(1_000_000, 10, 25, 2, 3, 1, 0),
        size(10_000_000, 100, 280, 30, 9, 5, 5_000_000_000L)));
    List<Target> t = r.targets();
    assertThat(t).extracting(Target::verdict).containsExactly(
        Verdict.MET, Verdict.MISSED, Verdict.MISSED, Verdict.MET, Verdict.MET);
    assertThat(t.get(0).value()).isCloseTo(2.8, within(1e-12));
    assertThat(t.get(1).value()).isCloseTo(30.0 / 280, within(1e-12));
    assertThat(t.get(1).reason()).as("the increment's largest stage group comes first, 3 of 4 s")
        .contains("nps 75% (3.00 s), ingest 25% (1.00 s)");
    assertThat(t.get(2).value()).isCloseTo(11.2, within(1e-12));
    assertThat(t.get(2).reason()).contains("enrich 75% (30.00 s), write 25% (10.00 s)");
    assertThat(t.get(3).value()).isCloseTo(1.8, within(1e-12));
    assertThat(t.get(4).value()).isEqualTo(5e9);
  }

  @Test
  void targetsStatedAtTenMillionAreNotMeasuredBelowIt() {
    BenchReport r = new BenchReport(Map.of(), List.of(size(200_000, 10, 40, 2, 3, 1, 0)));
    List<Target> t = r.targets();
    assertThat(t).extracting(Target::verdict).containsExactly(
        Verdict.NOT_MEASURED, Verdict.MET, Verdict.NOT_MEASURED, Verdict.NOT_MEASURED, Verdict.NOT_MEASURED);
    assertThat(t.get(0).reason()).as("40 / 10 shown as indicative").contains("at 200k the ratio is 4.00");
    assertThat(t.get(1).value()).as("2 / 40").isCloseTo(0.05, within(1e-12));
  }

  @Test
  void spillAboveInputSizeIsAStorm() {
    // 10M responses -> input bytes 1e10; spill 2e10 > 1e10
    BenchReport r = new BenchReport(Map.of(), List.of(size(10_000_000, 100, 200, 10, 2, 1, 20_000_000_000L)));
    assertThat(r.targets().get(4).verdict()).isEqualTo(Verdict.MISSED);
    assertThat(r.targets().get(4).reason()).contains("18.63 GiB"); // 2e10 / 2^30
  }

  @Test
  void jsonHasNullForUnmeasuredRatios() {
    Map<String, Phase> only = new LinkedHashMap<>();
    only.put(BenchReport.FLOOR, phase(BenchReport.FLOOR, 4, 8, 0, Map.of()));
    BenchReport r = new BenchReport(new LinkedHashMap<>(), List.of(new Size(5, 8, 100, only, true, "", List.of())));
    String json = JsonText.write(r.toJson());
    assertThat(json).contains("\"full_over_floor\": null").contains("\"rows_per_s\": 2.0000");
  }
}
