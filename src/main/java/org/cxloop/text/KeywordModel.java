package org.cxloop.text;

import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The keyword model: a category taxonomy and sentiment lexicons with negation and intensifiers, for
 * comments in Polish, Russian and English, loaded from the analyst-editable files in
 * {@code conf/text/} (format: {@code conf/text/README.md}).
 *
 * <p>How a comment is scored: each sentiment term contributes its polarity (-3..+3); an
 * intensifier up to {@link KeywordModelSettings#intensifierWindowTokens} tokens before it
 * multiplies it; a negation word up to {@link KeywordModelSettings#negationWindowTokens} tokens
 * before it (or a Polish "nie" glued to it: "niemiła") flips it, scaled by the negation factors,
 * and then the intensifier is ignored ("nie bardzo miła" is simply not nice). Punctuation ends both
 * scopes. The sum x is squashed to x / sqrt(x² + alpha), which keeps the sign, grows with more or
 * stronger terms and never leaves (-1, 1).
 *
 * <p>Immutable and serialisable, so a Spark job loads it once on the driver and ships it to the
 * executors; the Lucene analyzers are rebuilt lazily on each executor.
 */
public final class KeywordModel implements Serializable {

  private static final long serialVersionUID = 1L;

  public static final String TAXONOMY_FILE = "taxonomy.tsv";
  public static final String EMOJI_SENTIMENT_FILE = "sentiment_emoji.tsv";
  public static final String NEGATIONS_FILE = "negations.tsv";
  public static final String INTENSIFIERS_FILE = "intensifiers.tsv";
  public static final String SETTINGS_FILE = "keyword-model.properties";

  private static final Pattern CATEGORY_NAME = Pattern.compile("[a-z][a-z0-9_]*");
  private static final String GLUED_NEGATION = "nie";
  /** "nie" + at least this many letters, so "nieco" or "niech" are never split. */
  private static final int GLUED_REMAINDER_MIN_LENGTH = 4;
  private static final int MAX_POLARITY = 3;

  /** The rules of one language. Keys of the two maps are folded surface forms. */
  private record LanguageRules(
      Lexicon<Integer> categories, // meaning: index into KeywordModel.categories
      Lexicon<Integer> sentiment, // meaning: polarity
      Map<String, Integer> negationWindows,
      Map<String, Double> intensifiers) implements Serializable {}

  private final KeywordModelSettings settings;
  private final List<String> categories;
  private final Map<String, LanguageRules> rules;
  private final String taxonomyVersion;
  private final TextAnalyzer analyzer;

  private KeywordModel(KeywordModelSettings settings, List<String> categories,
      Map<String, LanguageRules> rules, String taxonomyVersion, TextAnalyzer analyzer) {
    this.settings = settings;
    this.categories = List.copyOf(categories);
    this.rules = Map.copyOf(rules);
    this.taxonomyVersion = taxonomyVersion;
    this.analyzer = analyzer;
  }

  /** The name of a language's sentiment lexicon, e.g. {@code sentiment_pl.tsv}. */
  public static String sentimentFile(String language) {
    return "sentiment_" + language + ".tsv";
  }

  /**
   * Loads the model from a directory holding the taxonomy, the sentiment lexicons, the negations,
   * the intensifiers and the settings.
   *
   * @throws IllegalArgumentException naming the file and line, when a file is missing or a line is
   *     wrong
   */
  public static KeywordModel load(Path textConfDir) {
    TextAnalyzer analyzer = new TextAnalyzer();
    KeywordModelSettings settings = KeywordModelSettings.read(textConfDir.resolve(SETTINGS_FILE));
    Map<String, Lexicon<Integer>> categoryLexicons = new HashMap<>();
    Map<String, Lexicon<Integer>> sentimentLexicons = new HashMap<>();
    Map<String, Map<String, Integer>> negations = new HashMap<>();
    Map<String, Map<String, Double>> intensifiers = new HashMap<>();
    for (String lang : LanguageDetector.SUPPORTED) {
      categoryLexicons.put(lang, new Lexicon<>());
      sentimentLexicons.put(lang, new Lexicon<>());
      negations.put(lang, new HashMap<>());
      intensifiers.put(lang, new HashMap<>());
    }

    List<String> categories = new ArrayList<>();
    String version = readTaxonomy(textConfDir.resolve(TAXONOMY_FILE), analyzer, categories, categoryLexicons);
    for (String lang : LanguageDetector.SUPPORTED) {
      readSentiment(textConfDir.resolve(sentimentFile(lang)), List.of(lang), analyzer, sentimentLexicons);
    }
    readSentiment(textConfDir.resolve(EMOJI_SENTIMENT_FILE), LanguageDetector.SUPPORTED,
        analyzer, sentimentLexicons);
    readNegations(textConfDir.resolve(NEGATIONS_FILE), settings, analyzer, negations);
    readIntensifiers(textConfDir.resolve(INTENSIFIERS_FILE), analyzer, intensifiers);

    Map<String, LanguageRules> rules = new HashMap<>();
    for (String lang : LanguageDetector.SUPPORTED) {
      rules.put(lang, new LanguageRules(categoryLexicons.get(lang), sentimentLexicons.get(lang),
          Map.copyOf(negations.get(lang)), Map.copyOf(intensifiers.get(lang))));
    }
    return new KeywordModel(settings, categories, rules, version, analyzer);
  }

  /**
   * A stable hash (SHA-256, hex) of the taxonomy: its category, language and term lines in file
   * order. Comments, blank lines and spacing do not change it; any change to a rule does. A model
   * trained on keyword categories records it.
   */
  public String taxonomyVersion() {
    return taxonomyVersion;
  }

  /** The categories in taxonomy order (the order of their first line in the taxonomy file). */
  public List<String> categories() {
    return categories;
  }

  public KeywordModelSettings settings() {
    return settings;
  }

  /**
   * Tags one comment.
   *
   * @param comment free text, may be null or blank
   * @param language pl / ru / en as recorded by the survey tool; null, empty or anything else means
   *     "detect it" (see {@link LanguageDetector})
   */
  public TagResult tag(String comment, String language) {
    String normalized = TextNormalizer.normalize(comment);
    if (normalized == null) {
      return TagResult.EMPTY; // blank comments never reach Lucene
    }
    String lang = LanguageDetector.resolve(language, normalized);
    return tagTokens(lang, normalized, analyzer.tokens(lang, normalized));
  }

  /**
   * The tags and the labels of another term list (escalation signals) from one analysis of the
   * comment: Lucene's tokenising and stemming is most of the cost of either, so a second list
   * read from the same tokens is almost free. The labels are as {@link TermList#labelsIn} gives.
   */
  public Tagged tagWith(String comment, String language, TermList other) {
    String normalized = TextNormalizer.normalize(comment);
    if (normalized == null) {
      return new Tagged(TagResult.EMPTY, List.of());
    }
    String lang = LanguageDetector.resolve(language, normalized);
    List<Token> tokens = analyzer.tokens(lang, normalized);
    return new Tagged(tagTokens(lang, normalized, tokens), other.labelsIn(lang, tokens));
  }

  /** What {@link #tagWith} returns. */
  public record Tagged(TagResult result, List<String> otherLabels) {}

  private TagResult tagTokens(String lang, String normalized, List<Token> tokens) {
    LanguageRules r = rules.get(lang);

    int[] categoryHits = new int[categories.size()];
    int[] categoryCoveredUntil = new int[categories.size()];
    Set<String> matched = new LinkedHashSet<>();
    double sum = 0;
    boolean anyNegated = false;
    int negationUntil = -1;
    int intensityUntil = -1;
    double intensity = 1;
    int sentimentCoveredUntil = 0;

    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      if (token.clauseStart()) {
        negationUntil = -1;
        intensityUntil = -1;
      }
      Token glued = gluedRemainder(lang, token, r);

      List<Lexicon.Entry<Integer>> categoryMatches = r.categories().matchesAt(tokens, i);
      if (categoryMatches.isEmpty() && glued != null) {
        categoryMatches = r.categories().matchesAt(List.of(glued), 0);
      }
      countCategories(categoryMatches, i, categoryHits, categoryCoveredUntil, matched);

      if (i < sentimentCoveredUntil) {
        continue; // inside a sentiment phrase already scored
      }
      Lexicon.Entry<Integer> term = Lexicon.longest(r.sentiment().matchesAt(tokens, i));
      boolean gluedNegation = false;
      if (term == null && glued != null) {
        term = Lexicon.longest(r.sentiment().matchesAt(List.of(glued), 0));
        gluedNegation = term != null;
      }
      if (term != null) {
        int polarity = term.meaning();
        // "nie jest niemiła": a glued negation inside a negation scope cancels out.
        boolean negated = gluedNegation ^ (i <= negationUntil);
        boolean intensified = !negated && i <= intensityUntil;
        if (negated) {
          sum -= polarity * (polarity > 0 ? settings.negatedPositiveFactor() : settings.negatedNegativeFactor());
        } else {
          sum += intensified ? polarity * intensity : polarity;
        }
        anyNegated |= negated;
        matched.add((polarity > 0 ? "+:" : "-:") + term.term().text() + (negated ? "(neg)" : "")
            + (intensified ? "(x" + BigDecimal.valueOf(intensity).stripTrailingZeros().toPlainString() + ")" : ""));
        sentimentCoveredUntil = i + term.term().words().size();
        intensityUntil = -1;
        continue;
      }
      Integer window = r.negationWindows().get(token.foldedSurface());
      if (window != null) {
        negationUntil = i + window;
        continue;
      }
      Double multiplier = r.intensifiers().get(token.foldedSurface());
      if (multiplier != null) {
        // "very very good" multiplies; an expired intensifier does not carry over.
        intensity = (i <= intensityUntil ? intensity : 1) * multiplier;
        intensityUntil = i + settings.intensifierWindowTokens();
      }
    }
    return result(lang, normalized, categoryHits, sum, matched, anyNegated);
  }

  /**
   * For a Polish word starting with "nie" that is neither a term nor a negation word itself
   * ("niemiła", "niekompetentny", "niedostarczona"), the rest of the word analysed on its own;
   * otherwise null. Words listed as terms in full ("niestety", "niezawodny") never get here because
   * the full match is tried first, and a rest that matches no term ("niedziela" → "dziela")
   * changes nothing.
   */
  private Token gluedRemainder(String lang, Token token, LanguageRules r) {
    String s = token.surface();
    if (!LanguageDetector.POLISH.equals(lang) || !s.startsWith(GLUED_NEGATION)
        || s.length() < GLUED_NEGATION.length() + GLUED_REMAINDER_MIN_LENGTH
        || r.negationWindows().containsKey(token.foldedSurface())) {
      return null;
    }
    return analyzer.word(lang, s.substring(GLUED_NEGATION.length()));
  }

  /** Counts each category at most once per token span: the longest of its terms starting here. */
  private void countCategories(List<Lexicon.Entry<Integer>> matches, int position, int[] hits,
      int[] coveredUntil, Set<String> matched) {
    Map<Integer, Lexicon.Entry<Integer>> longestPerCategory = new HashMap<>();
    for (Lexicon.Entry<Integer> e : matches) {
      int c = e.meaning();
      Lexicon.Entry<Integer> best = longestPerCategory.get(c);
      if (position >= coveredUntil[c]
          && (best == null || e.term().words().size() > best.term().words().size())) {
        longestPerCategory.put(c, e);
      }
    }
    for (Lexicon.Entry<Integer> e : matches) {
      int c = e.meaning();
      if (longestPerCategory.get(c) == e) {
        hits[c]++;
        coveredUntil[c] = position + e.term().words().size();
        matched.add(categories.get(c) + ":" + e.term().text());
      }
    }
  }

  private TagResult result(String lang, String normalized, int[] categoryHits, double sum,
      Set<String> matched, boolean negated) {
    List<String> found = new ArrayList<>();
    String primary = null;
    int primaryHits = 0;
    for (int c = 0; c < categoryHits.length; c++) {
      if (categoryHits[c] > 0) {
        found.add(categories.get(c));
      }
      if (categoryHits[c] > primaryHits) { // strictly greater: ties keep the earlier category
        primary = categories.get(c);
        primaryHits = categoryHits[c];
      }
    }
    double score = sum / Math.sqrt(sum * sum + settings.squashAlpha());
    String label = score <= settings.negativeMax() ? TagResult.NEGATIVE
        : score >= settings.positiveMin() ? TagResult.POSITIVE : TagResult.NEUTRAL;
    return new TagResult(lang, normalized, List.copyOf(found), primary, score, label,
        List.copyOf(matched), negated);
  }

  // ---- loading ----

  private static String readTaxonomy(Path file, TextAnalyzer analyzer, List<String> categories,
      Map<String, Lexicon<Integer>> lexicons) {
    MessageDigest digest = sha256();
    Set<String> seen = new HashSet<>();
    List<ConfigLines.Line> lines = ConfigLines.read(file);
    for (ConfigLines.Line line : lines) {
      String[] f = line.fields(3, 3, "category, language and term");
      String category = f[0];
      String lang = language(line, f[1]);
      if (!CATEGORY_NAME.matcher(category).matches()) {
        throw line.error("'" + category + "' is not a category name",
            "Use lower-case letters, digits and '_' (e.g. waiting_time)");
      }
      String canonical = category + "\t" + lang + "\t" + f[2];
      if (!seen.add(canonical)) {
        throw line.error("the term '" + f[2] + "' is listed twice for " + category + "/" + lang,
            "Delete one of the lines");
      }
      if (!categories.contains(category)) {
        categories.add(category);
      }
      lexicons.get(lang).add(term(line, f[2], lang, analyzer), categories.indexOf(category));
      digest.update((canonical + "\n").getBytes(StandardCharsets.UTF_8));
    }
    if (lines.isEmpty()) {
      throw TextErrors.badFile(file, "has no terms", "Add category<TAB>language<TAB>term lines");
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static void readSentiment(Path file, List<String> languages, TextAnalyzer analyzer,
      Map<String, Lexicon<Integer>> lexicons) {
    Set<String> seen = new HashSet<>();
    for (ConfigLines.Line line : ConfigLines.read(file)) {
      String[] f = line.fields(2, 2, "term and polarity");
      int polarity;
      try {
        polarity = Integer.parseInt(f[1].startsWith("+") ? f[1].substring(1) : f[1]);
      } catch (NumberFormatException e) {
        polarity = 0;
      }
      if (polarity == 0 || Math.abs(polarity) > MAX_POLARITY) {
        throw line.error("the polarity '" + f[1] + "' is not one of -3..-1, 1..3",
            "Use -3 (very negative) to 3 (very positive); delete neutral terms");
      }
      if (!seen.add(f[0])) {
        throw line.error("the term '" + f[0] + "' is listed twice", "Delete one of the lines");
      }
      for (String lang : languages) {
        lexicons.get(lang).add(term(line, f[0], lang, analyzer), polarity);
      }
    }
  }

  private static void readNegations(Path file, KeywordModelSettings settings, TextAnalyzer analyzer,
      Map<String, Map<String, Integer>> negations) {
    for (ConfigLines.Line line : ConfigLines.read(file)) {
      String[] f = line.fields(2, 3, "language, word and an optional window");
      String lang = language(line, f[0]);
      int window = settings.negationWindowTokens();
      if (f.length == 3) {
        window = positiveInt(line, f[2]);
      }
      negations.get(lang).put(singleWord(line, f[1], lang, analyzer), window);
    }
  }

  private static void readIntensifiers(Path file, TextAnalyzer analyzer,
      Map<String, Map<String, Double>> intensifiers) {
    for (ConfigLines.Line line : ConfigLines.read(file)) {
      String[] f = line.fields(3, 3, "language, word and multiplier");
      String lang = language(line, f[0]);
      double multiplier;
      try {
        multiplier = Double.parseDouble(f[2]);
      } catch (NumberFormatException e) {
        multiplier = -1;
      }
      if (!(multiplier > 0) || multiplier == 1 || multiplier > MAX_POLARITY) {
        throw line.error("the multiplier '" + f[2] + "' is not a number in (0, 3] other than 1",
            "Use e.g. 1.5 to strengthen or 0.5 to soften");
      }
      intensifiers.get(lang).put(singleWord(line, f[1], lang, analyzer), multiplier);
    }
  }

  private static TermPattern term(ConfigLines.Line line, String text, String lang, TextAnalyzer analyzer) {
    String[] problem = new String[1];
    TermPattern term = TermPattern.parse(text, lang, analyzer, problem);
    if (term == null) {
      throw line.error(problem[0], "Write a word, a phrase of words, or a prefix like obsłu*");
    }
    return term;
  }

  /** Negations and intensifiers match one word as written (not stemmed): its folded surface. */
  private static String singleWord(ConfigLines.Line line, String word, String lang, TextAnalyzer analyzer) {
    String normalized = TextNormalizer.normalize(word);
    Token token = normalized == null ? null : analyzer.word(lang, normalized);
    if (token == null) {
      throw line.error("'" + word + "' is not a single word", "Write one word per line");
    }
    return token.foldedSurface();
  }

  private static String language(ConfigLines.Line line, String lang) {
    if (!LanguageDetector.SUPPORTED.contains(lang)) {
      throw line.error("unknown language '" + lang + "'", "Use one of pl, ru, en");
    }
    return lang;
  }

  private static int positiveInt(ConfigLines.Line line, String value) {
    try {
      int v = Integer.parseInt(value);
      if (v >= 1) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw line.error("the window '" + value + "' is not a whole number of tokens >= 1",
        "Write e.g. 1, or leave the field out for the default");
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }
}
