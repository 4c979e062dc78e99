package org.cxloop.jobs;

import static org.apache.spark.sql.functions.col;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.cxloop.CxErrors;
import org.cxloop.CxException;
import org.cxloop.config.CxConfig;
import org.cxloop.config.Keys;
import org.cxloop.config.Keys.Source;
import org.cxloop.enrich.Enrich;
import org.cxloop.ingest.InputSchemas;
import org.cxloop.ingest.Ingested;
import org.cxloop.ingest.ReferenceIngest;
import org.cxloop.ingest.ResponseIngest;
import org.cxloop.ingest.SourceReader;
import org.cxloop.metrics.NpsAggregation;
import org.cxloop.metrics.NpsStats;
import org.cxloop.metrics.Periods;
import org.cxloop.output.Catalog;
import org.cxloop.output.CxTables;
import org.cxloop.output.Maintenance;
import org.cxloop.output.QuarantineRows;
import org.cxloop.output.ResponseRows;
import org.cxloop.output.RunLedger;
import org.cxloop.output.TableWriter;
import org.cxloop.quality.RowRules;
import org.cxloop.text.KeywordModel;
import org.cxloop.text.KeywordTagging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nightly run: takes in the answers of the business days [from, to], validates, enriches
 * and tags them, merges them into responses_enriched, and recomputes the NPS cells of every
 * period those days touch. Wiring only: each step is a named transformation in its stage's
 * package.
 */
public final class NightlyJob {

  private static final Logger LOG = LoggerFactory.getLogger(NightlyJob.class);

  /** What one nightly run is asked to do. */
  public record Config(CxConfig conf, LocalDate from, LocalDate to, String runId) {}

  /** What it did. */
  public record Result(String runId, String warehouse, RunLedger.Outcome outcome) {}

  /** Tables registered by name and kept compact; a new table is added here (and to CxTables). */
  static final List<org.cxloop.output.TableDef> BI_TABLES = List.of(CxTables.RESPONSES_ENRICHED,
      CxTables.NPS_SUMMARY, CxTables.QUARANTINE, CxTables.RUN_AUDIT);

  private NightlyJob() {}

  public static Result run(SparkSession spark, Config c) {
    CxConfig conf = c.conf();
    String warehouse = conf.warehouse();
    String tz = conf.get(Keys.BUSINESS_TIMEZONE);
    Instant started = Instant.now();
    RunLedger ledger = new RunLedger(spark, warehouse);
    ledger.createTables();
    Maintenance.ensureProperties(spark, warehouse, CxTables.DATA_TABLES);
    Catalog.register(spark, conf, BI_TABLES);
    ledger.recoverUnfinishedRuns();
    Map<String, Long> versionsBefore = ledger.start(c.runId(), "nightly", c.from(), c.to(), started);
    try {
      RunLedger.Outcome outcome = writeTables(spark, c, warehouse, tz);
      ledger.succeed(c.runId(), started, outcome);
      return new Result(c.runId(), warehouse, outcome);
    } catch (Throwable e) { // Scala code throws checked exceptions (SparkException) unannounced
      // The failed run's persisted datasets are never released; left cached, a later unpersist in
      // the same session rebuilds them against tables that have since changed or gone.
      spark.catalog().clearCache();
      LOG.error("Run {} failed: {}; restoring the tables to their versions before the run", c.runId(),
          CxErrors.rootMessage(e));
      ledger.fail(c.runId(), started, versionsBefore, e);
      if (e instanceof CxException cx) {
        throw cx;
      }
      throw new CxException(CxException.Kind.INTERNAL, "Cannot finish nightly run " + c.runId() + ": "
          + CxErrors.rootMessage(e) + ". Every table was restored to its version before the run; "
          + "fix the cause and run the same dates again.", e);
    }
  }

