package org.cxloop.loop;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cxloop.CxException;
import org.cxloop.config.CxConfig;
import org.cxloop.privacy.Pseudonymiser;
import org.cxloop.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Owner actions from standout flags, and initiative cells on constructed answers. */
class OwnersAndInitiativesTest {

  private final SparkSession spark = SharedSpark.get();

  private static final StructType ANSWERS = new StructType()
      .add("response_id", DataTypes.StringType).add("survey_type", DataTypes.StringType)
      .add("customer_id", DataTypes.StringType).add("response_date", DataTypes.DateType)
      .add("score", DataTypes.IntegerType).add("comment", DataTypes.StringType)
      .add("has_comment", DataTypes.BooleanType).add("sentiment_label", DataTypes.StringType)
      .add("kw_categories", DataTypes.createArrayType(DataTypes.StringType)).add("primary_category", DataTypes.StringType)
      .add("segment", DataTypes.StringType).add("region", DataTypes.StringType).add("touchpoint", DataTypes.StringType)
      .add("channel", DataTypes.StringType).add("team", DataTypes.StringType);

  private static final StructType CATEGORY = new StructType()
      .add("grain", DataTypes.StringType).add("period_start", DataTypes.DateType).add("period_end", DataTypes.DateType)
      .add("survey_type", DataTypes.StringType).add("category", DataTypes.StringType).add("mentions", DataTypes.LongType)
      .add("negative_share", DataTypes.DoubleType).add("nps_gap", DataTypes.DoubleType)
      .add("standout_negative_share", DataTypes.BooleanType).add("standout_costly", DataTypes.BooleanType)
      .add("standout_reason", DataTypes.StringType);

  private static Row answer(String id, String date, int score, String comment, String sentiment, String category) {
    return RowFactory.create(id, "transactional", "C1", Date.valueOf(date), score, comment, comment != null, sentiment,
        category == null ? null : List.of(category).toArray(new String[0]), category, "consumer", "mazowieckie",
        "delivery", "sms", null);
  }

  @Test
  void ownersGetTheirStandoutCategoriesWithTrendAndUpToThreeComments() {
    Date w1 = Date.valueOf("2026-07-06");
    Date w2 = Date.valueOf("2026-07-13");
    Dataset<Row> cs = spark.createDataFrame(List.of(
        RowFactory.create("week", w1, Date.valueOf("2026-07-12"), "transactional", "delivery", 40L, 0.50, -30.0, true, false, "r1"),
        RowFactory.create("week", w2, Date.valueOf("2026-07-19"), "transactional", "delivery", 60L, 0.70, -45.0, true, false, "r2"),
        // staff_attitude: costly in week 2, no mentions the week before -> trend 'new'
        RowFactory.create("week", w2, Date.valueOf("2026-07-19"), "transactional", "staff_attitude", 5L, 0.2, -10.0, false, true, "r3"),
        // waiting_time does not stand out: not listed
        RowFactory.create("week", w2, Date.valueOf("2026-07-19"), "transactional", "waiting_time", 30L, 0.3, 0.0, false, false, null),
        // a month row is ignored
        RowFactory.create("month", Date.valueOf("2026-07-01"), Date.valueOf("2026-07-31"), "transactional", "delivery", 99L, 0.9, -50.0, true, false, "m")),
        CATEGORY);
    Dataset<Row> responses = spark.createDataFrame(List.of(
        answer("A1", "2026-07-14", 2, "kurier spóźniony", "negative", "delivery"),
        answer("A2", "2026-07-15", 0, "paczka zgubiona", "negative", "delivery"),
        answer("A3", "2026-07-16", 5, "znowu opóźnienie", "negative", "delivery"),
        answer("A4", "2026-07-17", 1, "nikt nie dzwonił", "negative", "delivery"),
        answer("A5", "2026-07-17", 9, "szybko", "positive", "delivery"),    // not negative
        answer("A6", "2026-07-08", 0, "inny tydzień", "negative", "delivery")), ANSWERS); // week 1
    List<Row> rows = OwnerActions.compute(cs, responses, Map.of("delivery", "E00004"),
        "period_start IN (DATE'2026-07-13')").orderBy("category").collectAsList();
    assertThat(rows).hasSize(2);
    Row delivery = rows.get(0);
    assertThat(delivery.<String>getAs("owner_id")).isEqualTo("E00004");
    assertThat(delivery.<String>getAs("standout")).isEqualTo("negative_share");
    assertThat(delivery.<Long>getAs("prev_mentions")).isEqualTo(40L);
    assertThat(delivery.<Double>getAs("negative_share_change")).isCloseTo(0.20, offset(1e-9)); // 0.70 - 0.50
    assertThat(delivery.<String>getAs("trend")).isEqualTo("worse");
    assertThat(delivery.getList(delivery.fieldIndex("sample_comments")))
        .as("the three lowest scores of the week, lowest first")
        .containsExactly("paczka zgubiona", "nikt nie dzwonił", "kurier spóźniony");
    Row staff = rows.get(1);
    assertThat(staff.<String>getAs("owner_id")).as("no owner configured").isEqualTo(OwnerActions.UNASSIGNED);
    assertThat(staff.<String>getAs("standout")).isEqualTo("costly");
    assertThat(staff.<String>getAs("trend")).isEqualTo("new");
  }

