package org.cxloop.text;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A configured term: one or more words matched against consecutive tokens. A word is either
 * stemmed (matches a token when they share a lookup key, see {@link TextAnalyzer}) or an explicit
 * prefix written {@code obsłu*} (matches a token whose surface starts with it, diacritics folded).
 *
 * @param text the term as written in the file, shown to analysts in {@code kw_matched_terms}
 */
record TermPattern(String text, List<Word> words) implements Serializable {

  /** Shorter prefixes match far too much ("n*" would catch every Polish negation). */
  static final int MIN_PREFIX_LENGTH = 3;

  record Word(String prefix, String[] keys) implements Serializable {

    boolean matches(Token token) {
      if (prefix != null) {
        return token.foldedSurface().startsWith(prefix);
      }
      for (String k : token.keys()) {
        for (String own : keys) {
          if (k.equals(own)) {
            return true;
          }
        }
      }
      return false;
    }
  }

  /** True when the words match the tokens starting at {@code start}. */
  boolean matchesAt(List<Token> tokens, int start) {
    if (start + words.size() > tokens.size()) {
      return false;
    }
    for (int j = 0; j < words.size(); j++) {
      if (!words.get(j).matches(tokens.get(start + j))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Parses a term from a configuration file.
   *
   * @return the pattern, or {@code null} with {@code problem[0]} set when the term is unusable
   */
  static TermPattern parse(String text, String language, TextAnalyzer analyzer, String[] problem) {
    String normalized = TextNormalizer.normalize(text);
    if (normalized == null) {
      problem[0] = "the term is empty";
      return null;
    }
    List<Word> words = new ArrayList<>();
    for (String part : normalized.split(" ")) {
      if (part.endsWith("*")) {
        String prefix = TextNormalizer.foldPolish(part.substring(0, part.length() - 1));
        if (prefix.length() < MIN_PREFIX_LENGTH || !prefix.chars().allMatch(Character::isLetter)) {
          problem[0] = "the prefix '" + part + "' must be at least " + MIN_PREFIX_LENGTH
              + " letters followed by one '*'";
          return null;
        }
        words.add(new Word(prefix, null));
      } else {
        // A word the tokenizer splits ("e-mail") becomes consecutive words, as in a comment.
        List<Token> tokens = analyzer.tokens(language, part);
        if (tokens.isEmpty()) {
          problem[0] = "'" + part + "' contains no letters, digits or emoji";
          return null;
        }
        for (Token t : tokens) {
          words.add(new Word(null, t.keys()));
        }
      }
    }
    return new TermPattern(text, List.copyOf(words));
  }
}
