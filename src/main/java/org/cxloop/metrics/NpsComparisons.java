package org.cxloop.metrics;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Is a change real? For each NPS cell: the change against the previous period of the same grain
 * and dimension value, and the gap to the rest of the company in the same period, each with its
 * standard error sqrt(SE1^2 + SE2^2), z, two-sided p-value and a significance flag. Comparisons
 * involving a cell below the minimum n are left empty, like the NPS itself.
 */
public final class NpsComparisons {


  private NpsComparisons() {}

  /** Start of the period before a period of the given grain. */
  public static Column previousStart(Column grain, Column start) {
    return when(grain.equalTo(Periods.DAY), date_sub(start, 1))
        .when(grain.equalTo(Periods.WEEK), date_sub(start, 7))
        .otherwise(add_months(start, -1));
  }

  /** Needs the output of {@link NpsStats#withInterval}; adds change and vs-rest columns. */
  public static Dataset<Row> withChangeAndRest(Dataset<Row> cells, int minN, double alpha) {
    Dataset<Row> prev = cells.select(
        col("grain").as("p_grain"), col("survey_type").as("p_survey_type"), col("dimension").as("p_dimension"),
        col("dimension_value").as("p_dimension_value"), col("period_start").as("p_period_start"),
        col("nps").as("prev_nps"), col("nps_se").as("prev_nps_se"));
    Column samePrevious = col("grain").equalTo(col("p_grain")).and(col("survey_type").equalTo(col("p_survey_type")))
        .and(col("dimension").equalTo(col("p_dimension")))
        .and(col("dimension_value").equalTo(col("p_dimension_value")))
        .and(col("p_period_start").equalTo(previousStart(col("grain"), col("period_start"))));
    Dataset<Row> withPrev = cells.join(prev, samePrevious, "left")
        .drop("p_grain", "p_survey_type", "p_dimension", "p_dimension_value", "p_period_start");
    Column change = col("nps").minus(col("prev_nps"));
    Column changeSe = sqrt(pow(col("nps_se"), 2).plus(pow(col("prev_nps_se"), 2)));
    Column changeZ = Ratios.of(change, changeSe);
    Dataset<Row> changed = withPrev
        .withColumn("nps_change", round(change, 4))
        .withColumn("nps_change_se", round(changeSe, 4))
        .withColumn("nps_change_z", round(changeZ, 4))
        .withColumn("nps_change_p", round(Significance.twoSidedP(changeZ), 6))
        .withColumn("nps_change_significant", Significance.twoSidedP(changeZ).lt(alpha));

    // The rest of the company = the whole-company cell minus this cell, in weighted sums.
    Dataset<Row> company = cells.filter(col("dimension").equalTo("company")).select(
        col("grain").as("t_grain"), col("period_start").as("t_period_start"), col("survey_type").as("t_survey_type"),
        col("w_sum").as("t_w_sum"), col("w2_sum").as("t_w2_sum"),
        col("w_promoters").as("t_w_promoters"), col("w_detractors").as("t_w_detractors"));
    Dataset<Row> joined = changed.join(company, col("grain").equalTo(col("t_grain"))
        .and(col("period_start").equalTo(col("t_period_start"))).and(col("survey_type").equalTo(col("t_survey_type"))),
        "left");
    Column wRest = col("t_w_sum").minus(col("w_sum"));
    Column w2Rest = col("t_w2_sum").minus(col("w2_sum"));
    Column pPRest = Ratios.of(col("t_w_promoters").minus(col("w_promoters")), wRest);
    Column pDRest = Ratios.of(col("t_w_detractors").minus(col("w_detractors")), wRest);
    Column nEffRest = Ratios.of(pow(wRest, 2), w2Rest);
    Column restNps = pPRest.minus(pDRest).multiply(100);
    Column restSe = sqrt(Ratios.of(NpsStats.variance(pPRest, pDRest), nEffRest)).multiply(100);
    Column restOk = col("dimension").notEqual("company").and(wRest.gt(0)).and(nEffRest.geq(minN - 1e-9))
        .and(col("nps").isNotNull());
    Column gap = col("nps").minus(restNps);
    Column gapSe = sqrt(pow(col("nps_se"), 2).plus(pow(restSe, 2)));
    Column gapZ = Ratios.of(gap, gapSe);
    return joined
        .withColumn("rest_nps", when(restOk, round(restNps, 4)))
        .withColumn("nps_vs_rest", when(restOk, round(gap, 4)))
        .withColumn("nps_vs_rest_se", when(restOk, round(gapSe, 4)))
        .withColumn("nps_vs_rest_z", when(restOk, round(gapZ, 4)))
        .withColumn("nps_vs_rest_p", when(restOk, round(Significance.twoSidedP(gapZ), 6)))
        .withColumn("nps_vs_rest_significant", when(restOk, Significance.twoSidedP(gapZ).lt(alpha)))
        .drop("t_grain", "t_period_start", "t_survey_type", "t_w_sum", "t_w2_sum", "t_w_promoters", "t_w_detractors");
  }


}
