package org.cxloop.model;

import static org.cxloop.output.TableDef.field;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructType;
import org.cxloop.output.TableDef;

/** The tables of the model stage: registry, metrics, emerging themes. */
public final class ModelTables {

  private ModelTables() {}

  private static final DataType S = DataTypes.StringType;
  private static final DataType I = DataTypes.IntegerType;
  private static final DataType L = DataTypes.LongType;
  private static final DataType DBL = DataTypes.DoubleType;
  private static final DataType B = DataTypes.BooleanType;
  private static final DataType TS = DataTypes.TimestampType;
  private static final DataType D = DataTypes.DateType;
  private static final DataType STRINGS = DataTypes.createArrayType(S, true);
  private static final MapType LABEL_DOUBLES = new MapType(S, DBL, true);

  /** Readable by non-Spark readers, like every cxloop table. */
  private static final Map<String, String> COMMON = Map.of("delta.minReaderVersion", "1", "delta.minWriterVersion", "2");

  public static final TableDef MODEL_REGISTRY = new TableDef("model_registry", new StructType()
      .add(field("model_name", S, "sentiment or category"))
      .add(field("model_version", I, "Version number: the folder <warehouse>/models/<model_name>/v<model_version>"))
      .add(field("path", S, "Folder with the MLlib pipeline(s) and metadata.json"))
      .add(field("layout", S, "joint (one model, language as a feature) or per_language (one model per language)"))
      .add(field("labels", STRINGS, "Classes in the model's order"))
      .add(field("taxonomy_version", S, "SHA-256 of conf/text/taxonomy.tsv the model was trained with; scoring refuses another"))
      .add(field("label_source", S, "hand (labelled CSV files) or weak (score bands and unambiguous keyword matches)"))
      .add(field("training_data", S, "Where the labelled rows came from (files, or responses_enriched at a Delta version)"))
      .add(field("training_data_sha256", S, "SHA-256 of the training files' bytes (weak labels: of the table path and version)"))
      .add(field("train_rows", L, "Labelled rows the model was fitted on"))
      .add(field("test_rows", L, "Held-out rows it was evaluated on"))
      .add(field("held_out_accuracy", DBL, "Accuracy on the held-out rows, all languages"))
      .add(field("held_out_macro_f1", DBL, "Macro-F1 on the held-out rows, all languages"))
      .add(field("approved", B, "True once someone approved the version (train --approve): the nightly run uses the newest approved"))
      .add(field("created_at_utc", TS, "When the version was trained"))
      .add(field("approved_at_utc", TS, "When it was approved")),
      List.of(),
      "Every trained model version, its training data and held-out quality, and whether it is approved for the nightly run.",
      COMMON);

  public static final TableDef MODEL_METRICS = new TableDef("model_metrics", new StructType()
      .add(field("model_name", S, "sentiment or category: the task being evaluated"))
      .add(field("model_version", I, "Trained version the row belongs to (model_registry)"))
      .add(field("model_kind", S, "keyword (rules), ml (trained model) or combined (final label): all on the same rows"))
      .add(field("language", S, "pl, ru, en, or all"))
      .add(field("evaluated_on", S, "held_out_test: the stratified rows the model never trained on"))
      .add(field("n", L, "Labelled rows evaluated"))
      .add(field("accuracy", DBL, "Share of rows whose label was right"))
      .add(field("macro_f1", DBL, "Mean F1 over the classes present (each class counts the same)"))
      .add(field("precision_per_class", LABEL_DOUBLES, "Per class: share of its predictions that were right"))
      .add(field("recall_per_class", LABEL_DOUBLES, "Per class: share of its rows that were found"))
      .add(field("confusion", new MapType(S, L, true), "Confusion matrix: 'actual -> predicted' -> rows; (none) = no prediction"))
      .add(field("evaluated_at_utc", TS, "When the metrics were computed")),
      List.of(),
      "Quality of each model version on its held-out split, for the keyword model, the trained model and the combined label.",
      COMMON);

  public static final TableDef EMERGING_THEMES = new TableDef("emerging_themes", new StructType()
      .add(field("week_start", D, "Monday of the ISO week the themes are for"))
      .add(field("language", S, "pl, ru or en: themes are clustered per language"))
      .add(field("theme_id", S, "week_start/language/cluster number: stable within a run, not across weeks"))
      .add(field("top_terms", STRINGS, "Words with the highest weight in the theme's centre, strongest first"))
      .add(field("comments_this_week", L, "Unplaced comments of this theme in the week"))
      .add(field("comments_prev_4_weeks", L, "Unplaced comments of this theme in the four weeks before"))
      .add(field("weekly_mean_prev_4_weeks", DBL, "comments_prev_4_weeks / 4"))
      .add(field("growth_p_value", DBL, "P(X >= comments_this_week) for X ~ Poisson(max(weekly mean, 0.5)): how likely chance alone gives this week's count"))
      .add(field("growing", B, "True when growth_p_value < themes.growth.alpha / number of themes tested (Bonferroni) and comments_this_week >= themes.min.comments"))
      .add(field("sample_comments", STRINGS, "A few of the week's comments (personal data already redacted)"))
      .add(field("comments_clustered", L, "Unplaced comments of the language clustered for this week (five weeks)"))
      .add(field("computed_at_utc", TS, "When the themes were computed")),
      List.of(),
      "Weekly clusters of the comments neither model could place (no category, or low confidence), with their growth "
          + "against the four weeks before: candidates for the taxonomy.",
      COMMON);
}
