package org.cxloop.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cxloop.testing.MiniFixture;
import org.cxloop.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that fails after it has already merged answers must leave every table as it was. The
 * failure is a real one: somebody added a CHECK constraint to nps_summary that the new cells
 * break, so the NPS write fails after responses_enriched and quarantine were written.
 */
class FailedRunRestoresTest {

  @TempDir Path warehouse;

  private final SparkSession spark = SharedSpark.get();

  private NightlyJob.Result run(String from, String to, String runId) {
    return NightlyJob.run(spark, new NightlyJob.Config(MiniFixture.config(warehouse),
        LocalDate.parse(from), LocalDate.parse(to), runId));
  }

  private List<Row> rows(String table) {
    return spark.read().format("delta").load(warehouse.resolve(table).toString()).orderBy(
        spark.read().format("delta").load(warehouse.resolve(table).toString()).columns()[0]).collectAsList();
  }

  @Test
  void failureAfterTheMergeRestoresEveryTable() {
    run("2026-06-14", "2026-06-15", "run-1");
    List<Row> answers = rows("responses_enriched");
    List<Row> quarantine = rows("quarantine");
    List<Row> cells = rows("nps_summary");
    assertThat(answers).as("R1, R2, R3 answered on 14-15 June").hasSize(3);

    String nps = "delta.`" + warehouse.resolve("nps_summary") + "`";
    spark.sql("ALTER TABLE " + nps + " ADD CONSTRAINT only_until_15_june CHECK (period_start <= DATE'2026-06-15')");
    assertThatThrownBy(() -> run("2026-06-16", "2026-06-17", "run-2"))
        .hasMessageContaining("only_until_15_june");

    assertThat(rows("responses_enriched")).as("R4 and R5 were merged, then rolled back").isEqualTo(answers);
    assertThat(rows("quarantine")).isEqualTo(quarantine);
    assertThat(rows("nps_summary")).isEqualTo(cells);
    Row audit = spark.read().format("delta").load(warehouse.resolve("run_audit").toString())
        .filter("run_id = 'run-2'").first();
    assertThat(audit.<String>getAs("status")).isEqualTo("failed");
    assertThat(audit.<String>getAs("error_message")).contains("only_until_15_june");

    spark.sql("ALTER TABLE " + nps + " DROP CONSTRAINT only_until_15_june");
    NightlyJob.Result retry = run("2026-06-16", "2026-06-17", "run-3");
    assertThat(retry.outcome().inserted()).as("R4 and R5, once").isEqualTo(2);
    assertThat(rows("responses_enriched")).hasSize(5);
  }
}
