package org.cxloop.jobs;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.cxloop.CxErrors;
import org.cxloop.CxException;
import org.cxloop.config.CxConfig;
import org.cxloop.config.Keys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jar's entry point: {@code cxloop <job> [options]}. Parses the command line, builds the
 * configuration and the Spark session, runs the job, and turns the outcome into an exit code
 * a scheduler can act on: 0 success, 1 input or data-quality failure, 2 configuration error,
 * 3 internal error.
 */
public final class Cli {

  private static final Logger LOG = LoggerFactory.getLogger(Cli.class);
  static final String JOBS = "nightly, backfill, rebuild, validate, recover, register, train, evaluate, themes, publish, forget, bench";

  private Cli() {}

  public static void main(String[] args) {
    int code = run(args);
    // Spark's non-daemon threads would keep a finished JVM alive; the exit code is the contract.
    System.exit(code);
  }

  static int run(String[] args) {
    try {
      if (args.length == 0 || args[0].startsWith("-")) {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
          System.out.println("usage: cxloop <job> [options]   jobs: " + JOBS + "   (cxloop <job> --help for its options)");
          return 0;
        }
        throw CxErrors.badCommandLine("the first argument must name a job (" + JOBS + ")");
      }
      String job = args[0];
      String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
      return switch (job) {
        case "nightly" -> pipeline("nightly", NightlyJob.Mode.NIGHTLY, rest);
        case "backfill" -> pipeline("backfill", NightlyJob.Mode.NIGHTLY, rest);
        case "rebuild" -> pipeline("rebuild", NightlyJob.Mode.REBUILD, rest);
        case "validate" -> pipeline("validate", NightlyJob.Mode.VALIDATE, rest);
        case "recover" -> recover(rest);
        case "register" -> register(rest);
        case "bench" -> org.cxloop.bench.BenchJob.run(rest);
        case "train" -> ModelCommands.train(rest);
        case "evaluate" -> ModelCommands.evaluate(rest);
        case "themes" -> ModelCommands.themes(rest);
        case "publish" -> publish(rest);
        case "forget" -> ForgetCommand.run(rest);
        default -> throw CxErrors.badCommandLine("unknown job '" + job + "'; jobs are: " + JOBS);
      };
    } catch (CxException e) {
      System.err.println("cxloop: " + e.getMessage());
      return e.kind().exitCode();
    } catch (Throwable t) {
      LOG.error("cxloop failed with an internal error", t);
      System.err.println("cxloop: internal error: " + CxErrors.rootMessage(t) + " (see the log above)");
      return CxException.Kind.INTERNAL.exitCode();
    }
  }

  static Options nightlyOptions() {
    Options o = commonOptions();
    o.addOption(Option.builder().longOpt("run-date").hasArg().argName("YYYY-MM-DD")
        .desc("business day to take in (default: yesterday in business.timezone)").build());
    o.addOption(Option.builder().longOpt("from").hasArg().argName("YYYY-MM-DD")
        .desc("first day of a range to take in, in one run (with --to)").build());
    o.addOption(Option.builder().longOpt("to").hasArg().argName("YYYY-MM-DD")
        .desc("last day of the range (with --from)").build());
    return o;
  }

  static Options commonOptions() {
    Options o = new Options();
    o.addOption(Option.builder().longOpt("conf").hasArg().argName("FILE")
        .desc("properties file (may include others); default conf/local.properties if it exists").build());
    o.addOption(Option.builder().longOpt("set").hasArg().argName("KEY=VALUE")
        .desc("override one configuration key; repeatable").build());
    o.addOption(Option.builder().longOpt("print-config").desc("print the effective configuration and exit").build());
    o.addOption(Option.builder("h").longOpt("help").desc("show this help").build());
    return o;
  }

  private static final Map<String, String> ABOUT = Map.of(
      "nightly", "Takes in the answers of one business day (default: yesterday) or a range and updates every cxloop table.",
      "backfill", "Takes in a range of days, in one pass (default) or one nightly run per day (--day-by-day); "
          + "both give the same tables.",
      "rebuild", "Empties every cxloop table (restorable from the Delta history) and rebuilds them from the raw inputs "
          + "for the range.",
      "validate", "Reads and checks the inputs and the configuration for the days and prints the counts and "
          + "data-quality results; writes nothing.");

  private static final Map<String, String> EXAMPLES = Map.of(
      "nightly", "jobs/cxloop-nightly --run-date 2026-10-31 --conf conf/local.properties",
      "backfill", "jobs/cxloop-backfill --from 2026-10-01 --to 2026-10-31",
      "rebuild", "jobs/cxloop-rebuild --from 2026-05-01 --to 2026-10-31",
      "validate", "jobs/cxloop-validate --run-date 2026-10-31");

  private static int pipeline(String job, NightlyJob.Mode mode, String[] args) {
    Options options = nightlyOptions();
    if (job.equals("backfill")) {
      options.addOption(Option.builder().longOpt("day-by-day").desc("one nightly run per day instead of one pass").build());
    }
    CommandLine cl = parse(options, args);
    if (cl.hasOption("help")) {
      new HelpFormatter().printHelp("cxloop " + job + " [--run-date D | --from D --to D] [--conf FILE] [--set k=v ...]",
          ABOUT.get(job) + "\n\n", options, "\nExample: " + EXAMPLES.get(job)
              + "\nExit codes: 0 success, 1 bad input or failed data-quality check, 2 configuration error, 3 internal error.");
      return 0;
    }
    CxConfig conf = config(cl);
    if (cl.hasOption("print-config")) {
      System.out.print(conf.describe());
      return 0;
    }
    LocalDate from;
    LocalDate to;
    if (cl.hasOption("from") || cl.hasOption("to")) {
      if (!cl.hasOption("from") || !cl.hasOption("to") || cl.hasOption("run-date")) {
        throw CxErrors.badCommandLine("--from and --to go together, and not with --run-date");
      }
      from = date(cl.getOptionValue("from"), "--from");
      to = date(cl.getOptionValue("to"), "--to");
      if (to.isBefore(from)) {
        throw CxErrors.badCommandLine("--to " + to + " is before --from " + from);
      }
    } else if (job.equals("backfill") || job.equals("rebuild")) {
      throw CxErrors.badCommandLine(job + " needs --from and --to");
    } else {
      from = cl.hasOption("run-date") ? date(cl.getOptionValue("run-date"), "--run-date")
          : LocalDate.now(ZoneId.of(conf.get(Keys.BUSINESS_TIMEZONE))).minusDays(1);
      to = from;
    }
    SparkSession spark = session("cxloop " + job + " " + from + (from.equals(to) ? "" : ".." + to), conf,
        mode != NightlyJob.Mode.VALIDATE);
    List<LocalDate[]> runs = new java.util.ArrayList<>();
    if (cl.hasOption("day-by-day")) {
      from.datesUntil(to.plusDays(1)).forEach(d -> runs.add(new LocalDate[] {d, d}));
    } else {
      runs.add(new LocalDate[] {from, to});
    }
    for (LocalDate[] r : runs) {
      NightlyJob.Result result = NightlyJob.run(spark, new NightlyJob.Config(conf, r[0], r[1], RunIds.next(), mode));
      System.out.println(mode == NightlyJob.Mode.VALIDATE ? Summary.ofValidation(result, r[0], r[1])
          : Summary.of(spark, result, r[0], r[1]));
      if (mode == NightlyJob.Mode.VALIDATE && result.checks().stream().anyMatch(org.cxloop.quality.Check.Result::blocksRun)) {
        spark.stop();
        return CxException.Kind.INPUT.exitCode();
      }
    }
    spark.stop();
    return 0;
  }

  /** Restores the tables of a run that was killed, without starting a new one (for on-failure hooks). */
  private static int recover(String[] args) {
    Options options = commonOptions();
    CommandLine cl = parse(options, args);
    if (cl.hasOption("help")) {
      new HelpFormatter().printHelp("cxloop recover [--conf FILE] [--set k=v ...]",
          "Restores every table a killed run had changed to its version before that run, and marks the run aborted. "
              + "The next nightly run does the same by itself; call this from a scheduler's on-failure hook to restore at once.\n\n",
          options, "\nExample: jobs/cxloop-recover --conf conf/prod.properties");
      return 0;
    }
    CxConfig conf = config(cl);
    SparkSession spark = session("cxloop recover", conf, false);
    org.cxloop.output.RunLedger ledger = new org.cxloop.output.RunLedger(spark, conf.warehouse());
    ledger.createTables();
    int recovered = ledger.recoverUnfinishedRuns();
    System.out.println("cxloop recover: " + recovered + " unfinished run(s) restored and marked aborted");
    spark.stop();
    return 0;
  }

  private static int register(String[] args) {
    Options options = commonOptions();
    CommandLine cl = parse(options, args);
    if (cl.hasOption("help")) {
      new HelpFormatter().printHelp("cxloop register [--conf FILE] [--set k=v ...]",
          "Registers every table of the warehouse by name in the catalog database (catalog.database) and "
              + "recreates the BI views, without running anything else. The nightly run does this itself; "
              + "call it after pointing catalog.* at a new shared metastore, so that BI users find the tables "
              + "before the next night.\n\n",
          options, "\nExample: jobs/cxloop-register --conf conf/prod.properties");
      return 0;
    }
    CxConfig conf = config(cl);
    if (!conf.getBoolean(org.cxloop.config.Keys.CATALOG_ENABLED)) {
      throw CxErrors.badConfigValue(org.cxloop.config.Keys.CATALOG_ENABLED.name(), "false",
          "register needs the catalog; set catalog.enabled=true (and catalog.* for a shared metastore)");
    }
    SparkSession spark = session("cxloop register", conf, true);
    new org.cxloop.output.RunLedger(spark, conf.warehouse()).createTables(); // the run's own records, as a run has
    org.cxloop.output.Catalog.Registered r = org.cxloop.output.Catalog.register(spark, conf, NightlyJob.BI_TABLES);
    System.out.println("cxloop register: " + r.tables().size() + " tables and " + r.views().size()
        + " views in database " + conf.get(org.cxloop.config.Keys.CATALOG_DATABASE));
    spark.stop();
    return 0;
  }

  private static int publish(String[] args) {
    Options options = commonOptions();
    CommandLine cl = parse(options, args);
    if (cl.hasOption("help")) {
      new HelpFormatter().printHelp("cxloop publish [--conf FILE] [--set k=v ...]",
          "Mirrors the aggregate tables (publish.tables) into PostgreSQL (publish.jdbc.url, schema "
              + "publish.schema), each swapped in atomically. The password is read from the environment "
              + "variable " + PublishJob.PASSWORD_ENV + ".\n\n",
          options, "\nExample: CXLOOP_PUBLISH_PASSWORD=... jobs/cxloop-publish --set publish.jdbc.url=jdbc:postgresql://db:5432/bi");
      return 0;
    }
    CxConfig conf = config(cl);
    if (cl.hasOption("print-config")) {
      System.out.print(conf.describe());
      System.out.println("# password: from environment variable " + PublishJob.PASSWORD_ENV + " ("
          + (System.getenv(PublishJob.PASSWORD_ENV) == null ? "not set" : "set, ****") + ")");
      return 0;
    }
    // The publish job reads tables by path: no catalog, so it never waits for an embedded metastore.
    SparkSession spark = session("cxloop publish", conf, false);
    PublishJob.Result result = PublishJob.run(spark, new PublishJob.Config(conf, System.getenv(PublishJob.PASSWORD_ENV)));
    System.out.println(PublishJob.summary(result, conf));
    spark.stop();
    return 0;
  }

  static CommandLine parse(Options options, String[] args) {
    try {
      return new DefaultParser().parse(options, args);
    } catch (ParseException e) {
      throw CxErrors.badCommandLine(e.getMessage());
    }
  }

  static CxConfig config(CommandLine cl) {
    Map<String, String> overrides = new LinkedHashMap<>();
    String[] sets = cl.getOptionValues("set");
    if (sets != null) {
      for (String s : sets) {
        int eq = s.indexOf('=');
        if (eq <= 0) {
          throw CxErrors.badCommandLine("--set needs KEY=VALUE, got '" + s + "'");
        }
        overrides.put(s.substring(0, eq).trim(), s.substring(eq + 1).trim());
      }
    }
    Path file = null;
    if (cl.hasOption("conf")) {
      file = Path.of(cl.getOptionValue("conf"));
    } else if (java.nio.file.Files.isRegularFile(Path.of("conf/local.properties"))) {
      file = Path.of("conf/local.properties");
    }
    return CxConfig.load(file, overrides);
  }

  static LocalDate date(String value, String option) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw CxErrors.badCommandLine(option + " must be a date YYYY-MM-DD, got '" + value + "'");
    }
  }

  /** A session without the table catalog (jobs that read and write tables by path only). */
  public static SparkSession session(String appName) {
    return session(appName, null, false);
  }

  /**
   * The session cxloop needs: Delta's SQL extension and catalog, UTC session time (the
   * pipeline converts to the business time zone itself) and, with {@code withCatalog}, the table
   * catalog (see output.Catalog). Settings given to spark-submit win over the defaults here,
   * except the ones the pipeline's correctness depends on.
   */
  public static SparkSession session(String appName, CxConfig cx, boolean withCatalog) {
    SparkConf conf = new SparkConf();
    if (withCatalog) {
      org.cxloop.output.Catalog.configureSession(conf, cx);
    }
    conf.setIfMissing("spark.app.name", appName);
    conf.setIfMissing("spark.master", "local[2]");
    conf.setIfMissing("spark.sql.shuffle.partitions", "16");
    // Delta replays its log in 50 tasks by default; cxloop's logs are small, and on a 2-core
    // machine those tasks were 28-40% of a nightly increment's CPU (bench profile).
    conf.setIfMissing("spark.databricks.delta.snapshotPartitions", "8");
    // VACUUM (weekly maintenance, forget) lists a table's files in this many tasks: Spark's
    // default of 10,000 made each VACUUM of a small table take seconds of task overhead (the
    // maintenance test went from 72 s to 28 s). A few hundred folders per table need no more.
    conf.setIfMissing("spark.sql.sources.parallelPartitionDiscovery.parallelism", "16");
    // Cached datasets (the cells of each aggregate table before it is written) keep every shuffle
    // partition unless AQE may coalesce them too: a one-day increment then read a few KiB of
    // cells in 48 tasks per table, each deserialising the whole plan (bench profile).
    conf.setIfMissing("spark.sql.optimizer.canChangeCachedPlanOutputPartitioning", "true");
    // Cached columns stay compressed (Spark's default), although choosing their encodings was
    // 15% of the executor CPU of a 1M-answer benchmark (JFR: ids, raw records and comments are
    // all distinct, and Spark tries a dictionary on each). Uncompressed, the 1M rebuild was 8%
    // faster, but at 10M the larger caches spill to disk and one of two runs ran out of the
    // 4 GiB heap reading them back (docs/benchmark.md). With more heap per core,
    // --conf spark.sql.inMemoryColumnarStorage.compressed=false is worth trying.
    // A join whose shuffled partitions all fit in 64 MiB is hashed instead of sorted (AQE decides
    // per join at run time): the answers-to-interactions joins sort millions of rows otherwise.
    conf.setIfMissing("spark.sql.adaptive.maxShuffledHashJoinLocalMapThreshold", "64m");
    conf.set("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    conf.set("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    conf.set("spark.sql.session.timeZone", "UTC");
    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }
}
