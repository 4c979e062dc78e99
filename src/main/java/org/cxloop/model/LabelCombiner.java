package org.cxloop.model;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.cxloop.config.CxConfig;
import org.cxloop.config.Keys;
import org.cxloop.text.KeywordTagging;

/**
 * The combined label of the nightly run: the keyword model's and the trained models' labels
 * side by side, and the final sentiment and category with which model decided and how sure it is.
 *
 * <p>The rule (README, "Combined label"), for sentiment:
 * <ol>
 *   <li>no comment: no label;</li>
 *   <li>both models give the same label: {@code agree}, confidence = the larger of the model's
 *       probability and the keyword strength;</li>
 *   <li>an unnegated keyword score with |score| &ge; {@code model.combine.sentiment.keyword_strong}
 *       (one polarity-2 term or stronger): {@code keyword}, confidence = |score|;</li>
 *   <li>otherwise the model: {@code model}, confidence = its probability for the label.</li>
 * </ol>
 * For category the same, where a strong keyword match is exactly one category found with at
 * least {@code model.combine.category.keyword_min_terms} of its terms (confidence t / (t + 1) for
 * t terms), and the model wins only with probability &ge; {@code model.combine.category.min_probability};
 * below that the keyword category stays (or none: an unplaced comment, a candidate for
 * emerging themes). {@code needs_review} is true for a comment whose sentiment or category
 * confidence is below {@code model.combine.review_below}, or that has no category.
 * Without a model (none approved, or model.enabled=false) the same rule runs with the model's
 * columns empty, so every label comes from the keyword model.
 */
public final class LabelCombiner {

  public static final String SENTIMENT_LABEL = "sentiment_label";
  public static final String PRIMARY_CATEGORY = "primary_category";
  public static final String LABEL_SOURCE = "label_source";
  public static final String LABEL_CONFIDENCE = "label_confidence";
  public static final String CATEGORY_SOURCE = "category_source";
  public static final String CATEGORY_CONFIDENCE = "category_confidence";
  public static final String NEEDS_REVIEW = "needs_review";

  public static final String KEYWORD = "keyword";
  public static final String MODEL = "model";
  public static final String AGREE = "agree";

