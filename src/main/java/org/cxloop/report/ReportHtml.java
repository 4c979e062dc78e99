package org.cxloop.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.cxloop.report.ReportData.AuditRow;
import org.cxloop.report.ReportData.CategoryRow;
import org.cxloop.report.ReportData.FollowUp;
import org.cxloop.report.ReportData.MetricCell;
import org.cxloop.report.ReportData.ModelQuality;
import org.cxloop.report.ReportData.SlaRow;
import org.cxloop.report.ReportData.StatusCount;

/** Renders {@link ReportData} as one self-contained HTML page: inline CSS and SVG, no script, no links out. */
public final class ReportHtml {

  private ReportHtml() {}

  private static final String CSS = """
      body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#222;margin:0;background:#f6f7f9}
      header{background:#1d2b3a;color:#fff;padding:18px 28px}header h1{margin:0;font-size:22px}
      header p{margin:4px 0 0;color:#c9d3de}
      main{padding:8px 28px 40px;max-width:1100px}
      section{background:#fff;border:1px solid #e1e4e8;border-radius:6px;padding:6px 18px 14px;margin:16px 0}
      h2{font-size:17px;margin:10px 0 4px}p.note{color:#555;margin:2px 0 10px;font-size:13px}
      .multiples{display:flex;flex-wrap:wrap;gap:6px}
      svg.chart{background:#fff;font-size:11px}svg .title{font-weight:600;font-size:12px}
      svg .grid{stroke:#eee}svg .zero{stroke:#999;stroke-dasharray:3 2}svg .tick{fill:#777}
      svg .band{opacity:.18;stroke:none}svg .line{fill:none;stroke-width:2}
      svg .suppressed{fill:#fff;stroke:#aaa}svg .ci{stroke-width:2;opacity:.6}svg .bar{fill:#e07b39}
      svg .muted,.muted{fill:#888;color:#888}svg .label{fill:#333}svg .value{fill:#333}
      table{border-collapse:collapse;font-size:13px;margin:6px 0}th,td{padding:3px 10px;border-bottom:1px solid #eee;text-align:left}
      th{background:#fafbfc}td.num{text-align:right;font-variant-numeric:tabular-nums}
      tr.standout td{background:#fff1ec}.badge{background:#d9480f;color:#fff;border-radius:3px;padding:0 5px;font-size:11px}
      .status-succeeded{color:#2b8a3e}.status-failed,.status-aborted{color:#c92a2a}
      blockquote{margin:4px 0 4px 0;padding:4px 10px;border-left:3px solid #e07b39;background:#fafafa;font-size:13px}
      .empty{color:#888;font-style:italic}td.overdue{color:#c92a2a;font-weight:600}
      """;

  public static String render(ReportData d) {
    StringBuilder sb = new StringBuilder(64 * 1024);
    sb.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>cxloop run ").append(Html.text(d.runId())).append("</title><style>").append(CSS)
        .append("</style></head><body>");
    sb.append("<header><h1>cxloop run report</h1><p>Run <b>").append(Html.text(d.runId())).append("</b> · generated ")
        .append(Html.text(d.generatedAtUtc())).append(" · segment, cohort and category views cover ")
        .append(d.windowFrom()).append(" – ").append(d.windowTo()).append("</p></header><main>");

    section(sb, "trend", "NPS trend by month",
        "Company NPS per month with its 95% interval (band), transactional and relational surveys apart. "
            + "A hollow marker on the axis is a month with fewer answers than nps.min.n: its NPS is noise and not drawn.");
    sb.append(Svg.trendSmallMultiples("company-trend", d.companyTrend()));
    sb.append("<h2>By touchpoint (transactional)</h2>");
    sb.append(Svg.trendSmallMultiples("touchpoint-trend", d.touchpointTrend()));
    sb.append("</section>");

    section(sb, "segments", "Segments", "NPS over the window by CRM segment valid when the customer answered; "
        + "the whisker is the 95% interval.");
    sb.append(Svg.dotWhisker("segments", d.segments())).append("</section>");
    section(sb, "cohorts", "Signup cohorts", "NPS over the window by the quarter the customer signed up in.");
    sb.append(Svg.dotWhisker("cohorts", d.cohorts())).append("</section>");

    section(sb, "categories", "Standout categories",
        "Commented answers per category over the window. A category stands out when its share of negative comments "
            + "is at least " + fmt(RunReport.STANDOUT_Z) + " standard errors above that of all other categories "
            + "(two-proportion z) and it has at least nps.min.n answers.");
    categories(sb, d.categories());
    for (Map.Entry<String, List<String>> e : d.sampleComments().entrySet()) {
      sb.append("<h2>").append(Html.text(e.getKey())).append(": latest negative comments (masked)</h2>");
      if (e.getValue().isEmpty()) {
        sb.append("<p class=\"empty\">No negative comment.</p>");
      }
      for (String c : e.getValue()) {
        sb.append("<blockquote class=\"sample\" data-category=\"").append(Html.attr(e.getKey())).append("\">")
            .append(Html.text(c)).append("</blockquote>");
      }
    }
    sb.append("</section>");

    followUp(sb, d.followUp());
    models(sb, d.modelMetrics());

    section(sb, "quality", "Data quality", "Rows in quarantine by source and the first rule they broke "
        + "(in brackets: new in this run). Nothing is dropped silently: see the quarantine table for each row.");
    sb.append(Svg.qualityBars(d.quality())).append("</section>");

    section(sb, "audit", "Run audit", "The latest runs from run_audit.");
    audit(sb, d.audit());
    sb.append("</section></main></body></html>\n");
    return sb.toString();
  }

