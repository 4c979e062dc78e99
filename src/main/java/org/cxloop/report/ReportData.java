package org.cxloop.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Everything the run report shows, as small values collected from aggregates: a few hundred
 * numbers at most, whatever the size of the tables. Rendering ({@link ReportHtml}) works on this
 * value only, so it is tested without Spark.
 */
public record ReportData(
    String runId,
    String generatedAtUtc,
    LocalDate windowFrom,
    LocalDate windowTo,
    List<TrendPoint> companyTrend,
    List<TrendPoint> touchpointTrend,
    List<Cell> segments,
    List<Cell> cohorts,
    List<CategoryRow> categories,
    Map<String, List<String>> sampleComments,
    Section followUp,
    Section modelMetrics,
    List<QualityRow> quality,
    List<AuditRow> audit) {

  /** One month of one series: NPS with its interval; nps is null below the minimum n. */
  public record TrendPoint(String series, LocalDate periodStart, long n, Double nps, Double ciLow, Double ciHigh) {}

  /** NPS of one slice over the report window. */
  public record Cell(String label, String surveyType, long n, Double nps, Double ciLow, Double ciHigh) {}

  /** A category's answers over the report window, and whether it stands out. */
  public record CategoryRow(String category, long n, long negative, double negativeSharePct, Double nps,
      double zNegative, boolean standout) {}

  /** A table of a later stage (follow-up cases, model metrics): absent, or a few rows to show. */
  public record Section(boolean available, List<String> columns, List<List<String>> rows, String note) {
    public static Section notAvailable(String table) {
      return new Section(false, List.of(), List.of(), "Not available yet: the table " + table
          + " does not exist in this warehouse.");
    }
  }

  public record QualityRow(String source, String rule, long rows, long newThisRun) {}

  public record AuditRow(String runId, String job, String status, String from, String to, String startedAtUtc,
      Double durationS, Long rowsRead, Long rowsAccepted, Long rowsQuarantined, Long inserted, Long updated,
      String error) {}
}
