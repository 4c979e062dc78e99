package org.cxloop.metrics;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Which categories move NPS. For one month and survey type, over the answers with a comment, a
 * linear probability model (MLlib LinearRegression, normal equations) of the answer's
 * +1/0/-1 NPS value on one indicator per category plus segment indicators: each category's
 * coefficient x 100 is its effect in NPS points holding the other categories and the segment
 * fixed, so two categories that are often mentioned together are not both credited with the
 * same detractors. Its standard error comes from the same fit. Impact x volume (effect x share
 * of comments mentioning it) ranks where fixing things pays most.
 */
public final class NpsDrivers {

  public static final StructType SCHEMA = new StructType()
      .add("period_start", DataTypes.DateType).add("survey_type", DataTypes.StringType)
      .add("category", DataTypes.StringType).add("answers_with_comment", DataTypes.LongType)
      .add("mentions", DataTypes.LongType).add("share_of_comments", DataTypes.DoubleType)
      .add("adjusted_effect_nps", DataTypes.DoubleType).add("adjusted_effect_se", DataTypes.DoubleType)
      .add("adjusted_effect_p", DataTypes.DoubleType).add("impact_x_volume", DataTypes.DoubleType)
      .add("rank", DataTypes.IntegerType);

  private NpsDrivers() {}

  /**
   * Fits one model per (month, survey type) in {@code months}; categories with fewer than
   * {@code minMentions} mentions are left out of the model (their estimate would be noise).
   */
  public static Dataset<Row> compute(SparkSession spark, Dataset<Row> responses, List<String> categories,
      List<LocalDate> months, int minMentions) {
    List<Row> out = new ArrayList<>();
    Dataset<Row> commented = responses.filter(col("has_comment"))
        .withColumn("_mentions", CategoryStats.mentions())
        .withColumn("y", Ratios.of(col("nps_points"), 100.0))
        .select("response_month", "survey_type", "segment", "_mentions", "y")
        .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    try {
      List<String> segments = commented.select("segment").distinct().na().drop().orderBy("segment")
          .as(org.apache.spark.sql.Encoders.STRING()).collectAsList(); // a handful of values
      for (LocalDate month : months) {
        for (String surveyType : List.of("transactional", "relational")) {
          Dataset<Row> slice = commented.filter(col("response_month").equalTo(Date.valueOf(month))
              .and(col("survey_type").equalTo(surveyType)));
          out.addAll(fit(slice, categories, segments, month, surveyType, minMentions));
        }
      }
    } finally {
      commented.unpersist();
    }
    return spark.createDataFrame(out, SCHEMA);
  }

  private static List<Row> fit(Dataset<Row> slice, List<String> categories, List<String> segments,
      LocalDate month, String surveyType, int minMentions) {
    List<org.apache.spark.sql.Column> counts = new ArrayList<>();
    counts.add(org.apache.spark.sql.functions.count(lit(1)));
    for (String c : categories) {
      counts.add(org.apache.spark.sql.functions.sum(when(array_contains(col("_mentions"), c), 1).otherwise(0)));
    }
    Row totals = slice.agg(counts.get(0), counts.subList(1, counts.size()).toArray(new org.apache.spark.sql.Column[0])).first();
    long n = totals.getLong(0);
    List<String> used = new ArrayList<>();
    List<Long> mentions = new ArrayList<>();
    for (int i = 0; i < categories.size(); i++) {
      long m = totals.isNullAt(i + 1) ? 0 : totals.getLong(i + 1);
      if (m >= minMentions && m < n) {
        used.add(categories.get(i));
        mentions.add(m);
      }
    }
    if (used.isEmpty() || n < 3L * (used.size() + segments.size())) {
      return List.of();
    }
    Dataset<Row> design = slice;
    List<String> features = new ArrayList<>();
    for (String c : used) {
      design = design.withColumn("f_" + c, when(array_contains(col("_mentions"), c), 1.0).otherwise(0.0));
      features.add("f_" + c);
    }
    for (String s : segments.subList(Math.min(1, segments.size()), segments.size())) { // first segment = baseline
      design = design.withColumn("s_" + s, when(col("segment").equalTo(s), 1.0).otherwise(0.0));
      features.add("s_" + s);
    }
    Dataset<Row> assembled = new VectorAssembler().setInputCols(features.toArray(new String[0]))
        .setOutputCol("features").transform(design);
    LinearRegressionModel model = new LinearRegression().setSolver("normal").setRegParam(0.0)
        .setFeaturesCol("features").setLabelCol("y").fit(assembled);
    double[] coef = model.coefficients().toArray();
    double[] se;
    try {
      se = model.summary().coefficientStandardErrors();
    } catch (RuntimeException singular) {
      se = null; // the normal equations were singular; the fit fell back to an iterative solver
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < used.size(); i++) {
      double effect = coef[i] * 100;
      Double effectSe = se == null ? null : se[i] * 100;
      Double p = effectSe == null || effectSe == 0 ? null : Significance.twoSidedP(effect / effectSe);
      double share = mentions.get(i) / (double) n;
      rows.add(RowFactory.create(Date.valueOf(month), surveyType, used.get(i), n, mentions.get(i),
          round4(share), round4(effect), effectSe == null ? null : round4(effectSe), p, round4(effect * share), 0));
    }
    // Rank 1 = the category that costs most NPS points once volume is taken into account.
    rows.sort((a, b) -> Double.compare(a.getDouble(9), b.getDouble(9)));
    List<Row> ranked = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      ranked.add(RowFactory.create(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6), r.get(7),
          r.get(8), r.get(9), i + 1));
    }
    return ranked;
  }

  private static double round4(double v) {
    return Math.round(v * 10000) / 10000.0;
  }
}
