package org.cxloop.output;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.CatalogTableType;
import org.cxloop.CxErrors;
import org.cxloop.config.CxConfig;
import org.cxloop.config.Keys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * Tables by name for BI users: every cxloop table is registered in the catalog database
 * ({@code catalog.database}, default {@code cxloop}) as an external Delta table over its folder
 * (writes stay path-based, so the pipeline never depends on the catalog), plus views over
 * nps_summary that read like a BI tool's first question ({@code cxloop.nps_by_touchpoint}).
 *
 * <p>The catalog is Spark's Hive metastore: an embedded Derby database under the warehouse by
 * default (one JVM at a time), or an external metastore by {@code catalog.metastore.uri} or the
 * usual {@code spark.hadoop.*} settings given to spark-submit, which win over the defaults here.
 */
public final class Catalog {

  private static final Logger LOG = LoggerFactory.getLogger(Catalog.class);

  /** Views over nps_summary: one per dimension, the dimension's value in a column of its name. */
  static final String VIEW_PREFIX = "nps_by_";
  static final String COMPANY_VIEW = "nps_company";

  private Catalog() {}

  /**
   * Session settings that make the session's catalog the cxloop metastore; they are set only where
   * the Spark configuration (spark-submit --conf, spark-defaults) does not already say otherwise.
   */
  public static void configureSession(SparkConf spark, CxConfig conf) {
    if (!conf.getBoolean(Keys.CATALOG_ENABLED)) {
      return;
    }
    String warehouse = conf.warehouse();
    spark.setIfMissing("spark.sql.catalogImplementation", "hive");
    // Databases the catalog creates (and managed tables, which cxloop does not write) go under the
    // warehouse rather than into ./spark-warehouse of whatever folder the scheduler started in.
    spark.setIfMissing("spark.sql.warehouse.dir", warehouse.replaceAll("/+$", "") + "/_catalog");
    String uri = conf.get(Keys.CATALOG_METASTORE_URI);
    if (!uri.isEmpty()) {
      spark.setIfMissing("spark.hadoop.hive.metastore.uris", uri);
      return;
    }
    if (spark.contains("spark.hadoop.javax.jdo.option.ConnectionURL") || spark.contains("spark.hadoop.hive.metastore.uris")) {
      return; // a metastore database or service given to spark-submit
    }
    String dir = conf.get(Keys.CATALOG_METASTORE_DIR);
    if (dir.isEmpty()) {
      if (!isLocal(warehouse)) {
        throw CxErrors.metastoreNeedsLocalFolder(warehouse);
      }
      dir = warehouse.replaceFirst("^file:", "").replaceAll("/+$", "") + "/_metastore";
    }
    String derby = Path.of(dir).toAbsolutePath().normalize().toString();
    spark.set("spark.hadoop.javax.jdo.option.ConnectionURL",
        "jdbc:derby:;databaseName=" + derby + "/metastore_db;create=true");
    // Derby writes derby.log into the working directory unless told otherwise.
    if (System.getProperty("derby.stream.error.file") == null) {
      new java.io.File(derby).mkdirs();
      System.setProperty("derby.stream.error.file", derby + "/derby.log");
    }
  }

  /** What {@link #register} did: tables registered or re-pointed, views (re)created. */
  public record Registered(List<String> tables, List<String> views) {}

