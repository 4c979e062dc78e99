package org.cxloop.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguageDetectorTest {

  @Test
  void detectsCyrillicAsRussianEvenWithLatinBrandNames() {
    assertThat(LanguageDetector.detect("курьер dpd опоздал на два дня")).isEqualTo("ru");
  }

  @Test
  void detectsPolishByDiacriticsOrByCommonWordsTypedWithoutThem() {
    assertThat(LanguageDetector.detect("paczka dotarła uszkodzona")).isEqualTo("pl");
    assertThat(LanguageDetector.detect("obsluga nie byla mila")).isEqualTo("pl");
  }

  @Test
  void fallsBackToEnglish() {
    assertThat(LanguageDetector.detect("the courier was late")).isEqualTo("en");
    assertThat(LanguageDetector.detect("👍 10/10")).as("no evidence at all").isEqualTo("en");
  }

  @Test
  void usesTheRecordedLanguageWhenItIsSupportedAndDetectsOtherwise() {
    assertThat(LanguageDetector.resolve("RU", "the courier was late")).isEqualTo("ru");
    assertThat(LanguageDetector.resolve("pl-PL", "the courier was late")).isEqualTo("pl");
    assertThat(LanguageDetector.resolve("", "курьер опоздал")).isEqualTo("ru");
    assertThat(LanguageDetector.resolve(null, "kurier się spóźnił")).isEqualTo("pl");
    assertThat(LanguageDetector.resolve("de", "kurier się spóźnił")).isEqualTo("pl");
  }
}
