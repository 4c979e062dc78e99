package org.cxloop.metrics;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Which categories move NPS. For one month and survey type, over the answers with a comment, two
 * answers per category. The raw one: the NPS of answers mentioning the category minus the NPS of
 * those that do not, with its standard error sqrt(V1/n1 + V2/n2) and Wald interval (as
 * category_sentiment's gap, but over the same answers as the model). The adjusted one: a
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
      .add("nps_mentioners", DataTypes.DoubleType).add("nps_non_mentioners", DataTypes.DoubleType)
      .add("nps_gap", DataTypes.DoubleType).add("nps_gap_se", DataTypes.DoubleType)
      .add("nps_gap_ci_low", DataTypes.DoubleType).add("nps_gap_ci_high", DataTypes.DoubleType)
      .add("adjusted_effect_nps", DataTypes.DoubleType).add("adjusted_effect_se", DataTypes.DoubleType)
      .add("adjusted_effect_p", DataTypes.DoubleType).add("impact_x_volume", DataTypes.DoubleType)
      .add("rank", DataTypes.IntegerType);

  /** Columns of the raw gap, joined to the model's rows after the fits. */
  private static final java.util.Set<String> GAP_COLUMNS = java.util.Set.of("nps_mentioners", "nps_non_mentioners",
      "nps_gap", "nps_gap_se", "nps_gap_ci_low", "nps_gap_ci_high");

  /** What {@link #fit} returns: the model's rows, {@link #SCHEMA} without the raw gap. */
  private static final StructType EFFECTS = new StructType(java.util.Arrays.stream(SCHEMA.fields())
      .filter(f -> !GAP_COLUMNS.contains(f.name())).toArray(org.apache.spark.sql.types.StructField[]::new));

  /** Column of the categories an answer mentions, while the drivers are computed. */
  static final String MENTIONS = "_mentions";

  private NpsDrivers() {}

  /**
   * Fits one model per (month, survey type) in {@code months}; categories with fewer than
   * {@code minMentions} mentions are left out of the model (their estimate would be noise) and
   * of the table. Each modelled category also gets its raw gap with an interval at
   * {@code confidence}.
   */
  public static Dataset<Row> compute(SparkSession spark, Dataset<Row> responses, List<String> categories,
      List<LocalDate> months, int minMentions, double confidence) {
    List<Row> out = new ArrayList<>();
    Dataset<Row> commented = responses.filter(col("has_comment"))
        .withColumn(MENTIONS, CategoryStats.mentions())
        .withColumn("y", Ratios.of(col("nps_points"), 100.0))
        .select("response_month", "survey_type", "segment", MENTIONS, "y")
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
      if (out.isEmpty()) {
        return spark.createDataFrame(List.of(), SCHEMA);
      }
      Object[] fitted = months.stream().map(Date::valueOf).toArray();
      Dataset<Row> gaps = mentionerGap(commented.filter(col("response_month").isin(fitted)), confidence).select(col("response_month").as("g_month"),
          col("survey_type").as("g_survey_type"), col("category").as("g_category"), col("nps_mentioners"),
          col("nps_non_mentioners"), col("nps_gap"), col("nps_gap_se"), col("nps_gap_ci_low"), col("nps_gap_ci_high"));
      Dataset<Row> effects = spark.createDataFrame(out, EFFECTS);
      Column[] columns = java.util.Arrays.stream(SCHEMA.fieldNames()).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
      // Collected while `commented` is cached: the rows are few (months x survey types x categories).
      List<Row> joined = effects.join(gaps, col("period_start").equalTo(col("g_month"))
              .and(col("survey_type").equalTo(col("g_survey_type"))).and(col("category").equalTo(col("g_category"))),
              "left")
          .select(columns).collectAsList();
      return spark.createDataFrame(joined, SCHEMA);
    } finally {
      commented.unpersist();
    }
  }

  /**
   * Per response_month, survey_type and mentioned category: the NPS of the answers mentioning it
   * (n1 of them) and of the other answers (n2), the gap between the two, its standard error
   * 100 sqrt(V1/n1 + V2/n2) with V = pP + pD - (pP - pD)^2 of each group, and the Wald interval
   * gap -+ z SE at {@code confidence}, clipped to the possible range [-200, 200]. Needs
   * response_month, survey_type, y (+1/0/-1) and the {@link #MENTIONS} array; a category every
   * answer mentions has no others to compare with, so its gap is empty.
   */
  static Dataset<Row> mentionerGap(Dataset<Row> commented, double confidence) {
    double z = Normal.zForConfidence(confidence);
    Column isP = col("y").equalTo(1.0);
    Column isD = col("y").equalTo(-1.0);
    Dataset<Row> totals = commented.groupBy("response_month", "survey_type").agg(
        count(lit(1)).as("t_n"),
        sum(when(isP, 1).otherwise(0)).cast(DataTypes.LongType).as("t_promoters"),
        sum(when(isD, 1).otherwise(0)).cast(DataTypes.LongType).as("t_detractors"));
    Dataset<Row> perCategory = commented
        .select(col("response_month"), col("survey_type"), col("y"), explode(col(MENTIONS)).as("category"))
        .groupBy("response_month", "survey_type", "category").agg(
            count(lit(1)).as("m_n"),
            sum(when(isP, 1).otherwise(0)).cast(DataTypes.LongType).as("m_promoters"),
            sum(when(isD, 1).otherwise(0)).cast(DataTypes.LongType).as("m_detractors"));
    MentionerGap g = MentionerGap.of(col("m_n").cast(DataTypes.DoubleType),
        col("t_n").minus(col("m_n")).cast(DataTypes.DoubleType));
    Column others = g.hasOthers();
    return perCategory
        .join(totals, scala.jdk.javaapi.CollectionConverters.asScala(List.of("response_month", "survey_type")).toSeq())
        .withColumn("nps_mentioners", round(g.mentioners(), 4))
        .withColumn("nps_non_mentioners", when(others, round(g.others(), 4)))
        .withColumn("nps_gap", when(others, round(g.gap(), 4)))
        .withColumn("nps_gap_se", when(others, round(g.se(), 4)))
        .withColumn("nps_gap_ci_low", when(others, round(clipGap(g.gap().minus(g.se().multiply(z))), 4)))
        .withColumn("nps_gap_ci_high", when(others, round(clipGap(g.gap().plus(g.se().multiply(z))), 4)))
        .drop("t_n", "t_promoters", "t_detractors", "m_n", "m_promoters", "m_detractors");
  }

  /** A difference of two NPS lies in [-200, 200]. */
  private static Column clipGap(Column c) {
    return least(greatest(c, lit(-200.0)), lit(200.0));
  }

  private static List<Row> fit(Dataset<Row> slice, List<String> categories, List<String> segments,
      LocalDate month, String surveyType, int minMentions) {
    List<org.apache.spark.sql.Column> counts = new ArrayList<>();
    counts.add(org.apache.spark.sql.functions.count(lit(1)));
    for (String c : categories) {
      counts.add(org.apache.spark.sql.functions.sum(when(array_contains(col(MENTIONS), c), 1).otherwise(0)));
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
      design = design.withColumn("f_" + c, when(array_contains(col(MENTIONS), c), 1.0).otherwise(0.0));
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
