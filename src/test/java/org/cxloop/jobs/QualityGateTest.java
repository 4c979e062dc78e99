package org.cxloop.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cxloop.CxException;
import org.cxloop.testing.MiniFixture;
import org.cxloop.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quality gate between validated input and the BI tables, on the mini fixture. */
class QualityGateTest {

  @TempDir Path dir;
  private Path warehouse;

  private final SparkSession spark = SharedSpark.get();

  private NightlyJob.Result run(String runId, Map<String, String> settings) {
    return NightlyJob.run(spark, new NightlyJob.Config(MiniFixture.config(warehouse, settings),
        LocalDate.parse("2026-06-14"), LocalDate.parse("2026-06-17"), runId));
  }

  private List<Row> rows(String table, String filter) {
    return spark.read().format("delta").load(warehouse.resolve(table).toString()).filter(filter).collectAsList();
  }

  @Test
  void errorLevelCheckStopsTheRunBeforeAnyBiTableIsWrittenAndWarningsDoNot() {
    // The JVM's shared run: 3 of 4 transactional answers (R5's T4 is unknown) matched an
    // interaction, 75% < 90%: a warning-level failure, and the run went on to write all 5 answers.
    assertThat(org.cxloop.testing.MiniRun.result().outcome().inserted()).isEqualTo(5);
    warehouse = org.cxloop.testing.MiniRun.copyTo(dir.resolve("warehouse")); // a copy: the error run below writes audit rows
    Row warning = rows("dq_results", "run_id = 'minirun-1' AND check_name = 'interaction_match_rate'").get(0);
    assertThat(warning.<String>getAs("status")).isEqualTo("failed");
    assertThat(warning.<String>getAs("level")).isEqualTo("warning");
    assertThat(warning.<Double>getAs("observed_value")).isEqualTo(0.75);
    long versionBefore = spark.sql("DESCRIBE HISTORY delta.`" + warehouse.resolve("responses_enriched") + "`")
        .selectExpr("max(version)").first().getLong(0);

    // 6 of 11 survey rows quarantined = 54.5% > 5%: an error-level failure.
    assertThatThrownBy(() -> run("error-run", Map.of("dq.quarantine.max.share", "0.05")))
        .isInstanceOf(CxException.class)
        .hasMessageContaining("data-quality check 'quarantine_share' failed: 54.5% of 11 survey rows quarantined")
        .satisfies(e -> assertThat(((CxException) e).kind().exitCode()).isEqualTo(1));
    long versionAfter = spark.sql("DESCRIBE HISTORY delta.`" + warehouse.resolve("responses_enriched") + "`")
        .selectExpr("max(version)").first().getLong(0);
    assertThat(versionAfter).as("no commit to responses_enriched at all").isEqualTo(versionBefore);
    assertThat(rows("dq_results", "run_id = 'error-run' AND status = 'failed'"))
        .extracting(r -> (String) r.getAs("check_name")).contains("quarantine_share");
    assertThat(rows("run_audit", "run_id = 'error-run'").get(0).<String>getAs("status")).isEqualTo("failed");
  }
}
