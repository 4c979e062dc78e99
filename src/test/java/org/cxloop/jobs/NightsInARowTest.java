package org.cxloop.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cxloop.output.CxTables;
import org.cxloop.output.RunLedger;
import org.cxloop.testing.MiniFixture;
import org.cxloop.testing.MiniRun;
import org.cxloop.testing.SharedSpark;
import org.cxloop.testing.TableContents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mini fixture's four days taken in one nightly run per day, with what goes wrong on a real
 * night happening on the third:
 * <ol>
 *   <li>a run that fails after it has merged answers: somebody added a CHECK constraint to
 *   nps_summary that the new cells break, so the aggregate write fails after responses_enriched
 *   and quarantine were written;</li>
 *   <li>runs killed with kill -9 (a separate JVM running the jar's main class, no finally block
 *   runs) after the answers were merged, and halfway through the aggregate tables.</li>
 * </ol>
 * Each time every table is back to what it was before the night; the night then runs cleanly,
 * and after the fourth night every table equals the JVM's shared run of the same days in one pass
 * (a backfill). One scenario instead of three: each nightly run of the fixture costs seconds, and
 * the nights before the failures are the same for all three.
 */
class NightsInARowTest {

  @TempDir Path dir;

  private final SparkSession spark = SharedSpark.get();

  private NightlyJob.Result night(Path warehouse, String day, String runId) {
    return NightlyJob.run(spark, new NightlyJob.Config(MiniFixture.config(warehouse), LocalDate.parse(day),
        LocalDate.parse(day), runId));
  }

  private Map<String, List<Row>> snapshot(Path warehouse) {
    return TableContents.all(spark, warehouse.toString(), CxTables.DATA_TABLES, Set.of());
  }

  @Test
  void failedAndKilledNightsLeaveNoTraceAndTheNightsAddUpToOnePass() throws Exception {
    Path daily = dir.resolve("daily");
    // Without CXLOOP_PSEUDONYM_KEY each warehouse makes its own development key; the same key is
    // needed for the same pseudonyms, as in production where the key comes from the environment.
    MiniRun.copyDevelopmentKey(MiniRun.warehouse(), daily);
    assertThat(night(daily, "2026-06-14", "night-14").outcome().inserted()).as("R1").isEqualTo(1);
    assertThat(night(daily, "2026-06-15", "night-15").outcome().inserted()).as("R2, R3").isEqualTo(2);
    Map<String, List<Row>> before = snapshot(daily);

    // 1. A failure after the MERGE: the constraint rejects the day cells of 16 June.
    String nps = "delta.`" + daily.resolve("nps_summary") + "`";
    spark.sql("ALTER TABLE " + nps + " ADD CONSTRAINT only_until_15_june CHECK (period_start <= DATE'2026-06-15')");
    assertThatThrownBy(() -> night(daily, "2026-06-16", "night-16-failed")).hasMessageContaining("only_until_15_june");
    assertThat(snapshot(daily)).as("R4 and R5 were merged, then every table rolled back").isEqualTo(before);
    Row failed = spark.read().format("delta").load(daily.resolve("run_audit").toString())
        .filter("run_id = 'night-16-failed'").first();
    assertThat(failed.<String>getAs("status")).isEqualTo("failed");
    assertThat(failed.<String>getAs("error_message")).contains("only_until_15_june");
    spark.sql("ALTER TABLE " + nps + " DROP CONSTRAINT only_until_15_june");

    // 2. kill -9 after the answers were merged, and halfway through the aggregate tables.
    RunLedger ledger = new RunLedger(spark, daily.toString());
    for (String point : List.of("stage write:", "wrote \\d+ rows to category_sentiment")) {
      runAndKill(daily, "2026-06-16", point);
      assertThat(ledger.recoverUnfinishedRuns()).as("one unfinished run after killing at '%s'", point).isEqualTo(1);
      assertThat(snapshot(daily)).as("tables after killing at '%s' and recovering", point).isEqualTo(before);
    }
    assertThat(spark.read().format("delta").load(daily.resolve("run_audit").toString())
        .filter("status = 'aborted'").count()).isEqualTo(2);

    // 3. The night again, and the next one.
    assertThat(night(daily, "2026-06-16", "night-16").outcome().inserted()).as("R4 and R5, exactly once").isEqualTo(2);
    assertThat(night(daily, "2026-06-17", "night-17").outcome().inserted()).as("no answer on 17 June").isZero();
    Map<String, List<Row>> onePass = TableContents.all(spark, MiniRun.warehouse().toString(), CxTables.DATA_TABLES,
        TableContents.RUN_COLUMNS);
    assertThat(onePass.get("responses_enriched")).hasSize(5);
    assertThat(TableContents.all(spark, daily.toString(), CxTables.DATA_TABLES, TableContents.RUN_COLUMNS))
        .as("four nights equal one pass over the same days").isEqualTo(onePass);
  }

  /** Starts the nightly run for {@code day} in a new JVM and kills it when its log matches. */
  private void runAndKill(Path warehouse, String day, String killAfter) throws Exception {
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
        "--from", day, "--to", day, "--conf", props.toString()));
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
}
