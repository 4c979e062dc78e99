package org.cxloop.model;

import java.util.List;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.CountVectorizer;
import org.apache.spark.ml.feature.IDF;
import org.apache.spark.ml.feature.NGram;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.VectorAssembler;

/**
 * The feature pipeline both models share, and the classifier at its end. Stages are wired by their
 * output columns, all prefixed with the model's name so that two models can run on one Dataset.
 *
 * <p>Input: {@value #TEXT} (the keyword model's normalisation: NFKC, lower case, ё→е) and
 * {@value #LANGUAGE}. Features: word tokens (plus a {@code __lang_xx} token when language is a
 * feature) and character 3- and 4-grams over the whole text, each counted over a vocabulary of the training comments and IDF-weighted. The
 * character n-grams are what lets {@code obsługa / obsługi / obsługą} share evidence
 * ({@code obs}, {@code bsł}, {@code sług}) without a stemmer inside the model.
 */
public final class TextFeatures {

  /** Input column: normalised comment text, never null (empty comments are not scored). */
  public static final String TEXT = "__ml_text";
  /** Input column: comment language (pl, ru, en). */
  public static final String LANGUAGE = "__ml_language";
  /** Input column (training only): label index in the model's label order. */
  public static final String LABEL = "__ml_label";
  /** Input column (training only): class weight of the row. */
  public static final String WEIGHT = "__ml_weight";

  /** Largest word vocabulary kept (most frequent first). */
  static final int WORD_VOCABULARY = 1 << 14;
  /** Largest character n-gram vocabulary kept. */
  static final int CHAR_VOCABULARY = 1 << 16;
  /**
   * A term must occur in at least this many training comments to be a feature: drops typos and
   * names, and keeps the coefficient matrix (classes x features, broadcast on every optimizer
   * iteration) small. A vocabulary rather than hashing for the same reason: no empty buckets.
   */
  static final int MIN_DOC_FREQ = 2;

  private TextFeatures() {}

  /** Output column names of one model's stages. */
  public record Columns(String prefix) {
    String words() { return prefix + "words"; }
    String wordsWithLanguage() { return prefix + "words_lang"; }
    String chars() { return prefix + "chars"; }
    String char3() { return prefix + "char3"; }
    String char4() { return prefix + "char4"; }
    String charGrams() { return prefix + "char_grams"; }
    String wordTf() { return prefix + "word_tf"; }
    String wordTfIdf() { return prefix + "word_tfidf"; }
    String charTf() { return prefix + "char_tf"; }
    String charTfIdf() { return prefix + "char_tfidf"; }
    String features() { return prefix + "features"; }
    public String rawPrediction() { return prefix + "raw"; }
    public String probability() { return prefix + "probability"; }
    public String prediction() { return prefix + "prediction"; }

    List<String> all() {
      return List.of(words(), wordsWithLanguage(), chars(), char3(), char4(), charGrams(), wordTf(), wordTfIdf(),
          charTf(), charTfIdf(), features(), rawPrediction(), probability(), prediction());
    }
  }

  /**
   * The stages from text to prediction.
   *
   * @param languageFeature add the language as a token (one model for all languages); false for
   *     a per-language model, where it would be constant
   */
  public static PipelineStage[] stages(Columns c, boolean languageFeature, LogisticRegression classifier) {
    RegexTokenizer words = new RegexTokenizer().setInputCol(TEXT).setOutputCol(c.words())
        .setPattern("[^\\p{L}\\p{N}]+").setGaps(true).setMinTokenLength(1).setToLowercase(false);
    // The language token goes in with the words so it is weighted like one (IDF ~ its rarity).
    SQLTransformer withLanguage = new SQLTransformer().setStatement("SELECT *, "
        + (languageFeature ? "concat(" + c.words() + ", array(concat('__lang_', " + LANGUAGE + ")))" : c.words())
        + " AS " + c.wordsWithLanguage() + " FROM __THIS__");
    // An empty pattern splits into single characters (spaces included, so n-grams see word edges).
    RegexTokenizer chars = new RegexTokenizer().setInputCol(TEXT).setOutputCol(c.chars())
        .setPattern("").setGaps(true).setMinTokenLength(1).setToLowercase(false);
    NGram char3 = new NGram().setN(3).setInputCol(chars.getOutputCol()).setOutputCol(c.char3());
    NGram char4 = new NGram().setN(4).setInputCol(chars.getOutputCol()).setOutputCol(c.char4());
    SQLTransformer charGrams = new SQLTransformer().setStatement("SELECT *, concat(" + c.char3() + ", "
        + c.char4() + ") AS " + c.charGrams() + " FROM __THIS__");
    CountVectorizer wordTf = new CountVectorizer().setInputCol(c.wordsWithLanguage()).setOutputCol(c.wordTf())
        .setVocabSize(WORD_VOCABULARY).setMinDF(MIN_DOC_FREQ);
    IDF wordIdf = new IDF().setInputCol(wordTf.getOutputCol()).setOutputCol(c.wordTfIdf());
    CountVectorizer charTf = new CountVectorizer().setInputCol(c.charGrams()).setOutputCol(c.charTf())
        .setVocabSize(CHAR_VOCABULARY).setMinDF(MIN_DOC_FREQ);
    IDF charIdf = new IDF().setInputCol(charTf.getOutputCol()).setOutputCol(c.charTfIdf());
    VectorAssembler assemble = new VectorAssembler()
        .setInputCols(new String[] {wordIdf.getOutputCol(), charIdf.getOutputCol()}).setOutputCol(c.features());
    classifier.setFeaturesCol(assemble.getOutputCol()).setLabelCol(LABEL).setWeightCol(WEIGHT)
        .setRawPredictionCol(c.rawPrediction()).setProbabilityCol(c.probability()).setPredictionCol(c.prediction());
    return new PipelineStage[] {words, withLanguage, chars, char3, char4, charGrams, wordTf, wordIdf, charTf,
        charIdf, assemble, classifier};
  }
}
