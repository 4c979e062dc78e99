package org.cxloop.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.cxloop.CxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CxConfigTest {

  @TempDir Path dir;

  @Test
  void fileOverridesIncludedFileAndSetOverridesBoth() throws Exception {
    Files.writeString(dir.resolve("base.properties"), "nps.min.n=30\nwarehouse.dir=/base\n");
    Files.writeString(dir.resolve("env.properties"), "include=base.properties\nnps.min.n=50\n");
    CxConfig c = CxConfig.load(dir.resolve("env.properties"), Map.of("warehouse.dir", "/override"));
    assertThat(c.getInt(Keys.NPS_MIN_N)).isEqualTo(50);
    assertThat(c.get(Keys.WAREHOUSE_DIR)).isEqualTo("/override");
    assertThat(c.get(Keys.BUSINESS_TIMEZONE)).as("declared default").isEqualTo("Europe/Warsaw");
    assertThat(c.describe()).contains("nps.min.n=50").contains("[env.properties]");
  }

  @Test
  void unknownKeyFailsWithItsNameAndTheFile() throws Exception {
    Files.writeString(dir.resolve("typo.properties"), "nps.minn=30\n");
    assertThatThrownBy(() -> CxConfig.load(dir.resolve("typo.properties"), Map.of()))
        .isInstanceOf(CxException.class)
        .hasMessageContaining("unknown key 'nps.minn' in typo.properties")
        .satisfies(e -> assertThat(((CxException) e).kind().exitCode()).isEqualTo(2));
  }

  @Test
  void badValueFailsWithWhatIsAllowed() {
    assertThatThrownBy(() -> CxConfig.load(null, Map.of("nps.grains", "day,year")))
        .hasMessageContaining("'nps.grains' = 'day,year'").hasMessageContaining("[day, week, month]");
    assertThatThrownBy(() -> CxConfig.load(null, Map.of("input.responses.encoding", "klingon-1")))
        .hasMessageContaining("input.responses.encoding");
    assertThatThrownBy(() -> CxConfig.load(null, Map.of("nps.min.n", "0"))).hasMessageContaining("a whole number >= 1");
  }

  @Test
  void shippedConfigurationFilesLoad() {
    CxConfig local = CxConfig.load(Path.of("conf/local.properties"), Map.of());
    assertThat(local.get(Keys.Source.RESPONSES_LEGACY_RU.encoding)).isEqualTo("windows-1251");
    CxConfig prod = CxConfig.load(Path.of("conf/prod.properties.example"), Map.of());
    assertThat(prod.getInt(Keys.NPS_MIN_N)).isEqualTo(50);
  }
}