  private static void section(StringBuilder sb, String id, String title, String note) {
    sb.append("<section id=\"").append(id).append("\"><h2>").append(Html.text(title)).append("</h2><p class=\"note\">")
        .append(Html.text(note)).append("</p>");
  }

  private static void categories(StringBuilder sb, List<CategoryRow> rows) {
    if (rows.isEmpty()) {
      sb.append("<p class=\"empty\">No categorised comments yet.</p>");
      return;
    }
    sb.append("<table data-table=\"categories\"><tr><th>category</th><th>answers</th><th>negative</th>")
        .append("<th>negative share</th><th>z vs rest</th><th>NPS</th><th></th></tr>");
    for (CategoryRow c : rows) {
      sb.append("<tr").append(c.standout() ? " class=\"standout\"" : "").append(" data-category=\"")
          .append(Html.attr(c.category())).append("\"><td>").append(Html.text(c.category())).append("</td><td class=\"num\">")
          .append(c.n()).append("</td><td class=\"num\">").append(c.negative()).append("</td><td class=\"num\">")
          .append(fmt(c.negativeSharePct())).append("%</td><td class=\"num\">").append(fmt(c.zNegative()))
          .append("</td><td class=\"num\">").append(c.nps() == null ? "–" : fmt(c.nps())).append("</td><td>")
          .append(c.standout() ? "<span class=\"badge\">standout</span>" : "").append("</td></tr>");
    }
    sb.append("</table>");
  }

  private static void followUp(StringBuilder sb, FollowUp f) {
    section(sb, "followup", "Follow-up SLA", f.available()
        ? "Follow-up cases by ISO week of opening (business time zone): opened, closed by now, closed by their due "
            + "time (loop.sla.hours.<priority>) and that share of the opened, median hours from opening to closing "
            + "(closed cases), and cases overdue at the end of the run's last day (followup_sla)."
        : f.note());
    if (!f.available()) {
      sb.append("</section>");
      return;
    }
    if (f.weeks().isEmpty()) {
      sb.append("<p class=\"empty\">No follow-up case yet.</p>");
    } else {
      sb.append("<h2>All owners, latest ").append(RunReport.SLA_WEEKS).append(" weeks</h2>");
      slaTable(sb, "sla-weeks", f.weeks(), false);
      sb.append("<h2>By owner and team: cases opened in the latest ").append(RunReport.SLA_OWNER_WEEKS)
          .append(" weeks (from ").append(f.ownersFrom()).append(")</h2>");
      slaTable(sb, "sla-owners", f.owners(), true);
    }
    sb.append("<h2>Cases by status</h2><table data-table=\"followup-status\"><tr><th>status</th><th>cases</th></tr>");
    for (StatusCount s : f.statuses()) {
      sb.append("<tr data-status=\"").append(Html.attr(s.status())).append("\"><td>").append(Html.text(s.status()))
          .append("</td><td class=\"num\">").append(s.cases()).append("</td></tr>");
    }
    sb.append("</table></section>");
  }

  private static void slaTable(StringBuilder sb, String id, List<SlaRow> rows, boolean perOwner) {
    sb.append("<table data-table=\"").append(id).append("\"><tr>")
        .append(perOwner ? "<th>owner</th><th>team</th>" : "<th>week of opening</th>");
    sb.append("<th>opened</th><th>closed</th><th>closed within SLA</th><th>within SLA share</th>")
        .append("<th>median hours to close</th><th>overdue now</th></tr>");
    for (SlaRow r : rows) {
      if (perOwner) {
        sb.append("<tr data-owner=\"").append(Html.attr(r.owner())).append("\" data-team=\"").append(Html.attr(r.team()))
            .append("\"><td>").append(Html.text(r.owner())).append("</td><td>").append(Html.text(r.team())).append("</td>");
      } else {
        sb.append("<tr data-week=\"").append(r.weekStart()).append("\"><td>").append(r.weekStart()).append("</td>");
      }
      sb.append("<td class=\"num\">").append(r.opened()).append("</td><td class=\"num\">").append(r.closed())
          .append("</td><td class=\"num\">").append(r.closedWithinSla()).append("</td><td class=\"num\">")
          .append(r.closedWithinSlaShare() == null ? "–" : fmt(100 * r.closedWithinSlaShare()) + "%")
          .append("</td><td class=\"num\">").append(r.medianHoursToClose() == null ? "–" : fmt(r.medianHoursToClose()))
          .append("</td><td class=\"num").append(r.overdueNow() > 0 ? " overdue" : "").append("\">")
          .append(r.overdueNow()).append("</td></tr>");
    }
    sb.append("</table>");
  }

