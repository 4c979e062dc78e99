package org.cxloop.text;

import static org.apache.spark.sql.functions.*;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/** STUB until the text branch is merged. */
public final class KeywordTagging {
  public static Dataset<Row> tag(Dataset<Row> r, KeywordModel m) {
    return r.withColumn("comment_language", col("language"))
        .withColumn("comment_normalized", lower(col("comment")))
        .withColumn("kw_categories", array().cast("array<string>"))
        .withColumn("kw_primary_category", lit(null).cast("string"))
        .withColumn("kw_sentiment_score", lit(0.0))
        .withColumn("kw_sentiment_label", lit("neutral"))
        .withColumn("kw_matched_terms", array().cast("array<string>"))
        .withColumn("kw_negated", lit(false));
  }
}
