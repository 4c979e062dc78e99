package org.cxloop.privacy;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;

/**
 * Every table cxloop writes, sorted by what the forget job does to it, and the other places
 * that can show a customer's comment. A stage that adds a table adds one line here:
 * ErasureTargetsTest fails for a table of CxTables or ModelTables that is in none of the lists,
 * for a table with a customer or account id that is neither deleted from nor recomputed, and for a
 * table with a comment column whose text is not removed.
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

  /** A table whose array column holds comments copied from responses_enriched.comment. */
  public record SampleComments(String table, String column) {}

  /** Tables with a customer's rows: the forget job deletes the rows. */
  public static final List<Target> TABLES = List.of(
      new Target("responses_enriched", "customer_id", Match.COLUMN),
      // raw_record is the input row as JSON text (or the unsplit line): the id appears inside it.
      new Target("quarantine", "raw_record", Match.RAW_TEXT),
      // Written by the closed-loop stage; erased whenever it exists.
      new Target("followup_cases", "customer_id", Match.COLUMN));

  /**
   * Aggregate tables: they hold counts, not a customer's rows, but a small cell (a day x employee
   * with two answers) would keep counting a customer who asked to be forgotten, and account_nps
   * is keyed by account_id, which is the customer id for consumers. The forget job recomputes
   * the cells of the periods the deleted answers were in (followup_sla: in full, from the cases
   * left), so an account with no answer left loses its rows.
   */
  public static final List<String> AGGREGATES = List.of("nps_summary", "category_sentiment", "nps_drivers",
      "account_nps", "nps_cohorts", "followup_sla");

  /**
   * Sample comments: copies of comment texts without the answer's id. The forget job removes the
   * erased answers' comments from the arrays by their text (an identical comment of another
   * customer goes too: a sample is lost, no data is kept).
   */
  public static final List<SampleComments> SAMPLE_COMMENTS = List.of(
      new SampleComments("owner_actions", "sample_comments"),
      // Written by the themes job; cleaned whenever it exists.
      new SampleComments("emerging_themes", "sample_comments"));

  /**
   * Tables without a customer's id, row or comment, left as they are: run records, check
   * results, the erasure log itself, model metadata and metrics (measured on the labelled
   * files), and initiative_impact (counts over treated and control groups of at least
   * loop.initiative.min.n answers, recomputed in full by every nightly run).
   */
  public static final List<String> WITHOUT_CUSTOMER_DATA = List.of("run_audit", "dq_results", "erasure_log",
      "model_registry", "model_metrics", "initiative_impact");

  /**
   * Folder under the warehouse with the HTML run reports, whose sample comments the forget job
   * removes (org.cxloop.report.ReportErasure).
   */
  public static final String REPORTS_DIR = org.cxloop.report.RunReport.REPORTS_DIR;

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
