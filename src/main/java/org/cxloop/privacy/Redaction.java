package org.cxloop.privacy;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Redacts personal data that customers write into free text (comments) and that input rows
 * carry in the quarantine's raw record: e-mail addresses, bank accounts, card-like numbers,
 * phone numbers (Polish, Russian, international, English-speaking domestic formats) and Polish
 * PESEL numbers. Each match becomes a bracketed token ({@code [email]}, {@code [phone]}, ...)
 * so an analyst still sees that the customer left a contact, without the contact itself.
 *
 * <p>The rules are Java regular expressions applied in order with Spark's built-in
 * {@code regexp_replace} (which uses java.util.regex), so {@link #mask(String)} on the driver
 * and {@link #mask(Column)} in Spark give the same text. The order matters: longer, more
 * specific numbers first, so an IBAN is not taken for a card and a card not for a phone.
 *
 * <p>Numbers are matched only when no letter or digit touches them, so ids such as
 * {@code T000000001} or {@code R00000001} stay readable. Card-like numbers (13-19 digits) are
 * masked without a Luhn check: a long digit run in a comment is an order, contract or card
 * number, and masking a non-card number costs less than leaking a card.
 */
public final class Redaction {

  /** One redaction rule: what it finds, and the token that replaces it. */
  public record Rule(String name, String regex, String replacement) {
    public Rule {
      Pattern.compile(regex); // fail at class load, not inside a Spark task
    }
  }

  // A number starts and ends where no letter or digit touches it.
  private static final String B = "(?<![\\p{L}\\p{N}])";
  private static final String E = "(?![\\p{L}\\p{N}])";
  private static final String SEP = "[ \\-.]?";

  public static final List<Rule> RULES = List.of(
      new Rule("email", "[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}", "[email]"),
      // IBAN with a country prefix (PL61 1090 1014 0000 0712 1981 2874; DE89 3704 0044 0532 0130 00),
      // or a Polish NRB: the same 26 digits without "PL" (2 + 6 groups of 4).
      new Rule("iban", B + "[A-Z]{2}\\d{2}(?:[ ]?\\d{4}){3,7}(?:[ ]?\\d{1,3})?" + E, "[account]"),
      new Rule("nrb", B + "\\d{2}(?:[ \\-]?\\d{4}){6}" + E, "[account]"),
      // Polish numbers with the country code: +48 600 000 000, 0048600000000, +48 (22) 123 45 67.
      // Before cards: 0048 22 123 45 67 has 13 digits.
      new Rule("phone_pl_intl", "(?:\\+|" + B + "00)48" + SEP + "(?:\\d{3}" + SEP + "\\d{3}" + SEP + "\\d{3}"
          + "|\\(?\\d{2}\\)?" + SEP + "\\d{3}" + SEP + "\\d{2}" + SEP + "\\d{2})" + E, "[phone]"),
      // 13-19 digits, optionally grouped by spaces or dashes: 4111 1111 1111 1111, 4111-1111-...
      new Rule("card", B + "\\d(?:[ \\-]?\\d){12,18}" + E, "[card]"),
      // Russian numbers: +7 912 345-67-89, +7 (495) 123-45-67, 8 (912) 345 67 89, 8-912-345-67-89.
      // The domestic "8" prefix needs a separator: 11 digits in a row starting with 8 are as
      // likely a PESEL of someone born in the 1980s, and are masked as one below.
      new Rule("phone_ru", "(?:\\+7" + SEP + "|" + B + "8(?:[ \\-]|(?=\\()))\\(?\\d{3}\\)?" + SEP + "\\d{3}" + SEP
          + "\\d{2}" + SEP + "\\d{2}" + E, "[phone]"),
      // Any other number with a country code: +44 20 7946 0958, +1 (555) 123-4567.
      new Rule("phone_intl", "\\+\\d{1,3}(?:" + SEP + "\\(?\\d{2,4}\\)?){2,4}" + E, "[phone]"),
      // PESEL: exactly 11 digits (after the phone rules: 48600000001 without '+' is caught here too).
      new Rule("pesel", B + "\\d{11}" + E, "[pesel]"),
      // Polish domestic: 600 000 000, 600-000-000, 600000000, (22) 123 45 67, 22 123 45 67.
      new Rule("phone_pl", B + "\\d{3}[ \\-]?\\d{3}[ \\-]?\\d{3}" + E, "[phone]"),
      new Rule("phone_pl_landline", "(?:\\(\\d{2}\\)|" + B + "\\d{2})" + SEP + "\\d{3}" + SEP + "\\d{2}" + SEP
          + "\\d{2}" + E, "[phone]"),
      // English-speaking domestic: (555) 123-4567, 555-123-4567, 020 7946 0958.
      new Rule("phone_us", "(?:\\(\\d{3}\\)|" + B + "\\d{3})" + SEP + "\\d{3}[ \\-.]\\d{4}" + E, "[phone]"),
      new Rule("phone_uk", B + "0\\d{2,4}[ \\-]\\d{3,4}[ \\-]\\d{3,4}" + E, "[phone]"));

  /**
   * Fields of input rows (CRM exports) that are personal by definition: in the quarantine's
   * JSON raw record their values are replaced whole, whatever they contain.
   */
  public static final List<String> PERSONAL_FIELDS = List.of("customer_name", "email", "phone");

  static final String RAW_RECORD = "raw_record";

  private static final List<Pattern> COMPILED = RULES.stream().map(r -> Pattern.compile(r.regex())).toList();

  private Redaction() {}

  /**
   * The comment with every rule applied (Spark built-ins only). The e-mail rule needs an '@' and
   * every other rule a digit, so a comment without them (most comments) skips the regular
   * expressions: twelve regex passes per comment were a fifth of a full rebuild's CPU time.
   */
  public static Column mask(Column text) {
    Rule email = RULES.get(0);
    Column c = when(text.contains("@"), regexp_replace(text, email.regex(), email.replacement())).otherwise(text);
    Column numbers = c;
    for (Rule r : RULES.subList(1, RULES.size())) {
      numbers = regexp_replace(numbers, r.regex(), r.replacement());
    }
    return when(text.rlike("[0-9]"), numbers).otherwise(c);
  }

  /** The same on the driver: for tests and for text that never enters a Dataset. */
  public static String mask(String text) {
    if (text == null) {
      return null;
    }
    String s = text;
    for (int i = 0; i < RULES.size(); i++) {
      s = COMPILED.get(i).matcher(s).replaceAll(RULES.get(i).replacement());
    }
    return s;
  }

  /**
   * A quarantined raw record: the personal fields of a JSON record replaced whole, then the
   * text rules. An unsplit line (malformed record) gets the text rules only: its fields cannot
   * be told apart, so a name in it stays; the quarantine is an engineers' table, not a BI one.
   */
  public static Column maskRawRecord(Column raw) {
    String fields = String.join("|", PERSONAL_FIELDS);
    Column c = regexp_replace(raw, "\"(" + fields + ")\"\\s*:\\s*\"(?:[^\"\\\\]|\\\\.)*\"", "\"$1\":\"[redacted]\"");
    return mask(c);
  }

  /** Quarantine rows with their raw_record masked by {@link #maskRawRecord(Column)}. */
  public static Dataset<Row> maskRawRecords(Dataset<Row> quarantine) {
    return quarantine.withColumn(RAW_RECORD, maskRawRecord(col(RAW_RECORD)));
  }
}
