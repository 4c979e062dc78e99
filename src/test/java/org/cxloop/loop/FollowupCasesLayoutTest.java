package org.cxloop.loop;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.cxloop.output.CxTables;
import org.cxloop.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * followup_cases as a first load writes it: each month's cases in one file, so that a night's
 * status changes (recent cases) rewrite one file, not the table.
 */
class FollowupCasesLayoutTest {

  private final SparkSession spark = SharedSpark.get();

  /** 6 cases on the 10th of each month Jan-Jun 2026, status open. */
  private Dataset<Row> sixMonthsOfCases() {
    StructField[] fields = CxTables.FOLLOWUP_CASES.schema().fields();
    List<Row> rows = new ArrayList<>();
    for (int m = 1; m <= 6; m++) {
      for (int i = 0; i < 6; i++) {
        Object[] v = new Object[fields.length];
        for (int f = 0; f < fields.length; f++) {
          switch (fields[f].name()) {
            case "case_id" -> v[f] = "c-" + m + "-" + i;
            case "response_id" -> v[f] = "r-" + m + "-" + i;
            case "score" -> v[f] = 3;
            case "status", "progress_status" -> v[f] = "open";
            case "opened_at_utc" -> v[f] = Timestamp.from(LocalDate.of(2026, m, 10).atTime(9, i)
                .toInstant(ZoneOffset.UTC));
            default -> v[f] = null;
          }
        }
        rows.add(RowFactory.create(v));
      }
    }
    // Spread round robin, as cases derived from answers are: every task holds every month.
    return spark.createDataFrame(rows, CxTables.FOLLOWUP_CASES.schema()).repartition(3);
  }

  @Test
  void aFirstLoadWritesEachMonthIntoOneFileAndANightsUpdateRewritesOnlyThatFile(@TempDir Path dir) {
    String path = CxTables.FOLLOWUP_CASES.path(dir.toString());
    CxTables.FOLLOWUP_CASES.createIfNotExists(spark, dir.toString());

    assertThat(ClosingTheLoop.openCases(spark, path, sixMonthsOfCases())).isEqualTo(36);

    Map<String, List<String>> filesByMonth = spark.read().format("delta").load(path)
        .selectExpr("date_format(opened_at_utc, 'yyyy-MM') AS month", "input_file_name() AS file").distinct()
        .collectAsList().stream()
        .collect(Collectors.groupingBy(r -> r.getString(0), Collectors.mapping(r -> r.getString(1), Collectors.toList())));
    assertThat(filesByMonth).hasSize(6);
    assertThat(filesByMonth.values()).as("each month in exactly one file").allSatisfy(f -> assertThat(f).hasSize(1));

    // June's cases fall overdue: the update rewrites June's file only, copying the other
    // months' cases that share it (with 2 shuffle partitions in tests, 6 months share 2 files).
    String june = filesByMonth.get("2026-06").get(0);
    long sharingJune = spark.read().format("delta").load(path).selectExpr("input_file_name() AS file")
        .filter(col("file").equalTo(june)).count() - 6;
    Dataset<Row> state = ClosingTheLoop.withStored(spark.read().format("delta").load(path))
        .withColumn("status", org.apache.spark.sql.functions.when(
            org.apache.spark.sql.functions.month(col("opened_at_utc")).equalTo(6), "overdue").otherwise(col("status")));
    assertThat(ClosingTheLoop.updateCases(spark, path, state)).isEqualTo(6);
    Row metrics = io.delta.tables.DeltaTable.forPath(spark, path).history(1).select("operationMetrics").first();
    assertThat(metrics.<String, String>getJavaMap(0)).as("one file removed: June's")
        .containsEntry("numTargetFilesRemoved", "1")
        .containsEntry("numTargetRowsCopied", Long.toString(sharingJune));
    assertThat(spark.read().format("delta").load(path).filter("status = 'overdue'").count()).isEqualTo(6);
  }
}
