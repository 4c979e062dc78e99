package org.cxloop.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cxloop.output.CxTables;
import org.cxloop.output.RunLedger;
import org.cxloop.output.TableDef;
import org.cxloop.testing.MiniFixture;
import org.cxloop.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a real nightly run (a separate JVM running the jar's main class) at several points:
 * after ingest, after the answers were merged, and halfway through the aggregate tables. Every
 * time, recovery brings every table back to what it was before the run, the audit row says
 * "aborted", and the next run completes as if nothing had happened.
 */
class CrashSafetyTest {

  @TempDir Path dir;

  private final SparkSession spark = SharedSpark.get();

  private Map<String, List<Row>> snapshot(Path warehouse) {
    return org.cxloop.testing.TableContents.all(spark, warehouse.toString(), CxTables.DATA_TABLES, java.util.Set.of());
  }

  /** Starts the nightly run for 16-17 June in a new JVM and kills it when its log matches. */
  private void runAndKill(Path warehouse, String killAfter) throws Exception {
    Path props = dir.resolve("crash.properties");
    StringBuilder p = new StringBuilder();
    MiniFixture.settings(warehouse).forEach((k, v) -> p.append(k).append('=').append(v).append('\n'));
    // The victim does not register tables by name: starting an embedded Hive metastore costs a
    // new JVM many seconds, and the catalog holds no table data that a crash could damage.
    p.append("catalog.enabled=false\n");
    Files.writeString(props, p.toString());
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-Duser.timezone=UTC"));
    cmd.addAll(List.of(System.getProperty("cxloop.opens", "").split(" ")).stream().filter(s -> !s.isBlank()).toList());
    cmd.addAll(SharedSpark.CHILD_JVM_SETTINGS);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.cxloop.jobs.Cli", "nightly",
        "--from", "2026-06-16", "--to", "2026-06-17", "--conf", props.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process run = pb.start();
    Pattern trigger = Pattern.compile(killAfter);
    boolean killed = false;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (trigger.matcher(line).find()) {
          // SIGKILL: no shutdown hook, no finally block runs in the victim.
          new ProcessBuilder("kill", "-9", Long.toString(run.pid())).start().waitFor();
          killed = true;
          break;
        }
      }
    }
    assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(killed).as("the run reached '%s' before it was killed", killAfter).isTrue();
    assertThat(run.exitValue()).isEqualTo(137);
  }

  @Test
  void killedRunsAreRestoredAndTheNextRunCompletes() throws Exception {
    Path warehouse = dir.resolve("warehouse");
    NightlyJob.run(spark, new NightlyJob.Config(MiniFixture.config(warehouse), LocalDate.parse("2026-06-14"),
        LocalDate.parse("2026-06-15"), "before"));
    Map<String, List<Row>> before = snapshot(warehouse);

    RunLedger ledger = new RunLedger(spark, warehouse.toString());
    for (String point : List.of("stage ingest:", "stage write:", "wrote \\d+ rows to category_sentiment")) {
      runAndKill(warehouse, point);
      assertThat(ledger.recoverUnfinishedRuns()).as("one unfinished run after killing at '%s'", point).isEqualTo(1);
      assertThat(snapshot(warehouse)).as("tables after killing at '%s' and recovering", point).isEqualTo(before);
    }
    assertThat(spark.read().format("delta").load(warehouse.resolve("run_audit").toString())
        .filter("status = 'aborted'").count()).isEqualTo(3);

    NightlyJob.Result next = NightlyJob.run(spark, new NightlyJob.Config(MiniFixture.config(warehouse),
        LocalDate.parse("2026-06-16"), LocalDate.parse("2026-06-17"), "after"));
    assertThat(next.outcome().inserted()).as("R4 and R5, exactly once").isEqualTo(2);
    assertThat(spark.read().format("delta").load(warehouse.resolve("responses_enriched").toString()).count()).isEqualTo(5);
  }
}
