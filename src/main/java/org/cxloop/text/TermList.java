package org.cxloop.text;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A list of labelled terms ({@code label<TAB>lang<TAB>term} lines) matched exactly like the keyword
 * model's taxonomy: the same normalisation, Lucene stems, phrases and {@code prefix*} terms. Other
 * stages use it for their own keyword lists (the loop stage's escalation signals) without copying
 * the matching rules.
 *
 * <p>Serialisable, so a Spark UDF can carry it; the analyzers are rebuilt lazily on each executor.
 */
public final class TermList implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final Pattern LABEL = Pattern.compile("[a-z][a-z0-9_]*");

  private final List<String> labels;
  private final Map<String, Lexicon<Integer>> byLanguage;
  private final TextAnalyzer analyzer;

  private TermList(List<String> labels, Map<String, Lexicon<Integer>> byLanguage, TextAnalyzer analyzer) {
    this.labels = List.copyOf(labels);
    this.byLanguage = Map.copyOf(byLanguage);
    this.analyzer = analyzer;
  }

  /**
   * Reads {@code label<TAB>lang<TAB>term} lines (format of {@code conf/text/taxonomy.tsv}).
   *
   * @throws IllegalArgumentException naming the file and line when a line is wrong
   */
  public static TermList load(Path file) {
    TextAnalyzer analyzer = new TextAnalyzer();
    Map<String, Lexicon<Integer>> lexicons = new HashMap<>();
    LanguageDetector.SUPPORTED.forEach(l -> lexicons.put(l, new Lexicon<>()));
    List<String> labels = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    List<ConfigLines.Line> lines = ConfigLines.read(file);
    for (ConfigLines.Line line : lines) {
      String[] f = line.fields(3, 3, "label, language and term");
      if (!LABEL.matcher(f[0]).matches()) {
        throw line.error("'" + f[0] + "' is not a label", "Use lower-case letters, digits and '_' (e.g. churn_threat)");
      }
      if (!LanguageDetector.SUPPORTED.contains(f[1])) {
        throw line.error("unknown language '" + f[1] + "'", "Use one of pl, ru, en");
      }
      if (!seen.add(f[0] + "\t" + f[1] + "\t" + f[2])) {
        throw line.error("the term '" + f[2] + "' is listed twice", "Delete one of the lines");
      }
      String[] problem = new String[1];
      TermPattern term = TermPattern.parse(f[2], f[1], analyzer, problem);
      if (term == null) {
        throw line.error(problem[0], "Write a word, a phrase of words, or a prefix like pozw*");
      }
      if (!labels.contains(f[0])) {
        labels.add(f[0]);
      }
      lexicons.get(f[1]).add(term, labels.indexOf(f[0]));
    }
    if (lines.isEmpty()) {
      throw TextErrors.badFile(file, "has no terms", "Add label<TAB>language<TAB>term lines");
    }
    return new TermList(labels, lexicons, analyzer);
  }

  /** The labels in file order (the order of their first line). */
  public List<String> labels() {
    return labels;
  }

  /**
   * The labels whose terms occur in the comment, in file order; empty for a blank comment.
   *
   * @param language pl / ru / en, or anything else to detect it as the keyword model does
   */
  public List<String> labelsIn(String comment, String language) {
    String normalized = TextNormalizer.normalize(comment);
    if (normalized == null) {
      return List.of();
    }
    String lang = LanguageDetector.resolve(language, normalized);
    return labelsIn(lang, analyzer.tokens(lang, normalized));
  }

  /** The same from a comment already analysed (by any {@link TextAnalyzer}: they are all alike). */
  List<String> labelsIn(String lang, List<Token> tokens) {
    Lexicon<Integer> lexicon = byLanguage.get(lang);
    boolean[] hit = new boolean[labels.size()];
    for (int i = 0; i < tokens.size(); i++) {
      for (Lexicon.Entry<Integer> e : lexicon.matchesAt(tokens, i)) {
        hit[e.meaning()] = true;
      }
    }
    List<String> out = new ArrayList<>();
    for (int k = 0; k < hit.length; k++) {
      if (hit[k]) {
        out.add(labels.get(k));
      }
    }
    return out;
  }
}
