package org.cxloop.model;

import static org.apache.spark.sql.functions.col;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.cxloop.text.KeywordTagging;

/**
 * Scores labelled rows with the keyword model, the trained models and the combined rule, and
 * measures all three against the labels: what training writes to model_metrics for its held-out
 * rows and what the evaluate command prints for any labelled file.
 */
public final class ModelEvaluation {

  public static final String KEYWORD = "keyword";
  public static final String ML = "ml";
  public static final String COMBINED = "combined";

  /** The metrics of one task (sentiment or category) for one model kind, per language and all. */
  public record Result(String task, String modelKind, List<ClassMetrics> metrics) {}

  private ModelEvaluation() {}

  /** Keyword-tagged labelled rows, scored and combined (the nightly run's labelling). */
  public static Dataset<Row> score(Dataset<Row> tagged, LabelCombiner.Models models, LabelCombiner.Settings s) {
    return LabelCombiner.combine(tagged, models, s);
  }

  /**
   * Every task x model kind the models make possible: keyword always; ml and combined for a task
   * whose model is given. Category is measured only on rows that have a category label, and not
   * at all when none has one (a file without the optional category column): an accuracy of 0
   * over 0 rows would read as a model that is always wrong.
   */
  public static List<Result> measure(Dataset<Row> scored, LabelCombiner.Models models, List<String> categories) {
    List<Result> out = new ArrayList<>();
    Map<String, String[]> sentiment = new LinkedHashMap<>();
    sentiment.put(KEYWORD, new String[] {KeywordTagging.KW_SENTIMENT_LABEL});
    if (models.sentiment() != null) {
      sentiment.put(ML, new String[] {ModelKind.SENTIMENT.labelOut});
      sentiment.put(COMBINED, new String[] {LabelCombiner.SENTIMENT_LABEL});
    }
    Map<String, String[]> category = new LinkedHashMap<>();
    category.put(KEYWORD, new String[] {KeywordTagging.KW_PRIMARY_CATEGORY});
    if (models.category() != null) {
      category.put(ML, new String[] {ModelKind.CATEGORY.labelOut});
      category.put(COMBINED, new String[] {LabelCombiner.PRIMARY_CATEGORY});
    }
    sentiment.forEach((kind, c) -> addMeasured(out, ModelKind.SENTIMENT.id, kind, ClassMetrics.compute(scored,
        KeywordTagging.COMMENT_LANGUAGE, LabelledData.SENTIMENT, c[0], LabelledData.SENTIMENTS)));
    category.forEach((kind, c) -> addMeasured(out, ModelKind.CATEGORY.id, kind, ClassMetrics.compute(scored,
        KeywordTagging.COMMENT_LANGUAGE, LabelledData.CATEGORY, c[0], categories)));
    return out;
  }

  /** Adds the metrics unless no row had the task's label (the last entry is all languages). */
  private static void addMeasured(List<Result> out, String task, String kind, List<ClassMetrics> metrics) {
    if (metrics.get(metrics.size() - 1).n() > 0) {
      out.add(new Result(task, kind, metrics));
    }
  }

  /** model_metrics rows for one trained version of {@code task}. */
  public static Dataset<Row> metricRows(SparkSession spark, List<Result> results, String task, int version,
      String evaluatedOn) {
    Timestamp now = Timestamp.from(Instant.now());
    List<Row> rows = new ArrayList<>();
    for (Result r : results) {
      if (!r.task().equals(task)) {
        continue;
      }
      for (ClassMetrics m : r.metrics()) {
        rows.add(RowFactory.create(task, version, r.modelKind(), m.language(), evaluatedOn, m.n(), m.accuracy(),
            m.macroF1(), scalaMap(m.precision()), scalaMap(m.recall()), scalaMap(m.confusion()), now));
      }
    }
    return spark.createDataFrame(rows, ModelTables.MODEL_METRICS.schema());
  }

  /** Writes a version's metrics, replacing any earlier ones of the same version (re-runnable). */
  public static void writeMetrics(SparkSession spark, String warehouse, Dataset<Row> rows, String task, int version) {
    ModelTables.MODEL_METRICS.createIfNotExists(spark, warehouse);
    rows.write().format("delta").mode("overwrite")
        .option("replaceWhere", "model_name = '" + task + "' AND model_version = " + version)
        .save(ModelTables.MODEL_METRICS.path(warehouse));
  }

  /** A fixed-width table: task, model kind, then accuracy / macro-F1 / n per language. */
  public static String table(List<Result> results) {
    List<String> languages = new ArrayList<>();
    results.forEach(r -> r.metrics().forEach(m -> {
      if (!languages.contains(m.language())) {
        languages.add(m.language());
      }
    }));
    languages.remove(ClassMetrics.ALL_LANGUAGES);
    languages.add(ClassMetrics.ALL_LANGUAGES);
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-10s %-9s", "task", "model"));
    languages.forEach(l -> sb.append(String.format(Locale.ROOT, " | %-4s acc  mF1   n   ", l)));
    sb.append('\n');
    for (Result r : results) {
      sb.append(String.format(Locale.ROOT, "%-10s %-9s", r.task(), r.modelKind()));
      for (String l : languages) {
        ClassMetrics m = r.metrics().stream().filter(x -> x.language().equals(l)).findFirst().orElse(null);
        sb.append(m == null ? String.format(Locale.ROOT, " | %-22s", "-")
            : String.format(Locale.ROOT, " | %.3f %.3f %5d", m.accuracy(), m.macroF1(), m.n()));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** JSON-ready form of the results. */
  public static List<Map<String, Object>> asJson(List<Result> results) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Result r : results) {
      for (ClassMetrics m : r.metrics()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("task", r.task());
        row.put("model", r.modelKind());
        row.put("language", m.language());
        row.put("n", m.n());
        row.put("accuracy", m.accuracy());
        row.put("macro_f1", m.macroF1());
        row.put("precision_per_class", m.precision());
        row.put("recall_per_class", m.recall());
        row.put("confusion", m.confusion());
        out.add(row);
      }
    }
    return out;
  }

  static <V> scala.collection.Map<String, V> scalaMap(Map<String, V> m) {
    return scala.jdk.javaapi.CollectionConverters.asScala(m);
  }

  /** Rows of a labelled Dataset that are held out ({@link LabelledData#HELD_OUT}). */
  public static Dataset<Row> heldOut(Dataset<Row> split) {
    return split.filter(col(LabelledData.HELD_OUT));
  }
}
