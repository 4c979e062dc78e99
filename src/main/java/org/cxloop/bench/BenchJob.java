package org.cxloop.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.cxloop.CxErrors;
import org.cxloop.CxException;
import org.cxloop.config.CxConfig;
import org.cxloop.config.Keys;
import org.cxloop.config.Keys.Source;
import org.cxloop.ingest.InputSchemas;
import org.cxloop.ingest.SourceReader;
import org.cxloop.jobs.Cli;
import org.cxloop.jobs.NightlyJob;
import org.cxloop.jobs.RunIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cxloop bench}: how fast cxloop is against the floor (read the inputs, write them as
 * Delta, nothing else) and against DuckDB, at one or more sizes, in one JVM with one Spark
 * session so every phase runs on the same inputs and settings. Writes target/bench/report.md
 * and report.json (after each size, so a crash keeps what was measured) and prints the report.
 */
public final class BenchJob {

  private static final Logger LOG = LoggerFactory.getLogger(BenchJob.class);

  /** What the command line asked for. */
  public record Config(List<Long> sizes, Path workDir, Path reportDir, boolean keepInputs, boolean eventLog,
      int repeats) {}

  private final SparkSession spark;
  private final SparkContext sc;
  private final StageProfile profile;
  private final Config config;
  /** Responses of the size being measured: phase names repeat across a series, stages must not mix. */
  private long currentSize;
  /** True once the JVM has run one unmeasured floor (the first size's). */
  private boolean warmedUp;

  private BenchJob(SparkSession spark, Config config) {
    this.spark = spark;
    this.sc = spark.sparkContext();
    this.profile = StageProfile.attach(sc);
    this.config = config;
  }

  static Options options() {
    Options o = new Options();
    o.addOption(Option.builder().longOpt("responses").hasArg().argName("N")
        .desc("answers over the two years (default 1000000)").build());
    o.addOption(Option.builder().longOpt("series").hasArg().argName("N1,N2,...")
        .desc("run these sizes one after another and report growth (instead of --responses)").build());
    o.addOption(Option.builder().longOpt("work-dir").hasArg().argName("DIR")
        .desc("inputs and tables go here (default /tmp/cxloop-bench; keep it outside the repository)").build());
    o.addOption(Option.builder().longOpt("report-dir").hasArg().argName("DIR")
        .desc("report.md and report.json go here (default target/bench)").build());
    o.addOption(Option.builder().longOpt("keep-inputs")
        .desc("keep the generated inputs; a later run with the same size and day reuses them").build());
    o.addOption(Option.builder().longOpt("event-log")
        .desc("also write Spark's event log to WORK_DIR/eventlog (for the history server)").build());
    o.addOption(Option.builder().longOpt("repeats").hasArg().argName("K")
        .desc("runs of each NPS aggregation; the median is reported (default 3)").build());
    o.addOption(Option.builder("h").longOpt("help").desc("show this help").build());
    return o;
  }

  /** Entry from {@link Cli}: parses, runs, returns the exit code. */
  public static int run(String[] args) {
    CommandLine cl;
    try {
      cl = new DefaultParser().parse(options(), args);
    } catch (ParseException e) {
      throw CxErrors.badCommandLine(e.getMessage());
    }
    if (cl.hasOption("help")) {
      new HelpFormatter().printHelp("cxloop bench [--responses N | --series N1,N2,...] [--work-dir DIR] [--keep-inputs]",
          "Measures the floor, a full rebuild, a nightly increment and the NPS aggregation (Spark vs DuckDB).\n\n",
          options(), "\nExample: jobs/cxloop-bench --series 1000000,2000000,5000000,10000000");
      return 0;
    }
    List<Long> sizes = cl.hasOption("series")
        ? Arrays.stream(cl.getOptionValue("series").split(",")).map(String::trim).map(s -> positive(s, "--series")).toList()
        : List.of(positive(cl.getOptionValue("responses", "1000000"), "--responses"));
    if (cl.hasOption("series") && cl.hasOption("responses")) {
      throw CxErrors.badCommandLine("give --responses or --series, not both");
    }
    Path workDir = Path.of(cl.getOptionValue("work-dir", "/tmp/cxloop-bench")).toAbsolutePath().normalize();
    if (workDir.startsWith(Path.of("").toAbsolutePath()) && Files.isDirectory(Path.of("src/main/java/org/cxloop"))) {
      throw CxErrors.badCommandLine("--work-dir " + workDir + " is inside the repository; the inputs are gigabytes, "
          + "give a folder outside it");
    }
    Config c = new Config(sizes, workDir, Path.of(cl.getOptionValue("report-dir", "target/bench")).toAbsolutePath(),
        cl.hasOption("keep-inputs"), cl.hasOption("event-log"),
        (int) (long) positive(cl.getOptionValue("repeats", "3"), "--repeats"));
    if (c.eventLog()) {
      Path log = workDir.resolve("eventlog");
      try {
        Files.createDirectories(log);
      } catch (IOException e) {
        throw CxErrors.badCommandLine("cannot create " + log + ": " + e.getMessage());
      }
      // Read by the SparkConf that Cli.session builds: system properties spark.* are its defaults.
      System.setProperty("spark.eventLog.enabled", "true");
      System.setProperty("spark.eventLog.dir", log.toUri().toString());
      System.setProperty("spark.eventLog.compress", "false"); // readable with jq, no zstd needed
    }
    SparkSession spark = Cli.session("cxloop bench " + sizes);
    try {
      BenchReport report = new BenchJob(spark, c).runAll();
      boolean allEqual = report.sizes().stream().allMatch(BenchReport.Size::npsEqual);
      return allEqual ? 0 : CxException.Kind.INTERNAL.exitCode();
    } finally {
      spark.stop();
    }
  }

