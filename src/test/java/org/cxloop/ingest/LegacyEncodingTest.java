package org.cxloop.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.cxloop.config.CxConfig;
import org.cxloop.config.Keys.Source;
import org.cxloop.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LegacyEncodingTest {

  @TempDir Path dir;

  private static final String HEADER =
      "response_id;survey_id;survey_type;customer_id;contact_id;contact_role;channel;language;submitted_at;score;comment;transaction_id\n";

  private Row readOne(Source source, String charset, String line) throws Exception {
    Path file = dir.resolve(source.id + ".csv");
    Files.write(file, (HEADER + line + "\n").getBytes(Charset.forName(charset)));
    CxConfig conf = CxConfig.load(null, Map.of(source.path.name(), file.toString()));
    return SourceReader.read(SharedSpark.get(), conf, source, InputSchemas.RESPONSES)
        .transform(raw -> ResponseIngest.parse(raw, conf.get(source.timestampFormats), "Europe/Warsaw"))
        .first();
  }

  @Test
  void russianLineInWindows1251IsDecoded() throws Exception {
    Row r = readOne(Source.RESPONSES_LEGACY_RU, "windows-1251",
        "RUX-1;S1;transactional;C1;;;ivr;ru;03.05.2026 14:22;2;Доставка опоздала, курьер грубил;T1");
    assertThat(r.<String>getAs("comment")).isEqualTo("Доставка опоздала, курьер грубил");
    // 14:22 Warsaw summer time (UTC+2) is 12:22 UTC.
    assertThat(r.<Timestamp>getAs("responded_at_utc")).isEqualTo(Timestamp.valueOf("2026-05-03 12:22:00"));
    assertThat(r.<Integer>getAs("score_value")).isEqualTo(2);
  }

  @Test
  void polishLineInWindows1250IsDecoded() throws Exception {
    Row r = readOne(Source.RESPONSES_LEGACY_PL, "windows-1250",
        "PLX-1;S1;transactional;C1;;;shop;pl;30.10.2026 23:30;9;Świetna obsługa, żadnych kłopotów;T1");
    assertThat(r.<String>getAs("comment")).isEqualTo("Świetna obsługa, żadnych kłopotów");
    // Summer time ended on 25 October 2026, so 23:30 on the 30th is UTC+1: 22:30 UTC, and the
    // business day is still 2026-10-30 (a UTC date would be right here only by luck).
    assertThat(r.<Timestamp>getAs("responded_at_utc")).isEqualTo(Timestamp.valueOf("2026-10-30 22:30:00"));
    assertThat(r.<java.sql.Date>getAs("response_date")).isEqualTo(java.sql.Date.valueOf("2026-10-30"));
  }
}
