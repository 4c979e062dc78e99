package org.cxloop.output;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.cxloop.quality.Check;

/** Appends a run's check results to dq_results: results are a table, not log lines. */
public final class DqResults {
  private DqResults() {}

  public static void append(SparkSession spark, String path, String runId, List<Check.Result> results) {
    Timestamp now = Timestamp.from(Instant.now());
    List<Row> rows = new ArrayList<>();
    for (Check.Result r : results) {
      rows.add(RowFactory.create(runId, r.check().name(), r.check().level().name().toLowerCase(java.util.Locale.ROOT),
          r.passed() ? "passed" : "failed", r.observed(), r.threshold(), r.message(), r.check().hint(), now));
    }
    spark.createDataFrame(rows, CxTables.DQ_RESULTS.schema()).write().format("delta").mode("append").save(path);
  }
}
