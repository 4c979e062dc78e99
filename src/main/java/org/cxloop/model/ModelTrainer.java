package org.cxloop.model;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.ml.tuning.TrainValidationSplit;
import org.apache.spark.ml.tuning.TrainValidationSplitModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.cxloop.text.KeywordTagging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one model kind on labelled, keyword-tagged rows already {@link LabelledData#split split}:
 * fits the features on the training rows, chooses the logistic regression's regularisation with a
 * seeded TrainValidationSplit, does so once with language as a feature and once per language,
 * and keeps the layout with the higher macro-F1 on the held-out rows.
 */
public final class ModelTrainer {

  private static final Logger LOG = LoggerFactory.getLogger(ModelTrainer.class);

  /** What to try. The defaults keep the shipped data (1,350 rows) to about a minute on 2 cores. */
  public record Settings(long seed, double[] regParams, int maxIter, List<String> layouts) {
    public static Settings defaults(long seed) {
      return new Settings(seed, new double[] {0.003, 0.03}, 30, List.of(TextModel.JOINT, TextModel.PER_LANGUAGE));
    }
  }

  /** A trained model and how each layout did on the held-out rows. */
  public record Trained(TextModel model, Map<String, Double> heldOutMacroF1ByLayout, Map<String, Object> params,
      double seconds) {}

  private ModelTrainer() {}

  /**
   * @param split labelled rows with {@link LabelledData#HELD_OUT}, comment_normalized and
   *     comment_language; rows whose label for {@code kind} is null are left out
   * @param labels the classes in model order
   * @param metadata what the caller knows about the data (sources, checksum, taxonomy); the
   *     trainer adds layout, labels, params, counts and the layout comparison
   */
  public static Trained train(Dataset<Row> split, ModelKind kind, List<String> labels, Settings s,
      Map<String, Object> metadata) {
    long started = System.nanoTime();
    Column labelArray = array(labels.stream().map(org.apache.spark.sql.functions::lit).toArray(Column[]::new));
    Dataset<Row> rows = split
        .filter(col(kind.labelColumn).isNotNull().and(col(KeywordTagging.COMMENT_NORMALIZED).isNotNull()))
        .withColumn(TextFeatures.TEXT, col(KeywordTagging.COMMENT_NORMALIZED))
        .withColumn(TextFeatures.LANGUAGE, col(KeywordTagging.COMMENT_LANGUAGE))
        .withColumn(TextFeatures.LABEL, array_position(labelArray, col(kind.labelColumn)).minus(1).cast("double"))
        // Labelled sets are small: after the split's shuffle they sit in spark.sql.shuffle.partitions
        // tiny partitions, and every optimizer iteration would pay a task (and a tree-aggregate
        // level) for each. One partition per core.
        .coalesce(split.sparkSession().sparkContext().defaultParallelism())
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> train = rows.filter(col(LabelledData.HELD_OUT).unary_$bang());
    Dataset<Row> test = rows.filter(col(LabelledData.HELD_OUT));
    List<String> languages = train.select(TextFeatures.LANGUAGE).distinct().orderBy(TextFeatures.LANGUAGE)
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList(); // three languages

    Map<String, Double> f1ByLayout = new LinkedHashMap<>();
    Map<String, Object> params = new LinkedHashMap<>();
    TextModel best = null;
    double bestF1 = -1;
    for (String layout : s.layouts()) {
      Map<String, PipelineModel> pipelines = new LinkedHashMap<>();
      Map<String, Object> chosen = new LinkedHashMap<>();
      if (layout.equals(TextModel.JOINT)) {
        pipelines.put(TextModel.ALL, fit(train, kind, true, s, chosen, TextModel.ALL));
      } else {
        for (String lang : languages) {
          pipelines.put(lang, fit(train.filter(col(TextFeatures.LANGUAGE).equalTo(lang)), kind, false, s, chosen, lang));
        }
      }
      Map<String, Object> meta = new LinkedHashMap<>(metadata);
      meta.put("model_name", kind.id);
      meta.put("layout", layout);
      meta.put("labels", labels);
      meta.put("languages", languages);
      TextModel candidate = new TextModel(kind, layout, labels, pipelines, meta);
      double f1 = macroF1(candidate, test, labels);
      f1ByLayout.put(layout, f1);
      params.put(layout, chosen);
      LOG.info("model {}: layout {} held-out macro-F1 {}", kind.id, layout, String.format("%.4f", f1));
      if (f1 > bestF1) {
        bestF1 = f1;
        best = candidate;
      }
    }
    Map<String, Object> meta = best.metadata();
    Map<String, Object> allParams = new LinkedHashMap<>();
    allParams.put("classifier", "LogisticRegression (multinomial, class weights n / (k * n_class))");
    allParams.put("reg_param_grid", s.regParams());
    allParams.put("max_iter", s.maxIter());
    allParams.put("tol", 1e-4);
    allParams.put("tuning", "TrainValidationSplit trainRatio 0.8, evaluator weighted F1");
    allParams.put("seed", s.seed());
    allParams.put("features", "word tokens + character 3- and 4-grams, CountVectorizer + IDF");
    allParams.put("word_vocabulary_max", TextFeatures.WORD_VOCABULARY);
    allParams.put("char_vocabulary_max", TextFeatures.CHAR_VOCABULARY);
    allParams.put("min_doc_freq", TextFeatures.MIN_DOC_FREQ);
    allParams.put("chosen_per_layout", params);
    meta.put("params", allParams);
    meta.put("layout_comparison_held_out_macro_f1", f1ByLayout);
    meta.put("rows", counts(rows, kind));
    double seconds = (System.nanoTime() - started) / 1e9;
    meta.put("training_seconds", Math.round(seconds * 10) / 10.0);
    meta.put("created_at", Instant.now().toString());
    rows.unpersist();
    return new Trained(best, f1ByLayout, allParams, seconds);
  }

  /** Macro-F1 of a model on held-out rows (all languages). */
  static double macroF1(TextModel model, Dataset<Row> test, List<String> labels) {
    Dataset<Row> scored = model.predict(test.drop(TextFeatures.TEXT, TextFeatures.LANGUAGE, TextFeatures.LABEL));
    List<ClassMetrics> m = ClassMetrics.compute(scored, KeywordTagging.COMMENT_LANGUAGE, model.kind().labelColumn,
        model.kind().labelOut, labels);
    return m.get(m.size() - 1).macroF1();
  }

  /**
   * Fits the features on {@code train}, then the classifier with the regularisation a seeded
   * TrainValidationSplit picks, and returns both as one PipelineModel.
   */
  private static PipelineModel fit(Dataset<Row> train, ModelKind kind, boolean languageFeature, Settings s,
      Map<String, Object> chosen, String key) {
    // tol 1e-4: the held-out F1 stops moving long before the loss does; each iteration is a Spark job.
    LogisticRegression lr = new LogisticRegression().setFamily("multinomial").setMaxIter(s.maxIter())
        .setTol(1e-4).setElasticNetParam(0.0);
    TextFeatures.Columns c = new TextFeatures.Columns("__" + kind.id + "_");
    PipelineStage[] stages = TextFeatures.stages(c, languageFeature, lr);
    PipelineStage[] featureStages = java.util.Arrays.copyOf(stages, stages.length - 1);
    Dataset<Row> weighted = withClassWeights(train);
    // IDF is fitted once on the training rows; only the classifier is tuned.
    PipelineModel features = new Pipeline().setStages(featureStages).fit(weighted);
    Dataset<Row> featurized = features.transform(weighted).persist(StorageLevel.MEMORY_AND_DISK());
    ParamMap[] grid = new ParamGridBuilder().addGrid(lr.regParam(), s.regParams()).build();
    TrainValidationSplit tvs = new TrainValidationSplit().setEstimator(lr).setEstimatorParamMaps(grid)
        .setEvaluator(new MulticlassClassificationEvaluator().setLabelCol(TextFeatures.LABEL)
            .setPredictionCol(c.prediction()).setMetricName("f1"))
        .setTrainRatio(0.8).setSeed(s.seed()).setParallelism(2);
    TrainValidationSplitModel tuned = tvs.fit(featurized);
    LogisticRegressionModel model = (LogisticRegressionModel) tuned.bestModel();
    featurized.unpersist();
    chosen.put(key, Map.of("reg_param", model.getRegParam(), "validation_f1", max(tuned.validationMetrics())));
    // A Pipeline of fitted transformers only: fit() just chains them into one PipelineModel.
    return new Pipeline().setStages(new PipelineStage[] {features, model}).fit(weighted.limit(0));
  }

  /** Weight n / (k * n_class) per row, so every class weighs the same in the loss. */
  static Dataset<Row> withClassWeights(Dataset<Row> train) {
    List<Row> perClass = train.groupBy(TextFeatures.LABEL).count().collectAsList(); // one row per class
    long n = perClass.stream().mapToLong(r -> r.getLong(1)).sum();
    int k = perClass.size();
    List<Row> weights = new ArrayList<>();
    for (Row r : perClass) {
      weights.add(org.apache.spark.sql.RowFactory.create(r.getDouble(0), (double) n / (k * r.getLong(1))));
    }
    Dataset<Row> table = train.sparkSession().createDataFrame(weights, new org.apache.spark.sql.types.StructType()
        .add(TextFeatures.LABEL, "double").add(TextFeatures.WEIGHT, "double"));
    return train.drop(TextFeatures.WEIGHT).join(broadcast(table), TextFeatures.LABEL); // broadcast: keeps partitions
  }

  /** Rows per split, language and label, for metadata.json. */
  private static Map<String, Object> counts(Dataset<Row> rows, ModelKind kind) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Row r : rows.groupBy(col(LabelledData.HELD_OUT), col(TextFeatures.LANGUAGE), col(kind.labelColumn)).count()
        .orderBy(LabelledData.HELD_OUT, TextFeatures.LANGUAGE, kind.labelColumn).collectAsList()) { // <= 2x3x9 rows
      @SuppressWarnings("unchecked")
      Map<String, Object> split = (Map<String, Object>) out.computeIfAbsent(r.getBoolean(0) ? "test" : "train",
          x -> new LinkedHashMap<String, Object>());
      @SuppressWarnings("unchecked")
      Map<String, Long> lang = (Map<String, Long>) split.computeIfAbsent(r.getString(1), x -> new LinkedHashMap<String, Long>());
      lang.put(r.getString(2), r.getLong(3));
    }
    return out;
  }

  private static double max(double[] values) {
    double m = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      m = Math.max(m, v);
    }
    return m;
  }
}
