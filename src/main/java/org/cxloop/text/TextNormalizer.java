package org.cxloop.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one normalisation every comment and every configured term goes through, so that both sides
 * of a keyword match are spelled the same way.
 */
public final class TextNormalizer {

  // \s alone misses Unicode separators (e.g. the ideographic space); NFKC already turns NBSP into
  // a space, but other Z characters survive it.
  private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Z}]+");

  private static final String POLISH_LETTERS = "ąćęłńóśźż";
  private static final String POLISH_FOLDED = "acelnoszz";

  private TextNormalizer() {}

  /**
   * Unicode NFKC (full-width letters, ligatures such as {@code ﬁ}), lower case in
   * {@link Locale#ROOT} (not the JVM's locale: a Turkish default would turn {@code I} into a
   * dotless {@code ı}), {@code ё} → {@code е} (Russian writers use both), whitespace collapsed to one
   * space, trimmed.
   *
   * @return the normalised text, or {@code null} when the comment is null, empty or blank
   */
  public static String normalize(String text) {
    if (text == null) {
      return null;
    }
    String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).replace('ё', 'е');
    s = WHITESPACE.matcher(s).replaceAll(" ").trim();
    return s.isEmpty() ? null : s;
  }

  /**
   * Replaces the nine Polish diacritic letters with their ASCII base letter ({@code obsługa} →
   * {@code obsluga}), for comments typed without Polish diacritics. Deliberately not a generic
   * "strip all combining marks": that would turn the Russian {@code й} into {@code и}.
   */
  static String foldPolish(String lowerCase) {
    StringBuilder sb = null;
    for (int i = 0; i < lowerCase.length(); i++) {
      int k = POLISH_LETTERS.indexOf(lowerCase.charAt(i));
      if (k >= 0) {
        if (sb == null) {
          sb = new StringBuilder(lowerCase);
        }
        sb.setCharAt(i, POLISH_FOLDED.charAt(k));
      }
    }
    return sb == null ? lowerCase : sb.toString();
  }

  /** True when the text contains one of the Polish diacritic letters (lower case). */
  static boolean hasPolishLetter(String lowerCase) {
    for (int i = 0; i < lowerCase.length(); i++) {
      if (POLISH_LETTERS.indexOf(lowerCase.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }
}
