package org.cxloop.privacy;


import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.cxloop.CxErrors;
import org.cxloop.config.CxConfig;
import org.cxloop.config.Keys;
import org.cxloop.output.CxTables;
import org.cxloop.output.TableWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erasure on request (GDPR art. 17): deletes the given customers' rows from every table in
 * {@link ErasureTargets}, recomputes the nps_summary cells their answers were counted in, and
 * VACUUMs so that the data files that held the rows are removed, then records the request in
 * erasure_log (counts, never the ids).
 *
 * <p>Erasure is complete only when no data file holds the rows: VACUUM removes a file only
 * once it has been unreferenced for longer than the retention ({@code
 * privacy.erasure.retention.hours}, Delta's default 7 days). The files this job un-references
 * are therefore removed by the first VACUUM that runs after {@code erasure_complete_after_utc}.
 * Until then time travel can still read them. Delta's transaction log keeps per-file column
 * statistics (min/max of customer_id) of old versions until log clean-up
 * ({@code delta.logRetentionDuration}, 30 days by default).
 *
 * <p>Run it between nightly runs: a nightly run that fails restores the versions it recorded at
 * its start, which would bring back rows deleted meanwhile.
 */
public final class ForgetJob {

  private static final Logger LOG = LoggerFactory.getLogger(ForgetJob.class);

  /** What one erasure is asked to do. */
  public record Config(CxConfig conf, List<String> customerIds, String requestId) {}

  /** What it did. */
  public record Result(String requestId, Map<String, Long> rowsDeleted, long npsCellsRecomputed,
      long retentionHours) {}

  private ForgetJob() {}

  public static Result run(SparkSession spark, Config c) {
    return run(spark, c, Pseudonymiser.forWarehouse(spark, c.conf()));
  }

  static Result run(SparkSession spark, Config c, Pseudonymiser pseudonyms) {
    List<String> ids = c.customerIds().stream().map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    if (ids.isEmpty()) {
      throw CxErrors.erasureSubjectsMissing("no customer id was given");
    }
    CxConfig conf = c.conf();
    String wh = conf.warehouse();
    Instant started = Instant.now();
    long retention = Long.parseLong(conf.get(Keys.ERASURE_RETENTION_HOURS));
    spark.sparkContext().setJobGroup("cxloop-forget", "cxloop forget: erase " + ids.size() + " customer(s)", false);
    CxTables.ERASURE_LOG.createIfNotExists(spark, wh);
    List<String> hashed = ids.stream().map(pseudonyms::pseudonym).toList();

    Map<String, Long> deleted = new LinkedHashMap<>();
    SortedSet<LocalDate> days = new TreeSet<>();
    List<String> vacuumed = new ArrayList<>();
    for (ErasureTargets.Target t : ErasureTargets.TABLES) {
      String path = wh.replaceAll("/+$", "") + "/" + t.table();
      if (!DeltaTable.isDeltaTable(spark, path)) {
        continue;
      }
      Column rows = t.rowsOf(ids, hashed);
      if (t.table().equals(CxTables.RESPONSES_ENRICHED.name())) {
        spark.read().format("delta").load(path).filter(rows).select("response_date").distinct()
            .collectAsList() // at most one row per day
            .forEach(r -> days.add(r.getDate(0).toLocalDate()));
      }
      long before = TableWriter.version(spark, path);
      DeltaTable.forPath(spark, path).delete(rows);
      deleted.put(t.table(), deletedRows(spark, path, before));
      vacuumed.add(path);
    }

    long cells = days.isEmpty() ? 0 : recomputeNps(spark, conf, days);
    if (!days.isEmpty()) {
      vacuumed.add(CxTables.NPS_SUMMARY.path(wh));
    }
    for (String path : vacuumed) {
      DeltaTable.forPath(spark, path).vacuum((double) retention);
    }
    Instant done = Instant.now();
    Row log = RowFactory.create(c.requestId(), Timestamp.from(started), Timestamp.from(done), (long) ids.size(),
        scalaSeq(ids.stream().map(id -> pseudonyms.pseudonym("erasure:" + id)).toList()),
        scalaMap(deleted), cells, retention, Timestamp.from(done.plusSeconds(retention * 3600)), "succeeded", null);
    spark.createDataFrame(List.of(log), CxTables.ERASURE_LOG.schema())
        .write().format("delta").mode("append").save(CxTables.ERASURE_LOG.path(wh));
    spark.sparkContext().clearJobGroup();
    LOG.info("forget {}: {} customer(s); rows deleted {}; {} nps cells recomputed; VACUUM retention {} h",
        c.requestId(), ids.size(), deleted, cells, retention);
    return new Result(c.requestId(), deleted, cells, retention);
  }

  /**
   * Recomputes every aggregate cell the deleted answers were counted in (NPS with its
   * comparisons, categories, drivers, accounts, cohorts), exactly as a nightly run recomputes the
   * periods of changed days: a small cell would otherwise still count the forgotten customer.
   */
  static long recomputeNps(SparkSession spark, CxConfig conf, SortedSet<LocalDate> days) {
    return org.cxloop.jobs.Aggregates.refresh(spark, conf, conf.warehouse(), days, new java.util.LinkedHashMap<>());
  }

  private static long deletedRows(SparkSession spark, String path, long versionBefore) {
    Row last = DeltaTable.forPath(spark, path).history(1).select("version", "operationMetrics").first();
    if (last.getLong(0) == versionBefore) {
      return 0;
    }
    scala.collection.Map<String, String> m = last.getMap(1);
    return m.contains("numDeletedRows") ? Long.parseLong(m.apply("numDeletedRows")) : 0;
  }

  private static scala.collection.Map<String, Long> scalaMap(Map<String, Long> m) {
    return scala.jdk.javaapi.CollectionConverters.asScala(m);
  }

  private static scala.collection.Seq<String> scalaSeq(List<String> l) {
    return scala.jdk.javaapi.CollectionConverters.asScala(l).toSeq();
  }
}
