package org.cxloop.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.spark.sql.SparkSession;
import org.cxloop.jobs.NightlyJob;
import org.cxloop.testing.MiniFixture;
import org.cxloop.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One nightly run on the mini fixture writes the report; headless Chromium opens it (no
 * network: the page must render from the file alone) and the rendered DOM and a screenshot are
 * checked against numbers worked out from the fixture by hand.
 */
class RunReportTest {

  @TempDir Path dir;
  private final SparkSession spark = SharedSpark.get();

  @Test
  void nightlyRunWritesAReportThatChromiumRendersWithItsCharts() throws Exception {
    // A run that failed in an earlier test (FailedRunRestoresTest fails one on purpose) leaves its
    // persisted Datasets in the shared session's cache, pointing at a @TempDir that is gone; the
    // next unpersist() re-analyses them and fails. Start from an empty cache.
    spark.catalog().clearCache();
    Path wh = dir.resolve("warehouse");
    // A case updates feed closes R2's case (opened 2026-06-15 10:00 +02:00) at 2026-06-16 14:45 +02:00,
    // 28.75 h later; a one-day P3 SLA makes R5's case (P3, opened 2026-06-16 12:00 +02:00, due
    // 2026-06-17 12:00 +02:00) overdue at the end of the run's last day.
    Path updates = dir.resolve("case_updates.csv");
    Files.writeString(updates, "case_id,new_status,note,updated_at,closed_at\n" + sha256("R2")
        + ",closed,voucher sent,2026-06-16T15:00:00+02:00,2026-06-16T14:45:00+02:00\n", StandardCharsets.UTF_8);
    NightlyJob.run(spark, new NightlyJob.Config(MiniFixture.config(wh, java.util.Map.of("report.enabled", "true",
        "input.case_updates.path", updates.toString(), "loop.sla.hours.p3", "24")), LocalDate.parse("2026-06-14"),
        LocalDate.parse("2026-06-17"), "run-r1"));
    Path run = wh.resolve("reports/run-run-r1.html");
    Path latest = wh.resolve("reports/latest.html");
    assertThat(run).exists();
    String html = Files.readString(run, StandardCharsets.UTF_8);
    assertThat(Files.readString(latest, StandardCharsets.UTF_8)).isEqualTo(html);
    assertThat(html).as("self-contained: nothing to fetch").doesNotContain("http://cdn", "https://", "<script src", "<link");

    String chromium = chromium();
    String dom = run(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + dir.resolve("profile"),
        "--dump-dom", latest.toUri().toString()));

