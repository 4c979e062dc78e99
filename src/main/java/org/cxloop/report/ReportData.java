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
    FollowUp followUp,
    List<ModelQuality> modelMetrics,
    List<QualityRow> quality,
    List<AuditRow> audit) {

  /** One month of one series: NPS with its interval; nps is null below the minimum n. */
  public record TrendPoint(String series, LocalDate periodStart, long n, Double nps, Double ciLow, Double ciHigh) {}

  /** NPS of one slice over the report window. */
  public record Cell(String label, String surveyType, long n, Double nps, Double ciLow, Double ciHigh) {}

  /** A category's answers over the report window, and whether it stands out. */
  public record CategoryRow(String category, long n, long negative, double negativeSharePct, Double nps,
      double zNegative, boolean standout) {}

  /**
   * The closed loop: cases by status and the followup_sla figures, per ISO week of opening for
   * all owners, and per owner and team over the cases opened from {@code ownersFrom} (a Monday)
   * on. Absent (with a note) when the warehouse has no followup_cases table.
   */
  public record FollowUp(boolean available, String note, List<StatusCount> statuses, List<SlaRow> weeks,
      List<SlaRow> owners, LocalDate ownersFrom) {
    public static FollowUp notAvailable(String table) {
      return new FollowUp(false, notAvailableNote(table), List.of(), List.of(), List.of(), null);
    }
  }

  public record StatusCount(String status, long cases) {}

  /**
   * One line of follow-up SLA figures: a week of all owners (owner and team null), or an owner and
   * team over several weeks (week null); the median is null when no case was closed.
   */
  public record SlaRow(LocalDate weekStart, String owner, String team, long opened, long closed,
      long closedWithinSla, Double closedWithinSlaShare, Double medianHoursToClose, long overdueNow) {}

  /**
   * model_metrics of one model (sentiment or category) at the version shown: per kind (keyword,
   * ml, combined) and language, on the version's held-out rows.
   */
  public record ModelQuality(String model, int version, String note, List<MetricCell> cells) {}

  public record MetricCell(String kind, String language, long n, double accuracy, double macroF1) {}

  static String notAvailableNote(String table) {
    return "Not available yet: the table " + table + " does not exist in this warehouse.";
  }

  public record QualityRow(String source, String rule, long rows, long newThisRun) {}

  public record AuditRow(String runId, String job, String status, String from, String to, String startedAtUtc,
      Double durationS, Long rowsRead, Long rowsAccepted, Long rowsQuarantined, Long inserted, Long updated,
      String error) {}
}
