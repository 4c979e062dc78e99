package org.cxloop.samples;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * Deterministic sample data for cxloop: survey responses (UTF-8 and two legacy code-page
 * exports), CRM customers and employees with history, and the interactions answers refer to,
 * with planted signals and an exact number of planted bad rows, all described in MANIFEST.json.
 *
 * <p>Plain Java, no Spark: everything is streamed to disk in O(customers) memory, so the same
 * code writes the committed sample and a ten-million-row benchmark. One seed gives byte-identical
 * files: all randomness comes from one {@link SplittableRandom}, split in a fixed order.
 */
public final class SampleDataGenerator {

  static final String RESPONSES_FILE = "responses.csv";
  static final String LEGACY_PL_FILE = "legacy/responses_pl_cp1250.csv";
  static final String LEGACY_RU_FILE = "legacy/responses_ru_cp1251.csv";
  static final String CRM_FILE = "crm_customers.csv";
  static final String INTERACTIONS_FILE = "interactions.csv";
  static final String EMPLOYEES_FILE = "employees.csv";
  static final String MANIFEST_FILE = "MANIFEST.json";
  static final Charset CP1250 = Charset.forName("windows-1250");
  static final Charset CP1251 = Charset.forName("windows-1251");

  /** About eight answers per customer over the period; one employee per 150 customers. */
  private static final int RESPONSES_PER_CUSTOMER = 8;
  private static final int CUSTOMERS_PER_EMPLOYEE = 150;
  private static final int MIN_CUSTOMERS = 50;
  private static final int MIN_EMPLOYEES = 40;
  /** Legacy exports come from Windows tools: semicolons, CRLF, local time without offset. */
  private static final ResponseExport.Format MAIN_FORMAT = new ResponseExport.Format(RESPONSES_FILE,
      StandardCharsets.UTF_8, ',', "\n", "R", 8, false, true, true);
  private static final ResponseExport.Format LEGACY_PL_FORMAT = new ResponseExport.Format(
      LEGACY_PL_FILE, CP1250, ';', "\r\n", "PLX-", 6, true, false, false);
  private static final ResponseExport.Format LEGACY_RU_FORMAT = new ResponseExport.Format(
      LEGACY_RU_FILE, CP1251, ';', "\r\n", "RUX-", 6, true, false, false);

  private SampleDataGenerator() {}

