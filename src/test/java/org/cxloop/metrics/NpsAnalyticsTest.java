package org.cxloop.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cxloop.testing.SharedSpark;
import org.junit.jupiter.api.Test;

/** Every expected number here is worked out by hand (or with plain Java arithmetic) in the test. */
class NpsAnalyticsTest {

  private final SparkSession spark = SharedSpark.get();

  /** Upper tail of the standard normal by Simpson's rule, independent of the code under test. */
  private static double twoSidedPByIntegration(double z) {
    double a = Math.abs(z);
    double b = 12;
    int steps = 20000;
    double h = (b - a) / steps;
    double sum = 0;
    for (int i = 0; i <= steps; i++) {
      double t = a + i * h;
      double f = Math.exp(-t * t / 2) / Math.sqrt(2 * Math.PI);
      sum += (i == 0 || i == steps) ? f : (i % 2 == 1 ? 4 * f : 2 * f);
    }
    return 2 * sum * h / 3;
  }

  private static final StructType COUNTS = new StructType()
      .add("grain", DataTypes.StringType).add("period_start", DataTypes.DateType)
      .add("survey_type", DataTypes.StringType).add("dimension", DataTypes.StringType)
      .add("dimension_value", DataTypes.StringType).add("n", DataTypes.LongType)
      .add("promoters", DataTypes.LongType).add("passives", DataTypes.LongType).add("detractors", DataTypes.LongType);

  private static Row counts(String month, String dimension, String value, long n, long p, long d) {
    return RowFactory.create("month", Date.valueOf(month), "transactional", dimension, value, n, p, n - p - d, d);
  }

  @Test
  void adjustedWaldIntervalByHand() {
    Row r = NpsStats.withInterval(spark.createDataFrame(List.of(counts("2026-06-01", "company", "(all)", 10, 5, 3)),
        COUNTS), 5, 0.95).first();
    // Add 0.75 promoter, 1.5 passive, 0.75 detractor: n = 13, pP = 5.75/13, pD = 3.75/13.
    double pP = 5.75 / 13;
    double pD = 3.75 / 13;
    double nps = 100 * (pP - pD); // 15.3846
    double se = 100 * Math.sqrt((pP + pD - (pP - pD) * (pP - pD)) / 13); // 23.3220
    assertThat(r.<Double>getAs("nps_adj_ci_low")).isCloseTo(nps - 1.959964 * se, offset(1e-3)); // -30.33
    assertThat(r.<Double>getAs("nps_adj_ci_high")).isCloseTo(nps + 1.959964 * se, offset(1e-3)); // 61.09
    assertThat(r.<Double>getAs("nps")).as("the reported NPS stays the plain one").isEqualTo(20.0);
  }

  @Test
  void periodChangeAndGapToTheRestWithPValues() {
    List<Row> rows = List.of(
        counts("2026-05-01", "touchpoint", "delivery", 100, 50, 20),   // NPS 30
        counts("2026-06-01", "touchpoint", "delivery", 100, 30, 40),   // NPS -10
        counts("2026-06-01", "company", "(all)", 300, 130, 90));       // rest of June: n 200, P 100, D 50
    Dataset<Row> cells = NpsStats.withInterval(spark.createDataFrame(rows, COUNTS), 30, 0.95)
        .transform(c -> NpsComparisons.withChangeAndRest(c, 30, 0.05));
    Row june = cells.filter("dimension = 'touchpoint' AND period_start = DATE'2026-06-01'").first();

    double seMay = 100 * Math.sqrt((0.5 + 0.2 - 0.09) / 100);   // 7.8102
    double seJune = 100 * Math.sqrt((0.3 + 0.4 - 0.01) / 100);  // 8.3066
    double changeSe = Math.sqrt(seMay * seMay + seJune * seJune); // 11.4018
    double z = -40 / changeSe;                                  // -3.5082
    assertThat(june.<Double>getAs("prev_nps")).isEqualTo(30.0);
    assertThat(june.<Double>getAs("nps_change")).isEqualTo(-40.0);
    assertThat(june.<Double>getAs("nps_change_se")).isCloseTo(changeSe, offset(1e-3));
    assertThat(june.<Double>getAs("nps_change_p")).isCloseTo(twoSidedPByIntegration(z), offset(1e-5)); // 0.00045
    assertThat(june.<Boolean>getAs("nps_change_significant")).isTrue();

    double restSe = 100 * Math.sqrt((0.5 + 0.25 - 0.0625) / 200); // 5.8630
    double gapZ = (-10 - 25) / Math.sqrt(seJune * seJune + restSe * restSe);
    assertThat(june.<Double>getAs("rest_nps")).isEqualTo(25.0);
    assertThat(june.<Double>getAs("nps_vs_rest")).isEqualTo(-35.0);
    assertThat(june.<Double>getAs("nps_vs_rest_p")).isCloseTo(twoSidedPByIntegration(gapZ), offset(1e-5));
    Row may = cells.filter("period_start = DATE'2026-05-01'").first();
    assertThat(may.<Object>getAs("nps_change")).as("no April cell to compare with").isNull();
  }

