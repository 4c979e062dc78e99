package org.cxloop.privacy;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.cxloop.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactionTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # Polish
      Proszę o kontakt: jan.kowalski@poczta.onet.pl                 | Proszę o kontakt: [email]
      Mój numer +48 600 000 000, dzwonić po 17                      | Mój numer [phone], dzwonić po 17
      tel. 600-000-000 albo 600000000                               | tel. [phone] albo [phone]
      Biuro (22) 123 45 67, wew. 12                                 | Biuro [phone], wew. 12
      Infolinia 0048 22 123 45 67                                   | Infolinia [phone]
      Mój PESEL 85010112345 — proszę usunąć                         | Mój PESEL [pesel] — proszę usunąć
      Zwrot na konto PL61 1090 1014 0000 0712 1981 2874             | Zwrot na konto [account]
      Zwrot na 61109010140000071219812874 szybko                    | Zwrot na [account] szybko
      Karta 4111 1111 1111 1111 obciążona dwa razy                  | Karta [card] obciążona dwa razy
      # Russian
      Перезвоните мне: +7 912 345-67-89                             | Перезвоните мне: [phone]
      Звонил на 8 (495) 123-45-67 три раза                          | Звонил на [phone] три раза
      Моя почта иван.петров@почта.рф                                | Моя почта [email]
      Списали дважды с карты 5500-0000-0000-0004                    | Списали дважды с карты [card]
      # English
      Call me on +44 20 7946 0958 please                            | Call me on [phone] please
      US number (555) 123-4567 or 555-123-4567                      | US number [phone] or [phone]
      My card 378282246310005 was charged                           | My card [card] was charged
      Email me at anna.smith+cx@example.co.uk                       | Email me at [email]
      # what must stay: amounts, dates, times, ids glued to letters
      Zapłaciłem 1 200 zł 15.06.2026 o 10:00, zamówienie T000000001 | Zapłaciłem 1 200 zł 15.06.2026 o 10:00, zamówienie T000000001
      Ждал 20 минут, заказ R00000001 от 2026-06-15                  | Ждал 20 минут, заказ R00000001 от 2026-06-15
      """)
  void masksPersonalDataAndKeepsTheRest(String comment, String expected) {
    assertThat(Redaction.mask(comment)).isEqualTo(expected);
  }

  @Test
  void sparkColumnGivesTheSameTextAsTheDriver() {
    List<String> comments = List.of("Mój numer +48 600 000 000", "Перезвоните: +7 912 345-67-89",
        "mail jan@example.pl, card 4111-1111-1111-1111", "PESEL 85010112345", "nothing personal here",
        "only a mail: anna@example.co.uk", "no @ but digits 600 000 000");
    List<String> masked = SharedSpark.get().createDataset(comments, Encoders.STRING()).toDF("c")
        .select(Redaction.mask(col("c"))).as(Encoders.STRING()).collectAsList();
    assertThat(masked).containsExactly("Mój numer [phone]", "Перезвоните: [phone]", "mail [email], card [card]",
        "PESEL [pesel]", "nothing personal here", "only a mail: [email]", "no @ but digits [phone]");
  }

  @Test
  void rawRecordLosesPersonalFieldsButKeepsKeysAndTimestamps() {
    String raw = "{\"customer_id\":\"C1\",\"customer_name\":\"Jan \\\"Kowal\\\" Kowalski\",\"email\":\"jan@example.pl\","
        + "\"phone\":\"+48600000001\",\"valid_from\":\"2026-06-15\",\"submitted_at\":\"2026-06-15T10:00:00+02:00\","
        + "\"transaction_id\":\"T000000001\",\"comment\":\"dzwonić 600 000 000\"}";
    Row r = SharedSpark.get().createDataset(List.of(raw), Encoders.STRING()).toDF("raw_record")
        .transform(Redaction::maskRawRecords).first();
    assertThat(r.getString(0)).isEqualTo("{\"customer_id\":\"C1\",\"customer_name\":\"[redacted]\","
        + "\"email\":\"[redacted]\",\"phone\":\"[redacted]\",\"valid_from\":\"2026-06-15\","
        + "\"submitted_at\":\"2026-06-15T10:00:00+02:00\",\"transaction_id\":\"T000000001\","
        + "\"comment\":\"dzwonić [phone]\"}");
  }
}
