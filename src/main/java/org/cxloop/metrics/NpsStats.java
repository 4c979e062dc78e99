package org.cxloop.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * NPS and its uncertainty from (weighted) counts; docs/statistics.md works every formula
 * through by hand.
 *
 * <p>With p_P and p_D the (weighted) promoter and detractor shares, NPS = 100 (p_P - p_D). The
 * answer is a variable worth +1, 0 or -1, whose variance is p_P + p_D - (p_P - p_D)^2, so
 * SE = 100 sqrt(variance / n_eff), where n_eff = (sum w)^2 / sum w^2 is Kish's effective sample
 * size (n_eff = n without weights). The Wald interval is NPS +- z SE. The adjusted-Wald interval
 * adds 0.75 promoter, 1.5 passive and 0.75 detractor (3 pseudo-answers) before computing the
 * same, which keeps small or lopsided cells from getting zero-width intervals. Both are clipped
 * to [-100, 100]. Below the minimum (effective) n the NPS and intervals are left empty.
 */
public final class NpsStats {

  private NpsStats() {}

  /** Adds weighted sums equal to the counts, for inputs that have no weights. */
  static Dataset<Row> unitWeights(Dataset<Row> counts) {
    if (Arrays.asList(counts.columns()).contains("w_sum")) {
      return counts;
    }
    return counts
        .withColumn("w_sum", col("n").cast(DataTypes.DoubleType))
        .withColumn("w2_sum", col("n").cast(DataTypes.DoubleType))
        .withColumn("w_promoters", col("promoters").cast(DataTypes.DoubleType))
        .withColumn("w_detractors", col("detractors").cast(DataTypes.DoubleType));
  }

  /**
   * Needs n, promoters, passives, detractors and (optionally) w_sum, w2_sum, w_promoters,
   * w_detractors; adds n_eff, shares, NPS, SE and both intervals, and below_min_n.
   */
  public static Dataset<Row> withInterval(Dataset<Row> counts, int minN, double confidence) {
    double z = Normal.zForConfidence(confidence);
    Dataset<Row> c = unitWeights(counts);
    Column nEff = Ratios.of(pow(col("w_sum"), 2), col("w2_sum"));
    Column pP = Ratios.of(col("w_promoters"), col("w_sum"));
    Column pD = Ratios.of(col("w_detractors"), col("w_sum"));
    Column nps = pP.minus(pD).multiply(100);
    Column se = sqrt(Ratios.of(variance(pP, pD), nEff)).multiply(100);
    // Adjusted Wald: 3 pseudo-answers (0.75 P, 1.5 passive, 0.75 D) on the effective sample.
    Column nAdj = nEff.plus(3);
    Column pPAdj = Ratios.of(pP.multiply(nEff).plus(0.75), nAdj);
    Column pDAdj = Ratios.of(pD.multiply(nEff).plus(0.75), nAdj);
    Column npsAdj = pPAdj.minus(pDAdj).multiply(100);
    Column seAdj = sqrt(Ratios.of(variance(pPAdj, pDAdj), nAdj)).multiply(100);
    Column enough = nEff.geq(minN - 1e-9);
    return c
        .withColumn("n_eff", round(nEff, 4))
        .withColumn("pct_promoters", round(pP.multiply(100), 4))
        .withColumn("pct_detractors", round(pD.multiply(100), 4))
        .withColumn("below_min_n", not(enough))
        .withColumn("nps", when(enough, round(nps, 4)))
        .withColumn("nps_se", when(enough, round(se, 4)))
        .withColumn("nps_ci_low", when(enough, round(clip(nps.minus(se.multiply(z))), 4)))
        .withColumn("nps_ci_high", when(enough, round(clip(nps.plus(se.multiply(z))), 4)))
        .withColumn("nps_adj_ci_low", when(enough, round(clip(npsAdj.minus(seAdj.multiply(z))), 4)))
        .withColumn("nps_adj_ci_high", when(enough, round(clip(npsAdj.plus(seAdj.multiply(z))), 4)));
  }

  /** Variance of a +1/0/-1 variable with shares pP and pD. */
  static Column variance(Column pP, Column pD) {
    // Never negative in exact arithmetic; clamped so rounding cannot make sqrt() return NaN.
    return greatest(pP.plus(pD).minus(pow(pP.minus(pD), 2)), lit(0.0));
  }

  private static Column not(Column c) {
    return org.apache.spark.sql.functions.not(c);
  }

  private static Column clip(Column c) {
    return least(greatest(c, lit(-100.0)), lit(100.0));
  }
}
