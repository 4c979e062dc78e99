package org.cxloop.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sequence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.cxloop.CxException;
import org.cxloop.config.CxConfig;
import org.cxloop.config.Keys;
import org.cxloop.model.LabelCombiner;
import org.cxloop.model.LabelledData;
import org.cxloop.model.ModelEvaluation;
import org.cxloop.model.ModelRegistry;
import org.cxloop.text.KeywordModel;

/**
 * The evaluate command: scores a labelled CSV with the keyword model, the configured trained
 * models and the combined rule, prints accuracy and macro-F1 per language and model, and times
 * the scoring (comments per second). Wiring only.
 */
public final class EvaluateJob {

  /**
   * @param heldOutOnly score only the rows training held out (same split and seed as training)
   * @param repeat for the throughput figure, score the rows this many times over (metrics use them once)
   */
  public record Config(CxConfig conf, List<String> labelFiles, boolean heldOutOnly, long seed, int repeat,
      String jsonOut) {}

  public record Result(List<ModelEvaluation.Result> results, LabelCombiner.Models models, long rows,
      long timedRows, double keywordPerSecond, double combinedPerSecond) {}

  private EvaluateJob() {}

  public static Result run(SparkSession spark, Config c) {
    CxConfig conf = c.conf();
    KeywordModel keywords = KeywordModel.load(Path.of(conf.get(Keys.TEXT_CONF_DIR)));
    LabelCombiner.Models models = ModelRegistry.forScoring(spark, conf, keywords);
    LabelCombiner.Settings settings = LabelCombiner.Settings.from(conf);
    spark.sparkContext().setJobGroup("cxloop-evaluate", "cxloop evaluate: score labelled comments", false);

    Dataset<Row> labelled = LabelledData.readCsv(spark, c.labelFiles(), keywords);
    if (c.heldOutOnly()) {
      labelled = LabelledData.split(labelled, c.seed()).filter(col(LabelledData.HELD_OUT)).drop(LabelledData.HELD_OUT);
    }
    Dataset<Row> scored = ModelEvaluation.score(labelled, models, settings).persist(StorageLevel.MEMORY_AND_DISK());
    long rows = scored.count();
    List<ModelEvaluation.Result> results = ModelEvaluation.measure(scored, models, keywords.categories());
    scored.unpersist();

    // Throughput: the raw rows (read and cached first, so file reading is not timed), then keyword
    // tagging alone, then keyword + models + combined rule, each written to Spark's no-op sink.
    Dataset<Row> raw = LabelledData.readRows(spark, c.labelFiles())
        .withColumn("copy", explode(sequence(lit(1), lit(c.repeat()))))
        .withColumn(LabelledData.ID, concat(col(LabelledData.ID), lit("#"), col("copy").cast("string")))
        .drop("copy").repartition(spark.sparkContext().defaultParallelism())
        .persist(StorageLevel.MEMORY_AND_DISK());
    long timedRows = raw.count();
    double keywordSeconds = timed(() -> LabelledData.tagged(raw, keywords).write().format("noop").mode("overwrite").save());
    double combinedSeconds = timed(() -> ModelEvaluation.score(LabelledData.tagged(raw, keywords), models, settings)
        .write().format("noop").mode("overwrite").save());
    raw.unpersist();
    spark.sparkContext().clearJobGroup();

    Result r = new Result(results, models, rows, timedRows, timedRows / keywordSeconds, timedRows / combinedSeconds);
    if (c.jsonOut() != null) {
      writeJson(c, r);
    }
    return r;
  }

  private static double timed(Runnable r) {
    long t = System.nanoTime();
    r.run();
    return (System.nanoTime() - t) / 1e9;
  }

  private static void writeJson(Config c, Result r) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("labels", c.labelFiles());
    json.put("held_out_only", c.heldOutOnly());
    json.put("rows", r.rows());
    json.put("sentiment_model", describe(r.models().sentiment()));
    json.put("category_model", describe(r.models().category()));
    json.put("metrics", ModelEvaluation.asJson(r.results()));
    json.put("throughput_rows", r.timedRows());
    json.put("keyword_comments_per_s", r.keywordPerSecond());
    json.put("combined_comments_per_s", r.combinedPerSecond());
    try {
      Path out = Path.of(c.jsonOut());
      if (out.getParent() != null) {
        Files.createDirectories(out.getParent());
      }
      Files.writeString(out, new com.fasterxml.jackson.databind.ObjectMapper()
          .writerWithDefaultPrettyPrinter().writeValueAsString(json));
    } catch (IOException e) {
      throw new CxException(CxException.Kind.CONFIG, "Cannot write the evaluation to '" + c.jsonOut() + "': "
          + e.getMessage() + ". Give a writable path with --out.", e);
    }
  }

  private static String describe(org.cxloop.model.TextModel m) {
    return m == null ? "none (keyword only)" : "v" + m.metadata().get("model_version") + " " + m.layout();
  }

  static String summary(Config c, Result r) {
    return String.format(java.util.Locale.ROOT,
        "cxloop evaluate: %d labelled comments from %s%s; sentiment model %s, category model %s%n%s%s"
            + "Throughput on %d comments (%dx the file, local[%s]): keyword only %.0f comments/s; "
            + "keyword + models + combined %.0f comments/s%n",
        r.rows(), String.join(",", c.labelFiles()), c.heldOutOnly() ? " (held-out rows only)" : "",
        describe(r.models().sentiment()), describe(r.models().category()), ModelEvaluation.table(r.results()),
        r.results().stream().anyMatch(x -> x.task().equals(org.cxloop.model.ModelKind.CATEGORY.id)) ? ""
            : "category: not measured (no row has a category label)\n",
        r.timedRows(), c.repeat(), "" + org.apache.spark.sql.SparkSession.active().sparkContext().defaultParallelism(),
        r.keywordPerSecond(), r.combinedPerSecond());
  }
}
