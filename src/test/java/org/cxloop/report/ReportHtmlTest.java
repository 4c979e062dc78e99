package org.cxloop.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.cxloop.report.ReportData.Cell;
import org.cxloop.report.ReportData.FollowUp;
import org.cxloop.report.ReportData.MetricCell;
import org.cxloop.report.ReportData.ModelQuality;
import org.cxloop.report.ReportData.TrendPoint;
import org.junit.jupiter.api.Test;

class ReportHtmlTest {

  private static final LocalDate MAY = LocalDate.parse("2026-05-01");
  private static final LocalDate JUN = LocalDate.parse("2026-06-01");
  private static final LocalDate JUL = LocalDate.parse("2026-07-01");

  @Test
  void aMonthBelowMinimumNBreaksTheLineAndCustomerTextIsEscaped() {
    List<TrendPoint> delivery = List.of(new TrendPoint("delivery", MAY, 50, 20.0, 5.0, 35.0),
        new TrendPoint("delivery", JUN, 3, null, null, null), new TrendPoint("delivery", JUL, 40, -10.0, -30.0, 10.0));
    ReportData d = new ReportData("r1", "2026-07-31T00:00:00Z", MAY, JUL, List.of(), delivery,
        List.of(new Cell("<b>vip</b>", "relational", 10, 50.0, 20.0, 80.0)), List.of(), List.of(),
        Map.of("delivery", List.of("Kurier <script>alert(1)</script> [phone]")),
        FollowUp.notAvailable("followup_cases"), List.of(), List.of(), List.of());
    String html = ReportHtml.render(d);
    // May and July have an NPS, June (n=3) does not: two runs of one point, so two bands, two lines.
    assertThat(RunReportTest.count(html, "<path class=\"band\"")).isEqualTo(2);
    assertThat(RunReportTest.count(html, "<path class=\"line\"")).isEqualTo(2);
    assertThat(html).contains("data-series=\"delivery\" data-points=\"2\"")
        .contains("class=\"suppressed\"").contains("data-period=\"2026-06-01\" data-n=\"3\"");
    assertThat(html).doesNotContain("<script>").contains("Kurier &lt;script&gt;alert(1)&lt;/script&gt; [phone]")
        .contains("&lt;b&gt;vip&lt;/b&gt;").doesNotContain("<b>vip</b>");
  }

  @Test
  void modelMetricsAreOneTablePerModelWithLanguagesAsColumns() {
    List<MetricCell> cells = List.of(new MetricCell("ml", "all", 243, 0.65, 0.644),
        new MetricCell("keyword", "pl", 81, 0.519, 0.512), new MetricCell("ml", "pl", 81, 0.654, 0.651),
        new MetricCell("combined", "pl", 81, 0.716, 0.717));
    ReportData d = new ReportData("r1", "2026-07-31T00:00:00Z", MAY, JUL, List.of(), List.of(), List.of(), List.of(),
        List.of(), Map.of(), FollowUp.notAvailable("followup_cases"),
        List.of(new ModelQuality("sentiment", 3, "The version this run scored with.", cells)), List.of(), List.of());
    String html = ReportHtml.render(d);
    assertThat(html).contains("<h2>sentiment v3</h2>")
        .as("pl before the pooled all; rows keyword, ml, combined")
        .containsPattern("<th>pl <span class=\"muted\">\\(n=81\\)</span></th><th>all <span class=\"muted\">\\(n=243\\)</span></th>")
        .containsPattern("data-kind=\"keyword\".*data-kind=\"ml\".*data-kind=\"combined\"")
        .contains("<tr data-kind=\"ml\"><td>ml</td><td class=\"num\" data-language=\"pl\">0.654 / 0.651</td>"
            + "<td class=\"num\" data-language=\"all\">0.650 / 0.644</td></tr>")
        .contains("<td class=\"num\" data-language=\"all\">–</td>")
        .doesNotContain("Not available yet: the table model_metrics");
  }
}
