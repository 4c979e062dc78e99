package org.cxloop.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cxloop.testing.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The combined-label rule on constructed rows, one case per branch of the documented rule. */
class LabelCombinerTest {

  private static final StructType SCHEMA = new StructType()
      .add("id", "string")
      .add("kw_sentiment_label", "string").add("kw_sentiment_score", "double").add("kw_negated", "boolean")
      .add("kw_categories", DataTypes.createArrayType(DataTypes.StringType))
      .add("kw_primary_category", "string")
      .add("kw_matched_terms", DataTypes.createArrayType(DataTypes.StringType))
      .add("ml_sentiment_label", "string")
      .add("ml_sentiment_probability", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType))
      .add("ml_category", "string")
      .add("ml_category_probability", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType));

  /** keyword_strong 0.7, keyword_min_terms 1, category min probability 0.35, review below 0.5. */
  private static final LabelCombiner.Settings SETTINGS = new LabelCombiner.Settings(0.7, 1, 0.35, 0.5);

  private static Map<String, Row> out;

  private static Row row(String id, String kwSent, Double score, boolean negated, List<String> cats, String primary,
      List<String> terms, String mlSent, Map<String, Double> pSent, String mlCat, Map<String, Double> pCat) {
    return RowFactory.create(id, kwSent, score, negated, cats == null ? null : scalaSeq(cats), primary,
        terms == null ? null : scalaSeq(terms), mlSent, pSent == null ? null : scalaMap(pSent), mlCat,
        pCat == null ? null : scalaMap(pCat));
  }

  private static Object scalaSeq(List<String> l) {
    return scala.jdk.javaapi.CollectionConverters.asScala(l).toSeq();
  }

  private static Object scalaMap(Map<String, Double> m) {
    return scala.jdk.javaapi.CollectionConverters.asScala(m);
  }

  @BeforeAll
  static void combine() {
    List<Row> rows = List.of(
        // A: both neutral; both delivery (one term).
        row("A", "neutral", 0.0, false, List.of("delivery"), "delivery", List.of("delivery:kurier"),
            "neutral", Map.of("negative", 0.1, "neutral", 0.8, "positive", 0.1),
            "delivery", Map.of("delivery", 0.6, "price_fees", 0.4)),
        // B: strong unnegated negative keyword vs model positive; billing with two terms vs model price.
        row("B", "negative", -0.83, false, List.of("billing_payment"), "billing_payment",
            List.of("billing_payment:faktura", "-:fatalny", "billing_payment:rachunek"),
            "positive", Map.of("negative", 0.2, "neutral", 0.25, "positive", 0.55),
            "price_fees", Map.of("price_fees", 0.7, "billing_payment", 0.3)),
        // C: strong but negated keyword -> model (0.45, below review); two keyword categories -> model 0.4.
        row("C", "positive", 0.71, true, List.of("delivery", "waiting_time"), "delivery",
            List.of("delivery:paczka", "waiting_time:czekać", "+:dobry(neg)"),
            "negative", Map.of("negative", 0.45, "neutral", 0.35, "positive", 0.2),
            "waiting_time", Map.of("waiting_time", 0.4, "delivery", 0.35, "communication", 0.25)),
        // D: weak keyword positive -> model neutral 0.9; no keyword category, model only 0.2 -> none.
        row("D", "positive", 0.45, false, List.of(), null, List.of("+:ok"),
            "neutral", Map.of("negative", 0.05, "neutral", 0.9, "positive", 0.05),
            "staff_attitude", Map.of("staff_attitude", 0.2, "delivery", 0.15)),
        // E: no comment.
        row("E", null, null, false, List.of(), null, List.of(), null, null, null, null),
        // F: no model at all: keyword decides; its weak sentiment (0.45) asks for review.
        row("F", "positive", 0.45, false, List.of("delivery"), "delivery", List.of("delivery:kurier", "+:miły"),
            null, null, null, null));
    out = LabelCombiner.decide(SharedSpark.get().createDataFrame(rows, SCHEMA), SETTINGS).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getAs("id"), r -> r));
  }

  private static Object[] labels(String id) {
    Row r = out.get(id);
    return Arrays.stream(new String[] {"sentiment_label", "label_source", "primary_category", "category_source",
        "needs_review"}).map(r::getAs).toArray();
  }

  private static double conf(String id, String column) {
    return out.get(id).<Double>getAs(column);
  }

  @Test
  void agreementTakesTheLargerOfProbabilityAndKeywordStrength() {
    assertThat(labels("A")).containsExactly("neutral", "agree", "delivery", "agree", false);
    // sentiment: max(p=0.8, |0.0|) = 0.8; category: max(p=0.6, 1 term -> 1/(1+1) = 0.5) = 0.6
    assertThat(conf("A", "label_confidence")).isCloseTo(0.8, within(1e-9));
    assertThat(conf("A", "category_confidence")).isCloseTo(0.6, within(1e-9));
  }

  @Test
  void aStrongUnnegatedKeywordMatchWins() {
    assertThat(labels("B")).containsExactly("negative", "keyword", "billing_payment", "keyword", false);
    assertThat(conf("B", "label_confidence")).as("|score|").isCloseTo(0.83, within(1e-9));
    assertThat(conf("B", "category_confidence")).as("2 terms -> 2/3").isCloseTo(2.0 / 3, within(1e-9));
  }

  @Test
  void aNegatedOrAmbiguousKeywordMatchLeavesItToTheModel() {
    assertThat(labels("C")).as("sentiment 0.45 < 0.5 -> review").containsExactly("negative", "model", "waiting_time",
        "model", true);
    assertThat(conf("C", "label_confidence")).isCloseTo(0.45, within(1e-9));
    assertThat(conf("C", "category_confidence")).isCloseTo(0.4, within(1e-9));
  }

  @Test
  void aWeakKeywordLosesAndAnUnsureModelPlacesNothing() {
    assertThat(labels("D")).containsExactly("neutral", "model", null, null, true);
    assertThat(conf("D", "label_confidence")).isCloseTo(0.9, within(1e-9));
    assertThat(out.get("D").<Double>getAs("category_confidence")).isNull();
  }

  @Test
  void noCommentHasNoLabelsAndNoModelMeansKeywordOnly() {
    assertThat(labels("E")).containsExactly(null, null, null, null, null);
    assertThat(labels("F")).containsExactly("positive", "keyword", "delivery", "keyword", true);
    assertThat(conf("F", "label_confidence")).isCloseTo(0.45, within(1e-9));
    assertThat(conf("F", "category_confidence")).isCloseTo(0.5, within(1e-9));
  }
}