  /**
   * Registers {@code tables} (which must exist as Delta tables) by name and (re)creates the BI
   * views. A name already registered at another folder is re-pointed to this warehouse: the
   * catalog follows the warehouse that was written last (one database per warehouse).
   */
  public static Registered register(SparkSession spark, CxConfig conf, List<TableDef> tables) {
    if (!conf.getBoolean(Keys.CATALOG_ENABLED)) {
      return new Registered(List.of(), List.of());
    }
    long start = System.nanoTime();
    String db = conf.get(Keys.CATALOG_DATABASE);
    String warehouse = conf.warehouse();
    spark.sql("CREATE DATABASE IF NOT EXISTS " + db
        + " COMMENT 'cxloop: NPS and Voice-of-Customer tables (Delta), see docs/bi.md'");
    List<String> names = new ArrayList<>();
    for (TableDef t : tables) {
      names.add(registerTable(spark, db, t.name(), t.path(warehouse)));
    }
    List<String> views = new ArrayList<>();
    for (Map.Entry<String, String> v : npsViews(db, conf.getList(Keys.NPS_DIMENSIONS)).entrySet()) {
      spark.sql("CREATE OR REPLACE VIEW " + db + "." + v.getKey() + " AS " + v.getValue());
      views.add(db + "." + v.getKey());
    }
    LOG.info("catalog: {} tables and {} views registered in database {} in {} s", names.size(), views.size(), db,
        String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
    return new Registered(names, views);
  }

  private static String registerTable(SparkSession spark, String db, String name, String path) {
    String qualified = db + "." + name;
    TableIdentifier id = new TableIdentifier(name, Option.apply(db));
    var catalog = spark.sessionState().catalog();
    if (catalog.tableExists(id)) {
      CatalogTable existing = metadata(catalog, id);
      String location = existing.location().toString();
      if (sameLocation(location, path)) {
        return qualified;
      }
      if (!existing.tableType().equals(CatalogTableType.EXTERNAL())) {
        throw CxErrors.catalogTableIsManaged(qualified, location);
      }
      // External: dropping the name leaves the folder (the other warehouse's data) untouched.
      LOG.warn("catalog: {} pointed at {}; re-pointing it to {}", qualified, location, path);
      spark.sql("DROP TABLE " + qualified);
    }
    spark.sql("CREATE TABLE IF NOT EXISTS " + qualified + " USING delta LOCATION '" + path.replace("'", "\\'") + "'");
    return qualified;
  }

  private static CatalogTable metadata(org.apache.spark.sql.catalyst.catalog.SessionCatalog catalog, TableIdentifier id) {
    try {
      return catalog.getTableMetadata(id);
    } catch (Exception e) { // declared by Scala (@throws); tableExists was checked just before
      throw new IllegalStateException("table " + id + " vanished from the catalog while registering", e);
    }
  }

  /**
   * The BI views, by name: {@code nps_company} and {@code nps_by_<dimension>} for each configured
   * dimension, each with the dimension's value under the dimension's own name.
   */
  static Map<String, String> npsViews(String db, List<String> dimensions) {
    String columns = "grain, period_start, period_end, survey_type, %s n, promoters, passives, detractors, "
        + "nps, nps_ci_low, nps_ci_high, nps_se, below_min_n";
    Map<String, String> views = new LinkedHashMap<>();
    for (String d : dimensions) {
      if (!d.matches("[a-z_][a-z0-9_]*")) {
        continue; // dimension names are validated by their key; this keeps the SQL safe regardless
      }
      if (d.equals("company")) {
        views.put(COMPANY_VIEW, "SELECT " + String.format(columns, "") + " FROM " + db
            + ".nps_summary WHERE dimension = 'company'");
      } else {
        views.put(VIEW_PREFIX + d, "SELECT " + String.format(columns, "dimension_value AS " + d + ",") + " FROM "
            + db + ".nps_summary WHERE dimension = '" + d + "'");
      }
    }
    return views;
  }

  /** Same folder? The catalog stores a URI (file:/x/y); cxloop's paths are plain or URIs. */
  static boolean sameLocation(String registered, String path) {
    return asUri(registered).equals(asUri(path));
  }

  private static URI asUri(String location) {
    String l = location.replaceAll("/+$", "");
    URI u = l.startsWith("/") ? new java.io.File(l).toURI() : URI.create(l);
    if ("file".equals(u.getScheme())) {
      return new java.io.File(u.getPath()).toPath().normalize().toUri(); // file:/x == file:///x
    }
    return u.normalize();
  }

  private static boolean isLocal(String warehouse) {
    return warehouse.startsWith("/") || warehouse.startsWith("file:");
  }
}
