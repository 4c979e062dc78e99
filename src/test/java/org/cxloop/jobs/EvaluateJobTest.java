package org.cxloop.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.cxloop.model.ClassMetrics;
import org.cxloop.model.ModelEvaluation;
import org.cxloop.testing.MiniFixture;
import org.cxloop.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluate command on two tiny labelled files, with no trained model registered (so the
 * keyword model alone is measured), against accuracies counted by hand.
 */
class EvaluateJobTest {

  private final SparkSession spark = SharedSpark.get();

  @TempDir Path dir;

  /**
   * The keyword model's labels (conf/text) are in the comments. English, no category column:
   * en-3 is labelled neutral but the keyword model says positive ("on time"): 3 of 4 right.
   */
  private static final String EN = """
      id,lang,text,sentiment
      en-1,en,The courier was late and rude,negative
      en-2,en,"Great service, very helpful staff",positive
      en-3,en,The parcel arrived on time,neutral
      en-4,en,"Terrible app, it keeps crashing",negative
      """;

  /**
   * Polish, with categories. Sentiment: pl-4 is negative, the keyword model finds no sentiment
   * term (neutral): 4 of 5. Category: pl-5 has no category term (keyword: none): 4 of 5.
   */
  private static final String PL = """
      id,lang,text,sentiment,category
      pl-1,pl,"Kurier spóźniony, paczka zniszczona",negative,delivery
      pl-2,pl,"Bardzo miła obsługa, polecam",positive,staff_attitude
      pl-3,pl,"Za drogo, ceny za wysokie",negative,price_fees
      pl-4,pl,Aplikacja ciągle się zawiesza,negative,digital_channels
      pl-5,pl,"Nic szczególnego, zwykła wizyta",neutral,staff_attitude
      """;

  private static ClassMetrics metrics(EvaluateJob.Result r, String task, String language) {
    return r.results().stream().filter(x -> x.task().equals(task) && x.modelKind().equals(ModelEvaluation.KEYWORD))
        .findFirst().orElseThrow().metrics().stream().filter(m -> m.language().equals(language)).findFirst()
        .orElseThrow();
  }

  @Test
  void keywordOnlyEvaluationOfAFourAndAFiveColumnFileWithItsJson() throws Exception {
    Path en = dir.resolve("en.csv");
    Path pl = dir.resolve("pl.csv");
    Files.writeString(en, EN, StandardCharsets.UTF_8);
    Files.writeString(pl, PL, StandardCharsets.UTF_8);
    Path json = dir.resolve("out/evaluation.json");
    EvaluateJob.Config c = new EvaluateJob.Config(MiniFixture.config(dir.resolve("warehouse")),
        List.of(en.toString(), pl.toString()), false, 42, 1, json.toString());

    EvaluateJob.Result r = EvaluateJob.run(spark, c);

    assertThat(r.rows()).isEqualTo(9);
    assertThat(r.models().sentiment()).as("no model registered: keyword only").isNull();
    assertThat(r.results()).extracting(x -> x.task() + "/" + x.modelKind())
        .containsExactly("sentiment/keyword", "category/keyword");
    assertThat(metrics(r, "sentiment", "en").accuracy()).isCloseTo(0.75, offset(1e-9));
    // en: negative p 2/2 r 2/2 F1 1; positive p 1/2 r 1/1 F1 2/3; neutral never predicted F1 0.
    assertThat(metrics(r, "sentiment", "en").macroF1()).isCloseTo(5.0 / 9, offset(1e-9));
    assertThat(metrics(r, "sentiment", "pl").accuracy()).isCloseTo(0.8, offset(1e-9));
    assertThat(metrics(r, "sentiment", "all").accuracy()).isCloseTo(7.0 / 9, offset(1e-9));
    assertThat(metrics(r, "category", "pl").accuracy()).isCloseTo(0.8, offset(1e-9));
    // staff_attitude p 1/1 r 1/2 F1 2/3; delivery, price_fees, digital_channels F1 1; (none) is no class.
    assertThat(metrics(r, "category", "pl").macroF1()).isCloseTo(11.0 / 12, offset(1e-9));
    assertThat(metrics(r, "category", "all").n()).as("only the Polish rows have a category").isEqualTo(5);
    assertThat(r.timedRows()).as("--repeat 1").isEqualTo(9);

    String printed = EvaluateJob.summary(c, r);
    assertThat(printed).contains("9 labelled comments").contains("sentiment model none (keyword only)")
        .contains("sentiment  keyword   | 0.750 0.556     4").doesNotContain("not measured");

    JsonNode out = new ObjectMapper().readTree(json.toFile());
    assertThat(out.get("rows").asLong()).isEqualTo(9);
    assertThat(out.get("held_out_only").asBoolean()).isFalse();
    assertThat(out.get("sentiment_model").asText()).isEqualTo("none (keyword only)");
    assertThat(out.get("throughput_rows").asLong()).isEqualTo(9);
    assertThat(out.get("keyword_comments_per_s").asDouble()).isPositive();
    List<String> entries = new ArrayList<>();
    for (JsonNode m : out.get("metrics")) {
      entries.add(m.get("task").asText() + "/" + m.get("model").asText() + "/" + m.get("language").asText()
          + " n=" + m.get("n").asLong() + " acc=" + m.get("accuracy").asDouble());
    }
    assertThat(entries).as("per task, model and language, as printed").containsExactly(
        "sentiment/keyword/en n=4 acc=0.75", "sentiment/keyword/pl n=5 acc=0.8",
        "sentiment/keyword/all n=9 acc=" + (7.0 / 9),
        "category/keyword/pl n=5 acc=0.8", "category/keyword/all n=5 acc=0.8");
    JsonNode plCategory = out.get("metrics").get(3);
    assertThat(plCategory.get("confusion").get("staff_attitude -> (none)").asLong()).isEqualTo(1);
    assertThat(plCategory.get("recall_per_class").get("staff_attitude").asDouble()).isCloseTo(0.5, offset(1e-9));
  }

  @Test
  void aFileWithoutCategoriesIsEvaluatedOnSentimentOnly() throws Exception {
    Path en = dir.resolve("en.csv");
    Files.writeString(en, EN, StandardCharsets.UTF_8);
    EvaluateJob.Config c = new EvaluateJob.Config(MiniFixture.config(dir.resolve("warehouse")),
        List.of(en.toString()), false, 42, 1, null);
    EvaluateJob.Result r = EvaluateJob.run(spark, c);
    assertThat(r.results()).extracting(x -> x.task() + "/" + x.modelKind()).containsExactly("sentiment/keyword");
    assertThat(EvaluateJob.summary(c, r)).contains("category: not measured (no row has a category label)");
  }
}
