package org.cxloop.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cxloop.testing.SharedSpark;
import org.junit.jupiter.api.Test;

/**
 * nps_drivers on 20 constructed answers. Category "billing" drives detractors; "app" is only ever
 * mentioned together with billing and changes nothing by itself. Every expected number is
 * worked out by hand below.
 */
class NpsDriversTest {

  private final SparkSession spark = SharedSpark.get();

  private static final StructType ANSWERS = new StructType()
      .add("response_month", DataTypes.DateType).add("survey_type", DataTypes.StringType)
      .add("segment", DataTypes.StringType).add("has_comment", DataTypes.BooleanType)
      .add("kw_categories", DataTypes.createArrayType(DataTypes.StringType))
      .add("primary_category", DataTypes.StringType).add("nps_points", DataTypes.IntegerType);

  private static final Date JUNE = Date.valueOf("2026-06-01");

  private static void add(List<Row> rows, int count, int points, String... categories) {
    for (int i = 0; i < count; i++) {
      rows.add(RowFactory.create(JUNE, "transactional", "consumer", true, List.of(categories),
          categories.length == 0 ? null : categories[0], points));
    }
  }

  @Test
  void rawGapWithItsIntervalAndARegressionThatDoesNotDoubleCountCoMentions() {
    List<Row> rows = new ArrayList<>();
    // Neither category: 6 promoters, 2 passives, 2 detractors (NPS 40).
    add(rows, 6, 100);
    add(rows, 2, 0);
    add(rows, 2, -100);
    // billing alone: 1 passive, 4 detractors (NPS -80).
    add(rows, 1, 0, "billing");
    add(rows, 4, -100, "billing");
    // billing and app together: the same 1 passive, 4 detractors (NPS -80).
    add(rows, 1, 0, "billing", "app");
    add(rows, 4, -100, "billing", "app");
    // An answer without a comment is not in the fit.
    rows.add(RowFactory.create(JUNE, "transactional", "consumer", false, List.of(), null, 100));

    Map<String, Row> out = NpsDrivers.compute(spark, spark.createDataFrame(rows, ANSWERS),
            List.of("billing", "app", "delivery"), List.of(LocalDate.parse("2026-06-01")), 5, 0.95)
        .collectAsList().stream().collect(Collectors.toMap(r -> r.getAs("category"), r -> r));
    double z = 1.959964;

    assertThat(out).as("delivery has no mentions, so no estimate").containsOnlyKeys("billing", "app");
    Row billing = out.get("billing");
    Row app = out.get("app");
    assertThat(billing.<Long>getAs("answers_with_comment")).isEqualTo(20);
    assertThat(billing.<Long>getAs("mentions")).isEqualTo(10);
    assertThat(app.<Long>getAs("mentions")).isEqualTo(5);

    // billing: mentioners n1 = 10, 0 P, 8 D: NPS -80, V1 = 0 + 0.8 - 0.8^2 = 0.16.
    // Others n2 = 10, 6 P, 2 D: NPS 40, V2 = 0.6 + 0.2 - 0.4^2 = 0.64.
    // Gap -120, SE = 100 sqrt(0.16/10 + 0.64/10) = 100 sqrt(0.08) = 28.2843.
    double billingSe = 100 * Math.sqrt(0.16 / 10 + 0.64 / 10);
    assertThat(billing.<Double>getAs("nps_mentioners")).isEqualTo(-80.0);
    assertThat(billing.<Double>getAs("nps_non_mentioners")).isEqualTo(40.0);
    assertThat(billing.<Double>getAs("nps_gap")).isEqualTo(-120.0);
    assertThat(billing.<Double>getAs("nps_gap_se")).isCloseTo(billingSe, offset(1e-4));
    assertThat(billing.<Double>getAs("nps_gap_ci_low")).isCloseTo(-120 - z * billingSe, offset(1e-3)); // -175.44
    assertThat(billing.<Double>getAs("nps_gap_ci_high")).isCloseTo(-120 + z * billingSe, offset(1e-3)); // -64.56

    // app: mentioners n1 = 5, 0 P, 4 D: NPS -80, V1 = 0.16.
    // Others n2 = 15 (the 10 without a category and the 5 billing-alone): 6 P, 6 D: NPS 0,
    // V2 = 0.4 + 0.4 - 0 = 0.8. Gap -80, SE = 100 sqrt(0.16/5 + 0.8/15) = 29.2119.
    double appSe = 100 * Math.sqrt(0.16 / 5 + 0.8 / 15);
    assertThat(app.<Double>getAs("nps_gap")).isEqualTo(-80.0);
    assertThat(app.<Double>getAs("nps_gap_se")).isCloseTo(appSe, offset(1e-4));
    assertThat(app.<Double>getAs("nps_gap_ci_high")).as("the raw gap of app looks large and significant")
        .isCloseTo(-80 + z * appSe, offset(1e-3)).isLessThan(0); // -22.75

    // The regression has three groups and three coefficients, so it fits the group means exactly:
    // intercept = mean(neither) = 0.4; billing = mean(billing alone) - 0.4 = -0.8 - 0.4 = -1.2;
    // app = mean(both) - mean(billing alone) = -0.8 - (-0.8) = 0.
    assertThat(billing.<Double>getAs("adjusted_effect_nps")).isCloseTo(-120.0, offset(1e-3));
    assertThat(app.<Double>getAs("adjusted_effect_nps")).as("app only co-occurs with billing")
        .isCloseTo(0.0, offset(1e-3));
    // Residual sum of squares: neither 6(0.6^2) + 2(0.4^2) + 2(1.4^2) = 6.4; each billing group
    // 0.8^2 + 4(0.2^2) = 0.8; total 8.0 over 20 - 3 = 17 degrees of freedom: s^2 = 8/17.
    // billing's coefficient is the difference of a 5-answer and a 10-answer mean:
    // SE = 100 sqrt(s^2 (1/5 + 1/10)) = 37.5735; app's of two 5-answer means: 100 sqrt(s^2 (2/5)) = 43.3861.
    double s2 = 8.0 / 17;
    assertThat(billing.<Double>getAs("adjusted_effect_se")).isCloseTo(100 * Math.sqrt(s2 * 0.3), offset(1e-3));
    assertThat(app.<Double>getAs("adjusted_effect_se")).isCloseTo(100 * Math.sqrt(s2 * 0.4), offset(1e-3));
    assertThat(app.<Double>getAs("adjusted_effect_p")).as("z = 0").isGreaterThan(0.99);

    // Impact x volume: billing -120 x 10/20 = -60 (rank 1), app 0 x 5/20 = 0 (rank 2).
    assertThat(billing.<Double>getAs("share_of_comments")).isEqualTo(0.5);
    assertThat(billing.<Double>getAs("impact_x_volume")).isCloseTo(-60.0, offset(1e-3));
    assertThat(billing.<Integer>getAs("rank")).isEqualTo(1);
    assertThat(app.<Integer>getAs("rank")).isEqualTo(2);
  }
  /**
   * Several segments, three categories and two months: the one-pass fit must give what MLlib's
   * LinearRegression (normal equations) gives on each month's design, category effects and
   * standard errors alike. A third month has a segment with no answers: that segment is left out
   * of its design instead of making the equations singular.
   */
  @Test
  void sameEstimatesAsMllibPerMonthWithSegmentsAndAnEmptySegment() {
    java.util.Random random = new java.util.Random(7);
    List<String> segments = List.of("business", "consumer", "vip");
    List<String> categories = List.of("billing", "app", "delivery");
    List<Row> rows = new ArrayList<>();
    List<LocalDate> months = List.of(LocalDate.parse("2026-05-01"), LocalDate.parse("2026-06-01"),
        LocalDate.parse("2026-07-01"));
    for (LocalDate month : months) {
      for (int i = 0; i < 300; i++) {
        String segment = segments.get(month.getMonthValue() == 7 ? i % 2 : i % 3); // July: no vip
        List<String> mentioned = new ArrayList<>();
        for (String c : categories) {
          if (random.nextDouble() < (c.equals("delivery") ? 0.15 : 0.3)) {
            mentioned.add(c);
          }
        }
        double p = 0.55 - (mentioned.contains("billing") ? 0.35 : 0) - (mentioned.contains("delivery") ? 0.2 : 0)
            + (segment.equals("vip") ? 0.1 : 0);
        double u = random.nextDouble();
        int points = u < p ? 100 : u < p + 0.2 ? 0 : -100;
        rows.add(RowFactory.create(Date.valueOf(month), "transactional", segment, true, mentioned,
            mentioned.isEmpty() ? null : mentioned.get(0), points));
      }
    }
    org.apache.spark.sql.Dataset<Row> answers = spark.createDataFrame(rows, ANSWERS);
    Map<String, Row> out = NpsDrivers.compute(spark, answers, categories, months, 5, 0.95).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getAs("period_start") + "/" + r.getAs("category"), r -> r));
    assertThat(out).hasSize(9);

    for (LocalDate month : months) {
      org.apache.spark.sql.Dataset<Row> design = answers.filter(org.apache.spark.sql.functions.col("response_month")
          .equalTo(Date.valueOf(month)))
          .withColumn("y", org.apache.spark.sql.functions.col("nps_points").divide(100.0));
      List<String> features = new ArrayList<>();
      for (String c : categories) {
        design = design.withColumn("f_" + c, org.apache.spark.sql.functions.when(
            org.apache.spark.sql.functions.array_contains(org.apache.spark.sql.functions.col("kw_categories"), c), 1.0)
            .otherwise(0.0));
        features.add("f_" + c);
      }
      for (String seg : month.getMonthValue() == 7 ? List.of("consumer") : List.of("consumer", "vip")) {
        design = design.withColumn("s_" + seg, org.apache.spark.sql.functions.when(
            org.apache.spark.sql.functions.col("segment").equalTo(seg), 1.0).otherwise(0.0));
        features.add("s_" + seg);
      }
      org.apache.spark.ml.regression.LinearRegressionModel model = new org.apache.spark.ml.regression.LinearRegression()
          .setSolver("normal").setRegParam(0.0).setLabelCol("y").setFeaturesCol("features")
          .fit(new org.apache.spark.ml.feature.VectorAssembler().setInputCols(features.toArray(new String[0]))
              .setOutputCol("features").transform(design));
      double[] coef = model.coefficients().toArray();
      double[] se = model.summary().coefficientStandardErrors();
      for (int i = 0; i < categories.size(); i++) {
        Row r = out.get(month + "/" + categories.get(i));
        assertThat(r.<Double>getAs("adjusted_effect_nps")).as(month + " " + categories.get(i) + " effect")
            .isCloseTo(coef[i] * 100, offset(1e-3));
        assertThat(r.<Double>getAs("adjusted_effect_se")).as(month + " " + categories.get(i) + " SE")
            .isCloseTo(se[i] * 100, offset(1e-3));
      }
    }
  }
}
