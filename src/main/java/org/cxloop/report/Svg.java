package org.cxloop.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.cxloop.report.ReportData.Cell;
import org.cxloop.report.ReportData.QualityRow;
import org.cxloop.report.ReportData.TrendPoint;

/**
 * The report's charts as inline SVG, drawn here so the file needs no script library and no
 * network. Every mark carries data attributes (series, period, nps, n) so a test, or a reader
 * with the browser's inspector, can check what is drawn against the tables.
 */
final class Svg {

  static final String[] PALETTE = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b",
      "#e377c2"};

  private Svg() {}

  /**
   * One small chart per series: the NPS line with its interval as a band, on a y axis shared by
   * all series of the group so their levels compare at a glance. A month below the minimum n
   * has no NPS and breaks the line (drawn as a hollow marker on the axis).
   */
  static String trendSmallMultiples(String chartId, List<TrendPoint> points) {
    TreeSet<LocalDate> months = new TreeSet<>();
    TreeSet<String> series = new TreeSet<>();
    double lo = 0;
    double hi = 0;
    for (TrendPoint p : points) {
      months.add(p.periodStart());
      series.add(p.series());
      if (p.nps() != null) {
        lo = Math.min(lo, p.ciLow());
        hi = Math.max(hi, p.ciHigh());
      }
    }
    if (series.isEmpty()) {
      return "<p class=\"empty\">No data yet.</p>";
    }
    double yMin = Math.max(-100, Math.floor(lo / 20) * 20);
    double yMax = Math.min(100, Math.ceil(hi / 20) * 20);
    if (yMax - yMin < 20) {
      yMax = Math.min(100, yMin + 20);
    }
    List<LocalDate> xs = new ArrayList<>(months);
    StringBuilder sb = new StringBuilder("<div class=\"multiples\">");
    int color = 0;
    for (String s : series) {
      List<TrendPoint> mine = points.stream().filter(p -> p.series().equals(s)).toList();
      // Survey types keep the colours the dot charts use for them; other series take the palette in turn.
      String c = switch (s) {
        case "transactional" -> PALETTE[0];
        case "relational" -> PALETTE[3];
        default -> PALETTE[color++ % PALETTE.length];
      };
      sb.append(trendChart(chartId, s, mine, xs, yMin, yMax, c));
    }
    return sb.append("</div>").toString();
  }

  private static String trendChart(String chartId, String series, List<TrendPoint> pts, List<LocalDate> xs,
      double yMin, double yMax, String color) {
    int w = 320;
    int h = 190;
    int left = 36;
    int right = 10;
    int top = 26;
    int bottom = 30;
    double plotW = w - left - right;
    double plotH = h - top - bottom;
    java.util.function.DoubleUnaryOperator y = v -> top + plotH * (yMax - v) / (yMax - yMin);
    java.util.function.IntToDoubleFunction x = i -> left + (xs.size() == 1 ? plotW / 2 : plotW * i / (xs.size() - 1));
    long drawn = pts.stream().filter(p -> p.nps() != null).count();
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
        + "height=\"%d\" viewBox=\"0 0 %d %d\" data-chart=\"%s\" data-series=\"%s\" data-points=\"%d\">",
        w, h, w, h, Html.attr(chartId), Html.attr(series), drawn));
    sb.append("<text class=\"title\" x=\"").append(left).append("\" y=\"16\">").append(Html.text(series))
        .append("</text>");
    for (double g = yMin; g <= yMax + 1e-9; g += 20) {
      sb.append(String.format(Locale.ROOT, "<line class=\"%s\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>"
          + "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
          g == 0 ? "zero" : "grid", left, w - right, y.applyAsDouble(g), y.applyAsDouble(g), left - 4,
          y.applyAsDouble(g) + 3, fmt0(g)));
    }
    for (int i = 0; i < xs.size(); i++) {
      if (xs.size() <= 7 || i % 2 == 0 || i == xs.size() - 1) {
        sb.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
            x.applyAsDouble(i), h - 12, xs.get(i).getMonth().getDisplayName(java.time.format.TextStyle.SHORT,
                Locale.ENGLISH) + (xs.get(i).getMonthValue() == 1 || i == 0 ? " " + (xs.get(i).getYear() % 100) : "")));
      }
    }
    // Contiguous runs of months with an NPS: one band and one line each.
    List<List<int[]>> runs = new ArrayList<>();
    List<int[]> run = new ArrayList<>();
    for (int i = 0; i < xs.size(); i++) {
      TrendPoint p = find(pts, xs.get(i));
      if (p != null && p.nps() != null) {
        run.add(new int[] {i, pts.indexOf(p)});
      } else if (!run.isEmpty()) {
        runs.add(run);
        run = new ArrayList<>();
      }
    }
    if (!run.isEmpty()) {
      runs.add(run);
    }
    for (List<int[]> r : runs) {
      StringBuilder band = new StringBuilder();
      StringBuilder line = new StringBuilder();
      for (int k = 0; k < r.size(); k++) {
        TrendPoint p = pts.get(r.get(k)[1]);
        band.append(k == 0 ? "M" : "L").append(xy(x.applyAsDouble(r.get(k)[0]), y.applyAsDouble(p.ciHigh())));
        line.append(k == 0 ? "M" : "L").append(xy(x.applyAsDouble(r.get(k)[0]), y.applyAsDouble(p.nps())));
      }
      for (int k = r.size() - 1; k >= 0; k--) {
        TrendPoint p = pts.get(r.get(k)[1]);
        band.append("L").append(xy(x.applyAsDouble(r.get(k)[0]), y.applyAsDouble(p.ciLow())));
      }
      band.append("Z");
      sb.append("<path class=\"band\" fill=\"").append(color).append("\" d=\"").append(band).append("\"/>");
      sb.append("<path class=\"line\" stroke=\"").append(color).append("\" d=\"").append(line).append("\"/>");
    }
    for (int i = 0; i < xs.size(); i++) {
      TrendPoint p = find(pts, xs.get(i));
      if (p == null) {
        continue;
      }
      if (p.nps() == null) {
        sb.append(String.format(Locale.ROOT, "<circle class=\"suppressed\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\" "
            + "data-period=\"%s\" data-n=\"%d\"><title>%s: n=%d, below the minimum n</title></circle>",
            x.applyAsDouble(i), y.applyAsDouble(yMin), p.periodStart(), p.n(), p.periodStart(), p.n()));
      } else {
        sb.append(String.format(Locale.ROOT, "<circle class=\"point\" fill=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\" "
            + "data-period=\"%s\" data-nps=\"%s\" data-n=\"%d\"><title>%s: NPS %s (%s..%s), n=%d</title></circle>",
            color, x.applyAsDouble(i), y.applyAsDouble(p.nps()), p.periodStart(), fmt1(p.nps()), p.n(),
            p.periodStart(), fmt1(p.nps()), fmt1(p.ciLow()), fmt1(p.ciHigh()), p.n()));
      }
    }
    return sb.append("</svg>").toString();
  }

  /** NPS of each slice as a dot with its interval as a whisker, on one -100..100 axis. */
  static String dotWhisker(String chartId, List<Cell> cells) {
    if (cells.isEmpty()) {
      return "<p class=\"empty\">No data yet.</p>";
    }
    int w = 640;
    int rowH = 20;
    int left = 210;
    int right = 70;
    int top = 24;
    int h = top + rowH * cells.size() + 10;
    double plotW = w - left - right;
    java.util.function.DoubleUnaryOperator x = v -> left + plotW * (v + 100) / 200;
    long drawn = cells.stream().filter(c -> c.nps() != null).count();
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
            + "data-chart=\"%s\" data-points=\"%d\">", w, h, w, h, Html.attr(chartId), drawn));
    for (int g = -100; g <= 100; g += 50) {
      sb.append(String.format(Locale.ROOT, "<line class=\"%s\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\"/>"
          + "<text class=\"tick\" x=\"%.1f\" y=\"14\" text-anchor=\"middle\">%d</text>",
          g == 0 ? "zero" : "grid", x.applyAsDouble(g), x.applyAsDouble(g), top - 4, h - 6, x.applyAsDouble(g), g));
    }
    for (int i = 0; i < cells.size(); i++) {
      Cell c = cells.get(i);
      double cy = top + rowH * i + rowH / 2.0;
      String color = "transactional".equals(c.surveyType()) ? PALETTE[0] : PALETTE[3];
      sb.append(String.format(Locale.ROOT, "<text class=\"label\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s "
          + "<tspan class=\"muted\">%s</tspan></text>", left - 8, cy + 4, Html.text(c.label()),
          Html.text(c.surveyType())));
      if (c.nps() == null) {
        sb.append(String.format(Locale.ROOT, "<text class=\"muted\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
            + "data-label=\"%s\" data-n=\"%d\">n=%d, too few</text>", x.applyAsDouble(0), cy + 4, Html.attr(c.label()),
            c.n(), c.n()));
        continue;
      }
      sb.append(String.format(Locale.ROOT, "<line class=\"ci\" stroke=\"%s\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" "
          + "y2=\"%.1f\"/><circle class=\"point\" fill=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\" data-label=\"%s\" "
          + "data-survey-type=\"%s\" data-nps=\"%s\" data-n=\"%d\"><title>%s %s: NPS %s (%s..%s), n=%d</title>"
          + "</circle><text class=\"value\" x=\"%d\" y=\"%.1f\">%s <tspan class=\"muted\">n=%d</tspan></text>",
          color, x.applyAsDouble(c.ciLow()), x.applyAsDouble(c.ciHigh()), cy, cy, color, x.applyAsDouble(c.nps()),
          cy, Html.attr(c.label()), Html.attr(c.surveyType()), fmt1(c.nps()), c.n(), Html.text(c.label()),
          Html.text(c.surveyType()), fmt1(c.nps()), fmt1(c.ciLow()), fmt1(c.ciHigh()), c.n(), w - right + 6,
          cy + 4, fmt0(c.nps()), c.n()));
    }
    return sb.append("</svg>").toString();
  }

  /** Quarantined rows per source and rule as horizontal bars. */
  static String qualityBars(List<QualityRow> rows) {
    if (rows.isEmpty()) {
      return "<p class=\"empty\">No quarantined rows.</p>";
    }
    int w = 640;
    int rowH = 20;
    int left = 300;
    int right = 80;
    int h = rowH * rows.size() + 10;
    long max = rows.stream().mapToLong(QualityRow::rows).max().orElse(1);
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
            + "data-chart=\"quarantine\" data-points=\"%d\">", w, h, w, h, rows.size()));
    for (int i = 0; i < rows.size(); i++) {
      QualityRow r = rows.get(i);
      double barW = Math.max(1, (w - left - right) * (double) r.rows() / max);
      int y0 = 5 + rowH * i;
      sb.append(String.format(Locale.ROOT, "<text class=\"label\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s "
          + "<tspan class=\"muted\">%s</tspan></text><rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
          + "data-source=\"%s\" data-rule=\"%s\" data-rows=\"%d\"><title>%s / %s: %d rows, %d new in this run</title>"
          + "</rect><text class=\"value\" x=\"%.1f\" y=\"%d\">%d%s</text>", left - 8, y0 + 13, Html.text(r.source()),
          Html.text(r.rule()), left, y0 + 2, barW, rowH - 6, Html.attr(r.source()), Html.attr(r.rule()), r.rows(),
          Html.text(r.source()), Html.text(r.rule()), r.rows(), r.newThisRun(), left + barW + 6, y0 + 13, r.rows(),
          r.newThisRun() > 0 ? " (+" + r.newThisRun() + ")" : ""));
    }
    return sb.append("</svg>").toString();
  }

  private static TrendPoint find(List<TrendPoint> pts, LocalDate month) {
    for (TrendPoint p : pts) {
      if (p.periodStart().equals(month)) {
        return p;
      }
    }
    return null;
  }

  private static String xy(double x, double y) {
    return String.format(Locale.ROOT, "%.1f,%.1f", x, y);
  }

  static String fmt1(Double v) {
    return v == null ? "" : String.format(Locale.ROOT, "%.1f", v);
  }

  static String fmt0(double v) {
    return String.format(Locale.ROOT, "%+.0f", v).replace("+0", "0");
  }
}
