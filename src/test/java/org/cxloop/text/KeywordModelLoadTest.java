package org.cxloop.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading a copy of conf/text with one file broken: the error names the file and line. */
class KeywordModelLoadTest {

  @TempDir Path dir;

  @BeforeEach
  void copyShippedConfiguration() throws IOException {
    try (Stream<Path> files = Files.list(KeywordModelTest.CONF)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
  }

  private void write(String file, String content) throws IOException {
    Files.writeString(dir.resolve(file), content, StandardCharsets.UTF_8);
  }

  @Test
  void badTaxonomyLineIsReportedWithFileAndLineNumber() throws IOException {
    write(KeywordModel.TAXONOMY_FILE, "# comment\n\ndelivery\tpl\tkurier\ndelivery pl paczka\n");
    assertThatThrownBy(() -> KeywordModel.load(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Cannot load the keyword model: ")
        .hasMessageContaining("taxonomy.tsv:4 ")
        .hasMessageContaining("TAB");
  }

  @Test
  void unknownLanguageAndTooShortPrefixAreReported() throws IOException {
    write(KeywordModel.TAXONOMY_FILE, "delivery\tde\tKurier\n");
    assertThatThrownBy(() -> KeywordModel.load(dir)).hasMessageContaining("taxonomy.tsv:1 unknown language 'de'");
    write(KeywordModel.TAXONOMY_FILE, "delivery\tpl\tkurier\ndelivery\tpl\tpa*\n");
    assertThatThrownBy(() -> KeywordModel.load(dir)).hasMessageContaining("taxonomy.tsv:2 the prefix 'pa*'");
  }

  @Test
  void polarityOutOfRangeIsReported() throws IOException {
    Files.writeString(dir.resolve(KeywordModel.sentimentFile("ru")), "ужасно\t-5\n", StandardOpenOption.APPEND);
    long line = Files.readAllLines(dir.resolve(KeywordModel.sentimentFile("ru"))).size();
    assertThatThrownBy(() -> KeywordModel.load(dir)).hasMessageContaining("sentiment_ru.tsv:" + line + " the polarity '-5'");
  }

  @Test
  void missingFileIsReported() throws IOException {
    Files.delete(dir.resolve(KeywordModel.NEGATIONS_FILE));
    assertThatThrownBy(() -> KeywordModel.load(dir))
        .hasMessageStartingWith("Cannot load the keyword model: ")
        .hasMessageContaining("negations.tsv does not exist");
  }

  @Test
  void fileThatIsNotUtf8IsReported() throws IOException {
    Files.write(dir.resolve(KeywordModel.TAXONOMY_FILE),
        "delivery\tpl\tprzesyłka\n".getBytes(java.nio.charset.Charset.forName("windows-1250")));
    assertThatThrownBy(() -> KeywordModel.load(dir)).hasMessageContaining("cannot be read as UTF-8");
  }

  @Test
  void unknownSettingIsReportedAndKnownOnesAreApplied() throws IOException {
    write(KeywordModel.SETTINGS_FILE, "negation.window_tokens=5\nsentiment.treshold=0.3\n");
    assertThatThrownBy(() -> KeywordModel.load(dir)).hasMessageContaining("keyword-model.properties:2 unknown key 'sentiment.treshold'");
    write(KeywordModel.SETTINGS_FILE, "negation.window_tokens=5\n");
    KeywordModelSettings s = KeywordModel.load(dir).settings();
    assertThat(s.negationWindowTokens()).isEqualTo(5);
    assertThat(s.positiveMin()).as("default kept").isEqualTo(0.25);
  }

  @Test
  void taxonomyVersionIgnoresCommentsButNotRules() throws IOException {
    write(KeywordModel.TAXONOMY_FILE, "delivery\tpl\tkurier\n");
    String base = KeywordModel.load(dir).taxonomyVersion();
    write(KeywordModel.TAXONOMY_FILE, "# the couriers\n\ndelivery\tpl\tkurier\n");
    assertThat(KeywordModel.load(dir).taxonomyVersion()).isEqualTo(base);
    write(KeywordModel.TAXONOMY_FILE, "delivery\tpl\tkurier\ndelivery\tpl\tpaczk*\n");
    assertThat(KeywordModel.load(dir).taxonomyVersion()).isNotEqualTo(base);
  }
}