  private static RunLedger.Outcome writeTables(SparkSession spark, Config c, String warehouse, String tz) {
    CxConfig conf = c.conf();
    Timestamp now = Timestamp.from(Instant.now());
    Map<String, Long> counts = new LinkedHashMap<>();

    // ---- ingest ------------------------------------------------------------------------------
    Stage ingest = Stage.begin(spark, "ingest", "read and validate inputs");
    String responsesPath = CxTables.RESPONSES_ENRICHED.path(warehouse);
    Dataset<Row> alreadyLoaded = spark.read().format("delta").load(responsesPath);
    Ingested responses = Ingested.of(readResponses(spark, conf, tz)
        .transform(raw -> ResponseIngest.inWindow(raw, c.from(), c.to()))
        .transform(rows -> RowRules.flagFirstBroken(rows, ResponseIngest.RULES))
        .transform(ResponseIngest::flagDuplicates)
        .transform(rows -> ResponseIngest.flagAlreadyLoaded(rows, alreadyLoaded)));
    Ingested crm = Ingested.of(SourceReader.read(spark, conf, Source.CRM_CUSTOMERS, InputSchemas.CRM_CUSTOMERS)
        .transform(ReferenceIngest::parseCrm)
        .transform(rows -> RowRules.flagFirstBroken(rows, ReferenceIngest.CRM_RULES))
        .transform(rows -> ReferenceIngest.flagDuplicateKeys(rows, "customer_id", "valid_from_value")));
    Ingested interactions = Ingested.of(SourceReader.read(spark, conf, Source.INTERACTIONS, InputSchemas.INTERACTIONS)
        .transform(raw -> ReferenceIngest.parseInteractions(raw, conf.get(Source.INTERACTIONS.timestampFormats), tz))
        .transform(rows -> RowRules.flagFirstBroken(rows, ReferenceIngest.INTERACTION_RULES))
        .transform(rows -> ReferenceIngest.flagDuplicateKeys(rows, "transaction_id")));
    Ingested employees = Ingested.of(SourceReader.read(spark, conf, Source.EMPLOYEES, InputSchemas.EMPLOYEES)
        .transform(ReferenceIngest::parseEmployees)
        .transform(rows -> RowRules.flagFirstBroken(rows, ReferenceIngest.EMPLOYEE_RULES))
        .transform(rows -> ReferenceIngest.flagDuplicateKeys(rows, "employee_id", "valid_from_value")));
    List<Ingested> all = List.of(responses, crm, interactions, employees);
    all.forEach(i -> counts.putAll(i.counts()));
    ingest.end("read {} rows, accepted {}, quarantined {} ({})", sum(all, Ingested::read),
        sum(all, Ingested::acceptedCount), sum(all, Ingested::quarantinedCount), counts);

    // ---- enrich and tag --------------------------------------------------------------------
    Stage enrich = Stage.begin(spark, "enrich", "join CRM, interactions, employees; tag comments");
    KeywordModel keywords = KeywordModel.load(Path.of(conf.get(Keys.TEXT_CONF_DIR)));
    Dataset<Row> enriched = responses.accepted()
        .transform(rows -> Enrich.asOfCrm(rows, crm.accepted()))
        .transform(rows -> Enrich.interactions(rows, interactions.accepted()))
        .transform(rows -> Enrich.asOfEmployees(rows, employees.accepted()))
        .transform(Enrich::npsGroup)
        .transform(rows -> KeywordTagging.tag(rows, keywords))
        .transform(ResponseRows::keywordLabels)
        .transform(rows -> ResponseRows.finalShape(rows, conf.getBoolean(Keys.MASK_COMMENTS), c.runId()))
        .persist(StorageLevel.MEMORY_AND_DISK());
    Row matched = enriched.selectExpr("count(*)", "count_if(NOT crm_matched)",
        "count_if(survey_type = 'transactional' AND NOT interaction_matched)").first();
    long enrichedCount = matched.getLong(0);
    counts.put("enriched.responses", enrichedCount);
    counts.put("enriched.without_crm", matched.getLong(1));
    counts.put("enriched.without_interaction", matched.getLong(2));
    enrich.end("enriched {} answers; {} without a CRM row, {} transactional without an interaction",
        enrichedCount, matched.getLong(1), matched.getLong(2));

    // ---- write answers and quarantine --------------------------------------------------------
    Stage write = Stage.begin(spark, "write", "merge responses_enriched and quarantine");
    Dataset<Row> quarantineRows = QuarantineRows.from(responses.quarantined(), ResponseIngest.RESPONSE_ID, c.runId(), now)
        .unionByName(QuarantineRows.from(crm.quarantined(), "customer_id", c.runId(), now))
        .unionByName(QuarantineRows.from(interactions.quarantined(), "transaction_id", c.runId(), now))
        .unionByName(QuarantineRows.from(employees.quarantined(), "employee_id", c.runId(), now))
        .persist(StorageLevel.MEMORY_AND_DISK());
    long quarantineCount = quarantineRows.count();
    long referenceQuarantined = crm.quarantinedCount() + interactions.quarantinedCount() + employees.quarantinedCount();
    responses.reconcile("responses", enrichedCount, quarantineCount - referenceQuarantined);
    TableWriter.MergeCounts answers = TableWriter.mergeResponses(spark, responsesPath, enriched);
    TableWriter.MergeCounts listed = TableWriter.mergeQuarantine(spark, CxTables.QUARANTINE.path(warehouse), quarantineRows);
    counts.put("written.responses_inserted", answers.inserted());
    counts.put("written.responses_updated", answers.updated());
    counts.put("written.quarantine_new", listed.inserted());
    write.end("responses_enriched: {} inserted, {} updated; quarantine: {} new of {}", answers.inserted(),
        answers.updated(), listed.inserted(), quarantineCount);

    // ---- NPS ---------------------------------------------------------------------------------
    Stage nps = Stage.begin(spark, "nps", "recompute nps_summary for the touched periods");
    List<String> grains = conf.getList(Keys.NPS_GRAINS);
    SortedSet<LocalDate> days = new java.util.TreeSet<>(c.from().datesUntil(c.to().plusDays(1)).toList());
    enriched.select(col("response_date")).distinct().collectAsList() // at most one row per day
        .forEach(r -> days.add(r.getDate(0).toLocalDate()));
    Map<String, SortedSet<LocalDate>> touched = Periods.touched(days, grains);
    SortedSet<LocalDate> covered = Periods.daysCovered(touched);
    Dataset<Row> cells = spark.read().format("delta").load(responsesPath)
        .filter(col("response_date").between(java.sql.Date.valueOf(covered.first()), java.sql.Date.valueOf(covered.last())))
        .transform(rows -> NpsAggregation.counts(rows, conf.getList(Keys.NPS_DIMENSIONS), grains))
        .transform(counted -> NpsStats.withInterval(counted, conf.getInt(Keys.NPS_MIN_N), conf.getDouble(Keys.NPS_CONFIDENCE)))
        .transform(stats -> keepTouched(stats, touched))
        .select(columns(CxTables.NPS_SUMMARY))
        .persist(StorageLevel.MEMORY_AND_DISK());
    long cellCount = cells.count();
    TableWriter.replaceWhere(CxTables.NPS_SUMMARY.path(warehouse), cells, Periods.predicate(touched));
    counts.put("written.nps_cells", cellCount);
    nps.end("nps_summary: {} cells for {} days in {} periods", cellCount, days.size(),
        touched.values().stream().mapToInt(SortedSet::size).sum());

    counts.putAll(Maintenance.afterWrite(spark, conf, warehouse, BI_TABLES));

    all.forEach(Ingested::release);
    enriched.unpersist();
    quarantineRows.unpersist();
    cells.unpersist();
    return new RunLedger.Outcome(sum(all, Ingested::read), sum(all, Ingested::acceptedCount),
        sum(all, Ingested::quarantinedCount), answers.inserted(), answers.updated(),
        counts.get("enriched.without_crm"), counts.get("enriched.without_interaction"), cellCount, counts);
  }

