package org.cxloop.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cxloop.output.RunLedger;
import org.cxloop.testing.MiniFixture;
import org.cxloop.testing.MiniRun;
import org.cxloop.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly run on the mini fixture. The first two tests read the JVM's shared run of
 * 2026-06-14..17 ({@link MiniRun}); the third re-runs the same days on a copy of it.
 */
class NightlyJobMiniTest {

  @TempDir Path dir;

  private final SparkSession spark = SharedSpark.get();

  private List<Row> table(String name, String orderBy) {
    return table(MiniRun.warehouse(), name, orderBy);
  }

  private List<Row> table(Path warehouse, String name, String orderBy) {
    return spark.read().format("delta").load(warehouse.resolve(name).toString()).orderBy(java.util.Arrays.stream(orderBy.split(",")).map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new)).collectAsList();
  }

  @Test
  void countsReconcileAndEveryBrokenRowIsQuarantinedWithItsRule() {
    RunLedger.Outcome o = MiniRun.result().outcome();
    Map<String, Long> c = o.stageCounts();
    assertThat(c.get("read.responses")).as("rows in the window: 12 minus R10 of July").isEqualTo(11);
    assertThat(c.get("accepted.responses")).as("R1..R5").isEqualTo(5);
    assertThat(c).containsEntry("quarantined.responses.score_out_of_range", 1L)
        .containsEntry("quarantined.responses.score_not_a_number", 1L)
        .containsEntry("quarantined.responses.missing_response_id", 1L)
        .containsEntry("quarantined.responses.unparseable_timestamp", 1L)
        .containsEntry("quarantined.responses.duplicate_response_id", 1L)
        .containsEntry("quarantined.responses.malformed_record", 1L);
    assertThat(o.withoutCrm()).as("R5 answers for unknown customer C9").isEqualTo(1);
    assertThat(o.withoutInteraction()).as("R5's transaction T4 is unknown").isEqualTo(1);

    List<Row> answers = table("responses_enriched", "response_id");
    assertThat(answers).extracting(r -> r.getAs("response_id")).containsExactly("R1", "R2", "R3", "R4", "R5");
    Map<String, Row> byId = answers.stream().collect(Collectors.toMap(r -> r.getAs("response_id"), r -> r));
    assertThat((String) byId.get("R1").getAs("segment")).as("C1 was a consumer until 2026-06-14").isEqualTo("consumer");
    assertThat((String) byId.get("R2").getAs("segment")).as("C1 became small_business on 2026-06-15").isEqualTo("small_business");
    assertThat((Integer) byId.get("R2").getAs("score")).as("the earliest copy of R2 is kept").isEqualTo(3);
    assertThat((String) byId.get("R1").getAs("team")).as("E1 served R1 while in team A").isEqualTo("cs_team_a");
    assertThat((String) byId.get("R3").getAs("team")).as("E1 moved to team B on 06-15").isEqualTo("cs_team_b");
    assertThat((String) byId.get("R4").getAs("account_id")).isEqualTo("A3");
    assertThat((String) byId.get("R5").getAs("nps_group")).isEqualTo("detractor");
    assertThat((Boolean) byId.get("R5").getAs("crm_matched")).isFalse();

    List<Row> quarantine = table("quarantine", "rule");
    assertThat(quarantine).hasSize(6);
    assertThat(quarantine).extracting(r -> (String) r.getAs("rule")).containsExactly("duplicate_response_id",
        "malformed_record", "missing_response_id", "score_not_a_number", "score_out_of_range", "unparseable_timestamp");
  }

  @Test
  void npsCellsAreComputedFromTheAnswers() {
    // Month 2026-06, transactional, whole company: R1 10, R2 3, R3 8, R5 6 -> P=1, Pa=1, D=2, n=4.
    // NPS = 100 (1/4 - 2/4) = -25; SE = 100 sqrt((0.25 + 0.5 - 0.0625) / 4) = 41.4578.
    Row cell = spark.read().format("delta").load(MiniRun.warehouse().resolve("nps_summary").toString())
        .filter("grain = 'month' AND dimension = 'company' AND survey_type = 'transactional'").first();
    assertThat(cell.<Long>getAs("n")).isEqualTo(4);
    assertThat(cell.<Long>getAs("detractors")).isEqualTo(2);
    assertThat(cell.<Double>getAs("nps")).isEqualTo(-25.0);
    assertThat(cell.<Double>getAs("nps_se")).isCloseTo(41.4578, org.assertj.core.data.Offset.offset(1e-4));
  }

  @Test
  void employeesAndTheirManagersAreCreditedAsOfTheAnswer() {
    // E1 served R1 (10, T1) in team A and R3 (8, T3) after moving to team B; E0 manages E1.
    // Month 2026-06, transactional: E1 n=2, P=1, Pa=1, D=0 -> NPS 50;
    // SE = 100 sqrt((0.5 + 0 - 0.25) / 2) = 35.3553. E0's roll-up holds the same two answers.
    for (String[] cell : new String[][] {{"employee_id", "E1"}, {"manager_rollup", "E0"}}) {
      Row r = spark.read().format("delta").load(MiniRun.warehouse().resolve("nps_summary").toString())
          .filter("grain = 'month' AND survey_type = 'transactional' AND dimension = '" + cell[0]
              + "' AND dimension_value = '" + cell[1] + "'").first();
      assertThat(r.<Long>getAs("n")).as("%s=%s", cell[0], cell[1]).isEqualTo(2);
      assertThat(r.<Long>getAs("promoters")).isEqualTo(1);
      assertThat(r.<Long>getAs("detractors")).isZero();
      assertThat(r.<Double>getAs("nps")).isEqualTo(50.0);
      assertThat(r.<Double>getAs("nps_se")).isCloseTo(35.3553, org.assertj.core.data.Offset.offset(1e-4));
    }
    // Teams: the move splits E1's month. Team A has R1 only (n=1 < nps.min.n=2: NPS suppressed).
    Row teamA = spark.read().format("delta").load(MiniRun.warehouse().resolve("nps_summary").toString())
        .filter("grain = 'month' AND survey_type = 'transactional' AND dimension = 'team' AND dimension_value = 'cs_team_a'")
        .first();
    assertThat(teamA.<Long>getAs("n")).isEqualTo(1);
    assertThat(teamA.<Boolean>getAs("below_min_n")).isTrue();
    assertThat(teamA.<Double>getAs("nps")).isNull();
  }

  @Test
  void runningTheSameDaysAgainChangesNothing() {
    Path warehouse = MiniRun.copyTo(dir.resolve("warehouse"));
    List<Row> answers = table(warehouse, "responses_enriched", "response_id");
    List<Row> cells = table(warehouse, "nps_summary", "grain,period_start,survey_type,dimension,dimension_value");
    List<Row> quarantine = table(warehouse, "quarantine", "quarantine_id");
    NightlyJob.Result again = NightlyJob.run(spark, new NightlyJob.Config(MiniFixture.config(warehouse),
        LocalDate.parse("2026-06-14"), LocalDate.parse("2026-06-17"), "run-2"));
    assertThat(again.outcome().inserted()).isZero();
    assertThat(again.outcome().updated()).isZero();
    assertThat(table(warehouse, "responses_enriched", "response_id")).isEqualTo(answers);
    assertThat(table(warehouse, "nps_summary", "grain,period_start,survey_type,dimension,dimension_value")).isEqualTo(cells);
    assertThat(table(warehouse, "quarantine", "quarantine_id")).isEqualTo(quarantine);
    assertThat(table(warehouse, "run_audit", "run_id")).extracting(r -> (String) r.getAs("status"))
        .containsExactly("succeeded", "succeeded");
  }
}
