package org.cxloop.loop;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cxloop.jobs.NightlyJob;
import org.cxloop.testing.MiniFixture;
import org.cxloop.testing.MiniRun;
import org.cxloop.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop stage inside two full nightly runs of the same dates on the mini fixture, whose
 * answers R2 (score 3) and R5 (score 6) are the only ones that open cases: the JVM's shared run
 * ({@link MiniRun}), then the same night again with a case-updates feed. (That an update applies
 * once and a stale one never reverses it is FollowupCasesTest's, on constructed tables.)
 */
class LoopNightlyTest {

  private final SparkSession spark = SharedSpark.get();

  private static String sha256(String s) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void casesOpenOnceUpdatesApplyOnceUnknownIdsAreQuarantined(@TempDir Path dir) throws Exception {
    String r2 = sha256("R2");
    Path updates = dir.resolve("case_updates.csv");
    Files.writeString(updates, String.join("\n",
        "case_id,new_status,note,updated_at,closed_at",
        r2 + ",in_progress,called back,2026-06-16T09:00:00+02:00,",
        r2 + ",closed,voucher sent,2026-06-16T15:00:00+02:00,2026-06-16T14:45:00+02:00",
        r2 + ",open,stale export,2026-06-17T08:00:00+02:00,",
        "no-such-case,closed,,2026-06-16T15:00:00+02:00,", ""));
    Map<String, String> with = Map.of("input.case_updates.path", updates.toString());

    // The first night: the JVM's shared run of the same dates, without a feed, opened the cases.
    assertThat(MiniRun.result().outcome().stageCounts().get("written.followup_cases_opened")).as("R2 and R5")
        .isEqualTo(2);
    // The same night again, now with the feed (a copy of the shared run: this test writes).
    Path warehouse = MiniRun.copyTo(dir.resolve("warehouse"));
    Map<String, Long> again = NightlyJob.run(spark, new NightlyJob.Config(MiniFixture.config(warehouse, with),
        LocalDate.parse("2026-06-14"), LocalDate.parse("2026-06-17"), "loop-2")).outcome().stageCounts();
    assertThat(again.get("written.followup_cases_opened")).as("same night again: no case twice").isZero();
    assertThat(again.get("read.case_updates")).isEqualTo(4);
    assertThat(again.get("loop.case_updates.applied")).as("in_progress, then closed").isEqualTo(2);
    assertThat(again.get("loop.case_updates.ignored_stale")).as("the open after closed").isEqualTo(1);
    assertThat(again.get("quarantined.case_updates.unknown_case_id")).isEqualTo(1);
    // Only R2 changed (R5's status as of the same night's end is what the first night stored).
    assertThat(again.get("written.followup_cases_updated")).as("R2").isEqualTo(1);
    assertThat(again.get("loop.cases_total")).isEqualTo(2);
    assertThat(again.get("loop.cases_closed")).as("R2").isEqualTo(1);

    String w = warehouse.toString();
    assertThat(spark.read().format("delta").load(w + "/followup_cases").count()).isEqualTo(2);
    Row c = spark.read().format("delta").load(w + "/followup_cases").filter(col("response_id").equalTo("R2")).first();
    assertThat(c.<String>getAs("case_id")).isEqualTo(r2);
    assertThat(c.<String>getAs("status")).isEqualTo("closed");
    assertThat(c.<String>getAs("last_note")).isEqualTo("voucher sent");
    assertThat(c.<String>getAs("first_loaded_run_id")).as("opened by the first night").isEqualTo("minirun-1");
    assertThat(spark.read().format("delta").load(w + "/quarantine").filter(col("source").equalTo("case_updates")).count())
        .as("the unknown case id, listed once").isEqualTo(1);
    assertThat(again.get("loop.cases_overdue")).as("as the table says")
        .isEqualTo(spark.read().format("delta").load(w + "/followup_cases").filter("status = 'overdue'").count());
    // The same night a third time, same feed: every update is stale now, nothing changes.
    Map<String, Long> third = NightlyJob.run(spark, new NightlyJob.Config(MiniFixture.config(warehouse, with),
        LocalDate.parse("2026-06-14"), LocalDate.parse("2026-06-17"), "loop-3")).outcome().stageCounts();
    assertThat(third.get("loop.case_updates.applied")).isZero();
    assertThat(third.get("written.followup_cases_updated")).isZero();
    assertThat(third.get("loop.cases_closed")).isEqualTo(1);
    // One SLA row per owner/team/week: R2 and R5 were opened in ISO week 2026-06-15.
    assertThat(spark.read().format("delta").load(w + "/followup_sla").selectExpr("sum(opened)", "sum(closed)")
        .first().toString()).isEqualTo("[2,1]");
    // R2's case: opened at its answer, 2026-06-15 10:00+02:00; closed 2026-06-16 14:45+02:00: 28.75 hours.
    assertThat(spark.read().format("delta").load(w + "/followup_sla").filter("closed = 1")
        .select("median_hours_to_close").first().getDouble(0)).isEqualTo(28.75);
  }
}
