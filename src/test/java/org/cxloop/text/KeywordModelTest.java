package org.cxloop.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped model in conf/text on real comments. Scores: one term of polarity p gives p/sqrt(p²+4). */
class KeywordModelTest {

  static final Path CONF = Path.of("conf/text");
  private static KeywordModel model;

  @BeforeAll
  static void load() {
    model = KeywordModel.load(CONF);
  }

  @Test
  void keepsTheContractedCategoriesInOrder() {
    assertThat(model.categories()).containsExactly("staff_attitude", "waiting_time",
        "problem_resolution", "price_fees", "billing_payment", "product_quality", "delivery",
        "digital_channels", "communication");
  }

  @ParameterizedTest
  @ValueSource(strings = {"obsługa", "obsługi", "obsługą", "obsłudze", "obsługę"})
  void inflectedPolishFormsMatchTheSameStemmedTerm(String form) {
    TagResult r = model.tag("Jaka " + form + "!", "pl");
    assertThat(r.categories()).as(form).containsExactly("staff_attitude");
    assertThat(r.matchedTerms()).as(form).containsExactly("staff_attitude:obsługa");
  }

  @ParameterizedTest
  @ValueSource(strings = {"доставка", "доставки", "доставкой", "доставку"})
  void inflectedRussianFormsMatchTheSameStemmedTerm(String form) {
    TagResult r = model.tag("Вот такая " + form, "ru");
    assertThat(r.categories()).as(form).containsExactly("delivery");
    assertThat(r.matchedTerms()).as(form).containsExactly("delivery:доставка");
  }

  @Test
  void polishWithoutDiacriticsStillMatches() {
    TagResult r = model.tag("obsluga bardzo mila", "pl");
    assertThat(r.categories()).containsExactly("staff_attitude");
    assertThat(r.sentimentLabel()).isEqualTo("positive");
  }

  @Test
  void negationFlipsAPolishSentence() {
    TagResult positive = model.tag("Obsługa była miła", "pl");
    TagResult negative = model.tag("Obsługa nie była miła", "pl");

    assertThat(positive.sentimentScore()).isCloseTo(2 / Math.sqrt(8), within(1e-9));
    assertThat(positive.sentimentLabel()).isEqualTo("positive");
    assertThat(positive.negated()).isFalse();
    assertThat(negative.sentimentScore()).isCloseTo(-2 / Math.sqrt(8), within(1e-9));
    assertThat(negative.sentimentLabel()).isEqualTo("negative");
    assertThat(negative.negated()).isTrue();
    assertThat(negative.matchedTerms()).containsExactly("staff_attitude:obsługa", "+:mił*(neg)");
  }

  @Test
  void negationDoesNotReachPastPunctuationOrItsWindow() {
    assertThat(model.tag("Nie wiem, obsługa była miła", "pl").sentimentLabel()).isEqualTo("positive");
    assertThat(model.tag("Nie czekałem długo ale obsługa była miła", "pl").matchedTerms())
        .as("'nie' reaches 3 words: 'długo' (-1) flips, 'miła' does not")
        .contains("-:długo(neg)", "+:mił*");
  }

  @Test
  void polishNegationGluedToTheWordFlipsIt() {
    assertThat(model.tag("niemiła obsługa", "pl").sentimentLabel()).isEqualTo("negative");
    TagResult incompetent = model.tag("Niekompetentny konsultant", "pl");
    assertThat(incompetent.sentimentScore()).isCloseTo(-2 / Math.sqrt(8), within(1e-9));
    assertThat(incompetent.matchedTerms()).contains("+:kompetentn*(neg)");
    TagResult notDelivered = model.tag("przesyłka niedostarczona", "pl");
    assertThat(notDelivered.categories()).containsExactly("delivery");
    assertThat(notDelivered.sentimentLabel()).isEqualTo("negative");
  }

  @Test
  void wordsThatMerelyStartWithNieAreNotNegations() {
    TagResult unfortunately = model.tag("niestety", "pl");
    assertThat(unfortunately.matchedTerms()).containsExactly("-:niestety");
    assertThat(unfortunately.negated()).isFalse();
    TagResult sunday = model.tag("w niedzielę", "pl");
    assertThat(sunday.matchedTerms()).isEmpty();
    assertThat(sunday.sentimentScore()).isZero();
    assertThat(sunday.sentimentLabel()).isEqualTo("neutral");
    assertThat(model.tag("niezawodny kurier", "pl").sentimentLabel()).isEqualTo("positive");
  }