  private static final MapType PROBABILITIES = DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType);

  /** The rule's thresholds (config keys model.combine.*). */
  public record Settings(double sentimentKeywordStrong, int categoryKeywordMinTerms, double categoryMinProbability,
      double reviewBelow) {
    public static Settings from(CxConfig conf) {
      return new Settings(conf.getDouble(Keys.MODEL_COMBINE_SENTIMENT_KEYWORD_STRONG),
          conf.getInt(Keys.MODEL_COMBINE_CATEGORY_KEYWORD_MIN_TERMS),
          conf.getDouble(Keys.MODEL_COMBINE_CATEGORY_MIN_PROBABILITY), conf.getDouble(Keys.MODEL_COMBINE_REVIEW_BELOW));
    }
  }

  /** The trained models the nightly run scores with; null fields mean keyword only. */
  public record Models(TextModel sentiment, TextModel category) {
    public static final Models NONE = new Models(null, null);
  }

  private LabelCombiner() {}

  /** Scores keyword-tagged rows with the models (when any) and adds the final labels. */
  public static Dataset<Row> combine(Dataset<Row> tagged, Models models, Settings s) {
    Dataset<Row> scored = tagged;
    scored = models.sentiment() == null ? withoutModel(scored, ModelKind.SENTIMENT) : models.sentiment().predict(scored);
    scored = models.category() == null ? withoutModel(scored, ModelKind.CATEGORY) : models.category().predict(scored);
    return decide(scored, s);
  }

  private static Dataset<Row> withoutModel(Dataset<Row> rows, ModelKind kind) {
    return rows.withColumn(kind.labelOut, lit(null).cast(DataTypes.StringType))
        .withColumn(kind.probabilityOut, lit(null).cast(PROBABILITIES));
  }

  /**
   * The rule itself, on rows that have the keyword columns and the ML columns (possibly null):
   * kw_sentiment_label, kw_sentiment_score, kw_negated, kw_categories, kw_primary_category,
   * kw_matched_terms, ml_sentiment_label, ml_sentiment_probability, ml_category,
   * ml_category_probability.
   */
  public static Dataset<Row> decide(Dataset<Row> rows, Settings s) {
    for (String needed : new String[] {KeywordTagging.KW_SENTIMENT_LABEL, KeywordTagging.KW_SENTIMENT_SCORE,
        KeywordTagging.KW_NEGATED, KeywordTagging.KW_CATEGORIES, KeywordTagging.KW_PRIMARY_CATEGORY,
        KeywordTagging.KW_MATCHED_TERMS, ModelKind.SENTIMENT.labelOut, ModelKind.CATEGORY.labelOut}) {
      if (!Arrays.asList(rows.columns()).contains(needed)) {
        throw org.cxloop.CxErrors.missingColumn("combine labels", needed, String.join(", ", rows.columns()));
      }
    }
    // ---- sentiment
    Column kwSentiment = col(KeywordTagging.KW_SENTIMENT_LABEL);
    Column mlSentiment = col(ModelKind.SENTIMENT.labelOut);
    Column kwSentimentStrength = abs(col(KeywordTagging.KW_SENTIMENT_SCORE));
    Column mlSentimentP = element_at(col(ModelKind.SENTIMENT.probabilityOut), mlSentiment);
    Column kwSentimentStrong = col(KeywordTagging.KW_NEGATED).unary_$bang()
        .and(kwSentimentStrength.geq(s.sentimentKeywordStrong()));
    Column sentimentSource = when(kwSentiment.isNull(), lit(null).cast("string"))
        .when(mlSentiment.isNull(), lit(KEYWORD))
        .when(kwSentiment.equalTo(mlSentiment), lit(AGREE))
        .when(kwSentimentStrong, lit(KEYWORD))
        .otherwise(lit(MODEL));
    // ---- category
    Column kwCategory = col(KeywordTagging.KW_PRIMARY_CATEGORY);
    Column mlCategory = col(ModelKind.CATEGORY.labelOut);
    Column mlCategoryP = element_at(col(ModelKind.CATEGORY.probabilityOut), mlCategory);
    Column kwTerms = size(filter(col(KeywordTagging.KW_MATCHED_TERMS), t -> t.startsWith(concat(kwCategory, lit(":")))));
    Column kwCategoryStrength = kwTerms.divide(kwTerms.plus(1));
    Column kwCategoryStrong = kwCategory.isNotNull().and(size(col(KeywordTagging.KW_CATEGORIES)).equalTo(1))
        .and(kwTerms.geq(s.categoryKeywordMinTerms()));
    Column hasComment = kwSentiment.isNotNull();
    Column categorySource = when(hasComment.unary_$bang(), lit(null).cast("string"))
        .when(kwCategory.isNotNull().and(kwCategory.equalTo(mlCategory)), lit(AGREE))
        .when(kwCategoryStrong, lit(KEYWORD))
        .when(mlCategory.isNotNull().and(mlCategoryP.geq(s.categoryMinProbability())), lit(MODEL))
        .when(kwCategory.isNotNull(), lit(KEYWORD));
    // null source with a comment: neither model could place it (no category)

    Dataset<Row> decided = rows
        .withColumn(LABEL_SOURCE, sentimentSource)
        .withColumn(CATEGORY_SOURCE, categorySource)
        .withColumn(SENTIMENT_LABEL, when(col(LABEL_SOURCE).equalTo(MODEL), mlSentiment).otherwise(kwSentiment))
        .withColumn(LABEL_CONFIDENCE, when(col(LABEL_SOURCE).equalTo(AGREE), greatest(mlSentimentP, kwSentimentStrength))
            .when(col(LABEL_SOURCE).equalTo(KEYWORD), kwSentimentStrength)
            .when(col(LABEL_SOURCE).equalTo(MODEL), mlSentimentP))
        .withColumn(PRIMARY_CATEGORY, when(col(CATEGORY_SOURCE).equalTo(MODEL), mlCategory)
            .when(col(CATEGORY_SOURCE).isNotNull(), kwCategory))
        .withColumn(CATEGORY_CONFIDENCE, when(col(CATEGORY_SOURCE).equalTo(AGREE), greatest(mlCategoryP, kwCategoryStrength))
            .when(col(CATEGORY_SOURCE).equalTo(KEYWORD), kwCategoryStrength)
            .when(col(CATEGORY_SOURCE).equalTo(MODEL), mlCategoryP));
    return decided.withColumn(NEEDS_REVIEW, when(hasComment,
        col(LABEL_CONFIDENCE).lt(s.reviewBelow())
            .or(col(PRIMARY_CATEGORY).isNull())
            .or(col(CATEGORY_CONFIDENCE).lt(s.reviewBelow()))));
  }
}
