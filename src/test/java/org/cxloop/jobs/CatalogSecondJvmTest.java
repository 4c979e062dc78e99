package org.cxloop.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tables by name across JVMs, as BI users and other jobs meet them: one JVM registers a nightly
 * run's tables through the jar's entry point ({@code cxloop register}, embedded Derby metastore
 * under the warehouse) and exits; a second,
 * separate JVM then finds cxloop.* by name. Derby admits one JVM at a time, so they run one after
 * the other, as a scheduler runs jobs.
 */
class CatalogSecondJvmTest {

  @TempDir Path dir;

  @Test
  void aSecondJvmSeesTheTablesAndViewsByName() throws Exception {
    // The JVM's shared nightly run (a copy: this test adds a metastore to it). The nightly run
    // registers its tables through the same Catalog.register that `register` calls; a cold JVM
    // running the whole nightly again would cost a minute and show nothing more.
    Path warehouse = org.cxloop.testing.MiniRun.copyTo(dir.resolve("warehouse"));
    Proc first = java(dir.resolve("first.log"), "org.cxloop.jobs.Cli", "register",
        "--set", "warehouse.dir=" + warehouse, "--set", "catalog.enabled=true");
    assertThat(first.exit).as("register JVM exit code; its log:\n%s", first.log).isZero();
    assertThat(first.stdout).as("what register printed").anyMatch(l -> l.matches("cxloop register: \\d+ tables and \\d+ views in database cxloop"));
    assertThat(warehouse.resolve("_metastore/metastore_db")).as("embedded Derby metastore under the warehouse").isDirectory();

    Proc second = java(dir.resolve("second.log"), "org.cxloop.jobs.CatalogProbe", warehouse.toString(),
        "SHOW TABLES IN cxloop",
        "SELECT count(*) FROM cxloop.responses_enriched",
        "SELECT count(*) FROM cxloop.quarantine",
        "SELECT n, detractors, nps FROM cxloop.nps_company WHERE grain = 'month' AND survey_type = 'transactional'");
    assertThat(second.exit).as("probe JVM exit code; its log:\n%s", second.log).isZero();
    List<String> out = second.stdout;
    assertThat(section(out, "SHOW TABLES IN cxloop")).as("tables and views by name")
        .contains("cxloop|responses_enriched|false", "cxloop|nps_summary|false", "cxloop|quarantine|false",
            "cxloop|run_audit|false", "cxloop|nps_by_touchpoint|false", "cxloop|nps_company|false");
    assertThat(section(out, "SELECT count(*) FROM cxloop.responses_enriched")).as("R1..R5").containsExactly("5");
    assertThat(section(out, "SELECT count(*) FROM cxloop.quarantine")).as("6 broken rows").containsExactly("6");
    // Month 2026-06, transactional, company: R1 10, R2 3, R3 8, R5 6 -> n=4, D=2, NPS = 25 - 50 = -25.
    assertThat(section(out, "SELECT n, detractors, nps FROM cxloop.nps_company WHERE grain = 'month' AND survey_type = 'transactional'"))
        .containsExactly("4|2|-25.0");
  }

  private record Proc(int exit, List<String> stdout, String log) {}

  /** Runs a main class in a new JVM with this test's classpath; stdout lines kept, stderr in the log. */
  private static Proc java(Path log, String mainClass, String... args) throws Exception {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cmd = new ArrayList<>(List.of(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
        "-Xmx1g", "-Duser.timezone=UTC"));
    // The add-opens Spark needs on Java 17: surefire passes pom.xml's spark.jvm.opens list.
    cmd.addAll(List.of(System.getProperty("cxloop.opens").trim().split("\\s+")));
    cmd.addAll(org.cxloop.testing.SharedSpark.CHILD_JVM_SETTINGS);
    cmd.addAll(List.of("-cp", cp, mainClass));
    cmd.addAll(List.of(args));
    Path out = log.resolveSibling(log.getFileName() + ".out");
    Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).redirectOutput(out.toFile()).start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(mainClass + " did not finish in 10 minutes");
    }
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    String tail = String.join("\n", lines) + "\n--- stderr ---\n" + tailOf(Files.readString(log, StandardCharsets.UTF_8));
    return new Proc(p.exitValue(), lines, tail);
  }

  private static String tailOf(String s) {
    return s.length() > 6000 ? s.substring(s.length() - 6000) : s;
  }

  private static List<String> section(List<String> out, String sql) {
    int start = out.indexOf("== " + sql);
    assertThat(start).as("the probe ran: %s", sql).isNotNegative();
    List<String> rows = new ArrayList<>();
    for (int i = start + 1; i < out.size() && !out.get(i).startsWith("== "); i++) {
      rows.add(out.get(i));
    }
    return rows;
  }
}