  /** The configured response sources, parsed with each source's timestamp patterns, as one. */
  static Dataset<Row> readResponses(SparkSession spark, CxConfig conf, String tz) {
    Dataset<Row> union = null;
    for (Source s : List.of(Source.RESPONSES, Source.RESPONSES_LEGACY_PL, Source.RESPONSES_LEGACY_RU)) {
      if (!SourceReader.isConfigured(conf, s)) {
        continue;
      }
      Dataset<Row> parsed = SourceReader.read(spark, conf, s, InputSchemas.RESPONSES)
          .transform(raw -> ResponseIngest.parse(raw, conf.get(s.timestampFormats), tz));
      union = union == null ? parsed : union.unionByName(parsed);
    }
    if (union == null) {
      throw CxErrors.badConfigValue(Source.RESPONSES.path.name(), "",
          "at least one response source must be configured");
    }
    return union;
  }

  /** Cells of the periods the run touched: the rest of the table stays as it is. */
  static Dataset<Row> keepTouched(Dataset<Row> cells, Map<String, SortedSet<LocalDate>> touched) {
    return cells.filter(Periods.predicate(touched));
  }

  private static org.apache.spark.sql.Column[] columns(org.cxloop.output.TableDef table) {
    return java.util.Arrays.stream(table.schema().fields())
        .map(f -> col(f.name()).cast(f.dataType()).as(f.name())).toArray(org.apache.spark.sql.Column[]::new);
  }

  private static long sum(List<Ingested> all, java.util.function.ToLongFunction<Ingested> f) {
    return all.stream().mapToLong(f).sum();
  }

  /** One log line per stage with its duration; the Spark UI shows the stage as job group. */
  private record Stage(SparkSession spark, String name, long startNanos) {
    static Stage begin(SparkSession spark, String name, String description) {
      spark.sparkContext().setJobGroup("cxloop-" + name, "cxloop nightly: " + description, false);
      return new Stage(spark, name, System.nanoTime());
    }

    void end(String format, Object... args) {
      double seconds = (System.nanoTime() - startNanos) / 1e9;
      Object[] withTime = java.util.Arrays.copyOf(args, args.length + 1);
      withTime[args.length] = String.format(java.util.Locale.ROOT, "%.1f", seconds);
      LOG.info("stage " + name + ": " + format + " in {} s", withTime);
      spark.sparkContext().clearJobGroup();
    }
  }

  static String describe(Map<String, Long> counts) {
    return counts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
  }
}
