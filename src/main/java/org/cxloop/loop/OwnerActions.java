package org.cxloop.loop;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * owner_actions, the outer loop: for each ISO week, each category flagged as a standout in
 * category_sentiment (week grain) goes to its process owner, with its volume, NPS gap, the trend
 * of its negative share against the previous week, and up to three negative comments.
 */
public final class OwnerActions {

  public static final String UNASSIGNED = "(unassigned)";
  /** A change of the negative share this large (5 points) is a trend; smaller is steady. */
  static final double TREND_STEP = 0.05;
  static final int SAMPLE_COMMENTS = 3;

  private OwnerActions() {}

  /**
   * @param categorySentiment rows of category_sentiment (any grains; weeks are used)
   * @param responses rows of responses_enriched covering the weeks, for sample comments
   * @param weekPredicate SQL predicate on period_start selecting the weeks to compute
   */
  public static Dataset<Row> compute(Dataset<Row> categorySentiment, Dataset<Row> responses, Map<String, String> owners,
      String weekPredicate) {
    Dataset<Row> weeks = categorySentiment.filter(col("grain").equalTo("week"));
    Dataset<Row> prev = weeks.select(col("category").as("_p_category"), col("survey_type").as("_p_survey_type"),
        date_add(col("period_start"), 7).as("_p_next"), col("mentions").as("prev_mentions"),
        col("negative_share").as("prev_negative_share"));
    Dataset<Row> standouts = weeks.filter(weekPredicate)
        .filter(col("standout_negative_share").or(col("standout_costly")))
        .join(prev, col("category").equalTo(col("_p_category")).and(col("survey_type").equalTo(col("_p_survey_type")))
            .and(col("period_start").equalTo(col("_p_next"))), "left");
    Column change = col("negative_share").minus(col("prev_negative_share"));
    Dataset<Row> actions = standouts
        .withColumn("owner_id", owner(col("category"), owners))
        .withColumn("standout", when(col("standout_negative_share"), lit("negative_share")).otherwise(lit("costly")))
        .withColumn("negative_share_change", round(change, 4))
        .withColumn("trend", when(col("prev_mentions").isNull().or(col("prev_mentions").equalTo(0)), lit("new"))
            .when(change.geq(TREND_STEP - 1e-9), lit("worse"))
            .when(change.leq(-TREND_STEP + 1e-9), lit("better"))
            .otherwise(lit("steady")));
    Dataset<Row> comments = sampleComments(responses, actions.select(col("period_start").as("_week"),
        col("survey_type").as("_st"), col("category").as("_cat")));
    return actions.join(comments, col("period_start").equalTo(col("_c_week")).and(col("survey_type").equalTo(col("_c_st")))
            .and(col("category").equalTo(col("_c_cat"))), "left")
        .select(col("period_start").as("week_start"), col("period_end").as("week_end"), col("owner_id"), col("category"),
            col("survey_type"), col("standout"), col("standout_reason"), col("mentions"), col("negative_share"),
            col("nps_gap"), col("prev_mentions"), col("prev_negative_share"), col("negative_share_change"), col("trend"),
            coalesce(col("sample_comments"), org.apache.spark.sql.functions.array().cast("array<string>")).as("sample_comments"));
  }

  static Column owner(Column category, Map<String, String> owners) {
    if (owners.isEmpty()) {
      return lit(UNASSIGNED);
    }
    List<Column> kv = new ArrayList<>();
    owners.forEach((k, v) -> {
      kv.add(lit(k));
      kv.add(lit(v));
    });
    return coalesce(element_at(map(kv.toArray(new Column[0])), category), lit(UNASSIGNED));
  }

  /**
   * Up to three negative comments per (week, survey type, category) of {@code keys}, lowest
   * score first (then response id, so the choice is stable). A comment mentions a category as
   * in category_sentiment: in the keyword categories or as the primary category.
   */
  static Dataset<Row> sampleComments(Dataset<Row> responses, Dataset<Row> keys) {
    Column week = to_date(date_trunc("week", col("response_date")));
    Column mentions = coalesce(array_contains(col("kw_categories"), col("_cat")), lit(false))
        .or(coalesce(col("primary_category").equalTo(col("_cat")), lit(false)));
    Dataset<Row> negative = responses
        .filter(col("sentiment_label").equalTo("negative").and(col("has_comment")))
        .select(week.as("_r_week"), col("survey_type").as("_r_st"), col("kw_categories"), col("primary_category"),
            col("score"), col("response_id"), col("comment"));
    return negative.join(keys, col("_r_week").equalTo(col("_week")).and(col("_r_st").equalTo(col("_st"))).and(mentions))
        .withColumn("_n", row_number().over(Window.partitionBy("_week", "_st", "_cat")
            .orderBy(col("score"), col("response_id"))))
        .filter(col("_n").leq(SAMPLE_COMMENTS))
        .groupBy(col("_week").as("_c_week"), col("_st").as("_c_st"), col("_cat").as("_c_cat"))
        // collect_list has no order; sorting the (rank, comment) structs restores it.
        .agg(transform(sort_array(collect_list(struct(col("_n"), col("comment")))), s -> s.getField("comment"))
            .as("sample_comments"));
  }
}
