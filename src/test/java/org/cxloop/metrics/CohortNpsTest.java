package org.cxloop.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.sql.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cxloop.CxException;
import org.cxloop.testing.SharedSpark;
import org.junit.jupiter.api.Test;

/** nps_cohorts on seven constructed answers; every expected number is worked out by hand. */
class CohortNpsTest {

  private final SparkSession spark = SharedSpark.get();

  private static final StructType ANSWERS = new StructType()
      .add("response_month", DataTypes.DateType).add("cohort_month", DataTypes.DateType)
      .add("survey_type", DataTypes.StringType).add("nps_group", DataTypes.StringType)
      .add("plan", DataTypes.StringType);

  private static Row answer(String cohortMonth, String plan, String group) {
    return RowFactory.create(Date.valueOf("2026-06-01"), cohortMonth == null ? null : Date.valueOf(cohortMonth),
        "transactional", group, plan);
  }

  private static final List<Row> ANSWERS_JUNE = List.of(
      answer("2026-03-01", "basic", "promoter"),     // signed up in March: 3 months before June
      answer("2026-03-01", "basic", "promoter"),
      answer("2026-03-01", "basic", "detractor"),
      answer("2026-03-01", "premium", "detractor"),
      answer("2026-04-01", "basic", "promoter"),     // signed up in April: 2 months before June
      answer("2026-04-01", "basic", "passive"),
      answer(null, "basic", "promoter"));            // no signup date: in no cohort

  @Test
  void signupMonthAndPlanCohortsByMonthsSinceSignup() {
    Map<String, Row> out = CohortNps.compute(spark.createDataFrame(ANSWERS_JUNE, ANSWERS), List.of("plan"), 2, 0.95)
        .collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getAs("cohort_kind") + "/" + r.getAs("cohort") + "/"
            + r.getAs("months_since_signup"), r -> r));
    double z = 1.959964;

    assertThat(out).containsOnlyKeys("cohort_month/2026-03/3", "cohort_month/2026-04/2",
        "plan/basic/3", "plan/basic/2", "plan/premium/3");

    // Signup month March, 3 months on: 4 answers, 2 P, 0 passives, 2 D: NPS 0,
    // SE = 100 sqrt((0.5 + 0.5 - 0^2) / 4) = 50, interval 0 -+ 97.998.
    Row march = out.get("cohort_month/2026-03/3");
    assertThat(march.<Date>getAs("cohort_month")).isEqualTo(Date.valueOf("2026-03-01"));
    assertThat(march.<Long>getAs("n")).isEqualTo(4);
    assertThat(march.<Double>getAs("nps")).isEqualTo(0.0);
    assertThat(march.<Double>getAs("nps_se")).isEqualTo(50.0);
    assertThat(march.<Double>getAs("nps_ci_low")).isCloseTo(-z * 50, offset(1e-3));

    // Signup month April, 2 months on: 1 P, 1 passive: NPS 50, SE = 100 sqrt((0.5 - 0.25) / 2) = 35.3553.
    Row april = out.get("cohort_month/2026-04/2");
    assertThat(april.<Double>getAs("nps")).isEqualTo(50.0);
    assertThat(april.<Double>getAs("nps_se")).isCloseTo(100 * Math.sqrt(0.25 / 2), offset(1e-4));

    // Plan basic, 3 months on (the March signups on basic): 3 answers, 2 P, 1 D: NPS 33.3333,
    // SE = 100 sqrt((2/3 + 1/3 - (1/3)^2) / 3) = 100 sqrt((8/9) / 3) = 54.4331.
    Row basic3 = out.get("plan/basic/3");
    assertThat(basic3.<Date>getAs("cohort_month")).as("a label cohort pools signup months").isNull();
    assertThat(basic3.<Long>getAs("n")).isEqualTo(3);
    assertThat(basic3.<Double>getAs("nps")).isCloseTo(100.0 / 3, offset(1e-4));
    assertThat(basic3.<Double>getAs("nps_se")).isCloseTo(100 * Math.sqrt(8.0 / 9 / 3), offset(1e-4));
    // Adjusted Wald: n = 3 + 3 = 6, pP = 2.75/6, pD = 1.75/6: NPS_adj = 100/6 = 16.6667,
    // variance = 4.5/6 - (1/6)^2 = 0.722222, SE_adj = 100 sqrt(0.722222/6) = 34.6944,
    // interval 16.6667 -+ 1.959964 x 34.6944 = [-51.33, 84.67].
    double seAdj = 100 * Math.sqrt((4.5 / 6 - 1.0 / 36) / 6);
    assertThat(basic3.<Double>getAs("nps_adj_ci_low")).isCloseTo(100.0 / 6 - z * seAdj, offset(1e-3));
    assertThat(basic3.<Double>getAs("nps_adj_ci_high")).isCloseTo(100.0 / 6 + z * seAdj, offset(1e-3));

    // Plan premium, 3 months on: one answer, below nps.min.n = 2: counted, NPS left empty.
    Row premium = out.get("plan/premium/3");
    assertThat(premium.<Long>getAs("detractors")).isEqualTo(1);
    assertThat(premium.<Boolean>getAs("below_min_n")).isTrue();
    assertThat(premium.<Object>getAs("nps")).isNull();
  }

  @Test
  void anUnknownLabelColumnFailsEarlyWithItsName() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
            CohortNps.compute(spark.createDataFrame(ANSWERS_JUNE, ANSWERS), List.of("acquisition_channel"), 2, 0.95))
        .isInstanceOf(CxException.class).hasMessageContaining("'acquisition_channel'");
  }
}
