package org.cxloop.metrics;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.months_between;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.cxloop.CxErrors;

/**
 * NPS by cohort x months since signup: the matrix a BI tool draws as a heat map. A cell is keyed
 * by the answer month too, so a run replaces exactly the answer months it touched.
 *
 * <p>The signup-month cohort ({@code cohort_kind = cohort_month}, {@code cohort = yyyy-MM},
 * {@code cohort_month} set) is always computed. Each label column in {@code labels} (plan,
 * segment, ...) adds cells with {@code cohort_kind} = the column, {@code cohort} = its value as on
 * the answer date ({@code (unknown)} when empty) and {@code cohort_month} empty: those cells pool
 * every signup month, so months since signup is the only time axis. The kinds are named like
 * nps_summary's dimensions.
 */
public final class CohortNps {

  /** cohort_kind of the signup-month cells. */
  public static final String SIGNUP_MONTH = "cohort_month";

  private CohortNps() {}

  public static Dataset<Row> compute(Dataset<Row> responses, List<String> labels, int minN, double confidence) {
    List<String> present = Arrays.asList(responses.columns());
    for (String label : labels) {
      if (!present.contains(label)) {
        throw CxErrors.missingColumn("nps_cohorts (nps.cohort.labels)", label, String.join(", ", present));
      }
    }
    List<Column> kinds = new ArrayList<>();
    kinds.add(struct(lit(SIGNUP_MONTH).as("cohort_kind"), date_format(col("cohort_month"), "yyyy-MM").as("cohort"),
        col("cohort_month").as("cohort_month")));
    for (String label : labels) {
      kinds.add(struct(lit(label).as("cohort_kind"),
          coalesce(col(label).cast(DataTypes.StringType), lit(NpsAggregation.UNKNOWN)).as("cohort"),
          lit(null).cast(DataTypes.DateType).as("cohort_month")));
    }
    Column g = col("nps_group");
    Dataset<Row> counts = responses
        .filter(col("cohort_month").isNotNull())
        .withColumn("months_since_signup",
            months_between(col("response_month"), col("cohort_month")).cast(DataTypes.IntegerType))
        .select(col("response_month"), col("months_since_signup"), col("survey_type"), g,
            explode(array(kinds.toArray(new Column[0]))).as("k"))
        .select(col("k.cohort_kind").as("cohort_kind"), col("k.cohort").as("cohort"),
            col("k.cohort_month").as("cohort_month"), col("response_month"), col("months_since_signup"),
            col("survey_type"), g)
        .groupBy("cohort_kind", "cohort", "cohort_month", "response_month", "months_since_signup", "survey_type")
        .agg(count(lit(1)).as("n"),
            sum(when(g.equalTo("promoter"), 1).otherwise(0)).cast(DataTypes.LongType).as("promoters"),
            sum(when(g.equalTo("passive"), 1).otherwise(0)).cast(DataTypes.LongType).as("passives"),
            sum(when(g.equalTo("detractor"), 1).otherwise(0)).cast(DataTypes.LongType).as("detractors"));
    return NpsStats.withInterval(counts, minN, confidence);
  }
}
