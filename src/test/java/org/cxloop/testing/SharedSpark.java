package org.cxloop.testing;

import org.apache.spark.sql.SparkSession;

/**
 * One local SparkSession for the whole test JVM: starting Spark costs seconds, a test should not.
 * Delta is enabled so tests write real Delta tables (in their own {@code @TempDir}).
 */
public final class SharedSpark {

  private static SparkSession spark;

  private SharedSpark() {}

  public static synchronized SparkSession get() {
    if (spark == null) {
      spark = SparkSession.builder()
          .appName("cxloop-tests")
          .master("local[2]")
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.default.parallelism", "2")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.session.timeZone", "UTC")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
          .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
          .config("spark.databricks.delta.snapshotPartitions", "2")
          .config("spark.sql.warehouse.dir", System.getProperty("java.io.tmpdir") + "/cxloop-test-warehouse")
          .getOrCreate();
      spark.sparkContext().setLogLevel("WARN");
    }
    return spark;
  }
}
