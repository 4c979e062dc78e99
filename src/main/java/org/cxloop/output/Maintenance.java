package org.cxloop.output;

import io.delta.tables.DeltaTable;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.cxloop.CxErrors;
import org.cxloop.config.CxConfig;
import org.cxloop.config.Keys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Housekeeping the nightly run does after writing, so that BI reads stay fast and storage does
 * not grow without end: table properties the definitions ask for (Change Data Feed on tables that
 * are loaded incrementally downstream), compaction of small files (OPTIMIZE) and, on the
 * configured day, removal of files no table version within the retention needs (VACUUM).
 */
public final class Maintenance {

  private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);

  private static final String READER_VERSION = "delta.minReaderVersion";
  private static final String WRITER_VERSION = "delta.minWriterVersion";

  private Maintenance() {}

  /**
   * Brings tables created by an earlier cxloop version up to their definitions: adds the columns
   * a definition declares but the table lacks (with their comments; earlier rows read them as
   * empty), and sets the properties it declares but the table lacks (say Change Data Feed).
   * Without this, the first run after an upgrade would fail writing the new columns. Returns the
   * tables altered.
   */
  public static List<String> ensureProperties(SparkSession spark, String warehouse, List<TableDef> tables) {
    List<String> altered = new java.util.ArrayList<>();
    for (TableDef t : tables) {
      DeltaTable table = DeltaTable.forPath(spark, t.path(warehouse));
      String added = addMissingColumns(spark, t, table.toDF().schema(), warehouse);
      Row detail = table.detail().select("properties", "minReaderVersion", "minWriterVersion").first();
      Map<String, String> actual = scalaToJava(detail.getMap(0));
      Map<String, Integer> protocol = Map.of(READER_VERSION, detail.getInt(1), WRITER_VERSION, detail.getInt(2));
      Map<String, String> missing = new LinkedHashMap<>();
      t.properties().forEach((k, v) -> {
        if (protocol.containsKey(k)) {
          // Protocol versions are not table properties once set; Delta keeps them in the protocol.
          // A lower one is raised in the same ALTER: enabling Change Data Feed alone on a (1,2)
          // table makes Delta switch to table features (1,7), which writers older than table
          // features cannot write; with the legacy writer version 4 asked for too it stays (1,4),
          // as a new table is created.
          if (Integer.parseInt(v) > protocol.get(k)) {
            missing.put(k, v);
          }
        } else if (!v.equals(actual.get(k))) {
          missing.put(k, v);
        }
      });
      if (!missing.isEmpty()) {
        StringBuilder set = new StringBuilder();
        missing.forEach((k, v) -> set.append(set.length() == 0 ? "" : ", ").append("'").append(k).append("' = '")
            .append(v).append("'"));
        spark.sql("ALTER TABLE delta.`" + t.path(warehouse) + "` SET TBLPROPERTIES (" + set + ")");
        LOG.info("maintenance: set {} on {}", missing, t.name());
      }
      if (!missing.isEmpty() || !added.isEmpty()) {
        altered.add(t.name());
      }
    }
    return altered;
  }

  /** ALTER TABLE ... ADD COLUMNS for the declared columns the table lacks; returns their names. */
  private static String addMissingColumns(SparkSession spark, TableDef t, StructType actual, String warehouse) {
    java.util.Set<String> present = new java.util.HashSet<>(java.util.Arrays.asList(actual.fieldNames()));
    List<StructField> lacking = java.util.Arrays.stream(t.schema().fields()).filter(f -> !present.contains(f.name()))
        .toList();
    if (lacking.isEmpty()) {
      return "";
    }
    String columns = lacking.stream().map(f -> "`" + f.name() + "` " + f.dataType().sql()
            + (f.getComment().isDefined() ? " COMMENT " + sqlString(f.getComment().get()) : ""))
        .collect(java.util.stream.Collectors.joining(", "));
    spark.sql("ALTER TABLE delta.`" + t.path(warehouse) + "` ADD COLUMNS (" + columns + ")");
    String names = lacking.stream().map(StructField::name).collect(java.util.stream.Collectors.joining(", "));
    LOG.info("maintenance: added columns {} to {} (created by an earlier version)", names, t.name());
    return names;
  }

  /**
   * OPTIMIZE (when enabled) and VACUUM (when enabled and today is the configured day) of
   * {@code tables}; returns counts for run_audit.stage_counts. A first load or rebuild compacts
   * too: at 10M answers it writes each month as about 17 files of 3-11 MiB plus small tails, and
   * when it left them alone the first nightly run after it compacted all 204 of them (94 s of
   * that run, measured), so the cost only moved to the run with the tighter window.
   */
  public static Map<String, Long> afterWrite(SparkSession spark, CxConfig conf, String warehouse, List<TableDef> tables) {
    Map<String, Long> counts = new LinkedHashMap<>();
    boolean vacuumToday = conf.getBoolean(Keys.MAINTENANCE_VACUUM)
        && isVacuumDay(conf.get(Keys.MAINTENANCE_VACUUM_DAY), LocalDate.now(ZoneId.of(conf.get(Keys.BUSINESS_TIMEZONE))));
    int hours = conf.getInt(Keys.MAINTENANCE_VACUUM_RETENTION_HOURS);
    long smallBytes = conf.getInt(Keys.MAINTENANCE_OPTIMIZE_SMALL_FILE_MB) * 1024L * 1024L;
    for (TableDef t : tables) {
      String path = t.path(warehouse);
      List<String> crowded = conf.getBoolean(Keys.MAINTENANCE_OPTIMIZE)
          ? crowdedPartitions(spark, path, t.partitionColumns().size(), conf.getInt(Keys.MAINTENANCE_OPTIMIZE_MIN_FILES),
              smallBytes)
          : List.of();
      if (!crowded.isEmpty()) {
        long[] files = optimize(spark, path, partitionPredicate(crowded), smallBytes);
        counts.put("maintenance.optimize." + t.name() + ".files_removed", files[0]);
        counts.put("maintenance.optimize." + t.name() + ".files_added", files[1]);
      }
      if (vacuumToday) {
        counts.put("maintenance.vacuum." + t.name() + ".files_deleted", vacuum(spark, t.name(), path, hours));
      }
    }
    LOG.info("maintenance: optimize {}, vacuum {} (retention {} h): {}",
        conf.getBoolean(Keys.MAINTENANCE_OPTIMIZE) ? "on" : "off", vacuumToday ? "today" : "not today", hours, counts);
    return counts;
  }

  /** True when VACUUM runs on {@code today}: {@code day} is "every" or today's weekday. */
  static boolean isVacuumDay(String day, LocalDate today) {
    return day.equals("every") || today.getDayOfWeek() == DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT));
  }

  /**
   * The partitions (as folder paths relative to the table: "grain=month/dimension=team"; "" for an
   * unpartitioned table) holding at least {@code minFiles} data files smaller than {@code
   * smallBytes}, from the snapshot's file list: no data is read, and file sizes are looked up
   * only in partitions with that many files at all. A nightly run adds about one small file per
   * partition it writes, and compacting a partition rewrites it whole, so OPTIMIZE waits until
   * small files have piled up. Only files below {@code smallBytes} count, so that months
   * written as a few large files are left alone.
   */
  static List<String> crowdedPartitions(SparkSession spark, String path, int partitionColumns, int minFiles,
      long smallBytes) {
    java.util.Map<String, List<String>> perPartition = new java.util.TreeMap<>();
    for (String file : spark.read().format("delta").load(path).inputFiles()) {
      String[] parts = file.split("/");
      int from = Math.max(0, parts.length - 1 - partitionColumns);
      perPartition.computeIfAbsent(String.join("/", java.util.Arrays.copyOfRange(parts, from, parts.length - 1)),
          k -> new java.util.ArrayList<>()).add(file);
    }
    org.apache.hadoop.conf.Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    List<String> crowded = new java.util.ArrayList<>();
    for (Map.Entry<String, List<String>> e : perPartition.entrySet()) {
      if (e.getValue().size() >= minFiles && smallFiles(e.getValue(), smallBytes, hadoop) >= minFiles) {
        crowded.add(e.getKey());
      }
    }
    return crowded;
  }

  private static long smallFiles(List<String> files, long smallBytes, org.apache.hadoop.conf.Configuration hadoop) {
    long small = 0;
    for (String f : files) {
      try {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(f);
        if (p.getFileSystem(hadoop).getFileStatus(p).getLen() < smallBytes) {
          small++;
        }
      } catch (java.io.IOException ex) {
        throw new java.io.UncheckedIOException("Cannot read the size of " + f + " to decide on OPTIMIZE: "
            + ex.getMessage() + ". Check that the warehouse is readable, or set maintenance.optimize.enabled=false.", ex);
      }
    }
    return small;
  }

  /**
   * A predicate on the partition columns that selects exactly these partition folders (null for
   * the one folder of an unpartitioned table). OPTIMIZE compacts every partition with two or
   * more small files; limited to the crowded ones, it leaves alone the months a rebuild wrote as
   * a few large files, which would otherwise be rewritten whole the first time any one month
   * reached the threshold.
   */
  static String partitionPredicate(List<String> folders) {
    List<String> ors = new java.util.ArrayList<>();
    for (String folder : folders) {
      if (folder.isEmpty()) {
        return null;
      }
      List<String> ands = new java.util.ArrayList<>();
      for (String segment : folder.split("/")) {
        int eq = segment.indexOf('=');
        String column = "`" + segment.substring(0, eq).replace("`", "``") + "`";
        String value = org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils.unescapePathName(segment.substring(eq + 1));
        ands.add(value.equals("__HIVE_DEFAULT_PARTITION__") ? column + " IS NULL"
            : column + " = " + sqlString(value));
      }
      ors.add("(" + String.join(" AND ", ands) + ")");
    }
    return String.join(" OR ", ors);
  }

  /** A Spark SQL string literal: quoted, with backslashes and quotes escaped. */
  private static String sqlString(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /**
   * Compacts the files below {@code smallBytes} (of the partitions {@code where} selects; all
   * when null); returns {files removed, files added}. Delta's OPTIMIZE by itself rewrites every
   * file below 1 GiB: it would merge the files a load wrote in a chosen order (followup_cases by
   * opening time, so that a night's status changes touch one file) into one file that every
   * night then rewrites whole.
   */
  static long[] optimize(SparkSession spark, String path, String where, long smallBytes) {
    String key = "spark.databricks.delta.optimize.minFileSize";
    String before = spark.conf().get(key); // a Delta setting: has a default, never unset
    spark.conf().set(key, Long.toString(smallBytes));
    try {
      io.delta.tables.DeltaOptimizeBuilder builder = DeltaTable.forPath(spark, path).optimize();
      Row metrics = (where == null ? builder : builder.where(where)).executeCompaction().select("metrics").first();
      Row m = metrics.getStruct(0);
      return new long[] {m.<Long>getAs("numFilesRemoved"), m.<Long>getAs("numFilesAdded")};
    } finally {
      spark.conf().set(key, before);
    }
  }

  /** Deletes files older than the retention that no kept version references; returns how many. */
  static long vacuum(SparkSession spark, String table, String path, int hours) {
    long before = TableWriter.version(spark, path);
    try {
      DeltaTable.forPath(spark, path).vacuum(hours);
    } catch (IllegalArgumentException e) { // Delta's retention safety check
      throw CxErrors.vacuumRetentionTooShort(table, hours, e);
    }
    // Delta records VACUUM START/END commits with the number of files it deleted.
    List<Row> ends = DeltaTable.forPath(spark, path).history(2)
        .filter("operation = 'VACUUM END' AND version > " + before).select("operationMetrics").collectAsList();
    if (ends.isEmpty()) {
      return 0;
    }
    Map<String, String> m = scalaToJava(ends.get(0).getMap(0));
    return Long.parseLong(m.getOrDefault("numDeletedFiles", "0"));
  }

  private static Map<String, String> scalaToJava(scala.collection.Map<String, String> m) {
    return m == null ? Map.of() : scala.jdk.javaapi.CollectionConverters.asJava(m);
  }
}