  private static final StructType ANSWERS = new StructType()
      .add("response_date", DataTypes.DateType).add("survey_type", DataTypes.StringType)
      .add("nps_group", DataTypes.StringType).add("channel", DataTypes.StringType)
      .add("response_weight", DataTypes.DoubleType);

  @Test
  void weightedNpsUsesKishEffectiveSampleSize() {
    Date d = Date.valueOf("2026-06-10");
    List<Row> answers = List.of(
        RowFactory.create(d, "transactional", "promoter", "email", 2.0),
        RowFactory.create(d, "transactional", "promoter", "sms", 1.0),
        RowFactory.create(d, "transactional", "detractor", "sms", 1.0),
        RowFactory.create(d, "transactional", "passive", "sms", 1.0));
    Row r = NpsAggregation.counts(spark.createDataFrame(answers, ANSWERS), List.of("company"), List.of("month"))
        .transform(c -> NpsStats.withInterval(c, 1, 0.95)).first();
    // sum w = 5, sum w^2 = 4 + 1 + 1 + 1 = 7, n_eff = 25 / 7 = 3.5714; pP = 3/5, pD = 1/5.
    double nEff = 25.0 / 7;
    assertThat(r.<Double>getAs("n_eff")).isCloseTo(nEff, offset(1e-4));
    assertThat(r.<Double>getAs("nps")).isEqualTo(40.0);
    // variance = pP + pD - (pP - pD)^2 = 0.6 + 0.2 - 0.16 = 0.64
    assertThat(r.<Double>getAs("nps_se")).isCloseTo(100 * Math.sqrt(0.64 / nEff), offset(1e-3)); // 42.33
    assertThat(r.<Long>getAs("n")).isEqualTo(4);

    List<Row> unweighted = answers.stream().map(a -> RowFactory.create(a.get(0), a.get(1), a.get(2), a.get(3), 1.0))
        .collect(Collectors.toList());
    Row u = NpsAggregation.counts(spark.createDataFrame(unweighted, ANSWERS), List.of("company"), List.of("month"))
        .transform(c -> NpsStats.withInterval(c, 1, 0.95)).first();
    // Weights of 1: n_eff = n = 4, NPS = 100 (2 - 1) / 4 = 25, SE = 100 sqrt((0.75 - 0.0625) / 4).
    assertThat(u.<Double>getAs("n_eff")).isEqualTo(4.0);
    assertThat(u.<Double>getAs("nps")).isEqualTo(25.0);
    assertThat(u.<Double>getAs("nps_se")).isCloseTo(100 * Math.sqrt(0.6875 / 4), offset(1e-4));
  }

  private static final StructType B2B = new StructType()
      .add("response_id", DataTypes.StringType).add("survey_type", DataTypes.StringType)
      .add("account_id", DataTypes.StringType).add("contact_id", DataTypes.StringType)
      .add("contact_role", DataTypes.StringType).add("score", DataTypes.IntegerType)
      .add("nps_points", DataTypes.IntegerType).add("response_month", DataTypes.DateType)
      .add("responded_at_utc", DataTypes.TimestampType).add("segment", DataTypes.StringType)
      .add("annual_value_pln", DataTypes.createDecimalType(14, 2));

  private static Row b2b(String id, String contact, String role, int score, String day) {
    return b2b("A1", "250000.00", id, contact, role, score, day);
  }

  private static Row b2b(String account, String value, String id, String contact, String role, int score, String day) {
    int points = score >= 9 ? 100 : score >= 7 ? 0 : -100;
    return RowFactory.create(id, "relational", account, contact, role, score, points,
        Date.valueOf(day.substring(0, 8) + "01"), Timestamp.valueOf(day + " 10:00:00"), "corporate",
        new java.math.BigDecimal(value));
  }

