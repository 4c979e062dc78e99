package org.cxloop.loop;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.cxloop.CxErrors;
import org.cxloop.config.CxConfig;
import org.cxloop.config.Keys;
import org.cxloop.config.Keys.Source;
import org.cxloop.ingest.InputSchemas;
import org.cxloop.ingest.Ingested;
import org.cxloop.ingest.SourceReader;
import org.cxloop.metrics.Normal;
import org.cxloop.metrics.Periods;
import org.cxloop.output.CxTables;
import org.cxloop.output.QuarantineRows;
import org.cxloop.output.TableDef;
import org.cxloop.output.TableWriter;
import org.cxloop.quality.RowRules;

/**
 * The loop stage of a nightly run, after responses_enriched and category_sentiment are written:
 *
 * <ol>
 *   <li>open follow-up cases for the run's answers (MERGE, insert only, on case_id);
 *   <li>merge the case updates feed, quarantining rows that cannot apply, and derive overdue
 *       cases and their escalation as of the end of the run's last day;
 *   <li>followup_sla and initiative_impact: recomputed in full (small tables);
 *   <li>owner_actions: recomputed for the ISO weeks the run touches and the week after each
 *       (whose trend looks back at it).
 * </ol>
 */
public final class ClosingTheLoop {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ClosingTheLoop.class);

  /** What the loop stage needs from the run. */
  public record Run(String warehouse, LocalDate to, String runId, Timestamp now, SortedSet<LocalDate> days) {}

  private ClosingTheLoop() {}

  /**
   * @param answers the run's enriched answers (rows of responses_enriched)
   * @param employees accepted employee rows (for escalation managers)
   * @return rows written to the four loop tables
   */
  public static long refresh(SparkSession spark, CxConfig conf, Run run, Dataset<Row> answers, Dataset<Row> employees,
      Map<String, Long> counts) {
    LoopConfig loop = LoopConfig.load(conf);
    String tz = conf.get(Keys.BUSINESS_TIMEZONE);
    String casesPath = CxTables.FOLLOWUP_CASES.path(run.warehouse());

    Timestamp runEnd = Timestamp.from(run.to().plusDays(1).atStartOfDay(ZoneId.of(tz)).toInstant());
    // New cases go in with their status as of the run's end (overdue already, for old answers):
    // the derivation below would set the same, but as an update of every new case.
    long opened = openCases(spark, casesPath, CaseUpdates.derive(FollowupCases.open(answers, loop, run.runId()),
        runEnd, run.to(), employees).select(CxTables.FOLLOWUP_CASES.columns()));
    counts.put("written.followup_cases_opened", opened);

    Dataset<Row> cases = spark.read().format("delta").load(casesPath).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> state; // every case as of the run's end, next to its stored values (withStored)
    Row status;
    Dataset<Row> classified = null;
    Ingested updates = null;
    try {
      Dataset<Row> merged = withStored(cases);
      if (SourceReader.isConfigured(conf, Source.CASE_UPDATES)) {
        updates = Ingested.of(SourceReader.read(spark, conf, Source.CASE_UPDATES, InputSchemas.CASE_UPDATES)
            .transform(raw -> CaseUpdates.parse(raw, cases, conf.get(Source.CASE_UPDATES.timestampFormats), tz))
            .transform(rows -> RowRules.flagFirstBroken(rows, CaseUpdates.RULES)));
        counts.putAll(updates.counts());
        classified = CaseUpdates.classify(updates.accepted(), cases).persist(StorageLevel.MEMORY_AND_DISK());
        long applied = classified.filter(col(CaseUpdates.APPLIED)).count();
        long ignored = classified.count() - applied;
        TableWriter.mergeQuarantine(spark, CxTables.QUARANTINE.path(run.warehouse()),
            QuarantineRows.from(updates.quarantined(), "case_id", run.runId(), run.now()));
        counts.put("loop.case_updates.applied", applied);
        counts.put("loop.case_updates.ignored_stale", ignored);
        if (applied + ignored + updates.quarantinedCount() != updates.read()) {
          throw CxErrors.countsDoNotReconcile(Source.CASE_UPDATES.id, updates.read(), applied + ignored,
              updates.quarantinedCount());
        }
        merged = CaseUpdates.apply(merged, classified);
      }
      state = CaseUpdates.derive(merged, runEnd, run.to(), employees).select(withStoredColumns())
          .persist(StorageLevel.MEMORY_AND_DISK());
      // Materialises state from the snapshot (and the updates, still cached here). Before the
      // MERGE below: it changes the table state's plan reads, and Spark would then derive the
      // cached state again from the new version.
      status = state.selectExpr("count(*)", "count_if(status = 'overdue')", "count_if(status = 'closed')").first();
    } finally {
      if (classified != null) {
        classified.unpersist();
      }
      if (updates != null) {
        updates.release();
      }
    }
    try {
      counts.put("loop.cases_total", status.getLong(0));
      counts.put("loop.cases_overdue", status.getLong(1));
      counts.put("loop.cases_closed", status.getLong(2));
      long changed = updateCases(spark, casesPath, state);
      counts.put("written.followup_cases_updated", changed);
    } finally {
      state.unpersist();
      cases.unpersist();
    }

    long rows = write(FollowupSla.compute(spark.read().format("delta").load(casesPath), tz), CxTables.FOLLOWUP_SLA,
        run.warehouse(), null, counts);

    Dataset<Row> responses = spark.read().format("delta").load(CxTables.RESPONSES_ENRICHED.path(run.warehouse()));
    Map<String, SortedSet<LocalDate>> weeks = Periods.widen(Periods.touched(run.days(), List.of(Periods.WEEK)), 0, 1);
    SortedSet<LocalDate> weekStarts = weeks.get(Periods.WEEK);
    if (!weekStarts.isEmpty()) {
      SortedSet<LocalDate> weekDays = Periods.daysCovered(weeks);
      Dataset<Row> weekAnswers = responses.filter(col("response_date").between(
          java.sql.Date.valueOf(weekDays.first()), java.sql.Date.valueOf(weekDays.last())));
      rows += write(OwnerActions.compute(spark.read().format("delta").load(CxTables.CATEGORY_SENTIMENT.path(run.warehouse())),
              weekAnswers, loop.processOwners(), Periods.dateIn("period_start", weekStarts)),
          CxTables.OWNER_ACTIONS, run.warehouse(), Periods.dateIn("week_start", weekStarts), counts);
    }

    InitiativeImpact.Settings settings = new InitiativeImpact.Settings(conf.getInt(Keys.LOOP_BEFORE_DAYS),
        conf.getInt(Keys.LOOP_AFTER_DAYS), conf.getInt(Keys.LOOP_MIN_N),
        Normal.zForConfidence(conf.getDouble(Keys.NPS_CONFIDENCE)));
    List<Initiative> initiatives = InitiativeImpact.read(spark, conf);
    rows += write(InitiativeImpact.compute(spark, responses, initiatives, settings, run.to(),
            InitiativeImpact.listIds(spark, conf, initiatives)),
        CxTables.INITIATIVE_IMPACT, run.warehouse(), null, counts);
    return rows + opened;
  }

  /**
   * Inserts cases whose id is new; an existing case is never touched here. A load into the empty
   * table writes each month's cases into one file: the cases whose status changes on a night are
   * the recent ones (they fall overdue, the feed updates them), so the night's MERGE rewrites the
   * file of the current month and not the whole table. Laid out as the answers came, the 10M
   * benchmark's increment rewrote 15 of 16 files (3.1M cases, 388 MiB plus as much change feed)
   * to update 6,212 cases.
   */
  static long openCases(SparkSession spark, String path, Dataset<Row> newCases) {
    if (TableWriter.isEmpty(spark, path)) {
      return TableWriter.appendToEmpty(spark, CxTables.FOLLOWUP_CASES, path,
          newCases.repartition(org.apache.spark.sql.functions.date_trunc("month", col("opened_at_utc"))));
    }
    long before = TableWriter.version(spark, path);
    DeltaTable.forPath(spark, path).as("t")
        .merge(newCases.as("s"), "t.case_id = s.case_id")
        .whenNotMatched().insertAll()
        .execute();
    return TableWriter.metricSince(spark, path, before, "numTargetRowsInserted");
  }

  /** The columns of a case that a night can change: by the updates feed or by falling overdue. */
  static final List<String> MUTABLE = List.of("progress_status", "status", "escalated_to", "updated_at_utc",
      "closed_at_utc", "closed_within_sla", "last_note");

  private static final String STORED = "_stored_";

  /**
   * The cases with a copy of each {@link #MUTABLE} column as stored. The derivations change the
   * columns in place and carry the copies along, so which cases changed is a filter on each row,
   * not a join of every case with its stored self (a shuffle of the whole table each night).
   */
  static Dataset<Row> withStored(Dataset<Row> cases) {
    Dataset<Row> out = cases;
    for (String c : MUTABLE) {
      out = out.withColumn(STORED + c, col(c));
    }
    return out;
  }

  /** followup_cases' columns, then the stored copies of {@link #withStored}. */
  static org.apache.spark.sql.Column[] withStoredColumns() {
    List<org.apache.spark.sql.Column> out = new java.util.ArrayList<>(List.of(CxTables.FOLLOWUP_CASES.columns()));
    MUTABLE.forEach(c -> out.add(col(STORED + c)));
    return out.toArray(new org.apache.spark.sql.Column[0]);
  }

  /**
   * Writes the cases whose status, escalation, update or closing changed. Most cases do not
   * change on a given night, and a MERGE of every case would join and rewrite the whole table for
   * the few that do.
   *
   * @param state cases as of the run's end with their stored values ({@link #withStored})
   */
  static long updateCases(SparkSession spark, String path, Dataset<Row> state) {
    Map<String, String> set = new LinkedHashMap<>();
    org.apache.spark.sql.Column same = org.apache.spark.sql.functions.lit(true);
    for (String c : MUTABLE) {
      set.put(c, "s." + c);
      same = same.and(col(c).eqNullSafe(col(STORED + c)));
    }
    Dataset<Row> changed = state.filter(org.apache.spark.sql.functions.not(same))
        .select(CxTables.FOLLOWUP_CASES.columns())
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long n = changed.count();
      if (n == 0) {
        return 0;
      }
      long before = TableWriter.version(spark, path);
      DeltaTable.forPath(spark, path).as("t")
          .merge(changed.as("s"), "t.case_id = s.case_id")
          .whenMatched().updateExpr(set)
          .execute();
      return TableWriter.metricSince(spark, path, before, "numTargetRowsUpdated");
    } finally {
      changed.unpersist();
    }
  }

  /** Replaces the predicate's rows of the table (all rows when null) in one commit, counts them. */
  private static long write(Dataset<Row> rows, TableDef table, String warehouse, String predicate, Map<String, Long> counts) {
    long n = TableWriter.replaceShaped(rows, table, warehouse, predicate);
    counts.put("written." + table.name(), n);
    LOG.info("loop: wrote {} rows to {}", n, table.name());
    return n;
  }
}
