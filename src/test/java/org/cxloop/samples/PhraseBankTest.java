package org.cxloop.samples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhraseBankTest {

  private final PhraseBank bank = PhraseBank.load();

  @Test
  void everyLanguageHasSixtyPhrasesPerSentimentCoveringEveryCategory() {
    for (Language language : Language.values()) {
      for (Sentiment sentiment : Sentiment.values()) {
        int total = 0;
        for (Category category : Category.values()) {
          int n = bank.phrases(language, category, sentiment).size();
          assertThat(n).as("%s %s %s phrases", language.code, category.id, sentiment.id).isPositive();
          total += n;
        }
        assertThat(total).as("%s %s phrases", language.code, sentiment.id).isGreaterThanOrEqualTo(60);
      }
    }
  }

  @Test
  void csvQuotingDoublesQuotesAndQuotesDelimiters() {
    assertThat(CsvWriter.quote("plain", ',')).as("plain field").isEqualTo("plain");
    assertThat(CsvWriter.quote("a, b", ',')).as("field with the delimiter").isEqualTo("\"a, b\"");
    assertThat(CsvWriter.quote("a, b", ';')).as("comma in a semicolon file").isEqualTo("a, b");
    assertThat(CsvWriter.quote("the \"express\" one", ',')).as("field with quotes")
        .isEqualTo("\"the \"\"express\"\" one\"");
  }

  @Test
  void typosDropPolishLetters() {
    assertThat(CommentComposer.stripPolish("Obsługa źle, czekałam")).as("without diacritics")
        .isEqualTo("Obsluga zle, czekalam");
  }
}