  /** Languages in a fixed order, then any other, with the pooled "all" last. */
  private static final List<String> LANGUAGES = List.of("pl", "ru", "en");
  private static final List<String> KINDS = List.of("keyword", "ml", "combined");

  private static void models(StringBuilder sb, List<ModelQuality> models) {
    section(sb, "model", "Model metrics", models.isEmpty()
        ? ReportData.notAvailableNote("model_metrics") + " Train a model with jobs/cxloop-train --approve."
        : "Accuracy / macro-F1 on the version's held-out rows (never trained on), per comment language: the keyword "
            + "rules, the trained model and the combined label the tables use, all on the same rows.");
    for (ModelQuality m : models) {
      List<String> languages = new ArrayList<>();
      TreeSet<String> seen = new TreeSet<>();
      m.cells().forEach(c -> seen.add(c.language()));
      LANGUAGES.stream().filter(seen::contains).forEach(languages::add);
      seen.stream().filter(l -> !LANGUAGES.contains(l) && !l.equals("all")).forEach(languages::add);
      if (seen.contains("all")) {
        languages.add("all");
      }
      sb.append("<h2>").append(Html.text(m.model())).append(" v").append(m.version()).append("</h2><p class=\"note\">")
          .append(Html.text(m.note())).append("</p><table data-table=\"model-").append(Html.attr(m.model()))
          .append("\"><tr><th>labels from</th>");
      for (String l : languages) {
        long n = m.cells().stream().filter(c -> c.language().equals(l)).mapToLong(MetricCell::n).max().orElse(0);
        sb.append("<th>").append(Html.text(l)).append(" <span class=\"muted\">(n=").append(n).append(")</span></th>");
      }
      sb.append("</tr>");
      List<String> kinds = new ArrayList<>(KINDS);
      m.cells().stream().map(MetricCell::kind).distinct().filter(k -> !kinds.contains(k)).sorted().forEach(kinds::add);
      for (String k : kinds) {
        if (m.cells().stream().noneMatch(c -> c.kind().equals(k))) {
          continue;
        }
        sb.append("<tr data-kind=\"").append(Html.attr(k)).append("\"><td>").append(Html.text(k)).append("</td>");
        for (String l : languages) {
          MetricCell c = m.cells().stream().filter(x -> x.kind().equals(k) && x.language().equals(l)).findFirst()
              .orElse(null);
          sb.append("<td class=\"num\" data-language=\"").append(Html.attr(l)).append("\">")
              .append(c == null ? "–" : fmt3(c.accuracy()) + " / " + fmt3(c.macroF1())).append("</td>");
        }
        sb.append("</tr>");
      }
      sb.append("</table>");
    }
    sb.append("</section>");
  }

  private static void audit(StringBuilder sb, List<AuditRow> rows) {
    sb.append("<table data-table=\"audit\"><tr><th>run</th><th>job</th><th>status</th><th>days</th><th>started (UTC)</th>")
        .append("<th>s</th><th>read</th><th>accepted</th><th>quarantined</th><th>inserted</th><th>updated</th>")
        .append("<th>error</th></tr>");
    for (AuditRow r : rows) {
      sb.append("<tr><td>").append(Html.text(r.runId())).append("</td><td>").append(Html.text(r.job()))
          .append("</td><td class=\"status-").append(Html.attr(r.status())).append("\">").append(Html.text(r.status()))
          .append("</td><td>").append(Html.text(r.from())).append(" – ").append(Html.text(r.to())).append("</td><td>")
          .append(Html.text(r.startedAtUtc())).append("</td>");
      for (Object v : new Object[] {r.durationS() == null ? null : fmt(r.durationS()), r.rowsRead(), r.rowsAccepted(),
          r.rowsQuarantined(), r.inserted(), r.updated()}) {
        sb.append("<td class=\"num\">").append(v == null ? "" : Html.text(v.toString())).append("</td>");
      }
      sb.append("<td>").append(Html.text(r.error())).append("</td></tr>");
    }
    sb.append("</table>");
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static String fmt3(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
