package org.cxloop.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.cxloop.report.ReportData.Cell;
import org.cxloop.report.ReportData.Section;
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
        Section.notAvailable("followup_cases"), Section.notAvailable("model_metrics"), List.of(), List.of());
    String html = ReportHtml.render(d);
    // May and July have an NPS, June (n=3) does not: two runs of one point, so two bands, two lines.
    assertThat(RunReportTest.count(html, "<path class=\"band\"")).isEqualTo(2);
    assertThat(RunReportTest.count(html, "<path class=\"line\"")).isEqualTo(2);
    assertThat(html).contains("data-series=\"delivery\" data-points=\"2\"")
        .contains("class=\"suppressed\"").contains("data-period=\"2026-06-01\" data-n=\"3\"");
    assertThat(html).doesNotContain("<script>").contains("Kurier &lt;script&gt;alert(1)&lt;/script&gt; [phone]")
        .contains("&lt;b&gt;vip&lt;/b&gt;").doesNotContain("<b>vip</b>");
  }
}
