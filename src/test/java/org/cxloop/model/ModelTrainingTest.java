package org.cxloop.model;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.cxloop.CxException;
import org.cxloop.config.CxConfig;
import org.cxloop.jobs.NightlyJob;
import org.cxloop.testing.MiniFixture;
import org.cxloop.testing.SharedSpark;
import org.cxloop.text.KeywordModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains small models once (the shipped Polish labels, one layout, one regularisation value),
 * then checks their quality floor, saving and loading, the registry's errors, and one nightly run
 * that scores with them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModelTrainingTest {

  @TempDir static Path warehouse;

  private static final SparkSession SPARK = SharedSpark.get();
  private static KeywordModel keywords;
  private static Dataset<Row> split;
  private static ModelTrainer.Trained sentiment;
  private static ModelTrainer.Trained category;

  @BeforeAll
  static void train() {
    keywords = KeywordModel.load(Path.of("conf/text"));
    split = LabelledData.split(LabelledData.readCsv(SPARK, List.of("data-samples/labelled/labelled_comments_pl.csv"),
        keywords), 42).persist(StorageLevel.MEMORY_AND_DISK());
    ModelTrainer.Settings tiny = new ModelTrainer.Settings(42, new double[] {0.01}, 30, List.of(TextModel.JOINT));
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("taxonomy_version", keywords.taxonomyVersion());
    meta.put("label_source", "hand");
    sentiment = ModelTrainer.train(split, ModelKind.SENTIMENT, LabelledData.SENTIMENTS, tiny, new LinkedHashMap<>(meta));
    category = ModelTrainer.train(split, ModelKind.CATEGORY, keywords.categories(), tiny, new LinkedHashMap<>(meta));
  }

  @Test
  @Order(1)
  void theHeldOutSplitIsExactPerStratumAndRepeatable() {
    // Per (language, category, sentiment) stratum of s rows, ranks 2, 7, 12, ... are held out:
    // floor((s - 3) / 5) + 1 rows when s >= 3, none otherwise.
    long expected = 0;
    for (Row r : split.groupBy("lang", "category", "sentiment").count().collectAsList()) {
      long s = r.getLong(3);
      expected += s >= 3 ? (s - 3) / 5 + 1 : 0;
    }
    assertThat(split.filter(col(LabelledData.HELD_OUT)).count()).isEqualTo(expected);
    assertThat(expected).as("about a fifth of 450").isBetween(70L, 100L);
    List<String> again = LabelledData.split(split.drop(LabelledData.HELD_OUT), 42).filter(col(LabelledData.HELD_OUT))
        .orderBy("id").select("id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    assertThat(again).isEqualTo(split.filter(col(LabelledData.HELD_OUT)).orderBy("id").select("id")
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
  }

  @Test
  @Order(2)
  void smallModelsBeatTheirFloorsOnTheHeldOutRows() {
    // Chance is 1/3 (sentiment) and 1/9 (category). Floors sit well below what the pipeline gets
    // (see the README's metrics) and far above what a model without working features gets.
    assertThat(sentiment.heldOutMacroF1ByLayout().get(TextModel.JOINT)).as("sentiment macro-F1").isGreaterThan(0.60);
    assertThat(category.heldOutMacroF1ByLayout().get(TextModel.JOINT)).as("category macro-F1").isGreaterThan(0.55);
  }

  @Test
  @Order(3)
  void aSavedVersionLoadsAndPredictsExactlyTheSame() throws Exception {
    ModelRegistry registry = new ModelRegistry(SPARK, warehouse.toString());
    assertThat(registry.nextVersion("category")).isEqualTo(1);
    ClassMetrics dummy = ClassMetrics.of("all", Map.of("a -> a", 1L), List.of("a"));
    registry.register(sentiment.model(), 1, false, dummy, 360, 90);
    registry.register(category.model(), 1, false, dummy, 360, 90);
    assertThat(registry.nextVersion("category")).isEqualTo(2);

    ModelRegistry.Entry entry = registry.resolve("category", "v1").orElseThrow();
    TextModel loaded = registry.load(ModelKind.CATEGORY, entry, keywords);
    Dataset<Row> heldOut = split.filter(col(LabelledData.HELD_OUT));
    List<Row> before = category.model().predict(heldOut).orderBy("id")
        .select("id", "ml_category", "ml_category_probability").collectAsList();
    List<Row> after = loaded.predict(heldOut).orderBy("id")
        .select("id", "ml_category", "ml_category_probability").collectAsList();
    assertThat(after).hasSize(before.size()).isEqualTo(before);
    assertThat(before.get(0).getMap(2).size()).as("a probability per category").isEqualTo(9);
  }

  @Test
  @Order(4)
  void missingAndMismatchedModelsFailClearly() {
    ModelRegistry registry = new ModelRegistry(SPARK, warehouse.toString());
    assertThat(registry.resolve("sentiment", "latest-approved")).as("v1 is not approved").isEmpty();
    assertThat(registry.resolve("sentiment", "latest")).get().extracting(ModelRegistry.Entry::version).isEqualTo(1);
    assertThatThrownBy(() -> registry.resolve("category", "7"))
        .isInstanceOf(CxException.class)
        .hasMessageStartingWith("Cannot load the category model version '7': model_registry has no such version")
        .hasMessageContaining("jobs/cxloop-train");
    ModelRegistry.Entry other = new ModelRegistry.Entry("category", 1, warehouse + "/models/category/v1",
        "0123456789abcdef", true);
    assertThatThrownBy(() -> registry.load(ModelKind.CATEGORY, other, keywords))
        .isInstanceOf(CxException.class)
        .hasMessageStartingWith("Cannot use the category model v1: it was trained on taxonomy 0123456789ab but "
            + "conf/text/taxonomy.tsv is now " + keywords.taxonomyVersion().substring(0, 12));
    ModelRegistry empty = new ModelRegistry(SPARK, warehouse.resolve("nothing-here").toString());
    assertThatThrownBy(() -> empty.resolve("sentiment", "3"))
        .hasMessageContaining("no model is registered");
    assertThat(ModelRegistry.forScoring(SPARK, MiniFixture.config(warehouse.resolve("nothing-here")), keywords))
        .as("latest-approved with nothing approved: keyword only").isEqualTo(LabelCombiner.Models.NONE);
  }

  @Test
  @Order(5)
  void theNightlyRunScoresWithTheApprovedModels() {
    ModelRegistry registry = new ModelRegistry(SPARK, warehouse.toString());
    registry.approve("sentiment", 1);
    registry.approve("category", 1);
    CxConfig conf = MiniFixture.config(warehouse);
    NightlyJob.run(SPARK, new NightlyJob.Config(conf, LocalDate.parse("2026-06-14"), LocalDate.parse("2026-06-17"), "run-ml"));
    List<Row> rows = SPARK.read().format("delta").load(warehouse.resolve("responses_enriched").toString())
        .orderBy("response_id").select("response_id", "ml_sentiment_label", "ml_category", "label_source",
            "sentiment_label", "needs_review").collectAsList();
    // R1..R5 are accepted; R3 has no comment.
    assertThat(rows).extracting(r -> (String) r.getAs("response_id")).containsExactly("R1", "R2", "R3", "R4", "R5");
    assertThat(rows).filteredOn(r -> !"R3".equals(r.getAs("response_id")))
        .allSatisfy(r -> {
          assertThat((String) r.getAs("ml_sentiment_label")).isIn("negative", "neutral", "positive");
          assertThat((String) r.getAs("ml_category")).isIn(keywords.categories().toArray());
          assertThat((String) r.getAs("label_source")).isIn("keyword", "model", "agree");
        });
    Row r3 = rows.get(2);
    assertThat((String) r3.getAs("ml_sentiment_label")).isNull();
    assertThat((String) r3.getAs("label_source")).isNull();
    // R2 "Kurier spóźniony, nie polecam": the keyword sentiment is negated ("nie polecam"), so by
    // the rule the keyword cannot win alone: the model decides, or both agree.
    assertThat((String) rows.get(1).getAs("label_source")).isIn("model", "agree");
  }
}
