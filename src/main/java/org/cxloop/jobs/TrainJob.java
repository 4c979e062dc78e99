package org.cxloop.jobs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.cxloop.CxErrors;
import org.cxloop.config.CxConfig;
import org.cxloop.config.Keys;
import org.cxloop.model.ClassMetrics;
import org.cxloop.model.LabelCombiner;
import org.cxloop.model.LabelledData;
import org.cxloop.model.ModelEvaluation;
import org.cxloop.model.ModelKind;
import org.cxloop.model.ModelRegistry;
import org.cxloop.model.ModelTrainer;
import org.cxloop.model.TextModel;
import org.cxloop.output.CxTables;
import org.cxloop.output.TableWriter;
import org.cxloop.text.KeywordModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training job: reads labelled comments (the shipped hand-labelled set, a company's CSV, or
 * weak labels from responses_enriched), splits them, trains the sentiment and category models,
 * measures keyword / ml / combined on the held-out rows, and registers both as new versions.
 * Wiring only: the work is in org.cxloop.model.
 */
public final class TrainJob {

  private static final Logger LOG = LoggerFactory.getLogger(TrainJob.class);

  /** What to train on and how. */
  public record Config(CxConfig conf, List<String> labelFiles, boolean weakLabels, boolean approve,
      ModelTrainer.Settings settings) {}

  /** What was trained. */
  public record Result(Map<String, Integer> versions, List<ModelEvaluation.Result> heldOut,
      Map<String, ModelTrainer.Trained> trained, double seconds) {}

  private TrainJob() {}

  public static Result run(SparkSession spark, Config c) {
    long started = System.nanoTime();
    CxConfig conf = c.conf();
    String warehouse = conf.warehouse();
    KeywordModel keywords = KeywordModel.load(Path.of(conf.get(Keys.TEXT_CONF_DIR)));
    spark.sparkContext().setJobGroup("cxloop-train", "cxloop train: read and split labelled comments", false);

    Map<String, Object> source = new LinkedHashMap<>();
    Dataset<Row> labelled;
    if (c.weakLabels()) {
      String path = CxTables.RESPONSES_ENRICHED.path(warehouse);
      long version = TableWriter.version(spark, path);
      labelled = LabelledData.weakLabels(spark.read().format("delta").option("versionAsOf", version).load(path))
          .transform(rows -> LabelledData.tagged(rows, keywords));
      source.put("label_source", "weak");
      source.put("training_data", path + "@v" + version);
      source.put("training_data_sha256", LabelledData.sha256(spark, LabelledData.snapshotFiles(spark, path, version)));
    } else {
      labelled = LabelledData.readCsv(spark, c.labelFiles(), keywords);
      source.put("label_source", "hand");
      source.put("training_data", String.join(",", c.labelFiles()));
      source.put("training_data_sha256", LabelledData.sha256(spark, c.labelFiles()));
    }
    source.put("taxonomy_version", keywords.taxonomyVersion());
    Dataset<Row> split = LabelledData.split(labelled, c.settings().seed()).persist(StorageLevel.MEMORY_AND_DISK());

    Map<String, ModelTrainer.Trained> trained = new LinkedHashMap<>();
    for (ModelKind kind : ModelKind.values()) {
      spark.sparkContext().setJobGroup("cxloop-train-" + kind.id, "cxloop train: " + kind.id + " model", false);
      List<String> labels = kind == ModelKind.SENTIMENT ? LabelledData.SENTIMENTS : keywords.categories();
      long classes = split.filter(org.apache.spark.sql.functions.col(kind.labelColumn).isNotNull())
          .select(kind.labelColumn).distinct().count();
      if (classes < 2) {
        throw CxErrors.noTrainingRows(kind.id, "the labelled rows have " + classes + " distinct " + kind.labelColumn
            + " label(s); a classifier needs at least 2");
      }
      trained.put(kind.id, ModelTrainer.train(split, kind, labels, c.settings(), new LinkedHashMap<>(source)));
    }

    spark.sparkContext().setJobGroup("cxloop-train-evaluate", "cxloop train: held-out metrics and registry", false);
    TextModel sentiment = trained.get(ModelKind.SENTIMENT.id).model();
    TextModel category = trained.get(ModelKind.CATEGORY.id).model();
    LabelCombiner.Models models = new LabelCombiner.Models(sentiment, category);
    Dataset<Row> heldOut = ModelEvaluation.heldOut(split).drop(LabelledData.HELD_OUT);
    Dataset<Row> scored = ModelEvaluation.score(heldOut, models, LabelCombiner.Settings.from(conf))
        .persist(StorageLevel.MEMORY_AND_DISK());
    List<ModelEvaluation.Result> results = ModelEvaluation.measure(scored, models, keywords.categories());
    scored.unpersist();

    ModelRegistry registry = new ModelRegistry(spark, warehouse);
    Map<String, Integer> versions = new LinkedHashMap<>();
    for (TextModel model : List.of(sentiment, category)) {
      String task = model.kind().id;
      int version = registry.nextVersion(task);
      ClassMetrics all = overall(results, task);
      long testRows = all.n();
      long trainRows = split.filter(org.apache.spark.sql.functions.col(model.kind().labelColumn).isNotNull()).count() - testRows;
      model.metadata().put("held_out_metrics", ModelEvaluation.asJson(results.stream()
          .filter(r -> r.task().equals(task)).toList()));
      registry.register(model, version, c.approve(), all, trainRows, testRows);
      ModelEvaluation.writeMetrics(spark, warehouse,
          ModelEvaluation.metricRows(spark, results, task, version, "held_out_test"), task, version);
      versions.put(task, version);
    }
    split.unpersist();
    spark.sparkContext().clearJobGroup();
    double seconds = (System.nanoTime() - started) / 1e9;
    LOG.info("stage train: sentiment v{} and category v{} in {} s", versions.get("sentiment"), versions.get("category"),
        String.format(java.util.Locale.ROOT, "%.1f", seconds));
    return new Result(versions, results, trained, seconds);
  }

  private static ClassMetrics overall(List<ModelEvaluation.Result> results, String task) {
    List<ClassMetrics> ml = results.stream().filter(r -> r.task().equals(task) && r.modelKind().equals(ModelEvaluation.ML))
        .findFirst().orElseThrow().metrics();
    return ml.get(ml.size() - 1);
  }

  /** A printable summary of a training run. */
  static String summary(Result r, String warehouse) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(java.util.Locale.ROOT, "cxloop train: done in %.1f s%n", r.seconds()));
    r.trained().forEach((task, t) -> sb.append(String.format(java.util.Locale.ROOT,
        "  %s v%d: layout %s (held-out macro-F1 by layout %s), training %.1f s%n", task, r.versions().get(task),
        t.model().layout(), t.heldOutMacroF1ByLayout(), t.seconds())));
    sb.append("Held-out metrics (accuracy, macro-F1, n):\n").append(ModelEvaluation.table(r.heldOut()));
    sb.append("Models: ").append(warehouse).append("/models/   registry: ").append(warehouse)
        .append("/model_registry   metrics: ").append(warehouse).append("/model_metrics\n");
    return sb.toString();
  }

  static List<String> files(String[] values) {
    List<String> out = new ArrayList<>();
    if (values == null) {
      return LabelledData.SHIPPED;
    }
    for (String v : values) {
      for (String f : v.split(",")) {
        if (!f.isBlank()) {
          out.add(f.trim());
        }
      }
    }
    return out;
  }
}