  @Test
  void accountScoreWeighsDecisionMakersHeavierAndTakesEachContactsLatestAnswer() {
    List<Row> rows = List.of(
        b2b("a", "K1", "management", 3, "2026-04-20"),  // superseded by K1's June answer
        b2b("b", "K1", "management", 10, "2026-06-05"),
        b2b("c", "K2", "end_user", 4, "2026-06-07"),
        b2b("d", "K3", "finance", 8, "2026-05-15"));
    Map<String, Double> weights = AccountNps.roleWeights("management:3,procurement:2,finance:2");
    Row june = AccountNps.compute(spark.createDataFrame(rows, B2B), "relational", weights, 3,
        java.time.LocalDate.parse("2026-06-01"), java.time.LocalDate.parse("2026-06-01"), 0.05).first();
    // Window April-June; latest per contact: K1 10 (w 3), K2 4 (w 1), K3 8 (w 2).
    // weighted score = (3*10 + 1*4 + 2*8) / 6 = 8.3333 -> passive account.
    // account NPS = 100 * (3*(+1) + 1*(-1) + 2*0) / 6 = 33.3333.
    assertThat(june.<Long>getAs("respondents")).isEqualTo(3);
    assertThat(june.<Double>getAs("weighted_score")).isCloseTo(50.0 / 6, offset(1e-4));
    assertThat(june.<Double>getAs("account_nps")).isCloseTo(200.0 / 6, offset(1e-4));
    assertThat(june.<String>getAs("account_class")).isEqualTo("passive");
    assertThat(june.<java.math.BigDecimal>getAs("revenue_at_risk_pln")).isEqualByComparingTo("0");
  }

  @Test
  void aDetractorAccountsAnnualValueIsAtRisk() {
    List<Row> rows = List.of(
        b2b("A2", "180000.00", "a", "K1", "management", 4, "2026-06-03"),
        b2b("A2", "180000.00", "b", "K2", "end_user", 9, "2026-06-04"));
    Row june = AccountNps.compute(spark.createDataFrame(rows, B2B), "relational",
        AccountNps.roleWeights("management:3"), 3, java.time.LocalDate.parse("2026-06-01"),
        java.time.LocalDate.parse("2026-06-01"), 0.05).first();
    // weighted score = (3*4 + 1*9) / 4 = 5.25 -> detractor account (the promoter end user weighs 1);
    // account NPS = 100 * (3*(-1) + 1*(+1)) / 4 = -50. No earlier window: nothing to fall from.
    assertThat(june.<Double>getAs("weighted_score")).isEqualTo(5.25);
    assertThat(june.<Double>getAs("account_nps")).isEqualTo(-50.0);
    assertThat(june.<String>getAs("account_class")).isEqualTo("detractor");
    assertThat(june.<Boolean>getAs("fell_significantly")).isFalse();
    assertThat(june.<java.math.BigDecimal>getAs("revenue_at_risk_pln")).as("the whole annual value")
        .isEqualByComparingTo("180000.00");
  }

  @Test
  void aPassiveAccountWhoseNpsFellSignificantlyIsAtRisk() {
    List<Row> rows = new ArrayList<>();
    // Ten contacts of equal weight (role it = 1) answer in February (previous window Jan-Mar)
    // and again in May (June's window Apr-Jun).
    int[] february = {10, 10, 10, 10, 10, 10, 10, 10, 10, 8};  // 9 P, 1 passive
    int[] may = {9, 9, 8, 8, 8, 8, 8, 8, 6, 6};                // 2 P, 6 passives, 2 D
    for (int i = 0; i < 10; i++) {
      rows.add(b2b("A3", "420000.00", "f" + i, "K" + i, "it", february[i], "2026-02-10"));
      rows.add(b2b("A3", "420000.00", "m" + i, "K" + i, "it", may[i], "2026-05-12"));
    }
    Row june = AccountNps.compute(spark.createDataFrame(rows, B2B), "relational", Map.of(), 3,
        java.time.LocalDate.parse("2026-06-01"), java.time.LocalDate.parse("2026-06-01"), 0.05).first();
    // June (Apr-Jun): weighted score = (2*9 + 6*8 + 2*6) / 10 = 7.8 -> passive, not a detractor.
    // NPS = 100 (2 - 2) / 10 = 0, SE = 100 sqrt((0.2 + 0.2 - 0^2) / 10) = 20.
    // March (Jan-Mar): NPS = 100 (9 - 0) / 10 = 90, SE = 100 sqrt((0.9 - 0.81) / 10) = 9.4868.
    // Change -90, SE = sqrt(20^2 + 9.4868^2) = sqrt(490) = 22.1359, z = -4.0658, p = 0.00005 < 0.05.
    double z = -90 / Math.sqrt(400 + 90);
    assertThat(june.<Double>getAs("weighted_score")).isCloseTo(7.8, offset(1e-9));
    assertThat(june.<String>getAs("account_class")).isEqualTo("passive");
    assertThat(june.<Double>getAs("account_nps")).isEqualTo(0.0);
    assertThat(june.<Double>getAs("account_nps_se")).isCloseTo(20.0, offset(1e-4));
    assertThat(june.<Double>getAs("prev_account_nps")).isEqualTo(90.0);
    assertThat(june.<Double>getAs("prev_account_nps_se")).isCloseTo(100 * Math.sqrt(0.09 / 10), offset(1e-4));
    assertThat(twoSidedPByIntegration(z)).as("the hand-computed p-value").isLessThan(0.001);
    assertThat(june.<Boolean>getAs("fell_significantly")).isTrue();
    assertThat(june.<java.math.BigDecimal>getAs("revenue_at_risk_pln")).as("fell significantly: value at risk")
        .isEqualByComparingTo("420000.00");
  }

