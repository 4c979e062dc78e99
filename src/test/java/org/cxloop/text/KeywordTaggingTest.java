package org.cxloop.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.cxloop.testing.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KeywordTaggingTest {

  private static final StructType INPUT = new StructType()
      .add("response_id", DataTypes.StringType)
      .add(KeywordTagging.COMMENT, DataTypes.StringType)
      .add(KeywordTagging.LANGUAGE, DataTypes.StringType);

  private static KeywordModel model;
  private static SparkSession spark;

  @BeforeAll
  static void setUp() {
    model = KeywordModel.load(KeywordModelTest.CONF);
    spark = SharedSpark.get();
  }

  private static Dataset<Row> responses(Row... rows) {
    return spark.createDataFrame(List.of(rows), INPUT);
  }

  @Test
  void addsTheContractedColumnsAndTagsEachRow() {
    Function<Dataset<Row>, Dataset<Row>> step = r -> KeywordTagging.tag(r, model);
    Dataset<Row> tagged = responses(
        RowFactory.create("r1", "Obsługa nie była miła, czekałem godzinę", "pl"),
        RowFactory.create("r2", "Курьер доставил быстро, спасибо!", ""),
        RowFactory.create("r3", "The app wasn't bad", "en"),
        RowFactory.create("r4", "  ", "pl"),
        RowFactory.create("r5", null, null))
        .transform(step::apply);

    StructField[] added = Arrays.copyOfRange(tagged.schema().fields(), INPUT.size(), tagged.schema().size());
    assertThat(Arrays.copyOf(tagged.schema().fieldNames(), INPUT.size())).containsExactly(INPUT.fieldNames());
    assertThat(added).containsExactly(KeywordTagging.OUTPUT_COLUMNS.fields());

    Map<String, Row> byId = tagged.collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getString(0), r -> r));
    Row r1 = byId.get("r1");
    assertThat(r1.<String>getAs(KeywordTagging.COMMENT_LANGUAGE)).isEqualTo("pl");
    assertThat(r1.<String>getAs(KeywordTagging.KW_SENTIMENT_LABEL)).isEqualTo("negative");
    assertThat(r1.<Boolean>getAs(KeywordTagging.KW_NEGATED)).isTrue();
    assertThat(r1.getList(r1.fieldIndex(KeywordTagging.KW_CATEGORIES)))
        .containsExactly("staff_attitude", "waiting_time");
    assertThat(r1.<String>getAs(KeywordTagging.KW_PRIMARY_CATEGORY)).isEqualTo("waiting_time");
    assertThat(r1.getList(r1.fieldIndex(KeywordTagging.KW_MATCHED_TERMS))).containsExactly(
        "staff_attitude:obsługa", "+:mił*(neg)", "waiting_time:czekać", "waiting_time:godzin*");

    Row r2 = byId.get("r2");
    assertThat(r2.<String>getAs(KeywordTagging.COMMENT_LANGUAGE)).as("detected").isEqualTo("ru");
    assertThat(r2.<String>getAs(KeywordTagging.COMMENT_NORMALIZED)).isEqualTo("курьер доставил быстро, спасибо!");
    assertThat(r2.<String>getAs(KeywordTagging.KW_SENTIMENT_LABEL)).isEqualTo("positive");
    assertThat(r2.<String>getAs(KeywordTagging.KW_PRIMARY_CATEGORY)).isEqualTo("delivery");

    Row r3 = byId.get("r3");
    assertThat(r3.<String>getAs(KeywordTagging.KW_SENTIMENT_LABEL)).isEqualTo("positive");
    assertThat(r3.getList(r3.fieldIndex(KeywordTagging.KW_CATEGORIES))).containsExactly("digital_channels");

    for (String id : List.of("r4", "r5")) {
      Row r = byId.get(id);
      assertThat(r.<String>getAs(KeywordTagging.COMMENT_LANGUAGE)).as(id).isNull();
      assertThat(r.<String>getAs(KeywordTagging.COMMENT_NORMALIZED)).as(id).isNull();
      assertThat(r.<Double>getAs(KeywordTagging.KW_SENTIMENT_SCORE)).as(id).isNull();
      assertThat(r.<String>getAs(KeywordTagging.KW_SENTIMENT_LABEL)).as(id).isNull();
      assertThat(r.getList(r.fieldIndex(KeywordTagging.KW_CATEGORIES))).as(id).isEmpty();
      assertThat(r.getList(r.fieldIndex(KeywordTagging.KW_MATCHED_TERMS))).as(id).isEmpty();
      assertThat(r.<Boolean>getAs(KeywordTagging.KW_NEGATED)).as(id).isFalse();
    }
  }

  @Test
  void callsTheModelOncePerRowNotOncePerOutputColumn() {
    // repartition: otherwise Spark evaluates a local input at planning time and no UDF is left.
    Dataset<Row> input = responses(RowFactory.create("r1", "kurier", "pl")).repartition(1);
    String plan = KeywordTagging.tag(input, model).queryExecution().optimizedPlan().toString();
    assertThat(plan.split("UDF\\(", -1).length - 1).as(plan).isEqualTo(1);
  }

  @Test
  void missingCommentColumnIsNamedInTheError() {
    Dataset<Row> noComment = responses(RowFactory.create("r1", "kurier", "pl")).drop(KeywordTagging.COMMENT);
    assertThatThrownBy(() -> KeywordTagging.tag(noComment, model))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Cannot tag comments: ")
        .hasMessageContaining("'comment'")
        .hasMessageContaining("response_id, language");
  }

  @Test
  void alreadyTaggedInputIsRejected() {
    Dataset<Row> once = KeywordTagging.tag(responses(RowFactory.create("r1", "kurier", "pl")), model);
    assertThatThrownBy(() -> KeywordTagging.tag(once, model)).hasMessageContaining("'comment_language'");
  }
  /**
   * Escalation signals found in the tagging pass are the labels TermList finds on its own (the
   * loop stage used to match them in a second pass), and the tags are unchanged by them.
   */
  @Test
  void signalsFromTheSameAnalysisAsTermListAndTheSameTags() {
    TermList escalation = TermList.load(java.nio.file.Path.of("conf/loop/escalation.tsv"));
    Dataset<Row> input = responses(
        RowFactory.create("r1", "Oddam sprawę prawnikowi, obsługa była fatalna", "pl"),
        RowFactory.create("r2", "Я ухожу к конкурентам, доставка ужасная", "ru"),
        RowFactory.create("r3", "Great app, thank you", "en"),
        RowFactory.create("r4", "This is a scam, I will contact a lawyer", "en"),
        RowFactory.create("r5", null, null));
    Map<String, Row> fused = KeywordTagging.tag(input, model, escalation, "signal").collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getString(0), r -> r));
    Map<String, Row> plain = KeywordTagging.tag(input, model).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getString(0), r -> r));
    assertThat(fused.get("r1").<String>getAs("signal")).isEqualTo("legal_threat");
    assertThat(fused.get("r2").<String>getAs("signal")).isEqualTo("churn_threat");
    assertThat(fused.get("r3").<String>getAs("signal")).isNull();
    assertThat(escalation.labelsIn("This is a scam, I will contact a lawyer", "en"))
        .containsExactly("legal_threat", "fraud");
    assertThat(fused.get("r4").<String>getAs("signal")).as("both found: the first in file order")
        .isEqualTo("legal_threat");
    assertThat(fused.get("r5").<String>getAs("signal")).isNull();
    for (String id : List.of("r1", "r2", "r3", "r4", "r5")) {
      for (String c : KeywordTagging.OUTPUT_COLUMNS.fieldNames()) {
        assertThat(String.valueOf(fused.get(id).<Object>getAs(c))).as(id + " " + c)
            .isEqualTo(String.valueOf(plain.get(id).<Object>getAs(c)));
      }
    }
  }
}
