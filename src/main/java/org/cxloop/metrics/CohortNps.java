package org.cxloop.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.months_between;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * NPS by signup cohort x months since signup: the matrix a BI tool draws as a heat map. A cell
 * is keyed by the answer month too, so a run replaces exactly the answer months it touched.
 */
public final class CohortNps {

  private CohortNps() {}

  public static Dataset<Row> compute(Dataset<Row> responses, int minN, double confidence) {
    Column g = col("nps_group");
    Dataset<Row> counts = responses
        .filter(col("cohort_month").isNotNull())
        .withColumn("months_since_signup",
            months_between(col("response_month"), col("cohort_month")).cast(DataTypes.IntegerType))
        .groupBy("cohort_month", "response_month", "months_since_signup", "survey_type")
        .agg(count(lit(1)).as("n"),
            sum(when(g.equalTo("promoter"), 1).otherwise(0)).cast(DataTypes.LongType).as("promoters"),
            sum(when(g.equalTo("passive"), 1).otherwise(0)).cast(DataTypes.LongType).as("passives"),
            sum(when(g.equalTo("detractor"), 1).otherwise(0)).cast(DataTypes.LongType).as("detractors"));
    return NpsStats.withInterval(counts, minN, confidence);
  }
}
