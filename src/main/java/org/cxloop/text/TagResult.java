package org.cxloop.text;

import java.util.List;

/**
 * What the keyword model found in one comment; the fields are the {@code KeywordTagging} output
 * columns of the same meaning.
 *
 * @param language pl / ru / en, null for an empty comment
 * @param normalized the normalised comment, null for an empty comment
 * @param categories categories found, in taxonomy order; empty when none
 * @param primaryCategory the category with the most matched terms (ties: taxonomy order), or null
 * @param sentimentScore the squashed sentiment in (-1, 1), null for an empty comment
 * @param sentimentLabel negative / neutral / positive, null for an empty comment
 * @param matchedTerms why: {@code category:term} and {@code +:term} / {@code -:term} with
 *     {@code (neg)} when negated and {@code (x1.5)} when intensified, in comment order
 * @param negated true when a negation flipped at least one sentiment term
 */
public record TagResult(
    String language,
    String normalized,
    List<String> categories,
    String primaryCategory,
    Double sentimentScore,
    String sentimentLabel,
    List<String> matchedTerms,
    boolean negated) {

  public static final String NEGATIVE = "negative";
  public static final String NEUTRAL = "neutral";
  public static final String POSITIVE = "positive";

  /** The result for a null, empty or blank comment. */
  public static final TagResult EMPTY =
      new TagResult(null, null, List.of(), null, null, null, List.of(), false);
}
