package org.cxloop.metrics;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.last_day;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * B2B account NPS (seed 002): one account, several people answering in different roles. For
 * each month, an account's score uses each contact's latest answer in the trailing window of
 * {@code windowMonths} months ending that month, weighted by role (decision makers heavier):
 *
 * <pre>
 *   weighted_score = sum(w_role * score) / sum(w_role)
 *   account_nps    = 100 * sum(w_role * [+1 promoter, 0 passive, -1 detractor]) / sum(w_role)
 * </pre>
 *
 * The account is a promoter when weighted_score >= 9, passive when >= 7, else a detractor (the
 * individual NPS bands applied to the weighted mean). Revenue at risk is the annual value of
 * detractor accounts and of accounts whose NPS fell significantly since the previous window
 * (z-test on the contacts' +1/0/-1 answers, as for any NPS change).
 */
public final class AccountNps {

  private AccountNps() {}

  /** Parses "management:3,procurement:2" into role weights; other roles weigh 1. */
  public static Map<String, Double> roleWeights(String spec) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      if (!part.isBlank()) {
        String[] kv = part.trim().split(":");
        out.put(kv[0].trim(), Double.parseDouble(kv[1].trim()));
      }
    }
    return out;
  }

  static Column roleWeight(Map<String, Double> weights) {
    Column w = lit(1.0);
    for (Map.Entry<String, Double> e : weights.entrySet()) {
      w = when(col("contact_role").equalTo(e.getKey()), lit(e.getValue())).otherwise(w);
    }
    return w;
  }

  /**
   * Account cells for every month from {@code firstMonth} to {@code lastMonth}; needs the answers
   * of the {@code 2 * windowMonths - 1} months before firstMonth too (for the previous window).
   */
  public static Dataset<Row> compute(Dataset<Row> responses, String surveyType, Map<String, Double> weights,
      int windowMonths, LocalDate firstMonth, LocalDate lastMonth, double alpha) {
    Dataset<Row> b2b = responses
        .filter(col("survey_type").equalTo(surveyType).and(col("contact_id").isNotNull())
            .and(col("account_id").isNotNull()))
        .withColumn("w", roleWeight(weights))
        .withColumn("points", Ratios.of(col("nps_points"), 100.0));
    // Each answer counts in the windows of its month and the windowMonths - 1 months after it.
    Dataset<Row> inWindows = b2b.withColumn("period_start", explode(sequence(col("response_month"),
        add_months(col("response_month"), windowMonths - 1), org.apache.spark.sql.functions.expr("interval 1 month"))));
    Dataset<Row> latest = inWindows
        .withColumn("_r", row_number().over(Window.partitionBy("period_start", "account_id", "contact_id")
            .orderBy(col("responded_at_utc").desc(), col("response_id").desc())))
        .filter(col("_r").equalTo(1));
    Dataset<Row> accounts = latest.groupBy("period_start", "account_id").agg(
        count(lit(1)).as("respondents"),
        sort_array(collect_set(col("contact_role"))).as("roles"),
        sum(col("w")).as("w_sum"),
        sum(col("w").multiply(col("w"))).as("w2_sum"),
        sum(col("w").multiply(col("score"))).as("w_score"),
        sum(col("w").multiply(col("points"))).as("w_points"),
        sum(col("w").multiply(pow(col("points"), 2))).as("w_points2"),
        max_by(col("segment"), col("responded_at_utc")).as("segment"),
        max_by(col("annual_value_pln"), col("responded_at_utc")).as("annual_value_pln"));
    Column mean = Ratios.of(col("w_points"), col("w_sum"));
    // Weighted variance of the +1/0/-1 answers over Kish's effective n.
    Column var = org.apache.spark.sql.functions.greatest(
        Ratios.of(col("w_points2"), col("w_sum")).minus(pow(mean, 2)), lit(0.0));
    Column nEff = Ratios.of(pow(col("w_sum"), 2), col("w2_sum"));
    Dataset<Row> scored = accounts
        .withColumn("window_start", add_months(col("period_start"), -(windowMonths - 1)))
        .withColumn("window_end", last_day(col("period_start")))
        .withColumn("weighted_score", round(Ratios.of(col("w_score"), col("w_sum")), 4))
        .withColumn("account_nps", round(mean.multiply(100), 4))
        .withColumn("account_nps_se", round(sqrt(Ratios.of(var, nEff)).multiply(100), 4))
        .withColumn("account_class", when(col("weighted_score").geq(9), lit("promoter"))
            .when(col("weighted_score").geq(7), lit("passive")).otherwise(lit("detractor")));
    Dataset<Row> prev = scored.select(col("account_id").as("p_account_id"),
        add_months(col("period_start"), windowMonths).as("p_next"), col("account_nps").as("prev_account_nps"),
        col("account_nps_se").as("prev_account_nps_se"), col("account_class").as("prev_account_class"));
    Column change = col("account_nps").minus(col("prev_account_nps"));
    Column z = Ratios.of(change, sqrt(pow(col("account_nps_se"), 2).plus(pow(col("prev_account_nps_se"), 2))));
    // With one respondent (or unanimous ones) the SE is 0 and no test is possible: not flagged.
    Column testable = col("account_nps_se").gt(0).and(col("prev_account_nps_se").gt(0));
    Column fell = coalesce(testable.and(change.lt(0)).and(Significance.twoSidedP(z).lt(alpha)), lit(false));
    return scored.join(prev, col("account_id").equalTo(col("p_account_id"))
            .and(col("period_start").equalTo(col("p_next"))), "left")
        .withColumn("account_nps_change", round(change, 4))
        .withColumn("fell_significantly", fell)
        .withColumn("revenue_at_risk_pln", when(col("account_class").equalTo("detractor").or(fell),
            coalesce(col("annual_value_pln"), lit(0)).cast(DataTypes.createDecimalType(14, 2)))
            .otherwise(lit(0).cast(DataTypes.createDecimalType(14, 2))))
        .filter(col("period_start").between(java.sql.Date.valueOf(firstMonth), java.sql.Date.valueOf(lastMonth)))
        .drop("p_account_id", "p_next", "w_sum", "w2_sum", "w_score", "w_points", "w_points2");
  }
}
