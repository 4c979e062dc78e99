package org.cxloop.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.cxloop.CxErrors;
import org.cxloop.privacy.Redaction;

/**
 * Erasure in the run reports: a report shows no id, name or contact, but its sample comments are
 * customers' words. The forget job hands over the erased answers' comments; each report under
 * {@code <warehouse>/reports/} that shows one as a sample is rewritten with a placeholder instead,
 * and the rest of the report (the figures of its run) is kept. A report that would still show the
 * text in another element afterwards is deleted.
 */
public final class ReportErasure {

  /** What a reader sees instead of a removed sample comment. */
  public static final String PLACEHOLDER_TEXT = "A comment was removed here (erasure request).";
  static final String PLACEHOLDER = "<p class=\"empty removed\">" + PLACEHOLDER_TEXT + "</p>";

  /** Report files rewritten and deleted. */
  public record Outcome(int rewritten, int deleted) {}

  private ReportErasure() {}

  /**
   * Removes the comments from every report of the warehouse.
   *
   * @param comments comment texts as stored in responses_enriched (the report masks them again)
   */
  public static Outcome removeComments(SparkSession spark, String warehouse, Collection<String> comments) {
    Set<String> shown = shownForms(comments);
    Path dir = new Path(org.cxloop.output.TableDef.path(warehouse, RunReport.REPORTS_DIR));
    int rewritten = 0;
    int deleted = 0;
    try {
      FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (shown.isEmpty() || !fs.exists(dir)) {
        return new Outcome(0, 0);
      }
      for (FileStatus f : fs.listStatus(dir)) {
        if (!f.isFile() || !f.getPath().getName().endsWith(".html")) {
          continue;
        }
        String html = read(fs, f.getPath());
        String cleaned = withoutSamples(html, shown);
        if (stillShows(cleaned, shown)) {
          fs.delete(f.getPath(), false);
          deleted++;
        } else if (!cleaned.equals(html)) {
          try (OutputStream out = fs.create(f.getPath(), true)) {
            out.write(cleaned.getBytes(StandardCharsets.UTF_8));
          }
          rewritten++;
        }
      }
    } catch (IOException e) {
      throw CxErrors.erasureReportsNotCleaned(dir.toString(), e);
    }
    return new Outcome(rewritten, deleted);
  }

  /** The comments as the report writes them: masked (again) and HTML-escaped, both variants. */
  static Set<String> shownForms(Collection<String> comments) {
    Set<String> out = new LinkedHashSet<>();
    for (String c : comments) {
      if (c == null || c.isBlank()) {
        continue;
      }
      out.add(Html.text(c));
      out.add(Html.text(Redaction.mask(c)));
    }
    return out;
  }

  /** The report with each sample blockquote showing one of the texts replaced by the placeholder. */
  static String withoutSamples(String html, Set<String> shown) {
    if (shown.isEmpty()) {
      return html;
    }
    Pattern sample = Pattern.compile("<blockquote class=\"sample\"[^>]*>(?:"
        + shown.stream().map(Pattern::quote).collect(Collectors.joining("|")) + ")</blockquote>");
    return sample.matcher(html).replaceAll(Matcher.quoteReplacement(PLACEHOLDER));
  }

  /**
   * Whether an element still has one of the texts as its whole content. Whole content, not a
   * substring: a short comment ("ok") must not condemn every report.
   */
  static boolean stillShows(String html, Set<String> shown) {
    return shown.stream().anyMatch(s -> html.contains(">" + s + "<"));
  }

  private static String read(FileSystem fs, Path p) throws IOException {
    try (InputStream in = fs.open(p)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
