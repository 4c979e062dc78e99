package org.cxloop.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * One local SparkSession for the whole test JVM: starting Spark costs seconds, a test should not.
 * Delta is enabled so tests write real Delta tables (in their own {@code @TempDir}).
 */
public final class SharedSpark {

  private static SparkSession spark;

  /**
   * Settings for tiny inputs, for this session and for a job a test starts in another JVM (crash,
   * catalog). Adaptive re-planning and whole-stage code generation cost more than they save here
   * (each adaptive stage is its own job; generated code is compiled per query), and VACUUM lists
   * files in Spark's default of 10,000 tasks (see Cli.session). Results are the same either way;
   * production keeps Spark's defaults. A cold JVM took 119 s for the mini run with Spark's
   * defaults, 89 s with these.
   */
  private static final Map<String, String> TINY_INPUTS = new LinkedHashMap<>();

  static {
    TINY_INPUTS.put("spark.sql.shuffle.partitions", "2");
    TINY_INPUTS.put("spark.default.parallelism", "2");
    TINY_INPUTS.put("spark.ui.enabled", "false");
    TINY_INPUTS.put("spark.databricks.delta.snapshotPartitions", "2");
    TINY_INPUTS.put("spark.sql.sources.parallelPartitionDiscovery.parallelism", "2");
    TINY_INPUTS.put("spark.sql.adaptive.enabled", "false");
    TINY_INPUTS.put("spark.sql.codegen.wholeStage", "false");
    TINY_INPUTS.put("spark.sql.codegen.factoryMode", "NO_CODEGEN");
  }

  /** {@link #TINY_INPUTS} as JVM flags ({@code SparkConf} reads {@code spark.*} system properties). */
  public static final List<String> CHILD_JVM_SETTINGS = TINY_INPUTS.entrySet().stream()
      .map(e -> "-D" + e.getKey() + "=" + e.getValue()).toList();

  private SharedSpark() {}

  public static synchronized SparkSession get() {
    if (spark == null) {
      spark = SparkSession.builder()
          .appName("cxloop-tests")
          .master("local[2]")
          .config(new java.util.HashMap<String, Object>(TINY_INPUTS))
          .config("spark.sql.session.timeZone", "UTC")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
          .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
          .config("spark.sql.warehouse.dir", System.getProperty("java.io.tmpdir") + "/cxloop-test-warehouse")
          .getOrCreate();
      spark.sparkContext().setLogLevel("WARN");
    }
    return spark;
  }
}
