package org.cxloop.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.cxloop.config.CxConfig;
import org.cxloop.config.Keys;
import org.cxloop.config.Keys.Source;
import org.cxloop.samples.SampleDataGenerator;

/**
 * The benchmark's inputs at one size: two years of answers plus the next day's, with proportional
 * CRM (with history), interactions and employees, written by the project's own generator.
 *
 * <p>The generator writes {@link #DAYS} + 1 days in one go; the answers of the last day are split
 * off into their own file. So the history and the next day share customers, CRM history,
 * employees and interactions (the next day's interactions are already in interactions.csv, as
 * operational data lands before the survey answers), and the nightly increment reads a one-day
 * export the way a survey tool delivers it. The generator is given slightly more answers
 * ({@code N * 731 / 730}) so that the two years hold about N.
 */
record BenchInputs(Path dir, Path responsesHistory, Path responsesNextDay, Path crm, Path interactions,
    Path employees, LocalDate firstDay, LocalDate lastHistoryDay, LocalDate nextDay, long historyRows,
    long nextDayRows, long crmRows, long interactionRows, long employeeRows, long bytes,
    double generateSeconds, boolean reused) {

  /** Two years of history. */
  static final int DAYS = 730;
  static final long SEED = 42;
  private static final String MARKER = "BENCH_INPUTS.properties";
  /** Column of submitted_at in responses.csv; the columns before it never hold a comma. */
  private static final int SUBMITTED_AT_COLUMN = 8;

  /** Input rows the floor and the full rebuild read. */
  long historyInputRows() {
    return historyRows + crmRows + interactionRows + employeeRows;
  }

  /**
   * Generates (or reuses, when a kept folder was made with the same arguments) the inputs whose
   * next day is {@code nextDay}.
   */
  static BenchInputs prepare(Path dir, long responses, LocalDate nextDay) throws IOException {
    LocalDate first = nextDay.minusDays(DAYS);
    long generated = responses + (responses + DAYS - 1) / DAYS;
    Properties want = new Properties();
    want.setProperty("responses", Long.toString(responses));
    want.setProperty("generated", Long.toString(generated));
    want.setProperty("first_day", first.toString());
    want.setProperty("days", Integer.toString(DAYS + 1));
    want.setProperty("seed", Long.toString(SEED));
    Path marker = dir.resolve(MARKER);
    if (Files.isRegularFile(marker)) {
      Properties have = new Properties();
      try (var r = Files.newBufferedReader(marker)) {
        have.load(r);
      }
      if (want.entrySet().stream().allMatch(e -> e.getValue().equals(have.getProperty((String) e.getKey())))) {
        return describe(dir, first, nextDay, have, 0, true);
      }
    }
    deleteTree(dir);
    Files.createDirectories(dir);
    long started = System.nanoTime();
    SampleDataGenerator.main(new String[] {"--out", dir.toString(), "--responses", Long.toString(generated),
        "--days", Integer.toString(DAYS + 1), "--start", first.toString(), "--seed", Long.toString(SEED),
        "--no-bad-rows", "--legacy", "0"});
    long[] split = splitLastDay(dir.resolve("responses.csv"), dir.resolve("responses_history.csv"),
        dir.resolve("responses_next_day.csv"), nextDay);
    Files.delete(dir.resolve("responses.csv"));
    deleteTree(dir.resolve("legacy")); // empty with --legacy 0; the benchmark reads the main export only
    double seconds = (System.nanoTime() - started) / 1e9;
    want.setProperty("history_rows", Long.toString(split[0]));
    want.setProperty("next_day_rows", Long.toString(split[1]));
    want.setProperty("crm_rows", Long.toString(dataLines(dir.resolve("crm_customers.csv"))));
    want.setProperty("interaction_rows", Long.toString(dataLines(dir.resolve("interactions.csv"))));
    want.setProperty("employee_rows", Long.toString(dataLines(dir.resolve("employees.csv"))));
    try (var w = Files.newBufferedWriter(marker)) {
      want.store(w, "written by cxloop bench; inputs are reused while these match");
    }
    return describe(dir, first, nextDay, want, seconds, false);
  }

  private static BenchInputs describe(Path dir, LocalDate first, LocalDate nextDay, Properties p, double seconds,
      boolean reused) throws IOException {
    long bytes = 0;
    for (String f : List.of("responses_history.csv", "crm_customers.csv", "interactions.csv", "employees.csv")) {
      bytes += Files.size(dir.resolve(f));
    }
    return new BenchInputs(dir, dir.resolve("responses_history.csv"), dir.resolve("responses_next_day.csv"),
        dir.resolve("crm_customers.csv"), dir.resolve("interactions.csv"), dir.resolve("employees.csv"),
        first, nextDay.minusDays(1), nextDay, Long.parseLong(p.getProperty("history_rows")),
        Long.parseLong(p.getProperty("next_day_rows")), Long.parseLong(p.getProperty("crm_rows")),
        Long.parseLong(p.getProperty("interaction_rows")), Long.parseLong(p.getProperty("employee_rows")),
        bytes, seconds, reused);
  }

  /**
   * Copies the rows answered before {@code nextDay} (Warsaw local date, the first ten characters
   * of submitted_at) to {@code history} and the rest to {@code next}. The generator writes one
   * physical line per row in submitted_at order, so a line split is exact.
   */
  static long[] splitLastDay(Path all, Path history, Path next, LocalDate nextDay) throws IOException {
    String day = nextDay.toString();
    long[] rows = new long[2];
    try (BufferedReader in = Files.newBufferedReader(all, StandardCharsets.UTF_8);
        BufferedWriter h = Files.newBufferedWriter(history, StandardCharsets.UTF_8);
        BufferedWriter n = Files.newBufferedWriter(next, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      h.write(header);
      h.write('\n');
      n.write(header);
      n.write('\n');
      String line;
      while ((line = in.readLine()) != null) {
        boolean isNext = day.equals(submittedDate(line));
        (isNext ? n : h).write(line);
        (isNext ? n : h).write('\n');
        rows[isNext ? 1 : 0]++;
      }
    }
    return rows;
  }

  static String submittedDate(String line) {
    int pos = 0;
    for (int i = 0; i < SUBMITTED_AT_COLUMN; i++) {
      pos = line.indexOf(',', pos) + 1;
      if (pos == 0) {
        return "";
      }
    }
    return line.length() >= pos + 10 ? line.substring(pos, pos + 10) : "";
  }

  static long dataLines(Path file) throws IOException {
    long lines = 0;
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int r;
      while ((r = in.read(buf)) > 0) {
        for (int i = 0; i < r; i++) {
          if (buf[i] == '\n') {
            lines++;
          }
        }
      }
    }
    return Math.max(0, lines - 1);
  }

  /** The pipeline's configuration for these inputs: the declared defaults, bench paths, no legacy sources. */
  CxConfig config(Path warehouse, Path textConf, Path responses) {
    Map<String, String> set = new LinkedHashMap<>();
    set.put(Keys.WAREHOUSE_DIR.name(), warehouse.toString());
    set.put(Keys.TEXT_CONF_DIR.name(), textConf.toString());
    set.put(Source.RESPONSES.path.name(), responses.toString());
    set.put(Source.RESPONSES_LEGACY_PL.path.name(), "");
    set.put(Source.RESPONSES_LEGACY_RU.path.name(), "");
    set.put(Source.CRM_CUSTOMERS.path.name(), crm.toString());
    set.put(Source.INTERACTIONS.path.name(), interactions.toString());
    set.put(Source.EMPLOYEES.path.name(), employees.toString());
    return CxConfig.load(null, set);
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path x : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    }
  }

}