  /** n answers on a day with the given promoters and detractors (the rest passives). */
  private static void add(List<Row> rows, String prefix, String date, String region, int promoters, int passives,
      int detractors) {
    int k = 0;
    for (int i = 0; i < promoters + passives + detractors; i++, k++) {
      int score = i < promoters ? 10 : i < promoters + passives ? 8 : 2;
      String sentiment = score == 2 && i % 2 == 0 ? "negative" : "neutral";
      rows.add(RowFactory.create(prefix + k, "transactional", prefix + "-C" + k, Date.valueOf(date), score, "x", true,
          sentiment, new String[] {"delivery"}, "delivery", "consumer", region, "delivery", "sms", null));
    }
  }

  @Test
  void differenceInDifferencesOfAConstructedInitiative() {
    // Rule region=pomorskie;touchpoint=delivery. Control: other regions, same touchpoint.
    List<Row> rows = new ArrayList<>();
    add(rows, "TB", "2026-07-20", "pomorskie", 40, 30, 30);    // treated before: n 100, NPS 10
    add(rows, "TA", "2026-08-10", "pomorskie", 60, 20, 20);    // treated after : n 100, NPS 40
    add(rows, "CB", "2026-07-20", "śląskie", 90, 60, 50);      // control before: n 200, NPS 20
    add(rows, "CA", "2026-08-10", "śląskie", 92, 60, 48);      // control after : n 200, NPS 22
    add(rows, "XX", "2026-08-10", null, 50, 0, 0);              // unknown region: neither group
    add(rows, "OLD", "2026-05-01", "pomorskie", 0, 0, 50);     // outside the before window
    Dataset<Row> answers = spark.createDataFrame(rows, ANSWERS);
    Initiative ini = new Initiative("I1", "Parcel lockers in Pomerania", "delivery", "transactional",
        LocalDate.parse("2026-08-01"), null, Initiative.parseRule("I1", "region=pomorskie;touchpoint=delivery"), null);
    InitiativeImpact.Settings s = new InitiativeImpact.Settings(28, 28, 30, 1.959964);
    Row r = InitiativeImpact.compute(spark, answers, List.of(ini), s, LocalDate.parse("2026-08-20"), null).first();
    assertThat(r.<Date>getAs("before_start")).isEqualTo(Date.valueOf("2026-07-04"));
    assertThat(r.<Date>getAs("after_end")).as("cut at the run date").isEqualTo(Date.valueOf("2026-08-20"));
    assertThat(List.of(r.<Long>getAs("treated_before_n"), r.<Long>getAs("treated_after_n"),
        r.<Long>getAs("control_before_n"), r.<Long>getAs("control_after_n"))).containsExactly(100L, 100L, 200L, 200L);
    // The worked example of docs/statistics.md: DiD 28, SE 14.0918, interval [0.381, 55.619].
    assertThat(r.<Double>getAs("did_nps")).isCloseTo(28.0, offset(1e-4));
    assertThat(r.<Double>getAs("did_se")).isCloseTo(14.0918, offset(1e-4));
    assertThat(r.<Double>getAs("did_ci_low")).isCloseTo(0.3806, offset(1e-3));
    assertThat(r.<String>getAs("verdict")).isEqualTo(DiffInDiff.IMPROVED);
    // Negative mentions of delivery among treated answers: before 15 of 100 (every other of 30 detractors), after 10 of 100.
    assertThat(r.<Double>getAs("category_negative_share_before")).isCloseTo(0.15, offset(1e-9));
    assertThat(r.<Double>getAs("category_negative_share_after")).isCloseTo(0.10, offset(1e-9));
    assertThat(r.<String>getAs("control_by")).contains("touchpoint in [delivery]").contains("any other region");

    // The same initiative seen five days after its start has 0 treated answers after: too few.
    Row early = InitiativeImpact.compute(spark, answers, List.of(ini), s, LocalDate.parse("2026-08-05"), null).first();
    assertThat(early.<Long>getAs("treated_after_n")).isZero();
    assertThat(early.<String>getAs("verdict")).isEqualTo(DiffInDiff.TOO_FEW);
  }

