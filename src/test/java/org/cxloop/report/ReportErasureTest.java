package org.cxloop.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cxloop.report.ReportData.FollowUp;
import org.junit.jupiter.api.Test;

class ReportErasureTest {

  private static String report(Map<String, List<String>> samples) {
    return ReportHtml.render(new ReportData("r1", "2026-07-31T00:00:00Z", LocalDate.parse("2026-05-01"),
        LocalDate.parse("2026-07-31"), List.of(), List.of(), List.of(), List.of(), List.of(), samples,
        FollowUp.notAvailable("followup_cases"), List.of(), List.of(), List.of()));
  }

  @Test
  void anErasedSampleIsReplacedAndTheOthersStay() {
    Map<String, List<String>> samples = new LinkedHashMap<>();
    samples.put("delivery", List.of("Kurier <znowu> spóźniony, mail jan@example.pl", "ok"));
    samples.put("billing", List.of("ok"));
    String html = report(samples);
    // Stored text (already masked in the table); the report masks again and escapes.
    Set<String> shown = ReportErasure.shownForms(List.of("Kurier <znowu> spóźniony, mail jan@example.pl"));
    String cleaned = ReportErasure.withoutSamples(html, shown);
    assertThat(cleaned).doesNotContain("spóźniony").contains(ReportErasure.PLACEHOLDER)
        .as("the other samples stay").contains("data-category=\"billing\">ok</blockquote>")
        .contains("data-category=\"delivery\">ok</blockquote>");
    assertThat(ReportErasure.stillShows(cleaned, shown)).isFalse();
    assertThat(ReportErasure.stillShows(html, shown)).isTrue();
  }

  @Test
  void aShortCommentMatchesWholeElementsOnly() {
    String html = report(Map.of("billing", List.of("ok", "not ok at all")));
    Set<String> shown = ReportErasure.shownForms(List.of("ok"));
    String cleaned = ReportErasure.withoutSamples(html, shown);
    assertThat(cleaned).contains(">not ok at all</blockquote>").doesNotContain(">ok</blockquote>");
    assertThat(ReportErasure.stillShows(cleaned, shown)).as("'ok' inside other text does not condemn the report").isFalse();
  }
}
