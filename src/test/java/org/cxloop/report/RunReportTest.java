package org.cxloop.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.spark.sql.SparkSession;
import org.cxloop.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM's shared nightly run on the mini fixture ({@link org.cxloop.testing.MiniRun}) writes the report; headless Chromium opens it (no
 * network: the page must render from the file alone) and the rendered DOM and a screenshot are
 * checked against numbers worked out from the fixture by hand.
 */
class RunReportTest {

  @TempDir Path dir;
  private final SparkSession spark = SharedSpark.get();

  @Test
  void nightlyRunWritesAReportThatChromiumRendersWithItsCharts() throws Exception {
    // The JVM's shared nightly run writes its report (MiniRun switches the report on).
    Path wh = org.cxloop.testing.MiniRun.warehouse();
    Path run = wh.resolve("reports/run-minirun-1.html");
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
    // The nightly run writes followup_cases (closing the loop), so its SLA section has data; no
    // model was trained, so the model metrics section says so.
    assertThat(dom).doesNotContain("Not available yet: the table followup_cases does not exist")
        .contains("Not available yet: the table model_metrics does not exist");
    assertThat(dom).contains("<td>minirun-1</td><td>nightly</td><td class=\"status-succeeded\">succeeded</td>");

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