  @Test
  void russianNegation() {
    TagResult r = model.tag("Не помогли", "ru");
    assertThat(r.sentimentLabel()).isEqualTo("negative");
    assertThat(r.negated()).isTrue();
    assertThat(r.categories()).containsExactly("problem_resolution");
  }

  @Test
  void englishNegationIncludingContractions() {
    TagResult notHelpful = model.tag("The agent was not helpful", "en");
    assertThat(notHelpful.sentimentLabel()).isEqualTo("negative");
    assertThat(notHelpful.matchedTerms()).containsExactly("staff_attitude:agent", "+:helpful*(neg)");

    TagResult notBad = model.tag("It wasn’t bad", "en");
    assertThat(notBad.sentimentLabel()).as("'not bad' is not negative").isNotEqualTo("negative");
    assertThat(notBad.sentimentScore()).as("bad (-2) × -0.5 = +1").isCloseTo(1 / Math.sqrt(5), within(1e-9));
    assertThat(model.tag("didn't help", "en").sentimentLabel()).isEqualTo("negative");
  }

  @Test
  void intensifierRaisesTheMagnitude() {
    double plain = model.tag("miła", "pl").sentimentScore();
    double very = model.tag("bardzo miła", "pl").sentimentScore();
    assertThat(plain).isCloseTo(2 / Math.sqrt(8), within(1e-9));
    assertThat(very).as("2 × 1.5 = 3").isCloseTo(3 / Math.sqrt(13), within(1e-9));
    assertThat(model.tag("bardzo miła", "pl").matchedTerms()).containsExactly("+:mił*(x1.5)");
    assertThat(model.tag("очень грубо", "ru").sentimentScore()).isCloseTo(-4.5 / Math.sqrt(4.5 * 4.5 + 4), within(1e-9));
  }

  @Test
  void emptyOrNullCommentGivesNullsAndEmptyLists() {
    for (String comment : new String[] {null, "", "   \n"}) {
      TagResult r = model.tag(comment, "pl");
      assertThat(r.language()).as("comment %s", comment).isNull();
      assertThat(r.normalized()).isNull();
      assertThat(r.categories()).isEmpty();
      assertThat(r.primaryCategory()).isNull();
      assertThat(r.sentimentScore()).isNull();
      assertThat(r.sentimentLabel()).isNull();
      assertThat(r.matchedTerms()).isEmpty();
      assertThat(r.negated()).isFalse();
    }
  }

  @Test
  void detectsTheLanguageWhenTheFieldIsEmpty() {
    assertThat(model.tag("Курьер опоздал", "").language()).isEqualTo("ru");
    assertThat(model.tag("Kurier się spóźnił", null).language()).isEqualTo("pl");
    assertThat(model.tag("The courier was late", " ").language()).isEqualTo("en");
    assertThat(model.tag("Курьер опоздал", null).categories()).containsExactly("delivery");
  }

  @Test
  void primaryCategoryHasTheMostMatchesAndTiesGoToTaxonomyOrder() {
    TagResult r = model.tag("Kurier spóźniony, paczka zgubiona, a konsultant niemiły", "pl");
    assertThat(r.categories()).containsExactly("staff_attitude", "delivery");
    assertThat(r.primaryCategory()).as("delivery: kurier, spóźni*, paczk*, zgubi*").isEqualTo("delivery");
    assertThat(model.tag("kurier i konsultant", "pl").primaryCategory())
        .as("one each: staff_attitude comes first in the taxonomy")
        .isEqualTo("staff_attitude");
  }

  @Test
  void emojiAndTextSmileysCarrySentimentInAnyLanguage() {
    assertThat(model.tag("kurier 😡", "pl").matchedTerms()).containsExactly("delivery:kurier", "-:😡");
    assertThat(model.tag("👍🏻", "en").sentimentScore()).isCloseTo(2 / Math.sqrt(8), within(1e-9));
    assertThat(model.tag("курьер :(", "ru").sentimentLabel()).isEqualTo("negative");
  }

  @Test
  void taxonomyVersionIsAStableHexHash() {
    assertThat(model.taxonomyVersion()).matches("[0-9a-f]{64}");
    assertThat(KeywordModel.load(CONF).taxonomyVersion()).isEqualTo(model.taxonomyVersion());
  }

  @Test
  void survivesJavaSerialisationAsSparkShipsIt() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(model);
    }
    KeywordModel copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (KeywordModel) in.readObject();
    }
    String comment = "Obsługa nie była miła, paczka uszkodzona";
    assertThat(copy.tag(comment, "pl")).isEqualTo(model.tag(comment, "pl"));
    assertThat(copy.taxonomyVersion()).isEqualTo(model.taxonomyVersion());
  }
}
