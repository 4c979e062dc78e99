package org.cxloop.privacy;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;

/**
 * Every table cxloop writes that holds rows about one customer, and how to find that customer's
 * rows in it. The forget job deletes from each table here that exists. A stage that adds a
 * table with customer rows adds one line here (ErasureTargetsTest fails for a table in
 * CxTables with a customer_id column that is neither here nor in {@link #AGGREGATES}).
 */
public final class ErasureTargets {

  /** How a table holds the customer id. */
  public enum Match {
    /** A column equal to the customer id (or to its pseudonym, when the column is pseudonymised). */
    COLUMN,
    /** Free text (a raw input record) that contains the id as a whole token. */
    RAW_TEXT
  }

  /** A table and the column that holds the customer id. */
  public record Target(String table, String column, Match match) {

    /** The predicate for the rows of these customers: raw ids and their pseudonyms. */
    public Column rowsOf(List<String> ids, List<String> pseudonyms) {
      return switch (match) {
        case COLUMN -> col(column).isin(concat(ids, pseudonyms).toArray());
        case RAW_TEXT -> col(column).rlike(tokenRegex(ids)).or(col("record_key").isin(ids.toArray()));
      };
    }
  }

  public static final List<Target> TABLES = List.of(
      new Target("responses_enriched", "customer_id", Match.COLUMN),
      // raw_record is the input row as JSON text (or the unsplit line): the id appears inside it.
      new Target("quarantine", "raw_record", Match.RAW_TEXT),
      // Written by the closed-loop stage; erased whenever it exists.
      new Target("followup_cases", "customer_id", Match.COLUMN));

  /**
   * Aggregate tables: they hold counts, not a customer's rows. The forget job recomputes the
   * cells of the periods the deleted answers were in, so a small cell (a day x employee with
   * two answers) does not keep counting a customer who asked to be forgotten.
   */
  public static final List<String> AGGREGATES = List.of("nps_summary");

  private ErasureTargets() {}

  /**
   * The id as a whole token: not preceded by a letter, digit or underscore, and not followed by
   * one, so C1 does not match C10, and C0000029 matches inside its B2B contact id C0000029-K7.
   */
  static String tokenRegex(List<String> ids) {
    return "(?<![\\p{L}\\p{N}_])(?:" + ids.stream().map(Pattern::quote).collect(Collectors.joining("|"))
        + ")(?![\\p{L}\\p{N}_])";
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
