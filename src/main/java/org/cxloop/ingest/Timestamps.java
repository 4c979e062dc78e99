package org.cxloop.ingest;

import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_utc_timestamp;
import static org.apache.spark.sql.functions.trim;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;

/**
 * Timestamp parsing with built-in functions. The Spark session runs in UTC, so a pattern with an
 * offset gives the right instant directly; a pattern without one (legacy exports write local
 * wall-clock time) is read as business-time-zone local time and converted to UTC.
 */
public final class Timestamps {

  private Timestamps() {}

  /** UTC instant of {@code raw} by the first of the |-separated patterns that parses; else null. */
  public static Column parseUtc(Column raw, String patterns, String businessTimeZone) {
    List<Column> attempts = new ArrayList<>();
    for (String pattern : patterns.split("\\|")) {
      Column parsed = call_function("try_to_timestamp", trim(raw), lit(pattern.trim()));
      attempts.add(hasOffset(pattern) ? parsed : to_utc_timestamp(parsed, businessTimeZone));
    }
    return coalesce(attempts.toArray(new Column[0]));
  }

  /** The business day of a UTC instant. */
  public static Column businessDate(Column utc, String businessTimeZone) {
    return to_date(from_utc_timestamp(utc, businessTimeZone));
  }

  /** A yyyy-MM-dd date, or null when it does not parse. */
  public static Column parseDate(Column raw) {
    return call_function("try_to_date", trim(raw), lit("yyyy-MM-dd"));
  }

  static boolean hasOffset(String pattern) {
    String unquoted = pattern.replaceAll("'[^']*'", "");
    return unquoted.contains("X") || unquoted.contains("x") || unquoted.contains("Z") || unquoted.contains("O");
  }
}
