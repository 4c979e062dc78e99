package org.cxloop.output;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;

import java.sql.Timestamp;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.cxloop.ingest.ResponseIngest;
import org.cxloop.ingest.SourceReader;
import org.cxloop.quality.RowRules;

/** Shapes rows that broke a rule into the quarantine table's schema. */
public final class QuarantineRows {

  private QuarantineRows() {}

  /**
   * The quarantine id hashes source, rule and raw content, plus the copy number among identical
   * rows: the same bad row read again tomorrow gets the same id and is not listed twice, while
   * two identical bad rows in one file are both listed.
   */
  public static Dataset<Row> from(Dataset<Row> broken, String keyColumn, String runId, Timestamp now) {
    Column copy = row_number().over(Window.partitionBy(col(SourceReader.SOURCE), col(RowRules.RULE),
        col(ResponseIngest.RAW_RECORD)).orderBy(col(ResponseIngest.RAW_RECORD)));
    boolean hasDate = Arrays.asList(broken.columns()).contains(ResponseIngest.RESPONSE_DATE);
    return broken
        .withColumn("_copy", copy)
        .select(
            sha2(concat_ws("|", col(SourceReader.SOURCE), col(RowRules.RULE), col(ResponseIngest.RAW_RECORD),
                col("_copy").cast(DataTypes.StringType)), 256).as("quarantine_id"),
            col(SourceReader.SOURCE).as("source"),
            col(keyColumn).as("record_key"),
            col(RowRules.RULE).as("rule"),
            col(RowRules.REASON).as("reason"),
            col(ResponseIngest.RAW_RECORD).as("raw_record"),
            (hasDate ? col(ResponseIngest.RESPONSE_DATE) : lit(null).cast(DataTypes.DateType)).as("response_date"),
            lit(runId).as("run_id"),
            lit(now).as("quarantined_at_utc"));
  }
}
