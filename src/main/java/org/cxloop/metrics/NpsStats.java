package org.cxloop.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * NPS and its uncertainty from counts. With p_P and p_D the promoter and detractor shares of n
 * answers, NPS = 100 (p_P - p_D) and its standard error is
 * 100 sqrt((p_P + p_D - (p_P - p_D)^2) / n), the variance of a variable that is +1, 0 or -1.
 * The interval is NPS +- z SE (Wald), clipped to [-100, 100]. Below the minimum n the NPS and
 * its interval are left empty and {@code below_min_n} is true: a number from a handful of
 * answers is noise, and showing it invites people to act on it.
 */
public final class NpsStats {

  private NpsStats() {}

  /** Needs columns n, promoters, passives, detractors; adds the NPS columns. */
  public static Dataset<Row> withInterval(Dataset<Row> counts, int minN, double confidence) {
    double z = Normal.zForConfidence(confidence);
    Column n = col("n").cast(DataTypes.DoubleType);
    Column pP = col("promoters").divide(n);
    Column pD = col("detractors").divide(n);
    Column nps = pP.minus(pD).multiply(100);
    Column se = sqrt(pP.plus(pD).minus(pow(pP.minus(pD), 2)).divide(n)).multiply(100);
    Column enough = col("n").geq(minN);
    return counts
        .withColumn("pct_promoters", round(pP.multiply(100), 4))
        .withColumn("pct_detractors", round(pD.multiply(100), 4))
        .withColumn("below_min_n", col("n").lt(minN))
        .withColumn("nps", when(enough, round(nps, 4)))
        .withColumn("nps_se", when(enough, round(se, 4)))
        .withColumn("nps_ci_low", when(enough, round(greatest(nps.minus(se.multiply(z)), lit(-100.0)), 4)))
        .withColumn("nps_ci_high", when(enough, round(least(nps.plus(se.multiply(z)), lit(100.0)), 4)));
  }
}
