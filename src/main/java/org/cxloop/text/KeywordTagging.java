package org.cxloop.text;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The keyword tagging step: adds the keyword model's category and sentiment columns to survey
 * responses.
 *
 * <pre>{@code
 * KeywordModel model = KeywordModel.load(Path.of("conf/text"));
 * Dataset<Row> tagged = responses.transform(r -> KeywordTagging.tag(r, model));
 * }</pre>
 */
public final class KeywordTagging {

  /** Input: the free-text comment. */
  public static final String COMMENT = "comment";
  /** Input: the language the survey tool recorded (pl / ru / en), may be empty. */
  public static final String LANGUAGE = "language";

  public static final String COMMENT_LANGUAGE = "comment_language";
  public static final String COMMENT_NORMALIZED = "comment_normalized";
  public static final String KW_CATEGORIES = "kw_categories";
  public static final String KW_PRIMARY_CATEGORY = "kw_primary_category";
  public static final String KW_SENTIMENT_SCORE = "kw_sentiment_score";
  public static final String KW_SENTIMENT_LABEL = "kw_sentiment_label";
  public static final String KW_MATCHED_TERMS = "kw_matched_terms";
  public static final String KW_NEGATED = "kw_negated";

  private static final DataType STRINGS = DataTypes.createArrayType(DataTypes.StringType, false);

  /**
   * The columns {@link #tag} adds, in this order. Nullable exactly where documented: the
   * language, normalised text, score and label are null for an empty comment; the primary
   * category is null when no category matched; the arrays and the flag are never null.
   */
  public static final StructType OUTPUT_COLUMNS = new StructType(new StructField[] {
      DataTypes.createStructField(COMMENT_LANGUAGE, DataTypes.StringType, true),
      DataTypes.createStructField(COMMENT_NORMALIZED, DataTypes.StringType, true),
      DataTypes.createStructField(KW_CATEGORIES, STRINGS, false),
      DataTypes.createStructField(KW_PRIMARY_CATEGORY, DataTypes.StringType, true),
      DataTypes.createStructField(KW_SENTIMENT_SCORE, DataTypes.DoubleType, true),
      DataTypes.createStructField(KW_SENTIMENT_LABEL, DataTypes.StringType, true),
      DataTypes.createStructField(KW_MATCHED_TERMS, STRINGS, false),
      DataTypes.createStructField(KW_NEGATED, DataTypes.BooleanType, false)});

  // Holds the UDF's struct for one projection; the outer select unpacks it and drops it.
  private static final String TAG_STRUCT = "__kw_tag";

  private KeywordTagging() {}

  /**
   * Adds {@link #OUTPUT_COLUMNS} to {@code responses}, keeping every input column.
   *
   * @param responses must have string columns {@value #COMMENT} and {@value #LANGUAGE}, and none
   *     of the output columns
   * @throws IllegalArgumentException naming the column, when one is missing, has the wrong type or
   *     would be overwritten
   */
  public static Dataset<Row> tag(Dataset<Row> responses, KeywordModel model) {
    return tag(responses, model, null, null);
  }

  /**
   * As {@link #tag(Dataset, KeywordModel)}, plus {@code signalColumn}: the first label (in file
   * order) of {@code signals} found in the comment, or null, from the same analysis of the
   * comment (the nightly run's escalation signals: a second Lucene pass would cost as much again).
   */
  public static Dataset<Row> tag(Dataset<Row> responses, KeywordModel model, TermList signals, String signalColumn) {
    StructType schema = responses.schema();
    for (String input : List.of(COMMENT, LANGUAGE)) {
      if (!Arrays.asList(schema.fieldNames()).contains(input)
          || !schema.apply(input).dataType().equals(DataTypes.StringType)) {
        throw TextErrors.missingColumn(input, "string", schema.fieldNames());
      }
    }
    for (String output : OUTPUT_COLUMNS.fieldNames()) {
      if (Arrays.asList(schema.fieldNames()).contains(output)) {
        throw TextErrors.columnClash(output);
      }
    }

    // A UDF rather than built-in functions: negation and intensifier scopes are a sequential
    // window over the stemmed tokens of one comment, which Spark's column functions cannot express.
    // It is built from this model instance (nothing registered in the session), and the model
    // creates its Lucene analyzers lazily on each executor.
    UserDefinedFunction udf;
    if (signals == null) {
      UDF2<String, String, Row> tagOne = (comment, language) -> toRow(model.tag(comment, language));
      udf = functions.udf(tagOne, OUTPUT_COLUMNS).asNonNullable();
    } else {
      StructType withSignal = OUTPUT_COLUMNS.add(signalColumn, DataTypes.StringType, true);
      UDF2<String, String, Row> tagOne = (comment, language) -> {
        KeywordModel.Tagged t = model.tagWith(comment, language, signals);
        return toRow(t.result(), t.otherLabels().isEmpty() ? null : t.otherLabels().get(0));
      };
      udf = functions.udf(tagOne, withSignal).asNonNullable();
    }

    List<Column> columns = new ArrayList<>();
    for (String input : schema.fieldNames()) {
      columns.add(col(quoted(input)));
    }
    for (String output : OUTPUT_COLUMNS.fieldNames()) {
      columns.add(col(TAG_STRUCT).getField(output).as(output));
    }
    if (signals != null) {
      columns.add(col(TAG_STRUCT).getField(signalColumn).as(signalColumn));
    }
    return responses
        .withColumn(TAG_STRUCT, udf.apply(col(COMMENT), col(LANGUAGE)))
        .select(columns.toArray(new Column[0]));
  }

  /** The output struct's values in OUTPUT_COLUMNS order, then {@code extra} (the signal column). */
  private static Row toRow(TagResult r, Object... extra) {
    Object[] tags = {r.language(), r.normalized(), r.categories().toArray(new String[0]),
        r.primaryCategory(), r.sentimentScore(), r.sentimentLabel(),
        r.matchedTerms().toArray(new String[0]), r.negated()};
    Object[] values = java.util.Arrays.copyOf(tags, tags.length + extra.length);
    System.arraycopy(extra, 0, values, tags.length, extra.length);
    return RowFactory.create(values);
  }

  /** Column names with dots or spaces must be back-quoted to be taken literally. */
  private static String quoted(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
