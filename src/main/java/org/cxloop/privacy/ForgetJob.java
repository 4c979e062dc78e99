package org.cxloop.privacy;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.arrays_overlap;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.not;

import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.cxloop.CxErrors;
import org.cxloop.config.CxConfig;
import org.cxloop.config.Keys;
import org.cxloop.loop.FollowupSla;
import org.cxloop.output.CxTables;
import org.cxloop.output.TableDef;
import org.cxloop.output.TableWriter;
import org.cxloop.report.ReportErasure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erasure on request (GDPR art. 17), in this order, so that running the same request again after
 * a failure in the first two steps finds the rows and texts it still needs:
 *
 * <ol>
 *   <li>collects the erased answers' comment texts (a handful per customer);
 *   <li>removes those texts from the sample-comment arrays ({@link ErasureTargets#SAMPLE_COMMENTS})
 *       and from the HTML run reports ({@link ReportErasure});
 *   <li>deletes the customers' rows from every table in {@link ErasureTargets#TABLES};
 *   <li>recomputes the aggregate cells the deleted answers were counted in, and followup_sla from
 *       the cases left ({@link ErasureTargets#AGGREGATES});
 *   <li>VACUUMs every one of those tables (changed now or by an earlier run of the request), so
 *       that the data files that held the rows and texts are removed, then records the request in
 *       erasure_log (counts, never the ids).
 * </ol>
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

  /** Key of erasure_log.rows_deleted (and of the result) counting the report files changed. */
  public static final String REPORTS_KEY = "reports";

  /** What one erasure is asked to do. */
  public record Config(CxConfig conf, List<String> customerIds, String requestId) {}

  /**
   * What it did. {@code rowsDeleted}: rows deleted per table; {@code <table>.<column>}: rows whose
   * sample comments lost an erased comment; {@code reports}: report files rewritten or deleted.
   */
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
    // Every table this job may change. All of them are VACUUMed at the end, changed now or not: the
    // same request run again after the retention removes the files an earlier run un-referenced.
    List<String> present = touchable().stream().map(t -> TableDef.path(wh, t)).filter(p -> DeltaTable.isDeltaTable(spark, p))
        .toList();

    Map<String, Long> deleted = new LinkedHashMap<>();
    List<String> comments = erasedComments(spark, wh, ids, hashed);
    for (ErasureTargets.SampleComments s : ErasureTargets.SAMPLE_COMMENTS) {
      if (present.contains(TableDef.path(wh, s.table()))) {
        deleted.put(s.table() + "." + s.column(), removeSamples(spark, TableDef.path(wh, s.table()), s.column(), comments));
      }
    }
    ReportErasure.Outcome reports = ReportErasure.removeComments(spark, wh, comments);
    deleted.put(REPORTS_KEY, (long) reports.rewritten() + reports.deleted());

    SortedSet<LocalDate> days = new TreeSet<>();
    for (ErasureTargets.Target t : ErasureTargets.TABLES) {
      String path = TableDef.path(wh, t.table());
      if (!present.contains(path)) {
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
      deleted.put(t.table(), TableWriter.metricSince(spark, path, before, "numDeletedRows"));
    }

    long cells = days.isEmpty() ? 0 : recomputeNps(spark, conf, days);
    if (deleted.getOrDefault(CxTables.FOLLOWUP_CASES.name(), 0L) > 0) {
      cells += recomputeSla(spark, conf);
    }
    for (String path : present) {
      DeltaTable.forPath(spark, path).vacuum((double) retention);
    }
    Instant done = Instant.now();
    Row log = RowFactory.create(c.requestId(), Timestamp.from(started), Timestamp.from(done), (long) ids.size(),
        scalaSeq(ids.stream().map(id -> pseudonyms.pseudonym("erasure:" + id)).toList()),
        scalaMap(deleted), cells, retention, Timestamp.from(done.plusSeconds(retention * 3600)), "succeeded", null);
    spark.createDataFrame(List.of(log), CxTables.ERASURE_LOG.schema())
        .write().format("delta").mode("append").save(CxTables.ERASURE_LOG.path(wh));
    spark.sparkContext().clearJobGroup();
    LOG.info("forget {}: {} customer(s); rows deleted {}; {} aggregate rows recomputed; report files rewritten {}, "
        + "deleted {}; VACUUM (retention {} h) of {} tables", c.requestId(), ids.size(), deleted, cells,
        reports.rewritten(), reports.deleted(), retention, present.size());
    return new Result(c.requestId(), deleted, cells, retention);
  }

  /** Every table the job deletes from, recomputes or cleans. */
  static List<String> touchable() {
    List<String> t = new ArrayList<>();
    ErasureTargets.TABLES.forEach(x -> t.add(x.table()));
    t.addAll(ErasureTargets.AGGREGATES);
    ErasureTargets.SAMPLE_COMMENTS.forEach(x -> t.add(x.table()));
    return t;
  }

  /**
   * The stored comment texts of the customers' answers and cases: what sample arrays and reports
   * copied. Collected to the driver: a few per customer, not a data-sized result.
   */
  static List<String> erasedComments(SparkSession spark, String wh, List<String> ids, List<String> hashed) {
    List<String> out = new ArrayList<>();
    for (ErasureTargets.Target t : ErasureTargets.TABLES) {
      String path = TableDef.path(wh, t.table());
      if (t.match() != ErasureTargets.Match.COLUMN || !DeltaTable.isDeltaTable(spark, path)) {
        continue;
      }
      Dataset<Row> table = spark.read().format("delta").load(path);
      if (!Arrays.asList(table.columns()).contains("comment")) {
        continue;
      }
      table.filter(t.rowsOf(ids, hashed).and(col("comment").isNotNull())).select("comment").distinct().as(Encoders.STRING()).collectAsList().stream()
          .filter(s -> !s.isBlank() && !out.contains(s)).forEach(out::add);
    }
    return out;
  }

  /** Removes the texts from the array column; returns the rows changed. */
  static long removeSamples(SparkSession spark, String path, String column, List<String> comments) {
    if (comments.isEmpty()) {
      return 0;
    }
    Column erased = array(comments.stream().map(functions::lit).toArray(Column[]::new));
    long before = TableWriter.version(spark, path);
    DeltaTable.forPath(spark, path).update(arrays_overlap(col(column), erased),
        Map.of(column, filter(col(column), x -> not(array_contains(erased, x)))));
    return TableWriter.metricSince(spark, path, before, "numUpdatedRows");
  }

  /** followup_sla in full from the cases left, as the nightly run writes it; returns its rows. */
  static long recomputeSla(SparkSession spark, CxConfig conf) {
    String wh = conf.warehouse();
    return TableWriter.replaceShaped(FollowupSla.compute(spark.read().format("delta")
        .load(CxTables.FOLLOWUP_CASES.path(wh)), conf.get(Keys.BUSINESS_TIMEZONE)), CxTables.FOLLOWUP_SLA, wh, null);
  }

  /**
   * Recomputes every aggregate cell the deleted answers were counted in (NPS with its
   * comparisons, categories, drivers, accounts, cohorts), exactly as a nightly run recomputes the
   * periods of changed days: a small cell would otherwise still count the forgotten customer.
   */
  static long recomputeNps(SparkSession spark, CxConfig conf, SortedSet<LocalDate> days) {
    return org.cxloop.jobs.Aggregates.refresh(spark, conf, conf.warehouse(), days, new java.util.LinkedHashMap<>());
  }

  private static scala.collection.Map<String, Long> scalaMap(Map<String, Long> m) {
    return scala.jdk.javaapi.CollectionConverters.asScala(m);
  }

  private static scala.collection.Seq<String> scalaSeq(List<String> l) {
    return scala.jdk.javaapi.CollectionConverters.asScala(l).toSeq();
  }
}
