package org.cxloop.metrics;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_union;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.format_number;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

/**
 * Category x sentiment statistics per week and month, and the standout flags of seed 000, step
 * 5.1. A comment may mention several categories; each mention counts for its category.
 *
 * <ul>
 *   <li>{@code standout_negative_share}: the category's share of negative mentions is far above
 *       the other categories'. Test: one-sided two-proportion z-test of negative/mentions for the
 *       category against all other categories' mentions pooled; flagged when p &lt; the
 *       significance level, the difference is at least {@code standout.min.difference}, and the
 *       category has at least {@code standout.min.mentions} mentions.
 *   <li>{@code standout_costly}: few complaints but expensive ones: the category's share of the
 *       annual value of detractors who mention it is at least twice its share of negative
 *       mentions, while its negative mentions are below the average category's.
 * </ul>
 */
public final class CategoryStats {

  /** Thresholds of the standout tests. */
  public record Standouts(int minMentions, double minDifference, double alpha) {}

  private CategoryStats() {}

  /** Categories an answer mentions: the keyword model's list plus the final primary category. */
  static Column mentions() {
    Column kw = coalesce(col("kw_categories"), array().cast("array<string>"));
    return filter(array_union(kw, array(col("primary_category"))), Column::isNotNull);
  }

  public static Dataset<Row> compute(Dataset<Row> responses, List<String> grains, Standouts s) {
    List<Column> periods = grains.stream().filter(g -> !g.equals(Periods.DAY)).map(NpsAggregation::period).toList();
    Column isP = col("nps_group").equalTo("promoter");
    Column isD = col("nps_group").equalTo("detractor");
    Dataset<Row> base = responses
        .select(col("survey_type"), col("nps_group"), col("has_comment"), col("sentiment_label"),
            coalesce(col("annual_value_pln"), lit(0)).cast(DataTypes.DoubleType).as("value_pln"),
            mentions().as("mentions"), explode(array(periods.toArray(new Column[0]))).as("p"))
        .select(col("*"), col("p.grain").as("grain"), col("p.period_start").as("period_start"),
            col("p.period_end").as("period_end"))
        .drop("p");
    String[] periodKey = {"grain", "period_start", "period_end", "survey_type"};
    Dataset<Row> totals = base.groupBy(periodKey[0], periodKey[1], periodKey[2], periodKey[3]).agg(
        count(lit(1)).as("answers"),
        sum(when(col("has_comment"), 1).otherwise(0)).cast(DataTypes.LongType).as("comments"),
        sum(when(isP, 1).otherwise(0)).cast(DataTypes.LongType).as("t_promoters"),
        sum(when(isD, 1).otherwise(0)).cast(DataTypes.LongType).as("t_detractors"));
    Dataset<Row> perCategory = base
        .withColumn("category", explode(col("mentions")))
        .groupBy(periodKey[0], periodKey[1], periodKey[2], periodKey[3], "category").agg(
            count(lit(1)).as("mentions"),
            sum(when(col("sentiment_label").equalTo("negative"), 1).otherwise(0)).cast(DataTypes.LongType).as("negative_mentions"),
            sum(when(col("sentiment_label").equalTo("neutral"), 1).otherwise(0)).cast(DataTypes.LongType).as("neutral_mentions"),
            sum(when(col("sentiment_label").equalTo("positive"), 1).otherwise(0)).cast(DataTypes.LongType).as("positive_mentions"),
            sum(when(isP, 1).otherwise(0)).cast(DataTypes.LongType).as("m_promoters"),
            sum(when(isD, 1).otherwise(0)).cast(DataTypes.LongType).as("m_detractors"),
            sum(when(isD, col("value_pln")).otherwise(0.0)).as("detractor_value_at_stake_pln"));
    return standouts(perCategory.join(totals,
        scala.jdk.javaapi.CollectionConverters.asScala(List.of(periodKey)).toSeq(), "inner"), s);
  }

