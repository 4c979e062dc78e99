package org.cxloop.text;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The numeric knobs of the keyword model, read from {@code keyword-model.properties}
 * ({@code key=value} lines). Every key is declared once below with its default and meaning; a key
 * missing from the file keeps its default, an unknown key is an error (it is usually a typo).
 *
 * @param negationWindowTokens how many tokens after a negation word it reaches (default 3:
 *     "nie była miła" negates "miła")
 * @param intensifierWindowTokens how many tokens after an intensifier it reaches (default 2)
 * @param negatedPositiveFactor a negated positive term contributes {@code -polarity × this}
 *     (default 1.0: "not good" is as bad as "bad" is good)
 * @param negatedNegativeFactor a negated negative term contributes {@code -polarity × this}
 *     (default 0.5: "not bad" is only mildly good)
 * @param squashAlpha the sum of contributions x becomes the score x / sqrt(x² + alpha) in (-1, 1)
 *     (default 4: one term of polarity 2 scores 0.71, polarity 1 scores 0.45)
 * @param negativeMax a score at or below this is labelled negative (default -0.25)
 * @param positiveMin a score at or above this is labelled positive (default 0.25)
 */
public record KeywordModelSettings(
    int negationWindowTokens,
    int intensifierWindowTokens,
    double negatedPositiveFactor,
    double negatedNegativeFactor,
    double squashAlpha,
    double negativeMax,
    double positiveMin) implements Serializable {

  public static final String NEGATION_WINDOW_TOKENS = "negation.window_tokens";
  public static final String INTENSIFIER_WINDOW_TOKENS = "intensifier.window_tokens";
  public static final String NEGATED_POSITIVE_FACTOR = "negation.positive_factor";
  public static final String NEGATED_NEGATIVE_FACTOR = "negation.negative_factor";
  public static final String SQUASH_ALPHA = "sentiment.squash_alpha";
  public static final String NEGATIVE_MAX = "sentiment.negative_max";
  public static final String POSITIVE_MIN = "sentiment.positive_min";

  public static final KeywordModelSettings DEFAULTS =
      new KeywordModelSettings(3, 2, 1.0, 0.5, 4.0, -0.25, 0.25);

  private static final List<String> KEYS = List.of(NEGATION_WINDOW_TOKENS,
      INTENSIFIER_WINDOW_TOKENS, NEGATED_POSITIVE_FACTOR, NEGATED_NEGATIVE_FACTOR, SQUASH_ALPHA,
      NEGATIVE_MAX, POSITIVE_MIN);

  static KeywordModelSettings read(Path file) {
    Map<String, ConfigLines.Line> given = new LinkedHashMap<>();
    for (ConfigLines.Line line : ConfigLines.read(file)) {
      int eq = line.text().indexOf('=');
      String key = eq < 0 ? line.text().strip() : line.text().substring(0, eq).strip();
      if (eq < 0) {
        throw line.error("expected key=value", "Write the line as key=value");
      }
      if (!KEYS.contains(key)) {
        throw line.error("unknown key '" + key + "'", "Use one of " + KEYS);
      }
      if (given.put(key, line) != null) {
        throw line.error("'" + key + "' is set twice", "Keep one of the lines");
      }
    }
    BiFunction<String, Number, Number> value = (key, dflt) -> {
      ConfigLines.Line line = given.get(key);
      if (line == null) {
        return dflt;
      }
      String v = line.text().substring(line.text().indexOf('=') + 1).strip();
      try {
        return dflt instanceof Integer ? (Number) Integer.parseInt(v) : (Number) Double.parseDouble(v);
      } catch (NumberFormatException e) {
        throw line.error("'" + v + "' is not " + (dflt instanceof Integer ? "an integer" : "a number"),
            "Write a value like " + dflt);
      }
    };
    KeywordModelSettings s = new KeywordModelSettings(
        value.apply(NEGATION_WINDOW_TOKENS, DEFAULTS.negationWindowTokens).intValue(),
        value.apply(INTENSIFIER_WINDOW_TOKENS, DEFAULTS.intensifierWindowTokens).intValue(),
        value.apply(NEGATED_POSITIVE_FACTOR, DEFAULTS.negatedPositiveFactor).doubleValue(),
        value.apply(NEGATED_NEGATIVE_FACTOR, DEFAULTS.negatedNegativeFactor).doubleValue(),
        value.apply(SQUASH_ALPHA, DEFAULTS.squashAlpha).doubleValue(),
        value.apply(NEGATIVE_MAX, DEFAULTS.negativeMax).doubleValue(),
        value.apply(POSITIVE_MIN, DEFAULTS.positiveMin).doubleValue());
    String problem = s.problem();
    if (problem != null) {
      throw TextErrors.badFile(file, problem, "Fix the values");
    }
    return s;
  }

  /** What is wrong with these values, or null. */
  private String problem() {
    if (negationWindowTokens < 1 || intensifierWindowTokens < 1) {
      return "the window sizes must be at least 1 token";
    }
    if (negatedPositiveFactor < 0 || negatedNegativeFactor < 0) {
      return "the negation factors must not be negative";
    }
    if (!(squashAlpha > 0)) {
      return SQUASH_ALPHA + " must be greater than 0";
    }
    if (!(-1 < negativeMax && negativeMax < positiveMin && positiveMin < 1)) {
      return "the thresholds must satisfy -1 < " + NEGATIVE_MAX + " < " + POSITIVE_MIN + " < 1";
    }
    return null;
  }
}
