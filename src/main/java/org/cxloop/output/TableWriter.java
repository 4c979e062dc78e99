package org.cxloop.output;

import io.delta.tables.DeltaTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Writes to the cxloop Delta tables so that a re-run of the same day changes nothing: answers
 * and quarantined rows are MERGEd on their keys, aggregate cells are replaced exactly for the
 * periods a run touches.
 */
public final class TableWriter {

  private TableWriter() {}

  /** Counts a MERGE reported, from the Delta commit's operation metrics. */
  public record MergeCounts(long inserted, long updated) {}

  /**
   * Upserts answers by response_id. A matched row is rewritten only when its content hash
   * changed, so a re-run of an unchanged day writes no new files; the run that first loaded a
   * row stays recorded.
   */
  public static MergeCounts mergeResponses(SparkSession spark, String path, Dataset<Row> rows) {
    Map<String, String> update = new LinkedHashMap<>();
    for (String c : CxTables.RESPONSES_ENRICHED.schema().fieldNames()) {
      if (!c.equals("first_loaded_run_id")) {
        update.put(c, "s." + c);
      }
    }
    long before = version(spark, path);
    DeltaTable.forPath(spark, path).as("t")
        .merge(rows.select(CxTables.RESPONSES_ENRICHED.columns()).as("s"), "t.response_id = s.response_id")
        .whenMatched("t.row_hash <> s.row_hash").updateExpr(update)
        .whenNotMatched().insertAll()
        .execute();
    return lastMergeCounts(spark, path, before);
  }

  /**
   * Appends rows to a table that has none yet (a first run, a rebuild), where a MERGE would find
   * nothing to match but still join every row with the table. A file per table partition, or a
   * few where the partition is large. Returns the rows written.
   */
  public static long appendToEmpty(SparkSession spark, TableDef table, String path, Dataset<Row> rows) {
    Dataset<Row> shaped = rows.select(table.columns());
    if (!table.partitionColumns().isEmpty()) {
      // REBALANCE, not repartition: rows are hashed by table partition as before, but adaptive
      // execution splits a partition above the advisory size (64 MiB of shuffle) over several
      // tasks (a file each) and packs small ones together. With one task per month, the
      // 10M-answer rebuild sorted about 350 MiB per task before writing, beside the cached
      // answers, and spilled 2.55 GiB to disk. (Maintenance compacts only partitions where files
      // pile up, so the few large files of a month are not rewritten later.)
      shaped = shaped.hint("rebalance", table.partitionColumns().stream().map(org.apache.spark.sql.functions::col)
          .toArray());
    }
    long before = version(spark, path);
    shaped.write().format("delta").mode("append").save(path);
    return metricSince(spark, path, before, "numOutputRows");
  }

  /** True when the table at {@code path} holds no row (read from its snapshot, one file at most). */
  public static boolean isEmpty(SparkSession spark, String path) {
    return spark.read().format("delta").load(path).isEmpty();
  }

  /** Adds quarantined rows not listed yet; a row quarantined again keeps its first listing. */
  public static MergeCounts mergeQuarantine(SparkSession spark, String path, Dataset<Row> rows) {
    long before = version(spark, path);
    DeltaTable.forPath(spark, path).as("t")
        .merge(rows.as("s"), "t.source = s.source AND t.quarantine_id = s.quarantine_id")
        .whenNotMatched().insertAll()
        .execute();
    return lastMergeCounts(spark, path, before);
  }

  /**
   * Replaces the rows matching {@code predicate} with {@code rows} in one Delta commit, so a
   * reader sees either the old cells or the new ones, never a mix.
   */
  public static void replaceWhere(String path, Dataset<Row> rows, String predicate) {
    rows.write().format("delta").mode("overwrite").option("replaceWhere", predicate).save(path);
  }

  /**
   * Shapes {@code rows} to the table's schema (its columns, in order, cast to their types),
   * replaces the rows {@code predicate} selects (every row when null) in one commit, and returns
   * how many rows were written.
   */
  public static long replaceShaped(Dataset<Row> rows, TableDef table, String warehouse, String predicate) {
    Dataset<Row> shaped = rows.select(table.columns()).persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    try {
      long n = shaped.count();
      Dataset<Row> files = fewFiles(shaped, table.partitionColumns(), n);
      if (predicate == null) {
        files.write().format("delta").mode("overwrite").save(table.path(warehouse));
      } else {
        replaceWhere(table.path(warehouse), files, predicate);
      }
      return n;
    } finally {
      shaped.unpersist();
    }
  }

  /**
   * The rows spread so that each table partition gets one file and each file about a million
   * rows: straight from the aggregation, every shuffle partition would write a small file into
   * every table partition it holds (hundreds per night), which the nightly OPTIMIZE then has to
   * rewrite. A shuffle of already aggregated rows is cheap next to that.
   */
  static Dataset<Row> fewFiles(Dataset<Row> rows, List<String> partitionColumns, long n) {
    int byRows = (int) Math.min(64, Math.max(1, (n + ROWS_PER_FILE - 1) / ROWS_PER_FILE));
    if (byRows == 1) {
      return rows.coalesce(1); // one task, no shuffle: one file per table partition
    }
    if (partitionColumns.isEmpty()) {
      return rows.repartition(byRows);
    }
    org.apache.spark.sql.Column[] keys = partitionColumns.stream().map(org.apache.spark.sql.functions::col)
        .toArray(org.apache.spark.sql.Column[]::new);
    return rows.repartition(byRows, keys); // each table partition in one task: one file each
  }

  /** Rows per written file of an aggregate table (about 50-100 MiB of Parquet). */
  static final long ROWS_PER_FILE = 1_000_000;

  /**
   * One operation metric (numDeletedRows, numUpdatedRows, ...) of the table's newest commit, or 0
   * when nothing was committed since {@code versionBefore} (an operation that changes nothing may
   * commit nothing) or the commit has no such metric.
   */
  public static long metricSince(SparkSession spark, String path, long versionBefore, String metric) {
    Row last = DeltaTable.forPath(spark, path).history(1).select("version", "operationMetrics").first();
    if (last.getLong(0) == versionBefore) {
      return 0;
    }
    return metric(last.getMap(1), metric);
  }

  private static MergeCounts lastMergeCounts(SparkSession spark, String path, long versionBefore) {
    Row last = DeltaTable.forPath(spark, path).history(1).select("version", "operation", "operationMetrics").first();
    if (last.getLong(0) == versionBefore || !"MERGE".equals(last.getString(1))) {
      return new MergeCounts(0, 0); // a MERGE that changes nothing may commit nothing
    }
    scala.collection.Map<String, String> m = last.getMap(2);
    return new MergeCounts(metric(m, "numTargetRowsInserted"), metric(m, "numTargetRowsUpdated"));
  }

  private static long metric(scala.collection.Map<String, String> m, String key) {
    return m.contains(key) ? Long.parseLong(m.apply(key)) : 0L;
  }

  /** Current version of a Delta table. */
  public static long version(SparkSession spark, String path) {
    return DeltaTable.forPath(spark, path).history(1).select("version").first().getLong(0);
  }
}
