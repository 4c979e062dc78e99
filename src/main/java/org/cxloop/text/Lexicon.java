package org.cxloop.text;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Terms of one language with what each means (a category, a polarity), indexed by the lookup keys
 * of their first word so that a comment token is compared with a handful of terms, not all.
 */
final class Lexicon<T extends Serializable> implements Serializable {

  private static final long serialVersionUID = 1L;

  record Entry<T>(TermPattern term, T meaning) implements Serializable {}

  private final Map<String, List<Entry<T>>> byFirstKey = new HashMap<>();
  /**
   * Prefix terms by the first {@link TermPattern#MIN_PREFIX_LENGTH} letters of their first word:
   * a token can only match a prefix it starts with, so it is compared with the few terms sharing
   * its first letters instead of every prefix term of the language (in file order within a key).
   */
  private final Map<String, List<Entry<T>>> byFirstPrefix = new HashMap<>();

  void add(TermPattern term, T meaning) {
    Entry<T> entry = new Entry<>(term, meaning);
    TermPattern.Word first = term.words().get(0);
    if (first.prefix() != null) {
      byFirstPrefix.computeIfAbsent(first.prefix().substring(0, TermPattern.MIN_PREFIX_LENGTH), k -> new ArrayList<>())
          .add(entry);
    } else {
      for (String key : first.keys()) {
        byFirstKey.computeIfAbsent(key, k -> new ArrayList<>()).add(entry);
      }
    }
  }

  /**
   * Every entry whose term matches the tokens starting at {@code start}: prefix terms first, then
   * stemmed terms, each group in file order. Prefix terms come first because they are the more
   * specific rule when both match one word ("helpful*" over the stem of "help").
   */
  List<Entry<T>> matchesAt(List<Token> tokens, int start) {
    Set<Entry<T>> found = new LinkedHashSet<>();
    String surface = tokens.get(start).foldedSurface();
    List<Entry<T>> prefixed = surface.length() < TermPattern.MIN_PREFIX_LENGTH ? List.of()
        : byFirstPrefix.getOrDefault(surface.substring(0, TermPattern.MIN_PREFIX_LENGTH), List.of());
    for (Entry<T> e : prefixed) {
      if (e.term().matchesAt(tokens, start)) {
        found.add(e);
      }
    }
    for (String key : tokens.get(start).keys()) {
      for (Entry<T> e : byFirstKey.getOrDefault(key, List.of())) {
        if (e.term().matchesAt(tokens, start)) {
          found.add(e);
        }
      }
    }
    return new ArrayList<>(found);
  }

  /** The entry with the most words among {@code matches} (the first of equals), or null. */
  static <T> Entry<T> longest(List<Entry<T>> matches) {
    Entry<T> best = null;
    for (Entry<T> e : matches) {
      if (best == null || e.term().words().size() > best.term().words().size()) {
        best = e;
      }
    }
    return best;
  }
}
