package org.cxloop.jobs;

import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cxloop.CxErrors;
import org.cxloop.config.CxConfig;
import org.cxloop.config.Keys;
import org.cxloop.output.CxTables;
import org.cxloop.output.PgPublisher;
import org.cxloop.output.TableWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publish job: mirrors the aggregate tables ({@code publish.tables}, and responses_enriched
 * only when {@code publish.include.responses=true}) from the Delta warehouse into PostgreSQL, one
 * table at a time, each swapped in atomically. Reads tables by path, so it needs no catalog and
 * may run while the nightly job holds an embedded metastore.
 */
public final class PublishJob {

  private static final Logger LOG = LoggerFactory.getLogger(PublishJob.class);

  /** Environment variable holding the PostgreSQL password (never a file, never logged). */
  public static final String PASSWORD_ENV = "CXLOOP_PUBLISH_PASSWORD";

  /** What to publish and where. */
  public record Config(CxConfig conf, String password) {}

  /** What was published, and which configured tables were not there. */
  public record Result(List<PgPublisher.Published> published, List<String> absent) {}

  private PublishJob() {}

  public static Result run(SparkSession spark, Config c) {
    CxConfig conf = c.conf();
    String url = conf.get(Keys.PUBLISH_JDBC_URL);
    if (url.isEmpty()) {
      throw CxErrors.publishNotConfigured();
    }
    PgPublisher.Target target = new PgPublisher.Target(url, conf.get(Keys.PUBLISH_JDBC_USER), c.password(),
        conf.get(Keys.PUBLISH_SCHEMA));
    String warehouse = conf.warehouse();
    List<String> tables = new ArrayList<>(conf.getList(Keys.PUBLISH_TABLES));
    if (conf.getBoolean(Keys.PUBLISH_INCLUDE_RESPONSES) && !tables.contains(CxTables.RESPONSES_ENRICHED.name())) {
      tables.add(CxTables.RESPONSES_ENRICHED.name());
    }
    List<PgPublisher.Published> published = new ArrayList<>();
    List<String> absent = new ArrayList<>();
    for (String table : tables) {
      String path = warehouse.replaceAll("/+$", "") + "/" + table;
      if (!DeltaTable.isDeltaTable(spark, path)) {
        if (table.equals(CxTables.NPS_SUMMARY.name())) {
          throw CxErrors.publishTableMissing(table, path); // the one table every run writes
        }
        LOG.warn("publish: {} is not in the warehouse ({}); skipped", table, path);
        absent.add(table);
        continue;
      }
      spark.sparkContext().setJobGroup("cxloop-publish-" + table, "cxloop publish: " + table + " to PostgreSQL", false);
      // One fixed version: the rows, their count and the version logged are the same snapshot.
      long version = TableWriter.version(spark, path);
      Dataset<Row> rows = spark.read().format("delta").option("versionAsOf", version).load(path);
      String comment = DeltaTable.forPath(spark, path).detail().select("description").first().getString(0);
      published.add(PgPublisher.publish(target, table, rows, version, comment));
      spark.sparkContext().clearJobGroup();
    }
    return new Result(published, absent);
  }

  /** The lines a person reads after the job. */
  static String summary(Result r, CxConfig conf) {
    StringBuilder sb = new StringBuilder("\ncxloop publish to ").append(conf.get(Keys.PUBLISH_JDBC_URL))
        .append(" schema ").append(conf.get(Keys.PUBLISH_SCHEMA)).append(" succeeded\n");
    for (PgPublisher.Published p : r.published()) {
      sb.append(String.format(java.util.Locale.ROOT, "  %-22s %8d rows  (Delta version %d)%n", p.table(), p.rows(),
          p.deltaVersion()));
    }
    for (String a : r.absent()) {
      sb.append(String.format(java.util.Locale.ROOT, "  %-22s not in the warehouse, skipped%n", a));
    }
    return sb.toString();
  }
}