  private static final StructType CATEGORY = new StructType()
      .add("grain", DataTypes.StringType).add("period_start", DataTypes.DateType)
      .add("survey_type", DataTypes.StringType).add("category", DataTypes.StringType)
      .add("answers", DataTypes.LongType).add("comments", DataTypes.LongType)
      .add("t_promoters", DataTypes.LongType).add("t_detractors", DataTypes.LongType)
      .add("mentions", DataTypes.LongType).add("negative_mentions", DataTypes.LongType)
      .add("m_promoters", DataTypes.LongType).add("m_detractors", DataTypes.LongType)
      .add("detractor_value_at_stake_pln", DataTypes.DoubleType);

  @Test
  void standoutFlagsAppearWhereTheTestsSayAndNowhereElse() {
    Date june = Date.valueOf("2026-06-01");
    List<Row> rows = new ArrayList<>();
    rows.add(RowFactory.create("month", june, "transactional", "delivery", 1000L, 400L, 400L, 300L, 100L, 70L, 10L, 60L, 50000.0));
    rows.add(RowFactory.create("month", june, "transactional", "price_fees", 1000L, 400L, 400L, 300L, 100L, 30L, 30L, 20L, 50000.0));
    rows.add(RowFactory.create("month", june, "transactional", "staff_attitude", 1000L, 400L, 400L, 300L, 100L, 28L, 40L, 20L, 500000.0));
    Map<String, Row> out = CategoryStats.standouts(spark.createDataFrame(rows, CATEGORY),
            new CategoryStats.Standouts(20, 0.15, 0.05)).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getAs("category"), r -> r));
    // delivery: 70/100 negative vs (30 + 28) / 200 = 29% for the others: z = 6.9, flagged.
    Row delivery = out.get("delivery");
    double pooled = 128.0 / 300;
    double z = (0.70 - 0.29) / Math.sqrt(pooled * (1 - pooled) * (1.0 / 100 + 1.0 / 200));
    assertThat(delivery.<Double>getAs("negative_share_z")).isCloseTo(z, offset(1e-3));
    assertThat(delivery.<Boolean>getAs("standout_negative_share")).isTrue();
    assertThat(delivery.<String>getAs("standout_reason")).startsWith("70% of 100 mentions are negative vs 29%");
    // price_fees: 30% negative vs 49% for the others: below them, not flagged.
    assertThat(out.get("price_fees").<Boolean>getAs("standout_negative_share")).isFalse();
    assertThat(out.get("price_fees").<Boolean>getAs("standout_costly")).as("8% of value, 23% of complaints").isFalse();
    // staff_attitude: 28 of 128 negative mentions (22% < 1/3) but 500k of 600k detractor value (83%).
    assertThat(out.get("staff_attitude").<Boolean>getAs("standout_costly")).isTrue();
    assertThat(out.get("staff_attitude").<String>getAs("standout_reason"))
        .isEqualTo("only 22% of negative mentions but 83% of the annual value of detractors who mention a category (500,000 PLN)");
    // NPS gap of delivery's mentioners: (10 - 60)/100 = -50 vs (300 - 10 - (300... see below)
    // non-mentioners: P = 400 - 10 = 390, D = 300 - 60 = 240 of 900 -> NPS 16.667; gap -66.667.
    assertThat(delivery.<Double>getAs("nps_gap")).isCloseTo(-50 - 100 * 150.0 / 900, offset(1e-3));
  }
}
