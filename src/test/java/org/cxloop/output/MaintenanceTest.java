package org.cxloop.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.cxloop.config.CxConfig;
import org.cxloop.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaintenanceTest {

  @TempDir Path warehouse;

  private final SparkSession spark = SharedSpark.get();

  private static final long MB = 1024L * 1024L;

  private long parquetFiles(Path table) throws IOException {
    try (Stream<Path> s = Files.walk(table)) {
      return s.filter(p -> p.toString().endsWith(".parquet") && !p.toString().contains("_delta_log")).count();
    }
  }

  @Test
  void optimizeCompactsThreeAppendsIntoOneFileAndVacuumDeletesTheThreeOnceOutOfRetention() throws IOException {
    Path t = warehouse.resolve("run_audit");
    String path = t.toString();
    for (int i = 0; i < 3; i++) { // three small commits: three files
      spark.range(i * 10, i * 10 + 10).coalesce(1).write().format("delta").mode("append").save(path);
    }
    assertThat(parquetFiles(t)).isEqualTo(3);
    assertThat(Maintenance.crowdedPartitions(spark, path, 0, 3, MB)).as("3 files in the one (unpartitioned) folder")
        .containsExactly("");
    assertThat(Maintenance.crowdedPartitions(spark, path, 0, 4, MB)).isEmpty();
    assertThat(Maintenance.partitionPredicate(List.of(""))).isNull();
    long[] files = Maintenance.optimize(spark, path, null, MB);
    assertThat(files).as("removed 3 small files, added 1").containsExactly(3, 1);
    assertThat(spark.read().format("delta").load(path).count()).as("rows unchanged: 3 x 10").isEqualTo(30);
    assertThat(parquetFiles(t)).as("the 3 old files stay until VACUUM: 3 + 1").isEqualTo(4);
    assertThat(Maintenance.crowdedPartitions(spark, path, 0, 1, MB)).as("the snapshot holds the 1 compacted file")
        .containsExactly("");
    assertThat(Maintenance.crowdedPartitions(spark, path, 0, 2, MB)).isEmpty();

    // With the 168 h default the just-removed files are kept (time travel and RESTORE reach them).
    assertThat(Maintenance.vacuum(spark, "run_audit", path, 168)).isZero();
    assertThat(parquetFiles(t)).isEqualTo(4);
    // Retention 0 needs Delta's safety check off: then the 3 removed files go.
    spark.conf().set("spark.databricks.delta.retentionDurationCheck.enabled", "false");
    try {
      Maintenance.vacuum(spark, "run_audit", path, 0);
    } finally {
      spark.conf().unset("spark.databricks.delta.retentionDurationCheck.enabled");
    }
    assertThat(parquetFiles(t)).as("only the compacted file is left").isEqualTo(1);
    assertThat(spark.read().format("delta").load(path).count()).isEqualTo(30);
  }

  @Test
  void optimizeCompactsOnlyThePartitionsWhereFilesPiledUp() throws IOException {
    Path t = warehouse.resolve("cells");
    String path = t.toString();
    // "it's/odd" needs escaping in a folder name; "plain" gets 3 files, "it's/odd" 2, null 2.
    String[] appends = {"plain", "plain", "plain", "it's/odd", "it's/odd", null, null};
    for (int i = 0; i < appends.length; i++) {
      spark.range(i * 10, i * 10 + 10).coalesce(1)
          .withColumn("grain", org.apache.spark.sql.functions.lit("month"))
          .withColumn("dimension", org.apache.spark.sql.functions.lit(appends[i]).cast("string"))
          .write().format("delta").mode("append").partitionBy("grain", "dimension").save(path);
    }
    assertThat(Maintenance.crowdedPartitions(spark, path, 2, 3, MB)).containsExactly("grain=month/dimension=plain");
    List<String> two = Maintenance.crowdedPartitions(spark, path, 2, 2, MB);
    assertThat(two).hasSize(3);
    assertThat(Maintenance.partitionPredicate(Maintenance.crowdedPartitions(spark, path, 2, 3, MB)))
        .isEqualTo("(`grain` = 'month' AND `dimension` = 'plain')");

    long[] files = Maintenance.optimize(spark, path,
        Maintenance.partitionPredicate(Maintenance.crowdedPartitions(spark, path, 2, 3, MB)), MB);
    assertThat(files).as("the 3 files of 'plain' into 1; the other partitions untouched").containsExactly(3, 1);
    assertThat(Maintenance.crowdedPartitions(spark, path, 2, 2, MB)).as("'plain' has 1 file now")
        .containsExactlyInAnyOrder(two.stream().filter(f -> !f.endsWith("=plain")).toArray(String[]::new));

    // The escaped value and the null partition are selected by their own predicates.
    long[] rest = Maintenance.optimize(spark, path, Maintenance.partitionPredicate(Maintenance.crowdedPartitions(spark, path, 2, 2, MB)), MB);
    assertThat(rest).as("2 + 2 files into 1 + 1").containsExactly(4, 2);
    assertThat(Maintenance.crowdedPartitions(spark, path, 2, 2, MB)).isEmpty();
    assertThat(spark.read().format("delta").load(path).filter("dimension = 'it''s/odd'").count()).isEqualTo(20);
    assertThat(spark.read().format("delta").load(path).count()).as("rows unchanged: 7 x 10").isEqualTo(70);
  }

  @Test
  void onlySmallFilesCountTowardsTheThreshold() throws IOException {
    Path t = warehouse.resolve("answers");
    String path = t.toString();
    // One large file (a rebuild's) and two small ones (two nights'), all in one partition.
    spark.range(0, 200_000).coalesce(1).withColumn("m", org.apache.spark.sql.functions.lit("2026-01"))
        .write().format("delta").mode("append").partitionBy("m").save(path);
    for (int i = 0; i < 2; i++) {
      spark.range(i, i + 1).coalesce(1).withColumn("m", org.apache.spark.sql.functions.lit("2026-01"))
          .write().format("delta").mode("append").partitionBy("m").save(path);
    }
    long large;
    try (Stream<Path> s = Files.walk(t.resolve("m=2026-01"))) {
      large = s.filter(p -> p.toString().endsWith(".parquet")).mapToLong(p -> p.toFile().length()).max().orElseThrow();
    }
    assertThat(large).as("the large file").isGreaterThan(100_000);
    assertThat(Maintenance.crowdedPartitions(spark, path, 1, 3, large + 1)).as("3 files below the limit")
        .containsExactly("m=2026-01");
    assertThat(Maintenance.crowdedPartitions(spark, path, 1, 3, large)).as("only 2 small files").isEmpty();
    assertThat(Maintenance.crowdedPartitions(spark, path, 1, 2, large)).containsExactly("m=2026-01");

    // OPTIMIZE compacts the two small files only; Delta alone would rewrite all three (below 1 GiB).
    String minFileSize = spark.conf().get("spark.databricks.delta.optimize.minFileSize");
    String largeFile = java.util.Arrays.stream(spark.read().format("delta").load(path).inputFiles())
        .filter(f -> new java.io.File(java.net.URI.create(f)).length() == large).findFirst().orElseThrow();
    assertThat(Maintenance.optimize(spark, path, "m = '2026-01'", large)).as("2 small files into 1").containsExactly(2, 1);
    assertThat(spark.read().format("delta").load(path).inputFiles()).hasSize(2).contains(largeFile);
    assertThat(spark.read().format("delta").load(path).count()).as("rows unchanged").isEqualTo(200_002);
    assertThat(spark.conf().get("spark.databricks.delta.optimize.minFileSize")).as("the session's setting restored")
        .isEqualTo(minFileSize);
  }

  @Test
  void tablesCreatedWithoutChangeDataFeedGetItWithWriterVersionFour() {
    List<TableDef> withFeed = CxTables.BI_TABLES.stream()
        .filter(t -> "true".equals(t.properties().get("delta.enableChangeDataFeed"))).toList();
    assertThat(withFeed).extracting(TableDef::name).as("tables downstream loads incrementally (issue 8)")
        .containsExactly("responses_enriched", "followup_cases");
    for (TableDef t : withFeed) {
      // The table as an earlier cxloop version created it: protocol (1,2), no CDF.
      new TableDef(t.name(), t.schema(), t.partitionColumns(), "old",
          Map.of("delta.minReaderVersion", "1", "delta.minWriterVersion", "2"))
          .createIfNotExists(spark, warehouse.toString());
    }
    List<String> altered = Maintenance.ensureProperties(spark, warehouse.toString(), withFeed);
    assertThat(altered).containsExactly("responses_enriched", "followup_cases");
    for (TableDef t : withFeed) {
      String path = warehouse.resolve(t.name()).toString();
      String cdf = spark.sql("SHOW TBLPROPERTIES delta.`" + path + "`")
          .filter("key = 'delta.enableChangeDataFeed'").first().getString(1);
      assertThat(cdf).as("change feed of %s", t.name()).isEqualTo("true");
      org.apache.spark.sql.Row detail = spark.sql("DESCRIBE DETAIL delta.`" + path + "`")
          .select("minReaderVersion", "minWriterVersion", "tableFeatures").first();
      // Delta upgrades the protocol in place to what a new table gets (docs/bi.md, protocol table).
      assertThat(List.of(detail.getInt(0), detail.getInt(1))).as("protocol of upgraded %s; features %s", t.name(),
          detail.getList(2)).containsExactly(1, 4);
    }
    assertThat(Maintenance.ensureProperties(spark, warehouse.toString(), withFeed))
        .as("second time: nothing to do").isEmpty();

    // Why ensureProperties raises the writer version itself: CDF alone on a (1,2) table makes
    // Delta switch to table features (1,7), which writers older than table features cannot write.
    String control = warehouse.resolve("cdf_alone").toString();
    new TableDef("cdf_alone", CxTables.RUN_AUDIT.schema(), List.of(), "control",
        Map.of("delta.minReaderVersion", "1", "delta.minWriterVersion", "2")).createIfNotExists(spark, warehouse.toString());
    spark.sql("ALTER TABLE delta.`" + control + "` SET TBLPROPERTIES ('delta.enableChangeDataFeed' = 'true')");
    org.apache.spark.sql.Row alone = spark.sql("DESCRIBE DETAIL delta.`" + control + "`")
        .select("minReaderVersion", "minWriterVersion").first();
    assertThat(List.of(alone.getInt(0), alone.getInt(1))).as("protocol after enabling CDF alone").containsExactly(1, 7);
  }

  @Test
  void aTableCreatedWithoutALaterColumnGetsItWithItsComment() {
    // nps_summary as an earlier version created it: without its last declared column.
    org.apache.spark.sql.types.StructField[] all = CxTables.NPS_SUMMARY.schema().fields();
    org.apache.spark.sql.types.StructField last = all[all.length - 1];
    TableDef old = new TableDef(CxTables.NPS_SUMMARY.name(),
        new org.apache.spark.sql.types.StructType(java.util.Arrays.copyOf(all, all.length - 1)),
        CxTables.NPS_SUMMARY.partitionColumns(), "old", CxTables.NPS_SUMMARY.properties());
    old.createIfNotExists(spark, warehouse.toString());
    assertThat(Maintenance.ensureProperties(spark, warehouse.toString(), List.of(CxTables.NPS_SUMMARY)))
        .containsExactly("nps_summary");
    org.apache.spark.sql.types.StructField added = spark.read().format("delta")
        .load(warehouse.resolve("nps_summary").toString()).schema().apply(last.name());
    assertThat(added.dataType()).isEqualTo(last.dataType());
    assertThat(added.getComment().get()).isEqualTo(last.getComment().get());
    assertThat(Maintenance.ensureProperties(spark, warehouse.toString(), List.of(CxTables.NPS_SUMMARY)))
        .as("second time: nothing to do").isEmpty();
  }

  @Test
  void vacuumRunsOnTheConfiguredWeekdayOnly() {
    // 2026-06-14 is a Sunday, 2026-06-15 a Monday.
    assertThat(Maintenance.isVacuumDay("sunday", LocalDate.parse("2026-06-14"))).isTrue();
    assertThat(Maintenance.isVacuumDay("sunday", LocalDate.parse("2026-06-15"))).isFalse();
    assertThat(Maintenance.isVacuumDay("every", LocalDate.parse("2026-06-15"))).isTrue();
    assertThat(CxConfig.defaults().getInt(org.cxloop.config.Keys.MAINTENANCE_VACUUM_RETENTION_HOURS)).isEqualTo(168);
  }
}