  private static Row answerBy(String id, String customer, String date, int score, String segment) {
    return RowFactory.create(id, "transactional", customer, Date.valueOf(date), score, null, false, null, null, null,
        segment, "mazowieckie", "delivery", "sms", null);
  }

  @Test
  void aCustomerListIsMatchedThroughTheSamePseudonymsAsTheAnswers(@TempDir Path dir) throws Exception {
    // privacy.pseudonymise.ids has customer_id: responses_enriched holds pseudonyms, the list raw CRM ids.
    Pseudonymiser p = Pseudonymiser.withKey("a-test-key-of-at-least-32-characters");
    String l1 = p.pseudonym("C-L1");
    String l2 = p.pseudonym("C-L2");
    String x1 = p.pseudonym("C-X1");
    String x2 = p.pseudonym("C-X2");
    Dataset<Row> answers = spark.createDataFrame(List.of(
        answerBy("T1", l1, "2026-07-20", 2, "consumer"), answerBy("T2", l2, "2026-07-21", 8, "consumer"),  // NPS -50
        answerBy("T3", l1, "2026-08-10", 10, "consumer"), answerBy("T4", l2, "2026-08-11", 9, "consumer"), // NPS 100
        answerBy("C1", x1, "2026-07-20", 10, "consumer"), answerBy("C2", x2, "2026-07-21", 2, "consumer"), // NPS 0
        answerBy("C3", x1, "2026-08-10", 10, "consumer"), answerBy("C4", x2, "2026-08-11", 8, "consumer"), // NPS 50
        // another segment than the listed customers answered in: not in the control group
        answerBy("C5", p.pseudonym("C-X3"), "2026-08-10", 0, "business")), ANSWERS);
    Path list = dir.resolve("I2_customers.csv");
    Files.writeString(list, "customer_id\nC-L1\nC-L2\n");
    Initiative ini = new Initiative("I2", "Call-back for a cohort", "delivery", "transactional",
        LocalDate.parse("2026-08-01"), null, Initiative.parseRule("I2", null), list.toString());
    InitiativeImpact.Settings s = new InitiativeImpact.Settings(28, 28, 2, 1.959964);
    LocalDate runTo = LocalDate.parse("2026-08-20");

    Row r = InitiativeImpact.compute(spark, answers, List.of(ini), s, runTo, p).first();
    assertThat(List.of(r.<Long>getAs("treated_before_n"), r.<Long>getAs("treated_after_n"),
        r.<Long>getAs("control_before_n"), r.<Long>getAs("control_after_n"))).containsExactly(2L, 2L, 2L, 2L);
    // (100 - (-50)) - (50 - 0) = 100
    assertThat(r.<Double>getAs("did_nps")).isCloseTo(100.0, offset(1e-9));
    assertThat(r.<String>getAs("control_by")).contains("segment in [consumer]");

    // The same list matched as written (the pseudonymiser left out): nobody; the reason says why.
    Row unmatched = InitiativeImpact.compute(spark, answers, List.of(ini), s, runTo, null).first();
    assertThat(unmatched.<Long>getAs("treated_before_n")).isZero();
    assertThat(unmatched.<String>getAs("verdict")).isEqualTo(DiffInDiff.TOO_FEW);
    assertThat(unmatched.<String>getAs("verdict_reason"))
        .startsWith("none of the 2 customers listed in I2_customers.csv has an answer in responses_enriched")
        .contains("customer_id values as they are");
    // With customer_id pseudonymised, the reason also says a list of pseudonyms cannot match.
    assertThat(InitiativeImpact.unmatchedList(ini, 2, true)).contains("privacy.pseudonymise.ids has customer_id")
        .contains("a list of pseudonyms matches nothing");
  }

  @Test
  void theListIdsArePseudonymisedOnlyWhenCustomerIdIs(@TempDir Path warehouse) {
    Initiative withList = new Initiative("I2", "", "delivery", "transactional", LocalDate.parse("2026-08-01"), null,
        Initiative.parseRule("I2", null), "list.csv");
    CxConfig prod = CxConfig.load(null, Map.of("warehouse.dir", warehouse.toString(),
        "privacy.pseudonymise.ids", "customer_id,account_id,contact_id"));
    CxConfig base = CxConfig.load(null, Map.of("warehouse.dir", warehouse.toString()));
    assertThat(InitiativeImpact.listIds(spark, prod, List.of(withList))).isNotNull();
    assertThat(InitiativeImpact.listIds(spark, base, List.of(withList))).as("default: contact_id only").isNull();
  }

  @Test
  void aRuleOnAnUnknownColumnIsRefusedWithWhatToWrite() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Initiative.parseRule("I9", "city=Gdańsk"))
        .isInstanceOf(CxException.class).hasMessageContaining("Cannot read initiative I9")
        .hasMessageContaining("region=mazowieckie|śląskie;touchpoint=purchase");
  }
}