  private static Long positive(String v, String option) {
    try {
      long n = Long.parseLong(v.replace("_", ""));
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the message
    }
    throw CxErrors.badCommandLine(option + " needs positive whole numbers, got '" + v + "'");
  }

  private BenchReport runAll() {
    Map<String, Object> env = environment();
    List<BenchReport.Size> done = new ArrayList<>();
    BenchReport report = new BenchReport(env, done);
    for (long n : config.sizes()) {
      LOG.info("bench: {} responses", n);
      try {
        done.add(runSize(n));
      } catch (IOException | java.sql.SQLException e) {
        throw new CxException(CxException.Kind.INTERNAL, "Cannot benchmark " + n + " responses: "
            + CxErrors.rootMessage(e) + ". Check free space and permissions in " + config.workDir() + ".", e);
      }
      env.put("load average at end", loadAverage());
      report = new BenchReport(env, done);
      write(report);
    }
    System.out.println(report.markdown());
    System.out.println("Report: " + config.reportDir().resolve("report.md") + " and report.json");
    return report;
  }

  private BenchReport.Size runSize(long n) throws IOException, java.sql.SQLException {
    currentSize = n;
    Path base = config.workDir().resolve("n" + n);
    LocalDate nextDay = LocalDate.now(ZoneId.of(Keys.BUSINESS_TIMEZONE.defaultValue())).minusDays(1);
    BenchInputs in = BenchInputs.prepare(base.resolve("inputs"), n, nextDay);
    LOG.info("bench: inputs {} in {} ({} history answers, {} next-day, {} CRM rows, {} interactions, {} employee rows)",
        in.reused() ? "reused" : String.format(Locale.ROOT, "generated in %.1f s", in.generateSeconds()), in.dir(),
        in.historyRows(), in.nextDayRows(), in.crmRows(), in.interactionRows(), in.employeeRows());
    Path warehouse = base.resolve("warehouse");
    Path floorDir = base.resolve("floor");
    Path parquet = base.resolve("parquet");
    for (Path p : List.of(warehouse, floorDir, parquet)) {
      BenchInputs.deleteTree(p);
    }
    Path textConf = Path.of(Keys.TEXT_CONF_DIR.defaultValue()).toAbsolutePath();
    CxConfig full = in.config(warehouse, textConf, in.responsesHistory());
    CxConfig increment = in.config(warehouse, textConf, in.responsesNextDay());
    List<String> notes = new ArrayList<>();
    Map<String, BenchReport.Phase> phases = new LinkedHashMap<>();

    if (!warmedUp) {
      // The JVM's first phase spends most of its time in JIT compilation (28 of 30 s of the floor
      // at 1M), while the phases after it run warm. One unmeasured floor first makes the floor
      // and the full rebuild equally warm, so their ratio compares work, not warm-up.
      long started = System.nanoTime();
      floor(full, base.resolve("floor-warm-up"));
      BenchInputs.deleteTree(base.resolve("floor-warm-up"));
      warmedUp = true;
      notes.add(String.format(Locale.ROOT, "The JVM was warmed up by one unmeasured floor (%.1f s) before the first "
          + "measured phase.", (System.nanoTime() - started) / 1e9));
    }
    phases.put(BenchReport.FLOOR, measure(BenchReport.FLOOR, in.historyInputRows(), () -> {
      floor(full, floorDir);
      return null;
    }));
    NightlyJob.Result[] results = new NightlyJob.Result[2];
    phases.put(BenchReport.FULL, measure(BenchReport.FULL, in.historyInputRows(), () -> results[0] =
        NightlyJob.run(spark, new NightlyJob.Config(full, in.firstDay(), in.lastHistoryDay(), RunIds.next()))));
    phases.put(BenchReport.INCREMENT, measure(BenchReport.INCREMENT, in.nextDayRows(), () -> results[1] =
        NightlyJob.run(spark, new NightlyJob.Config(increment, in.nextDay(), in.nextDay(), RunIds.next()))));
    check(notes, "full rebuild", results[0].outcome().inserted(), in.historyRows());
    check(notes, "increment", results[1].outcome().inserted(), in.nextDayRows());

    long[] parquetRows = new long[1];
    phases.put(BenchReport.PARQUET_COPY, measure(BenchReport.PARQUET_COPY, in.historyRows() + in.interactionRows(),
        () -> parquetRows[0] = NpsComparison.writeParquet(spark, full, parquet)));
    // The issue's comparison joins the answers to the interactions for their touchpoint, as the
    // inputs come. The same aggregation without the join (the answers already carry their
    // touchpoint, as in responses_enriched) shows how much of the gap is the join.
    long joinedRows = NpsComparison.writeJoinedParquet(spark, parquet);
    double confidence = full.getDouble(Keys.NPS_CONFIDENCE);
    Comparison withJoin = compareEngines(BenchReport.NPS_SPARK, BenchReport.NPS_DUCKDB, parquet, parquetRows[0],
        NpsComparison.sql(confidence));
    Comparison withoutJoin = compareEngines(BenchReport.NPS_SPARK + "_no_join", BenchReport.NPS_DUCKDB + "_no_join",
        parquet, joinedRows, NpsComparison.sqlWithoutJoin(confidence));
    phases.put(BenchReport.NPS_SPARK, withJoin.spark());
    phases.put(BenchReport.NPS_DUCKDB, withJoin.duckdb());
    phases.put(withoutJoin.spark().name(), withoutJoin.spark());
    phases.put(withoutJoin.duckdb().name(), withoutJoin.duckdb());
    notes.add("NPS aggregation runs (s), median reported: Spark " + withJoin.sparkRuns() + ", DuckDB "
        + withJoin.duckdbRuns() + "; both read the Parquet copies (" + parquetRows[0]
        + " rows: answers + interactions).");
    NpsComparison.Outcome same = withJoin.same();
    NpsComparison.Outcome sameWithoutJoin = NpsComparison.compare(withJoin.cells(), withoutJoin.cells());
    notes.add(String.format(Locale.ROOT, "Without the join (%d answers that already carry their touchpoint): Spark %s "
            + "s, DuckDB %s s, Spark/DuckDB %.2f; the cells %s the cells with the join (%s).", joinedRows,
        withoutJoin.sparkRuns(), withoutJoin.duckdbRuns(), withoutJoin.spark().seconds() / withoutJoin.duckdb().seconds(),
        sameWithoutJoin.equal() && withoutJoin.same().equal() ? "equal" : "DIFFER FROM", sameWithoutJoin.detail()));
    if (!same.equal() || !withoutJoin.same().equal() || !sameWithoutJoin.equal()) {
      LOG.error("bench: the NPS cells disagree: Spark vs DuckDB {}; without the join {}; with vs without {}",
          same.detail(), withoutJoin.same().detail(), sameWithoutJoin.detail());
    }
    notes.add(String.format(Locale.ROOT, "Inputs: %d answers over %s..%s, next day %s with %d answers; %d CRM rows, "
            + "%d interactions, %d employee rows; %s.", in.historyRows(), in.firstDay(), in.lastHistoryDay(),
        in.nextDay(), in.nextDayRows(), in.crmRows(), in.interactionRows(), in.employeeRows(),
        in.reused() ? "reused from a kept folder" : String.format(Locale.ROOT, "generated in %.1f s", in.generateSeconds())));
    notes.add("Slowest stages of the full rebuild:\n\n```\n" + String.join("\n",
        profile.slowest(tag(BenchReport.FULL), 8).stream().map(StageProfile.StageTime::line).toList()) + "\n```");
    notes.add("Slowest stages of the increment:\n\n```\n" + String.join("\n",
        profile.slowest(tag(BenchReport.INCREMENT), 5).stream().map(StageProfile.StageTime::line).toList()) + "\n```");

    for (Path p : List.of(warehouse, floorDir, parquet)) {
      BenchInputs.deleteTree(p);
    }
    if (!config.keepInputs()) {
      BenchInputs.deleteTree(base);
    }
    return new BenchReport.Size(n, in.historyInputRows(), in.bytes(), phases, same.equal(), same.detail(), notes);
  }