    // Company trend: one chart per survey type. June transactional: R1 10, R2 3, R3 8, R5 6 ->
    // n=4, promoters 1, detractors 2, NPS = 25 - 50 = -25.0. June relational: R4 only, n=1 < nps.min.n=2.
    assertThat(count(dom, "<svg[^>]*data-chart=\"company-trend\"")).isEqualTo(2);
    assertThat(dom).containsPattern("data-chart=\"company-trend\" data-series=\"transactional\" data-points=\"1\"")
        .containsPattern("data-chart=\"company-trend\" data-series=\"relational\" data-points=\"0\"")
        .contains("data-period=\"2026-06-01\" data-nps=\"-25.0\" data-n=\"4\"");
    // Touchpoints (transactional): support_call R1 (T1) and R3 (T3), delivery R2, (unknown) R5 (T4 unknown).
    // support_call: 10 and 8 -> n=2, promoters 1, detractors 0, NPS 50.0; the others have n=1 < 2.
    assertThat(count(dom, "<svg[^>]*data-chart=\"touchpoint-trend\"")).isEqualTo(3);
    assertThat(dom).contains("data-chart=\"touchpoint-trend\" data-series=\"support_call\" data-points=\"1\"")
        .contains("data-period=\"2026-06-01\" data-nps=\"50.0\" data-n=\"2\"")
        .contains("data-chart=\"touchpoint-trend\" data-series=\"delivery\" data-points=\"0\"");
    // The interval band and the line are drawn for the transactional company series.
    assertThat(count(dom, "<path class=\"band\"")).isGreaterThanOrEqualTo(1);
    assertThat(count(dom, "<path class=\"line\"")).isGreaterThanOrEqualTo(1);
    // Data quality: the 6 broken answer rows are quarantined under 6 different rules, all new in this run.
    assertThat(count(dom, "<rect class=\"bar\"")).isGreaterThanOrEqualTo(6);
    assertThat(dom).contains("data-source=\"responses\" data-rule=\"score_out_of_range\" data-rows=\"1\"");
    // Follow-up SLA. Only R2 (score 3) and R5 (score 6) open cases, both in ISO week 2026-06-15.
    // R2: no employee served it, so its owner is the delivery touchpoint's, E00004; standard tier,
    // score <= 3: P2 (72 h), closed after 28.75 h, within its SLA. R5: interaction unknown, so the
    // default owner E00002; P3 (24 h here), not closed, overdue. All owners: opened 2, closed 1,
    // within SLA 1 = 50.0% of the opened, median hours to close 28.75 -> 28.8, overdue 1.
    String cells = "<td class=\"num\">%d</td><td class=\"num\">%d</td><td class=\"num\">%d</td><td class=\"num\">%s</td>"
        + "<td class=\"num\">%s</td><td class=\"num%s\">%d</td></tr>";
    assertThat(dom).doesNotContain("Not available yet: the table followup_cases does not exist")
        .contains("<tr data-week=\"2026-06-15\"><td>2026-06-15</td>" + String.format(cells, 2, 1, 1, "50.0%", "28.8", " overdue", 1))
        .contains("cases opened in the latest 4 weeks (from 2026-05-25)")
        .containsPattern("<tr data-owner=\"E00002\" data-team=\"\\(none\\)\"><td>E00002</td><td>\\(none\\)</td>"
            + Pattern.quote(String.format(cells, 1, 0, 0, "0.0%", "–", " overdue", 1))
            + "<tr data-owner=\"E00004\" data-team=\"\\(none\\)\"><td>E00004</td><td>\\(none\\)</td>"
            + Pattern.quote(String.format(cells, 1, 1, 1, "100.0%", "28.8", "", 0)))
        .as("case status counts are kept").contains("<tr data-status=\"closed\"><td>closed</td><td class=\"num\">1</td></tr>")
        .contains("<tr data-status=\"overdue\"><td>overdue</td><td class=\"num\">1</td></tr>");
    assertThat(count(dom, "<tr data-week=")).as("one week").isEqualTo(1);
    assertThat(count(dom, "<tr data-owner=")).as("two owner lines, the overdue one first").isEqualTo(2);
    // No model was trained, so the model metrics section says so.
    assertThat(dom).contains("Not available yet: the table model_metrics does not exist");
    assertThat(dom).contains("<td>run-r1</td><td>nightly</td><td class=\"status-succeeded\">succeeded</td>");

    Path png = dir.resolve("report.png");
    run(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
        "--user-data-dir=" + dir.resolve("profile2"), "--window-size=1200,1400", "--screenshot=" + png,
        latest.toUri().toString()));
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img.getWidth()).isEqualTo(1200);
    // Transactional marks are drawn in #1f77b4 (trend point, segment and cohort dots and whiskers):
    // they must show up as pixels, not only as DOM nodes.
    assertThat(pixelsNear(img, 0x1f, 0x77, 0xb4)).as("pixels of the transactional colour").isGreaterThan(50);
  }

  private static String sha256(String s) throws java.security.NoSuchAlgorithmException {
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
        .digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  /** Chromium's path; a CI run without it fails (the check must not be skipped silently). */
  static String chromium() {
    for (String p : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
      if (Files.isExecutable(Path.of(p))) {
        return p;
      }
    }
    if ("true".equals(System.getenv("CI"))) {
      throw new AssertionError("Chromium is not installed, and CI=true: .ci/run installs it (apt-get install chromium)");
    }
    assumeTrue(false, "chromium is not installed (apt-get install chromium); skipped outside CI");
    return null;
  }

  static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
    assertThat(p.exitValue()).as("chromium exit code").isZero();
    return new String(out, StandardCharsets.UTF_8);
  }

  static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  static long pixelsNear(BufferedImage img, int r, int g, int b) {
    long n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int rgb = img.getRGB(x, y);
        if (Math.abs(((rgb >> 16) & 0xff) - r) < 24 && Math.abs(((rgb >> 8) & 0xff) - g) < 24
            && Math.abs((rgb & 0xff) - b) < 24) {
          n++;
        }
      }
    }
    return n;
  }
}
