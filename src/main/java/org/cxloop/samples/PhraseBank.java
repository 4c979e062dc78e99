package org.cxloop.samples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Comment phrases by language, category and sentiment, from {@code samples/phrases_<lang>.tsv}
 * (category, sentiment, phrase), and short answers from {@code samples/short_answers.tsv}
 * (language, sentiment, answer). Lists keep file order, so draws are reproducible.
 */
final class PhraseBank {

  private static final String RESOURCE_DIR = "/samples/";

  private final List<String>[][][] phrases;
  private final List<String>[][] shortAnswers;

  @SuppressWarnings("unchecked")
  private PhraseBank() {
    int languages = Language.values().length;
    int sentiments = Sentiment.values().length;
    phrases = new List[languages][Category.values().length][sentiments];
    shortAnswers = new List[languages][sentiments];
    for (Language language : Language.values()) {
      for (Category category : Category.values()) {
        for (Sentiment s : Sentiment.values()) {
          phrases[language.ordinal()][category.ordinal()][s.ordinal()] = new ArrayList<>();
        }
      }
      for (Sentiment s : Sentiment.values()) {
        shortAnswers[language.ordinal()][s.ordinal()] = new ArrayList<>();
      }
      for (String[] row : read("phrases_" + language.code + ".tsv")) {
        phrases[language.ordinal()][Category.of(row[0]).ordinal()][Sentiment.of(row[1]).ordinal()].add(row[2]);
      }
    }
    for (String[] row : read("short_answers.tsv")) {
      Language language = Language.valueOf(row[0].toUpperCase(Locale.ROOT));
      shortAnswers[language.ordinal()][Sentiment.of(row[1]).ordinal()].add(row[2]);
    }
    checkComplete();
  }

  static PhraseBank load() {
    return new PhraseBank();
  }

  List<String> phrases(Language language, Category category, Sentiment sentiment) {
    return phrases[language.ordinal()][category.ordinal()][sentiment.ordinal()];
  }

  List<String> shortAnswers(Language language, Sentiment sentiment) {
    return shortAnswers[language.ordinal()][sentiment.ordinal()];
  }

  /** Every cell must have phrases, or the composer would fail on a rare combination at row 9 million. */
  private void checkComplete() {
    for (Language language : Language.values()) {
      for (Category category : Category.values()) {
        for (Sentiment s : Sentiment.values()) {
          if (phrases(language, category, s).isEmpty()) {
            throw new IllegalStateException("Cannot compose comments: no " + s.id + " phrase for "
                + category.id + " in phrases_" + language.code + ".tsv. Add at least one.");
          }
        }
      }
      for (Sentiment s : Sentiment.values()) {
        if (shortAnswers(language, s).isEmpty()) {
          throw new IllegalStateException("Cannot compose comments: no " + s.id
              + " short answer for " + language.code + " in short_answers.tsv. Add at least one.");
        }
      }
    }
  }

  private static List<String[]> read(String name) {
    List<String[]> rows = new ArrayList<>();
    try (InputStream in = PhraseBank.class.getResourceAsStream(RESOURCE_DIR + name)) {
      if (in == null) {
        throw new IllegalStateException("Cannot load phrases: resource " + RESOURCE_DIR + name
            + " is missing from the classpath. Build with mvn compile.");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line = reader.readLine(); // header
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        String[] row = line.split("\t", -1);
        if (row.length != 3) {
          throw new IllegalStateException("Cannot load phrases: " + name + " has a line with "
              + row.length + " tab-separated fields, expected 3: " + line);
        }
        rows.add(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }
}