  /**
   * The floor: every input read with its schema and written once as a Delta table, no logic. Any
   * pipeline that reads and writes this data pays at least this.
   */
  private void floor(CxConfig conf, Path out) {
    Map<Source, StructType> inputs = new LinkedHashMap<>();
    inputs.put(Source.RESPONSES, InputSchemas.RESPONSES);
    inputs.put(Source.CRM_CUSTOMERS, InputSchemas.CRM_CUSTOMERS);
    inputs.put(Source.INTERACTIONS, InputSchemas.INTERACTIONS);
    inputs.put(Source.EMPLOYEES, InputSchemas.EMPLOYEES);
    inputs.forEach((source, schema) -> {
      sc.setJobDescription("bench floor: " + source.id + " as Delta");
      Column[] cols = Arrays.stream(schema.fieldNames()).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
      SourceReader.read(spark, conf, source, schema).select(cols)
          .write().format("delta").mode("overwrite").save(out.resolve(source.id).toString());
    });
    sc.setJobDescription(null);
  }

  private BenchReport.Phase measure(String name, long rows, Callable<?> body) {
    System.gc(); // every phase starts from a collected heap, so heap peaks compare
    sc.setLocalProperty(StageProfile.PHASE_PROPERTY, tag(name));
    ResourceProbe probe = ResourceProbe.start();
    long started = System.nanoTime();
    try {
      body.call();
    } catch (CxException e) {
      throw e;
    } catch (Exception e) {
      throw new CxException(CxException.Kind.INTERNAL, "Cannot finish benchmark phase " + name + ": "
          + CxErrors.rootMessage(e) + ". See the log above; the inputs are in " + config.workDir() + ".", e);
    } finally {
      probe.close();
      sc.setLocalProperty(StageProfile.PHASE_PROPERTY, null);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    ResourceProbe.Peaks peaks = probe.stop();
    StageProfile.drain(sc);
    BenchReport.Phase p = new BenchReport.Phase(name, seconds, rows, peaks.heapBytes(), peaks.rssBytes(),
        peaks.gcSeconds(), peaks.cpuSeconds(), peaks.jitSeconds(), profile.diskSpill(tag(name)),
        profile.secondsByGroup(tag(name)));
    LOG.info(String.format(Locale.ROOT, "bench: %s %.1f s (process CPU %.1f s, JIT %.1f s), %d rows, %.0f rows/s, peak heap %s, peak RSS %s%s",
        name, seconds, peaks.cpuSeconds(), peaks.jitSeconds(), rows, p.rowsPerSecond(), BenchReport.bytes(peaks.heapBytes()),
        BenchReport.bytes(peaks.rssBytes()), probe.rssIsPerPhase() ? "" : " (process peak)"));
    return p;
  }

  /** The phase as the stage profile knows it: size and name, e.g. 1000000/full_rebuild. */
  private String tag(String phase) {
    return currentSize + "/" + phase;
  }

  /** One query in both engines, {@code repeats} times each: medians, runs and the first cells. */
  private record Comparison(BenchReport.Phase spark, BenchReport.Phase duckdb, String sparkRuns, String duckdbRuns,
      List<NpsComparison.Cell> cells, NpsComparison.Outcome same) {}

  private Comparison compareEngines(String sparkName, String duckName, Path parquet, long rows, String sql)
      throws java.sql.SQLException {
    List<List<NpsComparison.Cell>> sparkCells = new ArrayList<>();
    List<BenchReport.Phase> sparkRuns = new ArrayList<>();
    for (int i = 1; i <= config.repeats(); i++) {
      sparkRuns.add(measure(sparkName + "#" + i, rows, () -> sparkCells.add(NpsComparison.spark(spark, parquet, sql))));
    }
    List<List<NpsComparison.Cell>> duckCells = new ArrayList<>();
    List<BenchReport.Phase> duckRuns = new ArrayList<>();
    try (Connection duck = NpsComparison.duckdb(parquet, Runtime.getRuntime().availableProcessors())) {
      environmentPut("duckdb", NpsComparison.duckdbVersion(duck) + " (org.duckdb:duckdb_jdbc, embedded, "
          + Runtime.getRuntime().availableProcessors() + " threads)");
      for (int i = 1; i <= config.repeats(); i++) {
        duckRuns.add(measure(duckName + "#" + i, rows, () -> duckCells.add(NpsComparison.duckdb(duck, sql))));
      }
    }
    return new Comparison(median(sparkName, sparkRuns), median(duckName, duckRuns), seconds(sparkRuns),
        seconds(duckRuns), sparkCells.get(0), NpsComparison.compare(sparkCells.get(0), duckCells.get(0)));
  }

  private static BenchReport.Phase median(String name, List<BenchReport.Phase> runs) {
    List<BenchReport.Phase> sorted = runs.stream().sorted(Comparator.comparingDouble(BenchReport.Phase::seconds)).toList();
    BenchReport.Phase m = sorted.get(sorted.size() / 2);
    long heap = runs.stream().mapToLong(BenchReport.Phase::peakHeapBytes).max().orElse(0);
    long rss = runs.stream().mapToLong(BenchReport.Phase::peakRssBytes).max().orElse(0);
    long spill = runs.stream().mapToLong(BenchReport.Phase::diskSpillBytes).max().orElse(0);
    return new BenchReport.Phase(name, m.seconds(), m.rows(), heap, rss, m.gcSeconds(), m.cpuSeconds(), m.jitSeconds(), spill,
        m.groupSeconds());
  }

  private static String seconds(List<BenchReport.Phase> runs) {
    return runs.stream().map(p -> BenchReport.fmt(p.seconds())).toList().toString();
  }

  private static void check(List<String> notes, String what, long inserted, long expected) {
    if (inserted != expected) {
      String msg = what + " inserted " + inserted + " answers into responses_enriched, expected " + expected;
      LOG.warn("bench: {}", msg);
      notes.add("WARNING: " + msg + ".");
    }
  }

  private final Map<String, Object> env = new LinkedHashMap<>();

  private void environmentPut(String k, Object v) {
    env.put(k, v);
  }

  private Map<String, Object> environment() {
    Runtime rt = Runtime.getRuntime();
    env.put("date", java.time.Instant.now().toString());
    env.put("cores", rt.availableProcessors());
    env.put("memory", BenchReport.bytes(memTotalBytes()));
    env.put("driver max heap", BenchReport.bytes(rt.maxMemory()));
    env.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
    env.put("spark", spark.version() + ", master " + sc.master() + ", spark.sql.shuffle.partitions "
        + spark.conf().get("spark.sql.shuffle.partitions"));
    env.put("delta", jarVersion(io.delta.tables.DeltaTable.class, "delta-spark"));
    env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    env.put("load average at start", loadAverage());
    env.put("rss per phase", ResourceProbe.resetRssPeak() ? "yes (VmHWM reset via /proc/self/clear_refs)"
        : "no: VmHWM is the process peak so far");
    env.put("heap peak", "used heap sampled every " + ResourceProbe.SAMPLE_MS + " ms after a System.gc()");
    return env;
  }

  private static long memTotalBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return 0;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Version from the jar a class was loaded from, e.g. delta-spark_2.13-4.3.1.jar gives 4.3.1. */
  static String jarVersion(Class<?> cls, String artifact) {
    try {
      String jar = Path.of(cls.getProtectionDomain().getCodeSource().getLocation().toURI()).getFileName().toString();
      return jar.replaceAll("^" + artifact + "(_[0-9.]+)?-", "").replaceAll("\\.jar$", "");
    } catch (Exception e) {
      return "unknown";
    }
  }

  private void write(BenchReport report) {
    try {
      Files.createDirectories(config.reportDir());
      Files.writeString(config.reportDir().resolve("report.md"), report.markdown(), StandardCharsets.UTF_8);
      Files.writeString(config.reportDir().resolve("report.json"), JsonText.write(report.toJson()), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CxException(CxException.Kind.INTERNAL, "Cannot write the benchmark report to " + config.reportDir()
          + ": " + e.getMessage() + ". Give a writable folder with --report-dir.", e);
    }
  }
}
