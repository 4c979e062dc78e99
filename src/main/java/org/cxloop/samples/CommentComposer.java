package org.cxloop.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a free-text comment that fits the score and the touchpoint: 1-3 phrases whose sentiment
 * follows the score, about categories the touchpoint makes people talk about, with the noise of
 * real feedback (empty comments, short answers, emojis, typos, a shouted word).
 */
final class CommentComposer {

  /** P(no comment) for detractors, passives, promoters: happy customers write less. */
  private static final double[] EMPTY_SHARE = {0.18, 0.30, 0.40};
  private static final double SHORT_ANSWER_SHARE = 0.07;
  private static final double[] PHRASE_COUNT_WEIGHTS = {55, 33, 12};
  /** Phrase sentiment (negative, neutral, positive) for scores 0-4, 5-6, 7-8, 9-10. */
  private static final double[][] SENTIMENT_WEIGHTS = {
      {85, 15, 0}, {60, 30, 10}, {25, 40, 35}, {3, 17, 80}};
  private static final double EMOJI_SHARE = 0.08;
  private static final double TYPO_SHARE = 0.05;
  private static final double CAPS_SHARE = 0.03;
  private static final int DIGITAL_BONUS = 25;
  private static final String[][] EMOJIS = {{"😡", "🙁", "😡😡"}, {"🙂", "🙁"}, {"👍", "🙂", "⭐⭐⭐⭐⭐"}};

  private final PhraseBank bank;

  CommentComposer(PhraseBank bank) {
    this.bank = bank;
  }

  /**
   * @param touchpoint null for a relational survey
   * @param emojis false for the legacy exports, whose code pages have no emojis
   */
  String compose(SplittableRandom rng, Language language, int score, Touchpoint touchpoint,
      boolean digital, boolean emojis) {
    int group = score <= 6 ? 0 : score <= 8 ? 1 : 2;
    if (Rand.chance(rng, EMPTY_SHARE[group])) {
      return "";
    }
    double[] sentimentWeights = SENTIMENT_WEIGHTS[score <= 4 ? 0 : score <= 6 ? 1 : score <= 8 ? 2 : 3];
    String text;
    if (Rand.chance(rng, SHORT_ANSWER_SHARE)) {
      text = Rand.pick(rng, bank.shortAnswers(language, sentiment(rng, sentimentWeights)));
    } else {
      text = phrases(rng, language, touchpoint, digital, sentimentWeights);
    }
    if (Rand.chance(rng, TYPO_SHARE)) {
      text = typo(rng, language, text);
    }
    if (Rand.chance(rng, CAPS_SHARE)) {
      text = shout(rng, text);
    }
    if (emojis && Rand.chance(rng, EMOJI_SHARE)) {
      text = text + (rng.nextBoolean() ? " " : "") + Rand.pick(rng, EMOJIS[group]);
    }
    return text;
  }

  private String phrases(SplittableRandom rng, Language language, Touchpoint touchpoint,
      boolean digital, double[] sentimentWeights) {
    Map<Category, Integer> weights = touchpoint == null ? Touchpoint.RELATIONAL_CATEGORIES : touchpoint.categoryWeights;
    double[] w = new double[Category.values().length];
    for (Category c : Category.values()) {
      w[c.ordinal()] = weights.getOrDefault(c, 0) + (digital && c == Category.DIGITAL_CHANNELS ? DIGITAL_BONUS : 0);
    }
    int count = 1 + Rand.weighted(rng, PHRASE_COUNT_WEIGHTS);
    List<String> parts = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Category category = Category.values()[Rand.weighted(rng, w)];
      String phrase = Rand.pick(rng, bank.phrases(language, category, sentiment(rng, sentimentWeights)));
      if (!parts.contains(phrase)) {
        parts.add(phrase);
      }
    }
    String ending = Rand.pick(rng, new String[] {".", ".", ".", "", "", "!"});
    return String.join(". ", parts) + ending;
  }

  private static Sentiment sentiment(SplittableRandom rng, double[] weights) {
    return Sentiment.values()[Rand.weighted(rng, weights)];
  }

  /**
   * Polish written without Polish letters (a keyboard without them), a Russian ё written as е,
   * or two neighbouring letters swapped.
   */
  private static String typo(SplittableRandom rng, Language language, String text) {
    if (language == Language.PL && rng.nextBoolean()) {
      return stripPolish(text);
    }
    if (language == Language.RU && text.indexOf('ё') >= 0 && rng.nextBoolean()) {
      return text.replace('ё', 'е');
    }
    for (int attempt = 0; attempt < 10; attempt++) {
      int i = rng.nextInt(Math.max(1, text.length() - 1));
      if (i + 1 < text.length() && Character.isLetter(text.charAt(i))
          && Character.isLetter(text.charAt(i + 1)) && text.charAt(i) != text.charAt(i + 1)) {
        return text.substring(0, i) + text.charAt(i + 1) + text.charAt(i) + text.substring(i + 2);
      }
    }
    return text;
  }

  static String stripPolish(String text) {
    StringBuilder out = new StringBuilder(text.length());
    String from = "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ";
    String to = "acelnoszzACELNOSZZ";
    for (char c : text.toCharArray()) {
      int i = from.indexOf(c);
      out.append(i < 0 ? c : to.charAt(i));
    }
    return out.toString();
  }

  /** One word of four or more letters in capitals, the way angry (or delighted) people write. */
  private static String shout(SplittableRandom rng, String text) {
    String[] words = text.split(" ");
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < words.length; i++) {
      if (words[i].length() >= 4) {
        candidates.add(i);
      }
    }
    if (candidates.isEmpty()) {
      return text;
    }
    int i = Rand.pick(rng, candidates);
    words[i] = words[i].toUpperCase(Locale.ROOT);
    return String.join(" ", words);
  }
}
