package org.cxloop.model;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_arrays;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cxloop.CxErrors;
import org.cxloop.text.KeywordTagging;

/**
 * A trained sentiment or category model: one MLlib PipelineModel for all languages ("joint",
 * language as a feature) or one per language ("per_language"), its label order, and the metadata
 * written next to it. Scoring only: training is {@link ModelTrainer}'s.
 */
public final class TextModel {

  public static final String JOINT = "joint";
  public static final String PER_LANGUAGE = "per_language";
  /** Key of the single pipeline of a joint model. */
  static final String ALL = "all";
  public static final String METADATA_FILE = "metadata.json";
  static final String PIPELINE_DIR = "pipeline";

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final ModelKind kind;
  private final String layout;
  private final List<String> labels;
  private final Map<String, PipelineModel> pipelines; // language (or "all") -> pipeline
  private final Map<String, Object> metadata;

  TextModel(ModelKind kind, String layout, List<String> labels, Map<String, PipelineModel> pipelines,
      Map<String, Object> metadata) {
    this.kind = kind;
    this.layout = layout;
    this.labels = List.copyOf(labels);
    this.pipelines = Map.copyOf(pipelines);
    this.metadata = metadata;
  }

  public ModelKind kind() { return kind; }
  public String layout() { return layout; }
  public List<String> labels() { return labels; }
  public Map<String, Object> metadata() { return metadata; }

  /** The feature-stage columns of this model: prefixed with its name so two models can share rows. */
  TextFeatures.Columns columns() {
    return new TextFeatures.Columns("__" + kind.id + "_");
  }

  /**
   * Adds {@link ModelKind#labelOut} and {@link ModelKind#probabilityOut} (map label -> probability)
   * to rows with the keyword step's {@code comment_normalized} and {@code comment_language}. Rows
   * without a comment get nulls. A per-language model runs each language's pipeline over all rows
   * one after the other and keeps, per row, its own language's output: scoring costs a few times
   * more, but the input is computed once (a filter and union per language would recompute the
   * whole nightly lineage, joins included, once per language). Rows in a language the model was
   * not trained on get nulls.
   */
  public Dataset<Row> predict(Dataset<Row> rows) {
    for (String needed : List.of(KeywordTagging.COMMENT_NORMALIZED, KeywordTagging.COMMENT_LANGUAGE)) {
      if (!Arrays.asList(rows.columns()).contains(needed)) {
        throw CxErrors.missingColumn("ml " + kind.id + " model", needed, String.join(", ", rows.columns()));
      }
    }
    TextFeatures.Columns c = columns();
    List<String> inputColumns = Arrays.asList(rows.columns());
    Dataset<Row> scored = rows
        // Empty comments go through the pipeline as "" (tokenizers reject null) and are nulled after.
        .withColumn(TextFeatures.TEXT, coalesce(col(KeywordTagging.COMMENT_NORMALIZED), lit("")))
        .withColumn(TextFeatures.LANGUAGE, col(KeywordTagging.COMMENT_LANGUAGE));
    Column probability = null;
    Column prediction = null;
    for (Map.Entry<String, PipelineModel> e : pipelines.entrySet()) {
      String p = c.prefix() + "p_" + e.getKey();
      String y = c.prefix() + "y_" + e.getKey();
      scored = e.getValue().transform(scored)
          .withColumn(p, col(c.probability())).withColumn(y, col(c.prediction()))
          .drop(c.all().toArray(new String[0]));
      Column mine = layout.equals(JOINT) ? lit(true) : col(TextFeatures.LANGUAGE).equalTo(e.getKey());
      probability = probability == null ? when(mine, col(p)) : probability.when(mine, col(p));
      prediction = prediction == null ? when(mine, col(y)) : prediction.when(mine, col(y));
    }
    Column hasText = col(KeywordTagging.COMMENT_NORMALIZED).isNotNull();
    Column labelArray = array(labels.stream().map(org.apache.spark.sql.functions::lit).toArray(Column[]::new));
    List<Column> keep = new ArrayList<>();
    inputColumns.forEach(name -> keep.add(col(quoted(name))));
    // prediction is a 0-based double index into the label order the model was trained with.
    keep.add(when(hasText, element_at(labelArray, prediction.cast("int").plus(1))).as(kind.labelOut));
    keep.add(when(hasText, map_from_arrays(labelArray,
        org.apache.spark.ml.functions.vector_to_array(probability, "float64"))).as(kind.probabilityOut));
    return scored.select(keep.toArray(new Column[0]));
  }

  /** Saves the pipelines and metadata.json under {@code dir} (a new version folder). */
  public void save(SparkSession spark, String dir) {
    try {
      for (Map.Entry<String, PipelineModel> e : pipelines.entrySet()) {
        e.getValue().write().save(dir + "/" + PIPELINE_DIR + "/" + e.getKey());
      }
      Path p = new Path(dir + "/" + METADATA_FILE);
      try (OutputStream out = p.getFileSystem(spark.sparkContext().hadoopConfiguration()).create(p, false)) {
        out.write(JSON.writeValueAsString(metadata).getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw CxErrors.modelUnwritable(kind.id, dir, e);
    }
  }

  /** Reads the metadata.json of a model folder. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> readMetadata(SparkSession spark, String dir) throws IOException {
    Path p = new Path(dir + "/" + METADATA_FILE);
    try (InputStream in = p.getFileSystem(spark.sparkContext().hadoopConfiguration()).open(p)) {
      return JSON.readValue(in, LinkedHashMap.class);
    }
  }

  /** Loads a saved model folder (pipelines and metadata). */
  @SuppressWarnings("unchecked")
  public static TextModel load(SparkSession spark, ModelKind kind, String dir) throws IOException {
    Map<String, Object> meta = readMetadata(spark, dir);
    String layout = (String) meta.get("layout");
    List<String> labels = (List<String>) meta.get("labels");
    List<String> keys = layout.equals(JOINT) ? List.of(ALL) : (List<String>) meta.get("languages");
    Map<String, PipelineModel> pipelines = new LinkedHashMap<>();
    for (String k : keys) {
      pipelines.put(k, PipelineModel.load(dir + "/" + PIPELINE_DIR + "/" + k));
    }
    return new TextModel(kind, layout, labels, pipelines, meta);
  }

  static JsonNode tree(Map<String, Object> metadata) {
    return JSON.valueToTree(metadata);
  }

  private static String quoted(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
