package org.cxloop.output;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run_audit table, and the promise that a failed run leaves the tables as they were. Before
 * writing anything a run records every data table's Delta version in its audit row (status
 * {@code running}). If the run fails, it restores each table to that version. If the driver is
 * killed, nothing can restore at once, so the next run finds the {@code running} row, restores
 * the versions it recorded and marks it {@code aborted} before doing its own work.
 */
public final class RunLedger {

  private static final Logger LOG = LoggerFactory.getLogger(RunLedger.class);

  private final SparkSession spark;
  private final String warehouse;
  private final String auditPath;

  public RunLedger(SparkSession spark, String warehouse) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.auditPath = CxTables.RUN_AUDIT.path(warehouse);
  }

  /** Creates every table that does not exist yet, with its comments. */
  public void createTables() {
    CxTables.RUN_AUDIT.createIfNotExists(spark, warehouse);
    CxTables.DQ_RESULTS.createIfNotExists(spark, warehouse);
    for (TableDef t : CxTables.DATA_TABLES) {
      t.createIfNotExists(spark, warehouse);
    }
  }

  /** Deletes every row of the data tables in one commit each (restorable: the history keeps them). */
  public void emptyDataTables() {
    for (TableDef t : CxTables.DATA_TABLES) {
      DeltaTable.forPath(spark, t.path(warehouse)).delete();
    }
  }

  /** Restores the tables of runs that never finished (driver killed) and marks them aborted. */
  public int recoverUnfinishedRuns() {
    List<Row> running = spark.read().format("delta").load(auditPath)
        .filter(col("status").equalTo("running"))
        .select("run_id", "table_versions_before").collectAsList(); // at most a few rows
    for (Row r : running) {
      String runId = r.getString(0);
      Map<String, Long> versions = javaMap(r.getMap(1));
      restore(versions);
      DeltaTable.forPath(spark, auditPath).updateExpr("run_id = '" + runId.replace("'", "") + "'",
          Map.of("status", "'aborted'",
              "error_message", "'the run did not finish (driver killed or lost); tables restored by a later run'"));
      LOG.warn("Run {} did not finish; restored tables to versions {} and marked it aborted", runId, versions);
    }
    return running.size();
  }

  /** Writes the running audit row with the current table versions; returns those versions. */
  public Map<String, Long> start(String runId, String job, LocalDate from, LocalDate to, Instant startedAt) {
    Map<String, Long> versions = new LinkedHashMap<>();
    for (TableDef t : CxTables.DATA_TABLES) {
      versions.put(t.name(), TableWriter.version(spark, t.path(warehouse)));
    }
    Row row = RowFactory.create(runId, job, java.sql.Date.valueOf(from), java.sql.Date.valueOf(to), "running",
        Timestamp.from(startedAt), null, null, null, null, null, null, null, null, null, null, null,
        scalaMap(versions), null, spark.sparkContext().applicationId());
    spark.createDataFrame(List.of(row), CxTables.RUN_AUDIT.schema())
        .write().format("delta").mode("append").save(auditPath);
    return versions;
  }

  /** Counts that go in the audit row when a run ends. */
  public record Outcome(long rowsRead, long rowsAccepted, long rowsQuarantined, long inserted, long updated,
      long withoutCrm, long withoutInteraction, long npsCells, Map<String, Long> stageCounts) {}

  public void succeed(String runId, Instant startedAt, Outcome o) {
    Instant end = Instant.now();
    Map<String, String> set = new LinkedHashMap<>();
    set.put("status", "'succeeded'");
    set.put("ended_at_utc", "timestamp'" + Timestamp.from(end) + "'");
    set.put("duration_s", Double.toString((end.toEpochMilli() - startedAt.toEpochMilli()) / 1000.0));
    set.put("rows_read", Long.toString(o.rowsRead()));
    set.put("rows_accepted", Long.toString(o.rowsAccepted()));
    set.put("rows_quarantined", Long.toString(o.rowsQuarantined()));
    set.put("responses_inserted", Long.toString(o.inserted()));
    set.put("responses_updated", Long.toString(o.updated()));
    set.put("responses_without_crm", Long.toString(o.withoutCrm()));
    set.put("responses_without_interaction", Long.toString(o.withoutInteraction()));
    set.put("nps_cells_written", Long.toString(o.npsCells()));
    set.put("stage_counts", mapLiteral(o.stageCounts()));
    DeltaTable.forPath(spark, auditPath).updateExpr("run_id = '" + runId + "'", set);
  }

  /** Restores the data tables to their versions before the run and records the failure. */
  public void fail(String runId, Instant startedAt, Map<String, Long> versionsBefore, Throwable error) {
    try {
      restore(versionsBefore);
    } finally {
      Instant end = Instant.now();
      String message = String.valueOf(error.getMessage()).replace("'", "`").replace("\\", "/");
      if (message.length() > 2000) {
        message = message.substring(0, 2000);
      }
      DeltaTable.forPath(spark, auditPath).updateExpr("run_id = '" + runId + "'", Map.of(
          "status", "'failed'",
          "ended_at_utc", "timestamp'" + Timestamp.from(end) + "'",
          "duration_s", Double.toString((end.toEpochMilli() - startedAt.toEpochMilli()) / 1000.0),
          "error_message", "'" + message + "'"));
    }
  }

  private void restore(Map<String, Long> versions) {
    for (Map.Entry<String, Long> e : versions.entrySet()) {
      String path = warehouse.replaceAll("/+$", "") + "/" + e.getKey();
      if (TableWriter.version(spark, path) > e.getValue()) {
        DeltaTable.forPath(spark, path).restoreToVersion(e.getValue());
        LOG.info("Restored {} to version {}", e.getKey(), e.getValue());
      }
    }
  }

  /**
   * Survey rows read per day by the last {@code runs} succeeded runs of a job, averaged; empty
   * when there is no such run yet.
   */
  public java.util.OptionalDouble recentResponsesPerDay(String job, int runs) {
    if (!DeltaTable.isDeltaTable(spark, auditPath)) {
      return java.util.OptionalDouble.empty();
    }
    List<Row> rows = spark.read().format("delta").load(auditPath)
        .filter(col("status").equalTo("succeeded").and(col("job").equalTo(job)))
        .orderBy(col("started_at_utc").desc()).limit(runs)
        .selectExpr("aggregate(map_values(map_filter(stage_counts, (k, v) -> k LIKE 'read.responses%')), 0L, (a, x) -> a + x)"
            + " / (datediff(run_date_to, run_date_from) + 1)")
        .collectAsList(); // at most `runs` rows
    return rows.stream().filter(r -> !r.isNullAt(0)).mapToDouble(r -> r.getDouble(0)).average();
  }

  private static String mapLiteral(Map<String, Long> m) {
    if (m.isEmpty()) {
      return "map()";
    }
    List<String> parts = new ArrayList<>();
    m.forEach((k, v) -> {
      parts.add("'" + k.replace("'", "") + "'");
      parts.add(v + "L");
    });
    return "map(" + String.join(", ", parts) + ")";
  }

  private static Map<String, Long> javaMap(scala.collection.Map<String, Long> m) {
    Map<String, Long> out = new LinkedHashMap<>();
    scala.collection.Iterator<scala.Tuple2<String, Long>> it = m.iterator();
    while (it.hasNext()) {
      scala.Tuple2<String, Long> t = it.next();
      out.put(t._1(), t._2());
    }
    return out;
  }

  private static scala.collection.Map<String, Long> scalaMap(Map<String, Long> m) {
    return scala.jdk.javaapi.CollectionConverters.asScala(m);
  }
}