  /** Adds shares, the NPS gap of mentioners, and the standout flags with their reasons. */
  static Dataset<Row> standouts(Dataset<Row> c, Standouts s) {
    WindowSpec period = Window.partitionBy("grain", "period_start", "survey_type");
    Column m = col("mentions").cast(DataTypes.DoubleType);
    Column negShare = Ratios.of(col("negative_mentions"), m);
    Column otherNeg = sum(col("negative_mentions")).over(period).minus(col("negative_mentions"));
    Column otherMentions = sum(col("mentions")).over(period).minus(col("mentions"));
    Column otherShare = Ratios.of(otherNeg, otherMentions);
    Column pooled = Ratios.of(col("negative_mentions").plus(otherNeg), m.plus(otherMentions));
    Column z = Ratios.of(negShare.minus(otherShare), sqrt(pooled.multiply(lit(1).minus(pooled))
        .multiply(Ratios.of(lit(1), m).plus(Ratios.of(lit(1), otherMentions)))));
    Column oneSidedP = Ratios.of(Significance.twoSidedP(z), 2);
    Column negativeStandout = z.gt(0).and(oneSidedP.lt(s.alpha()))
        .and(negShare.minus(otherShare).geq(s.minDifference())).and(col("mentions").geq(s.minMentions()));

    Column categories = count(lit(1)).over(period);
    Column complaintShare = Ratios.of(col("negative_mentions"), sum(col("negative_mentions")).over(period));
    Column valueShare = Ratios.of(col("detractor_value_at_stake_pln"), sum(col("detractor_value_at_stake_pln")).over(period));
    Column costly = complaintShare.lt(Ratios.of(lit(1.0), categories)).and(valueShare.geq(complaintShare.multiply(2)))
        .and(col("detractor_value_at_stake_pln").gt(0));

    // NPS of answers that mention the category vs those that do not, with the SE of the gap.
    MentionerGap g = MentionerGap.of(m, col("answers").minus(col("mentions")).cast(DataTypes.DoubleType));

    Column pct = col("_neg_share").multiply(100);
    return c
        .withColumn("_neg_share", negShare)
        .withColumn("_other_share", otherShare)
        .withColumn("_z", z)
        .withColumn("_p", oneSidedP)
        .withColumn("_complaint_share", complaintShare)
        .withColumn("_value_share", valueShare)
        .withColumn("share_of_comments", round(Ratios.of(m, col("comments")), 4))
        .withColumn("negative_share", round(col("_neg_share"), 4))
        .withColumn("others_negative_share", round(col("_other_share"), 4))
        .withColumn("negative_share_z", round(col("_z"), 4))
        .withColumn("negative_share_p", round(col("_p"), 6))
        .withColumn("nps_mentioners", round(g.mentioners(), 4))
        .withColumn("nps_non_mentioners", when(g.hasOthers(), round(g.others(), 4)))
        .withColumn("nps_gap", when(g.hasOthers(), round(g.gap(), 4)))
        .withColumn("nps_gap_se", when(g.hasOthers(), round(g.se(), 4)))
        .withColumn("standout_negative_share", coalesce(negativeStandout, lit(false)))
        .withColumn("standout_costly", coalesce(costly, lit(false)))
        .withColumn("standout_reason", when(col("standout_negative_share"), concat(
                format_number(pct, 0), lit("% of "), col("mentions").cast("string"),
                lit(" mentions are negative vs "), format_number(col("_other_share").multiply(100), 0),
                lit("% for the other categories (one-sided two-proportion z = "), format_number(col("_z"), 2),
                lit(", p = "), format_number(col("_p"), 4), lit(")")))
            .when(col("standout_costly"), concat(
                lit("only "), format_number(col("_complaint_share").multiply(100), 0),
                lit("% of negative mentions but "), format_number(col("_value_share").multiply(100), 0),
                lit("% of the annual value of detractors who mention a category ("),
                format_number(col("detractor_value_at_stake_pln"), 0), lit(" PLN)"))))
        .drop("_neg_share", "_other_share", "_z", "_p", "_complaint_share", "_value_share");
  }
}
