package org.cxloop.text;

/**
 * One word of a comment as the keyword model sees it.
 *
 * @param surface the word as written (normalised, lower case): negation words, intensifiers and
 *     prefix terms match this
 * @param keys what a stemmed term can match: the surface and (when usable) the stem, both with
 *     Polish diacritics folded; see {@link TextAnalyzer#keys}
 * @param clauseStart true when punctuation separates this word from the previous one, which ends
 *     a negation or intensifier scope
 */
record Token(String surface, String[] keys, boolean clauseStart) {

  String foldedSurface() {
    return keys[0];
  }
}