  /**
   * @param responses data rows of responses.csv, bad rows included
   * @param legacy data rows of each legacy file, its bad row included
   */
  record Config(Path out, long responses, long seed, LocalDate start, int days, boolean badRows,
      long legacy) {

    static final long DEFAULT_RESPONSES = 6000;
    static final long DEFAULT_SEED = 42;
    static final LocalDate DEFAULT_START = LocalDate.of(2026, 5, 1);
    static final int DEFAULT_DAYS = 184;
    static final long DEFAULT_LEGACY = 300;

    int customers() {
      return (int) Math.max(MIN_CUSTOMERS, Math.round((double) responses / RESPONSES_PER_CUSTOMER));
    }

    int employees() {
      return Math.max(MIN_EMPLOYEES, customers() / CUSTOMERS_PER_EMPLOYEE);
    }

    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("responses", responses);
      m.put("seed", seed);
      m.put("start", start.toString());
      m.put("days", days);
      m.put("bad_rows", badRows);
      m.put("legacy", legacy);
      return m;
    }
  }

  public static void main(String[] args) throws IOException {
    Config config;
    try {
      config = parse(args);
    } catch (ParseException | IllegalArgumentException | DateTimeParseException e) {
      System.err.println("Cannot generate samples: " + e.getMessage());
      new HelpFormatter().printHelp("SampleDataGenerator --out DIR [options]", options());
      System.exit(2);
      return;
    }
    long started = System.nanoTime();
    Map<String, Object> manifest = run(config);
    System.out.printf("Wrote samples to %s in %.1f s: %s%n", config.out(),
        (System.nanoTime() - started) / 1e9, manifest.get("files"));
  }

  static Options options() {
    return new Options()
        .addOption(Option.builder().longOpt("out").hasArg().argName("DIR").required()
            .desc("output directory (created)").build())
        .addOption(Option.builder().longOpt("responses").hasArg().argName("N")
            .desc("data rows of responses.csv (default " + Config.DEFAULT_RESPONSES + ")").build())
        .addOption(Option.builder().longOpt("seed").hasArg().argName("S")
            .desc("random seed (default " + Config.DEFAULT_SEED + ")").build())
        .addOption(Option.builder().longOpt("start").hasArg().argName("YYYY-MM-DD")
            .desc("first day of the period (default " + Config.DEFAULT_START + ")").build())
        .addOption(Option.builder().longOpt("days").hasArg().argName("D")
            .desc("days in the period (default " + Config.DEFAULT_DAYS + ")").build())
        .addOption(Option.builder().longOpt("no-bad-rows")
            .desc("plant no bad rows (for benchmarks)").build())
        .addOption(Option.builder().longOpt("legacy").hasArg().argName("N")
            .desc("data rows of each legacy file (default " + Config.DEFAULT_LEGACY + ")").build());
  }

  static Config parse(String[] args) throws ParseException {
    CommandLine cli = new DefaultParser().parse(options(), args);
    Config c = new Config(Path.of(cli.getOptionValue("out")),
        Long.parseLong(cli.getOptionValue("responses", "" + Config.DEFAULT_RESPONSES)),
        Long.parseLong(cli.getOptionValue("seed", "" + Config.DEFAULT_SEED)),
        LocalDate.parse(cli.getOptionValue("start", Config.DEFAULT_START.toString())),
        Integer.parseInt(cli.getOptionValue("days", "" + Config.DEFAULT_DAYS)),
        !cli.hasOption("no-bad-rows"),
        Long.parseLong(cli.getOptionValue("legacy", "" + Config.DEFAULT_LEGACY)));
    if (c.responses() < 1 || c.legacy() < 0) {
      throw new IllegalArgumentException("--responses must be at least 1 and --legacy at least 0.");
    }
    return c;
  }

  /** Writes every file and the manifest; returns the manifest. */
  static Map<String, Object> run(Config config) throws IOException {
    Period period = new Period(config.start(), config.days());
    SplittableRandom root = new SplittableRandom(config.seed());
    // One split per part, always in this order: a part's draws never shift another part's.
    SplittableRandom orgRng = root.split();
    SplittableRandom crmRng = root.split();
    SplittableRandom mainRng = root.split();
    SplittableRandom plRng = root.split();
    SplittableRandom ruRng = root.split();
    Path out = config.out();
    Files.createDirectories(out);

    Organisation organisation = Organisation.build(config.employees(), period, orgRng);
    organisation.write(out.resolve(EMPLOYEES_FILE));
    CustomerBase customers = CustomerBase.build(config.customers(), period, config.seed(), crmRng);
    long crmRows = customers.write(out.resolve(CRM_FILE));

    ResponseFactory factory = new ResponseFactory(customers, organisation,
        new CommentComposer(PhraseBank.load()));
    CustomerPicker everyone = CustomerPicker.all(customers);
    SignalStats signals = new SignalStats(organisation);
    Map<String, Object> files = new LinkedHashMap<>();
    long interactionRows;
    try (CsvWriter interactionsOut = CsvWriter.utf8(out.resolve(INTERACTIONS_FILE), Columns.INTERACTIONS)) {
      ResponseExport.Interactions interactions = new ResponseExport.Interactions(interactionsOut, factory);
      files.put(RESPONSES_FILE, new ResponseExport(MAIN_FORMAT, period, everyone, everyone, factory,
          interactions, signals, customers.size())
          .write(out, config.responses(),
              config.badRows() ? BadRowPlan.mainFile(config.responses()) : BadRowPlan.none(), mainRng)
          .toJson());
      files.put(LEGACY_PL_FILE, legacy(LEGACY_PL_FORMAT, Language.PL, config, period, customers,
          everyone, factory, interactions, plRng));
      files.put(LEGACY_RU_FILE, legacy(LEGACY_RU_FORMAT, Language.RU, config, period, customers,
          everyone, factory, interactions, ruRng));
      interactionRows = interactions.rows();
    }

    int callbackCohort = PlantedInitiatives.write(out, customers);

    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("generator", SampleDataGenerator.class.getName());
    manifest.put("seed", config.seed());
    manifest.put("args", config.toJson());
    Map<String, Object> days = new LinkedHashMap<>(); // not Map.of: its order changes per JVM
    days.put("first_day", config.start().toString());
    days.put("last_day", period.end().toString());
    manifest.put("period", days);
    manifest.put("files", files);
    Map<String, Object> other = new LinkedHashMap<>();
    other.put("customers", customers.size());
    other.put("crm_rows", crmRows);
    other.put("customers_with_history", customers.withHistory());
    other.put("employees", organisation.employees());
    other.put("employee_rows", organisation.rows());
    other.put("employees_moved", organisation.movers());
    other.put("interactions", interactionRows);
    other.put("initiatives", 3);
    other.put("initiative_callback_cohort_customers", callbackCohort);
    manifest.put("counts", other);
    manifest.put("signals", signals.toJson());
    Files.writeString(out.resolve(MANIFEST_FILE), Json.write(manifest), StandardCharsets.UTF_8);
    return manifest;
  }

  private static Map<String, Object> legacy(ResponseExport.Format format, Language language,
      Config config, Period period, CustomerBase customers, CustomerPicker everyone,
      ResponseFactory factory, ResponseExport.Interactions interactions, SplittableRandom rng)
      throws IOException {
    BadRowPlan plan = config.badRows() && config.legacy() > 0
        ? BadRowPlan.legacyFile(config.legacy()) : BadRowPlan.none();
    return new ResponseExport(format, period, CustomerPicker.speaking(customers, language), everyone,
        factory, interactions, null, customers.size())
        .write(config.out(), config.legacy(), plan, rng)
        .toJson();
  }
}
