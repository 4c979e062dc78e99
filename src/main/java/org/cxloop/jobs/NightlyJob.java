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
import org.cxloop.model.LabelCombiner;
import org.cxloop.model.ModelRegistry;
import org.cxloop.metrics.NpsStats;
import org.cxloop.metrics.Periods;
import org.cxloop.output.Catalog;
import org.cxloop.output.CxTables;
import org.cxloop.output.Maintenance;
import org.cxloop.output.QuarantineRows;
import org.cxloop.output.ResponseRows;
import org.cxloop.output.RunLedger;
import org.cxloop.output.TableWriter;
import org.cxloop.output.DqResults;
import org.cxloop.privacy.Pseudonymiser;
import org.cxloop.privacy.Redaction;
import org.cxloop.quality.Check;
import org.cxloop.quality.QualityGates;
import org.cxloop.quality.RowRules;
import org.cxloop.report.RunReport;
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

  /** nightly: take in the days; rebuild: empty every table first; validate: check, write nothing. */
  public enum Mode { NIGHTLY, REBUILD, VALIDATE }

  /** What one run is asked to do. */
  public record Config(CxConfig conf, LocalDate from, LocalDate to, String runId, Mode mode) {
    public Config(CxConfig conf, LocalDate from, LocalDate to, String runId) {
      this(conf, from, to, runId, Mode.NIGHTLY);
    }
  }

  /** What it did. */
  public record Result(String runId, String warehouse, RunLedger.Outcome outcome, List<Check.Result> checks) {}

  /** Tables registered by name and kept compact: every data table plus the run's own records. */
  static final List<org.cxloop.output.TableDef> BI_TABLES = CxTables.BI_TABLES;

  private NightlyJob() {}

  public static Result run(SparkSession spark, Config c) {
    CxConfig conf = c.conf();
    String warehouse = conf.warehouse();
    String tz = conf.get(Keys.BUSINESS_TIMEZONE);
    Instant started = Instant.now();
    RunLedger ledger = new RunLedger(spark, warehouse);
    if (c.mode() == Mode.VALIDATE) {
      return prepare(spark, c, warehouse, tz).validationResult(c.runId(), warehouse);
    }
    ledger.createTables();
    Maintenance.ensureProperties(spark, warehouse, CxTables.DATA_TABLES);
    Catalog.register(spark, conf, BI_TABLES);
    ledger.recoverUnfinishedRuns();
    Map<String, Long> versionsBefore = ledger.start(c.runId(), c.mode().name().toLowerCase(java.util.Locale.ROOT),
        c.from(), c.to(), started);
    try {
      if (c.mode() == Mode.REBUILD) {
        ledger.emptyDataTables();
      }
      Prepared p = prepare(spark, c, warehouse, tz);
      DqResults.append(spark, CxTables.DQ_RESULTS.path(warehouse), c.runId(), p.checks());
      p.stopOnBlockingCheck();
      RunLedger.Outcome outcome = publish(spark, c, warehouse, p);
      ledger.succeed(c.runId(), started, outcome);
      RunReport.writeIfEnabled(spark, conf, c.runId()); // part of the run: a report that fails, fails the run
      return new Result(c.runId(), warehouse, outcome, p.checks());
    } catch (Throwable e) { // Scala code throws checked exceptions (SparkException) unannounced
      Stage.cancelAll();
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

  /** Validated, enriched answers and the checks on them: everything before the first write. */
  record Prepared(Ingested responses, Ingested crm, Ingested interactions, Ingested employees,
      Dataset<Row> enriched, Map<String, Long> counts, List<Check.Result> checks, boolean firstLoad) {

    List<Ingested> all() {
      return List.of(responses, crm, interactions, employees);
    }

    void stopOnBlockingCheck() {
      java.util.Optional<Check.Result> blocking = checks.stream().filter(Check.Result::blocksRun).findFirst();
      if (blocking.isPresent()) {
        throw CxErrors.qualityCheckFailed(blocking.get().check().name(), blocking.get().message(),
            blocking.get().check().hint());
      }
    }

    Result validationResult(String runId, String warehouse) {
      RunLedger.Outcome o = new RunLedger.Outcome(sum(all(), Ingested::read), sum(all(), Ingested::acceptedCount),
          sum(all(), Ingested::quarantinedCount), 0, 0, counts.get("enriched.without_crm"),
          counts.get("enriched.without_interaction"), 0, counts);
      all().forEach(Ingested::release);
      enriched.unpersist();
      return new Result(runId, warehouse, o, checks);
    }
  }

  private static Prepared prepare(SparkSession spark, Config c, String warehouse, String tz) {
    CxConfig conf = c.conf();
    Map<String, Long> counts = new LinkedHashMap<>();
    // Answers that arrive late (submitted on an earlier day, exported today) are taken in by
    // looking back; answers already loaded are recognised and change nothing.
    LocalDate readFrom = c.from().minusDays(conf.getInt(Keys.NIGHTLY_LOOKBACK_DAYS));

    // ---- ingest ------------------------------------------------------------------------------
    Stage ingest = Stage.begin(spark, "ingest", "read and validate inputs");
    String responsesPath = CxTables.RESPONSES_ENRICHED.path(warehouse);
    Dataset<Row> alreadyLoaded = io.delta.tables.DeltaTable.isDeltaTable(spark, responsesPath)
        ? spark.read().format("delta").load(responsesPath)
        : spark.createDataFrame(List.of(), CxTables.RESPONSES_ENRICHED.schema());
    // A first run (or a rebuild) has nothing loaded: no lookup, and no second read of the inputs for it.
    boolean anyLoaded = !alreadyLoaded.isEmpty();
    Ingested responses = Ingested.of(readResponses(spark, conf, tz)
            .transform(raw -> ResponseIngest.inWindow(raw, readFrom, c.to()))
            .transform(rows -> RowRules.flagFirstBroken(rows, ResponseIngest.RULES)),
        ResponseIngest.COPIES,
        rows -> anyLoaded
            ? ResponseIngest.flagAlreadyLoaded(rows, ResponseIngest.loadedSnapshot(rows, alreadyLoaded)) : rows);
    Ingested crm = Ingested.of(SourceReader.read(spark, conf, Source.CRM_CUSTOMERS, InputSchemas.CRM_CUSTOMERS)
            .transform(ReferenceIngest::parseCrm)
            .transform(rows -> RowRules.flagFirstBroken(rows, ReferenceIngest.CRM_RULES)),
        ReferenceIngest.copiesOf("customer_id", "valid_from_value"));
    Ingested interactions = Ingested.of(SourceReader.read(spark, conf, Source.INTERACTIONS, InputSchemas.INTERACTIONS)
            .transform(raw -> ReferenceIngest.parseInteractions(raw, conf.get(Source.INTERACTIONS.timestampFormats), tz))
            .transform(rows -> RowRules.flagFirstBroken(rows, ReferenceIngest.INTERACTION_RULES)),
        ReferenceIngest.copiesOf("transaction_id"));
    Ingested employees = Ingested.of(SourceReader.read(spark, conf, Source.EMPLOYEES, InputSchemas.EMPLOYEES)
            .transform(ReferenceIngest::parseEmployees)
            .transform(rows -> RowRules.flagFirstBroken(rows, ReferenceIngest.EMPLOYEE_RULES)),
        ReferenceIngest.copiesOf("employee_id", "valid_from_value"));
    List<Ingested> all = List.of(responses, crm, interactions, employees);
    all.forEach(i -> counts.putAll(i.counts()));
    ingest.end("read {} rows, accepted {}, quarantined {} ({})", sum(all, Ingested::read),
        sum(all, Ingested::acceptedCount), sum(all, Ingested::quarantinedCount), counts);

    // ---- enrich and tag --------------------------------------------------------------------
    Stage enrich = Stage.begin(spark, "enrich", "join CRM, interactions, employees; tag comments");
    KeywordModel keywords = KeywordModel.load(Path.of(conf.get(Keys.TEXT_CONF_DIR)));
    LabelCombiner.Models models = ModelRegistry.forScoring(spark, conf, keywords); // loads, never trains
    // A nightly run's answers are few: the reference rows are cut to their keys before the joins.
    boolean fewAnswers = responses.acceptedCount() <= conf.getInt(Keys.ENRICH_KEY_FILTER_MAX_ANSWERS);
    Dataset<Row> crmRows = fewAnswers
        ? Enrich.onlyKeysOf(crm.accepted(), "customer_id", responses.accepted(), "customer_id") : crm.accepted();
    Dataset<Row> interactionRows = fewAnswers
        ? Enrich.onlyKeysOf(interactions.accepted(), "transaction_id", responses.accepted(), "transaction_id")
        : interactions.accepted();
    Dataset<Row> enriched = responses.accepted()
        .transform(rows -> Enrich.asOfCrm(rows, crmRows))
        .transform(rows -> Enrich.interactions(rows, interactionRows))
        .transform(rows -> Enrich.asOfEmployees(rows, employees.accepted()))
        .transform(rows -> Enrich.managerChain(rows, employees.accepted()))
        .transform(rows -> Enrich.valueTier(rows, conf.get(Keys.VALUE_TIERS)))
        .transform(rows -> Enrich.responseWeight(rows, conf.get(Keys.NPS_WEIGHTS)))
        .transform(Enrich::npsGroup)
        .transform(rows -> KeywordTagging.tag(rows, keywords, org.cxloop.loop.LoopConfig.load(conf).escalation(),
            org.cxloop.loop.FollowupCases.ESCALATION_SIGNAL))
        .transform(rows -> LabelCombiner.combine(rows, models, LabelCombiner.Settings.from(conf)))
        .transform(rows -> Pseudonymiser.forWarehouse(spark, conf).apply(rows, conf.getList(Keys.PSEUDONYMISE_IDS)))
        .transform(rows -> ResponseRows.finalShape(rows, conf.getBoolean(Keys.MASK_COMMENTS), c.runId()))
        .persist(StorageLevel.MEMORY_AND_DISK());
    Row matched = enriched.selectExpr("count(*)", "count_if(NOT crm_matched)",
        "count_if(survey_type = 'transactional' AND NOT interaction_matched)",
        "count_if(survey_type = 'transactional')").first();
    long enrichedCount = matched.getLong(0);
    counts.put("enriched.responses", enrichedCount);
    counts.put("enriched.without_crm", matched.getLong(1));
    counts.put("enriched.without_interaction", matched.getLong(2));
    enrich.end("enriched {} answers; {} without a CRM row, {} transactional without an interaction",
        enrichedCount, matched.getLong(1), matched.getLong(2));

    // ---- quality gates ----------------------------------------------------------------------
    Stage gates = Stage.begin(spark, "quality", "data-quality checks before writing");
    List<Check.Result> checks = QualityGates.evaluate(new QualityGates.Facts(
        responses.read(), responses.quarantinedCount(), responses.acceptedCount(), matched.getLong(1),
        matched.getLong(3), matched.getLong(2), (int) (c.to().toEpochDay() - c.from().toEpochDay() + 1),
        daysWithoutAnswers(enriched, c.from(), c.to()),
        new RunLedger(spark, warehouse).recentResponsesPerDay("nightly", conf.getInt(Keys.DQ_VOLUME_LOOKBACK_RUNS))),
        new QualityGates.Limits(conf.getDouble(Keys.DQ_MAX_QUARANTINE_SHARE), conf.getDouble(Keys.DQ_MIN_CRM_MATCH),
            conf.getDouble(Keys.DQ_MIN_INTERACTION_MATCH), conf.getDouble(Keys.DQ_MAX_VOLUME_DEVIATION),
            java.util.Set.copyOf(conf.getList(Keys.DQ_ERROR_CHECKS))));
    long failedChecks = checks.stream().filter(r -> !r.passed()).count();
    counts.put("quality.failed_checks", failedChecks);
    checks.stream().filter(r -> !r.passed()).forEach(r ->
        LOG.warn("data-quality check {} ({}) failed: {}", r.check().name(), r.check().level(), r.message()));
    gates.end("{} checks, {} failed", checks.size(), failedChecks);
    return new Prepared(responses, crm, interactions, employees, enriched, counts, checks, !anyLoaded);
  }

  private static RunLedger.Outcome publish(SparkSession spark, Config c, String warehouse, Prepared p) {
    CxConfig conf = c.conf();
    Timestamp now = Timestamp.from(Instant.now());
    Map<String, Long> counts = p.counts();
    Ingested responses = p.responses();
    Ingested crm = p.crm();
    Ingested interactions = p.interactions();
    Ingested employees = p.employees();
    Dataset<Row> enriched = p.enriched();
    List<Ingested> all = p.all();
    String responsesPath = CxTables.RESPONSES_ENRICHED.path(warehouse);
    long enrichedCount = counts.get("enriched.responses");

    // ---- write answers and quarantine --------------------------------------------------------
    Stage write = Stage.begin(spark, "write", "merge responses_enriched and quarantine");
    Dataset<Row> quarantineRows = QuarantineRows.from(responses.quarantined(), ResponseIngest.RESPONSE_ID, c.runId(), now)
        .unionByName(QuarantineRows.from(crm.quarantined(), "customer_id", c.runId(), now))
        .unionByName(QuarantineRows.from(interactions.quarantined(), "transaction_id", c.runId(), now))
        .unionByName(QuarantineRows.from(employees.quarantined(), "employee_id", c.runId(), now))
        .transform(rows -> conf.getBoolean(Keys.MASK_QUARANTINE) ? Redaction.maskRawRecords(rows) : rows)
        .persist(StorageLevel.MEMORY_AND_DISK());
    long quarantineCount = quarantineRows.count();
    long referenceQuarantined = crm.quarantinedCount() + interactions.quarantinedCount() + employees.quarantinedCount();
    responses.reconcile("responses", enrichedCount, quarantineCount - referenceQuarantined);
    // Days whose answers are new or changed: their periods are recomputed. Taken before the
    // MERGE, which is what makes them visible.
    SortedSet<LocalDate> days = new java.util.TreeSet<>(c.from().datesUntil(c.to().plusDays(1)).toList());
    enriched.join(spark.read().format("delta").load(responsesPath).select("response_id", "row_hash"),
            scala.jdk.javaapi.CollectionConverters.asScala(List.of("response_id", "row_hash")).toSeq(), "left_anti")
        .select(col("response_date")).distinct().collectAsList() // at most one row per day
        .forEach(r -> days.add(r.getDate(0).toLocalDate()));
    long lateDays = days.stream().filter(d -> d.isBefore(c.from())).count();
    counts.put("late.days_touched", lateDays);
    // Quarantine before the answers: the quarantine rows are persisted and counted above, and
    // nothing the MERGE below changes is in their plan (the ingest reads responses_enriched
    // through ResponseIngest.loadedSnapshot, which Spark cannot trace back to the table).
    TableWriter.MergeCounts listed = TableWriter.mergeQuarantine(spark, CxTables.QUARANTINE.path(warehouse), quarantineRows);
    TableWriter.MergeCounts answers = p.firstLoad()
        ? new TableWriter.MergeCounts(TableWriter.appendToEmpty(spark, CxTables.RESPONSES_ENRICHED, responsesPath, enriched), 0)
        : TableWriter.mergeResponses(spark, responsesPath, enriched);
    counts.put("written.responses_inserted", answers.inserted());
    counts.put("written.responses_updated", answers.updated());
    counts.put("written.quarantine_new", listed.inserted());
    write.end("responses_enriched: {} inserted, {} updated; quarantine: {} new of {}", answers.inserted(),
        answers.updated(), listed.inserted(), quarantineCount);

    // ---- aggregates ----------------------------------------------------------------------------
    Stage aggregates = Stage.begin(spark, "aggregates", "recompute the aggregate tables for the touched periods");
    long cellCount = Aggregates.refresh(spark, conf, warehouse, days, counts);
    aggregates.end("{} cells in nps_summary and the other aggregate tables for {} days", cellCount, days.size());

    // ---- closing the loop: cases from the run's answers, updates feed, SLA, owners, initiatives
    Stage loop = Stage.begin(spark, "loop", "follow-up cases, case updates, SLA, owner actions, initiative impact");
    long loopRows = org.cxloop.loop.ClosingTheLoop.refresh(spark, conf,
        new org.cxloop.loop.ClosingTheLoop.Run(warehouse, c.to(), c.runId(), now, days), enriched,
        employees.accepted(), counts);
    loop.end("{} rows in followup_cases, followup_sla, owner_actions and initiative_impact", loopRows);

    Stage maintenance = Stage.begin(spark, "maintenance", "compact small files; vacuum on its day");
    Map<String, Long> maintained = Maintenance.afterWrite(spark, conf, warehouse, BI_TABLES);
    counts.putAll(maintained);
    maintenance.end("{} tables compacted, {} vacuumed",
        maintained.keySet().stream().filter(k -> k.endsWith(".files_removed")).count(),
        maintained.keySet().stream().filter(k -> k.startsWith("maintenance.vacuum.")).count());

    all.forEach(Ingested::release);
    enriched.unpersist();
    quarantineRows.unpersist();
    return new RunLedger.Outcome(sum(all, Ingested::read), sum(all, Ingested::acceptedCount),
        sum(all, Ingested::quarantinedCount), answers.inserted(), answers.updated(),
        counts.get("enriched.without_crm"), counts.get("enriched.without_interaction"), cellCount, counts);
  }

  /** Business days of [from, to] on which no answer was accepted (at most the window's days). */
  static List<String> daysWithoutAnswers(Dataset<Row> enriched, LocalDate from, LocalDate to) {
    java.util.Set<LocalDate> seen = new java.util.HashSet<>();
    enriched.select(col("response_date")).distinct().collectAsList().forEach(r -> seen.add(r.getDate(0).toLocalDate()));
    return from.datesUntil(to.plusDays(1)).filter(d -> !seen.contains(d)).map(LocalDate::toString).toList();
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

  private static long sum(List<Ingested> all, java.util.function.ToLongFunction<Ingested> f) {
    return all.stream().mapToLong(f).sum();
  }

  /**
   * One log line per stage with its duration, a progress line every minute while it runs (tasks
   * done of the active Spark stages), and the stage as job group so the Spark UI reads as the
   * pipeline.
   */
  private record Stage(SparkSession spark, String name, long startNanos, java.util.Timer progress) {
    /** Progress timers of stages that have not ended; a failed run cancels them. */
    private static final List<java.util.Timer> OPEN = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    static void cancelAll() {
      synchronized (OPEN) {
        OPEN.forEach(java.util.Timer::cancel);
        OPEN.clear();
      }
    }

    static Stage begin(SparkSession spark, String name, String description) {
      spark.sparkContext().setJobGroup("cxloop-" + name, "cxloop: " + description, false);
      long start = System.nanoTime();
      java.util.Timer timer = new java.util.Timer("cxloop-progress-" + name, true);
      timer.schedule(new java.util.TimerTask() {
        @Override
        public void run() {
          org.apache.spark.SparkStatusTracker t = spark.sparkContext().statusTracker();
          long done = 0;
          long total = 0;
          for (int id : t.getActiveStageIds()) {
            scala.Option<org.apache.spark.SparkStageInfo> info = t.getStageInfo(id);
            if (info.isDefined()) {
              done += info.get().numCompletedTasks();
              total += info.get().numTasks();
            }
          }
          LOG.info("stage {} still running after {} s: {} of {} tasks of the active Spark stages done", name,
              (System.nanoTime() - start) / 1_000_000_000L, done, total);
        }
      }, 60_000, 60_000);
      OPEN.add(timer);
      return new Stage(spark, name, start, timer);
    }

    void end(String format, Object... args) {
      progress.cancel();
      OPEN.remove(progress);
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
