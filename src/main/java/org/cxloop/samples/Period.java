package org.cxloop.samples;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The sample period in Warsaw local time, and the timestamp formats the sources use.
 *
 * <p>Days are handled as epoch days ({@code long}) in the hot loops so that ten million rows do
 * not allocate a {@link LocalDate} each; {@link java.time} resolves the DST change on
 * 2026-10-25 (+02:00 to +01:00).
 */
record Period(LocalDate start, int days) {

  static final ZoneId WARSAW = ZoneId.of("Europe/Warsaw");
  /** The survey tool's export: ISO-8601 with offset, e.g. 2026-05-03T14:22:05+02:00. */
  static final DateTimeFormatter ISO_OFFSET =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX", Locale.ROOT);
  /** The legacy exports' local time without offset, e.g. 03.05.2026 14:22. */
  static final DateTimeFormatter LEGACY_LOCAL =
      DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm", Locale.ROOT);

  Period {
    if (days < 1) {
      throw new IllegalArgumentException(
          "Cannot generate samples: --days must be at least 1, was " + days + ". Pass --days 1 or more.");
    }
  }

  long firstDay() {
    return start.toEpochDay();
  }

  /** Last day of the period, inclusive. */
  long lastDay() {
    return start.toEpochDay() + days - 1;
  }

  LocalDate end() {
    return LocalDate.ofEpochDay(lastDay());
  }

  static long epochSecond(long epochDay, int secondOfDay) {
    // atZone resolves the autumn overlap to the earlier (summer) offset and shifts the spring gap.
    return LocalDate.ofEpochDay(epochDay).atStartOfDay().plusSeconds(secondOfDay)
        .atZone(WARSAW)
        .toEpochSecond();
  }

  static ZonedDateTime warsaw(long epochSecond) {
    return Instant.ofEpochSecond(epochSecond).atZone(WARSAW);
  }

  static String isoOffset(long epochSecond) {
    return ISO_OFFSET.format(warsaw(epochSecond));
  }

  static String legacyLocal(long epochSecond) {
    LocalDateTime local = warsaw(epochSecond).toLocalDateTime();
    return LEGACY_LOCAL.format(local);
  }

  static String date(long epochDay) {
    return LocalDate.ofEpochDay(epochDay).toString();
  }
}
