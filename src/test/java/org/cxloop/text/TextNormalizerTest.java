package org.cxloop.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {

  @Test
  void appliesNfkcSoFullWidthLettersAndLigaturesBecomePlainLetters() {
    assertThat(TextNormalizer.normalize("ＯＫ, proﬁl"))
        .as("full-width OK and the fi ligature, lower-cased")
        .isEqualTo("ok, profil");
  }

  @Test
  void lowerCasesWithoutTheJvmLocaleAndFoldsYo() {
    assertThat(TextNormalizer.normalize("Ещё РАЗ")).isEqualTo("еще раз");
    assertThat(TextNormalizer.normalize("INFOLINIA Ł")).as("I stays i, not a dotless ı").isEqualTo("infolinia ł");
  }

  @Test
  void collapsesAllKindsOfWhitespaceAndTrims() {
    assertThat(TextNormalizer.normalize("  kurier\u00A0\u00A0spóźniony\t\n\u3000paczka  "))
        .isEqualTo("kurier spóźniony paczka");
  }

  @Test
  void returnsNullForNullEmptyAndBlankText() {
    assertThat(TextNormalizer.normalize(null)).isNull();
    assertThat(TextNormalizer.normalize("")).isNull();
    assertThat(TextNormalizer.normalize(" \u00A0\t\n ")).isNull();
  }

  @Test
  void foldsPolishDiacriticsOnlyAndLeavesCyrillicAlone() {
    assertThat(TextNormalizer.foldPolish("obsługą źle żółć")).isEqualTo("obsluga zle zolc");
    assertThat(TextNormalizer.foldPolish("который")).as("й must survive").isEqualTo("который");
  }
}
