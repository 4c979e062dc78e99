package org.cxloop.metrics;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.last_day;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * NPS cells: one row per grain x period x survey type x dimension x value. Every answer is
 * expanded once per dimension and counted into day cells in one aggregation (the responses are
 * scanned and shuffled once whatever the number of dimensions); each grain is then summed from
 * the day cells, which are far fewer than the answers.
 * Transactional and relational answers are never mixed: they ask different questions.
 */
public final class NpsAggregation {

  /** Value shown for an answer whose dimension is unknown (no CRM match, self-service, ...). */
  public static final String UNKNOWN = "(unknown)";
  /** The single value of the whole-company dimension. */
  public static final String ALL = "(all)";
  /** Multi-valued dimension: every manager above the employee who served. */
  public static final String MANAGER_ROLLUP = "manager_rollup";
  /** Optional per-answer weight column (1.0 when absent). */
  public static final String WEIGHT = "response_weight";

  private NpsAggregation() {}

  /** The column an nps.dimensions name reads from responses_enriched. */
  static Column dimensionValue(String dimension) {
    return switch (dimension) {
      case "company" -> lit(ALL);
      case "cohort_month" -> date_format(col("cohort_month"), "yyyy-MM");
      default -> col(dimension).cast(DataTypes.StringType);
    };
  }

  static Column period(String grain) {
    Column d = col("response_date");
    return switch (grain) {
      case Periods.DAY -> struct(lit(grain).as("grain"), d.as("period_start"), d.as("period_end"));
      case Periods.WEEK -> {
        Column start = to_date(date_trunc("week", d.cast(DataTypes.TimestampType)));
        yield struct(lit(grain).as("grain"), start.as("period_start"), date_add(start, 6).as("period_end"));
      }
      case Periods.MONTH -> struct(lit(grain).as("grain"), trunc(d, "month").as("period_start"),
          last_day(d).as("period_end"));
      default -> throw new IllegalArgumentException("unknown grain " + grain);
    };
  }

  /**
   * Counts per cell from responses with response_date, survey_type, score_value-derived
   * nps_group and the dimension columns.
   */
  public static Dataset<Row> counts(Dataset<Row> responses, List<String> dimensions, List<String> grains) {
    List<Column> single = new ArrayList<>();
    List<Column> multi = new ArrayList<>();
    for (String d : dimensions) {
      if (d.equals(MANAGER_ROLLUP)) {
        // Every manager above the serving employee gets the answer: a manager's NPS covers
        // the whole part of the organisation below them.
        multi.add(transform(coalesce(col("manager_chain"), array().cast("array<string>")),
            m -> struct(lit(d).as("dimension"), m.cast(DataTypes.StringType).as("dimension_value"))));
      } else {
        single.add(struct(lit(d).as("dimension"), coalesce(dimensionValue(d), lit(UNKNOWN)).as("dimension_value")));
      }
    }
    Column dims = array(single.toArray(new Column[0]));
    for (Column m : multi) {
      dims = concat(dims, m);
    }
    Column group = col("nps_group");
    boolean weighted = java.util.Arrays.asList(responses.columns()).contains(WEIGHT);
    Column w = weighted ? coalesce(col(WEIGHT), lit(1.0)).cast(DataTypes.DoubleType) : lit(1.0);
    // Day cells first, then every grain summed from them: the answers are expanded once per
    // dimension, not once per grain and dimension (a third of the rows to aggregate with three
    // grains), and every count is a sum, so a week or month of day cells is the week or month.
    Dataset<Row> days = responses
        .select(col("survey_type"), group, w.as("w"), col("response_date"), explode(dims).as("d"))
        .select(col("response_date"), col("survey_type"), col("d.dimension").as("dimension"),
            col("d.dimension_value").as("dimension_value"), group, col("w"))
        .groupBy("response_date", "survey_type", "dimension", "dimension_value")
        .agg(count(lit(1)).as("n"),
            sum(when(group.equalTo("promoter"), 1).otherwise(0)).cast(DataTypes.LongType).as("promoters"),
            sum(when(group.equalTo("passive"), 1).otherwise(0)).cast(DataTypes.LongType).as("passives"),
            sum(when(group.equalTo("detractor"), 1).otherwise(0)).cast(DataTypes.LongType).as("detractors"),
            sum(col("w")).as("w_sum"),
            sum(col("w").multiply(col("w"))).as("w2_sum"),
            sum(when(group.equalTo("promoter"), col("w")).otherwise(0.0)).as("w_promoters"),
            sum(when(group.equalTo("detractor"), col("w")).otherwise(0.0)).as("w_detractors"));
    String[] sums = {"n", "promoters", "passives", "detractors", "w_sum", "w2_sum", "w_promoters", "w_detractors"};
    Column[] totals = java.util.Arrays.stream(sums).map(c -> sum(col(c)).as(c)).toArray(Column[]::new);
    // Each day cell goes to its period of every grain in one aggregation. A union of one
    // aggregation per grain planned the day cells (and the expansion under them) once per grain:
    // Spark did not reuse them, so the answers were expanded three times.
    // (distinct: a grain listed twice in the configuration would otherwise count twice)
    Column periods = array(grains.stream().distinct().map(NpsAggregation::period).toArray(Column[]::new));
    return days
        .withColumn("p", explode(periods))
        .groupBy(col("p.grain").as("grain"), col("p.period_start").as("period_start"),
            col("p.period_end").as("period_end"), col("survey_type"), col("dimension"), col("dimension_value"))
        .agg(totals[0], java.util.Arrays.copyOfRange(totals, 1, totals.length));
  }
}
