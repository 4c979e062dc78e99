package org.cxloop.output;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.cxloop.CxErrors;
import org.cxloop.privacy.Redaction;

/** Shapes enriched answers into responses_enriched's schema, column for column. */
public final class ResponseRows {

  private static final Set<String> RUN_COLUMNS = Set.of("row_hash", "first_loaded_run_id", "last_changed_run_id");

  private ResponseRows() {}

  public static Dataset<Row> finalShape(Dataset<Row> enriched, boolean maskComments, String runId) {
    Column comment = col("comment");
    Dataset<Row> prepared = enriched
        .withColumn("has_comment", comment.isNotNull().and(length(trim(comment)).gt(0)))
        .withColumn("comment", when(col("has_comment"), maskComments ? Redaction.mask(comment) : comment))
        .withColumn("score", col("score_value"));
    List<Column> business = new ArrayList<>();
    List<Column> all = new ArrayList<>();
    List<String> available = Arrays.asList(prepared.columns());
    for (StructField f : CxTables.RESPONSES_ENRICHED.schema().fields()) {
      if (RUN_COLUMNS.contains(f.name())) {
        continue;
      }
      if (!available.contains(f.name())) {
        throw CxErrors.missingColumn("responses_enriched", f.name(), String.join(", ", available));
      }
      Column c = col(f.name()).cast(f.dataType()).as(f.name());
      business.add(c);
      all.add(c);
    }
    Column hash = sha2(to_json(struct(business.toArray(new Column[0]))), 256);
    all.add(hash.as("row_hash"));
    all.add(lit(runId).as("first_loaded_run_id"));
    all.add(lit(runId).as("last_changed_run_id"));
    if (available.contains(org.cxloop.loop.FollowupCases.ESCALATION_SIGNAL)) {
      all.add(col(org.cxloop.loop.FollowupCases.ESCALATION_SIGNAL)); // for the loop stage; not written
    }
    return prepared.select(all.toArray(new Column[0]));
  }
}
