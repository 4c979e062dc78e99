package org.cxloop.text;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Picks the comment language when the survey tool did not record it: a deliberately small rule set
 * for three languages with different scripts or letters, not a statistical detector.
 *
 * <ol>
 *   <li>more Cyrillic than Latin letters → {@code ru};
 *   <li>otherwise Polish evidence (words with Polish letters, or frequent Polish words that also
 *       survive typing without diacritics, e.g. "nie", "bardzo") outweighing English evidence
 *       (frequent English function words) → {@code pl};
 *   <li>otherwise {@code en}.
 * </ol>
 */
public final class LanguageDetector {

  public static final String POLISH = "pl";
  public static final String RUSSIAN = "ru";
  public static final String ENGLISH = "en";
  public static final List<String> SUPPORTED = List.of(POLISH, RUSSIAN, ENGLISH);

  // Recorded values such as "PL", "pl-PL" or "ru_RU" mean the same language.
  private static final Pattern GIVEN = Pattern.compile("(pl|ru|en)([-_][a-z]+)?");
  private static final Pattern WORD = Pattern.compile("[^\\p{L}]+");

  private static final Set<String> POLISH_WORDS = Set.of(
      "nie", "jest", "byl", "byla", "bylo", "sie", "bardzo", "ale", "czy", "juz", "jak", "ze",
      "mnie", "tylko", "przez", "jestem", "dla", "oraz", "jeszcze", "tak", "ktory", "ktora",
      "polecam", "obsluga", "dziekuje", "kurier", "paczka", "szybko", "dobrze", "wszystko", "mi",
      "pani", "pan", "sa", "od", "po", "za", "zamowienie", "godzin", "dni", "zawsze", "nigdy");
  private static final Set<String> ENGLISH_WORDS = Set.of(
      "the", "was", "is", "are", "were", "and", "not", "very", "my", "it", "to", "of", "for",
      "with", "you", "they", "but", "have", "had", "this", "that", "no", "i", "me", "your",
      "service", "delivery", "good", "great", "bad", "never", "would", "did", "on", "in");

  private LanguageDetector() {}

  /**
   * The language to analyse a comment in: the recorded one when it is pl/ru/en (case and a region
   * suffix ignored), otherwise detected from the text.
   *
   * @param given the recorded language, may be null or empty
   * @param normalized the comment after {@link TextNormalizer#normalize}, not null
   */
  public static String resolve(String given, String normalized) {
    if (given != null) {
      String g = given.trim().toLowerCase(Locale.ROOT);
      if (GIVEN.matcher(g).matches()) {
        return g.substring(0, 2);
      }
    }
    return detect(normalized);
  }

  /** Detects pl/ru/en from normalised (lower case) text; {@code en} when there is no evidence. */
  public static String detect(String normalized) {
    int cyrillic = 0;
    int latin = 0;
    for (int i = 0; i < normalized.length(); i++) {
      Character.UnicodeScript script = Character.UnicodeScript.of(normalized.charAt(i));
      if (script == Character.UnicodeScript.CYRILLIC) {
        cyrillic++;
      } else if (script == Character.UnicodeScript.LATIN) {
        latin++;
      }
    }
    if (cyrillic > latin) {
      return RUSSIAN;
    }
    int polish = 0;
    int english = 0;
    for (String word : WORD.split(normalized)) {
      if (word.isEmpty()) {
        continue;
      }
      if (TextNormalizer.hasPolishLetter(word) || POLISH_WORDS.contains(TextNormalizer.foldPolish(word))) {
        polish++;
      }
      if (ENGLISH_WORDS.contains(word)) {
        english++;
      }
    }
    return polish > english ? POLISH : ENGLISH;
  }
}
