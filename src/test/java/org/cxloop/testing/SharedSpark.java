package org.cxloop.testing;

import org.apache.spark.sql.SparkSession;

/**
 * One local SparkSession for the whole test JVM: starting Spark costs seconds, a test should not.
 * Delta is enabled so tests write real Delta tables (in their own {@code @TempDir}).
 */
public final class SharedSpark {

  private static SparkSession spark;

  /**
   * The same tiny-input settings for a job a test starts in another JVM (crash, catalog): a cold
   * JVM with Spark's defaults took 119 s for the mini run, with these 89 s.
   */
  public static final java.util.List<String> CHILD_JVM_SETTINGS = java.util.List.of(
      "-Dspark.sql.shuffle.partitions=2", "-Dspark.default.parallelism=2", "-Dspark.sql.adaptive.enabled=false",
      "-Dspark.sql.codegen.wholeStage=false", "-Dspark.databricks.delta.snapshotPartitions=2",
      "-Dspark.sql.sources.parallelPartitionDiscovery.parallelism=2", "-Dspark.ui.enabled=false");

  private SharedSpark() {}

  public static synchronized SparkSession get() {
    if (spark == null) {
      SparkSession.Builder b = SparkSession.builder()
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
          // VACUUM's file listing: Spark's default of 10,000 tasks (see Cli.session).
          .config("spark.sql.sources.parallelPartitionDiscovery.parallelism", "2")
          // Tiny inputs: adaptive re-planning and whole-stage code generation cost more than they
          // save here (each adaptive stage is its own job; generated code is compiled per query).
          // Results are the same either way; production keeps Spark's defaults.
          .config("spark.sql.adaptive.enabled", "false")
          .config("spark.sql.codegen.wholeStage", "false")
          // One folder per test JVM: surefire runs two JVMs side by side.
          .config("spark.sql.warehouse.dir", System.getProperty("java.io.tmpdir") + "/cxloop-test-warehouse-"
              + ProcessHandle.current().pid());
      // Experiments with the suite's speed: CXLOOP_TEST_SPARK_CONF="key=value,key=value".
      String extra = System.getenv("CXLOOP_TEST_SPARK_CONF");
      if (extra != null && !extra.isBlank()) {
        for (String kv : extra.split(",")) {
          String[] p = kv.split("=", 2);
          b.config(p[0].trim(), p[1].trim());
        }
      }
      spark = b.getOrCreate();
      spark.sparkContext().setLogLevel("WARN");
    }
    return spark;
  }
}
