package org.cxloop.privacy;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_if;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.cxloop.config.CxConfig;
import org.cxloop.jobs.NightlyJob;
import org.cxloop.model.ModelTables;
import org.cxloop.output.CxTables;
import org.cxloop.output.TableDef;
import org.cxloop.report.ReportErasure;
import org.cxloop.testing.MiniFixture;
import org.cxloop.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forgets the mini fixture's customer C1, renamed to a long distinctive id so that a byte scan
 * of the data files cannot hit it by chance. C1 answered R1 (10, 2026-06-14, "Bardzo miła
 * obsługa") and R2 (3, 2026-06-15, "Kurier spóźniony, nie polecam"), which opened a follow-up
 * case; a later copy of R2 (duplicate) and the malformed R9 line sit in quarantine.
 *
 * <p>C1 is a consumer, so its account_id is its customer id. Account NPS is computed from
 * relational answers by default and C1 has none: here it is computed from transactional answers
 * and C1's answers get a contact (K1), so that account_nps holds the id before the erasure.
 * The mini run has too few mentions for a standout (owner_actions is empty) and the nightly run
 * writes no emerging themes: one row with C1's R2 comment and R5's comment is added to each.
 */
class ForgetJobTest {

  static final String ID = "CUSTOMER-TO-FORGET-7731";
  /** Texts only C1 wrote: the comments of R1 and R2, and those of the quarantined copies. */
  static final List<String> C1_TEXTS = List.of("Bardzo miła obsługa", "Kurier spóźniony, nie polecam", "later copy",
      "broken quote, no end");
  static final String R2_COMMENT = "Kurier spóźniony, nie polecam";
  /** R5's comment (customer C9): stays everywhere. */
  static final String R5_COMMENT = "App crashed";

  @TempDir Path dir;
  private final SparkSession spark = SharedSpark.get();

  @Test
  void leavesNoTraceInAnyTableOrDataFileAndLogsCountsWithoutTheId() throws IOException {
    // A run that failed in an earlier test (FailedRunRestoresTest fails one on purpose) leaves its
    // persisted Datasets in the shared session's cache, pointing at a @TempDir that is gone; the
    // next unpersist() re-analyses them and fails. Start from an empty cache.
    spark.catalog().clearCache();
    Path inputs = dir.resolve("in");
    Files.createDirectories(inputs);
    for (String f : List.of("responses.csv", "crm_customers.csv", "interactions.csv", "employees.csv")) {
      String text = Files.readString(Path.of(MiniFixture.DIR + f), StandardCharsets.UTF_8)
          .replaceAll("(?<![A-Za-z0-9])C1(?![0-9])", ID);
      if (f.equals("responses.csv")) {
        text = text.replace("," + ID + ",,,", "," + ID + ",K1,end_user,");
      }
      Files.writeString(inputs.resolve(f), text, StandardCharsets.UTF_8);
    }
    Path wh = dir.resolve("warehouse");
    Map<String, String> over = new HashMap<>(Map.of("warehouse.dir", wh.toString(),
        "input.responses.path", inputs.resolve("responses.csv").toString(), "input.responses_legacy_pl.path", "",
        "input.responses_legacy_ru.path", "", "input.crm_customers.path", inputs.resolve("crm_customers.csv").toString(),
        "input.interactions.path", inputs.resolve("interactions.csv").toString(),
        "input.employees.path", inputs.resolve("employees.csv").toString(), "nps.min.n", "2",
        "report.enabled", "true"));
    over.put("privacy.erasure.retention.hours", "0");
    over.put("account.survey.type", "transactional");
    // As in MiniFixture: OPTIMIZE costs seconds and changes no row (MaintenanceTest covers it).
    over.put("maintenance.optimize.enabled", "false");
    // The fixture is dirty on purpose: its quality limits are loosened as in MiniFixture.
    over.put("dq.quarantine.max.share", "0.9");
    over.put("dq.crm.match.min", "0.5");
    CxConfig conf = CxConfig.load(null, over);
    // Uncompressed Parquet: the scan below looks for the id's bytes, which compression could hide.
    spark.conf().set("spark.sql.parquet.compression.codec", "uncompressed");
    spark.conf().set("spark.databricks.delta.retentionDurationCheck.enabled", "false");
    try {
      NightlyJob.run(spark, new NightlyJob.Config(conf, LocalDate.parse("2026-06-14"), LocalDate.parse("2026-06-17"), "run-1"));
      appendSampleRow(CxTables.OWNER_ACTIONS.path(wh.toString()), CxTables.OWNER_ACTIONS.schema());
      ModelTables.EMERGING_THEMES.createIfNotExists(spark, wh.toString());
      appendSampleRow(ModelTables.EMERGING_THEMES.path(wh.toString()), ModelTables.EMERGING_THEMES.schema());
      assertThat(filesHolding(wh, ID)).as("control: before erasure the id is in the data files").isNotEmpty();
      assertThat(rowsMentioning(wh.resolve("account_nps"), List.of(ID))).as("control: C1's account row")
          .allMatch(n -> n > 0);
      assertThat(filesHolding(wh, R2_COMMENT)).as("control: R2's comment in the tables and the report")
          .anyMatch(p -> p.startsWith(wh.resolve("reports"))).anyMatch(p -> p.startsWith(wh.resolve("owner_actions")));
      assertThat(companyCell(wh, "month", "2026-06-01", "transactional")).as("R1 10, R2 3, R3 8, R5 6: n=4, P=1, D=2")
          .containsExactly(4L, 1L, 2L);

      ForgetJob.Result r = ForgetJob.run(spark, new ForgetJob.Config(conf, List.of(ID), "GDPR-1"));

      assertThat(r.rowsDeleted()).as("R1 and R2; the duplicate R2 copy and the malformed R9 line; R2's case")
          .containsEntry("responses_enriched", 2L).containsEntry("quarantine", 2L).containsEntry("followup_cases", 1L)
          .as("one sample row each; the run's report and latest.html")
          .containsEntry("owner_actions.sample_comments", 1L).containsEntry("emerging_themes.sample_comments", 1L)
          .containsEntry(ForgetJob.REPORTS_KEY, 2L);
      List<String> traces = new ArrayList<>(C1_TEXTS);
      traces.add(ID);
      List<Path> tables;
      try (Stream<Path> folders = Files.list(wh)) {
        tables = folders.filter(p -> Files.isDirectory(p.resolve("_delta_log"))).toList();
      }
      assertThat(tables.stream().map(p -> p.getFileName().toString()))
          .as("every table is scanned: the data tables, the run's records, the erasure log, emerging_themes")
          .containsAll(CxTables.DATA_TABLES.stream().map(TableDef::name).toList())
          .contains("run_audit", "dq_results", "erasure_log", "emerging_themes");
      for (Path t : tables) {
        List<Long> hits = rowsMentioning(t, traces);
        for (int i = 0; i < traces.size(); i++) {
          assertThat(hits.get(i)).as("rows of %s mentioning '%s'", t.getFileName(), traces.get(i)).isZero();
        }
      }
      for (String trace : traces) {
        assertThat(filesHolding(wh, trace)).as("files (outside _delta_log) holding '%s' after VACUUM", trace).isEmpty();
      }
      for (String t : List.of("owner_actions", "emerging_themes")) {
        assertThat(spark.read().format("delta").load(wh.resolve(t).toString())
            .selectExpr("flatten(collect_list(sample_comments))").first().<String>getList(0))
            .as("%s keeps the other customer's sample", t).containsExactly(R5_COMMENT);
      }
      String report = Files.readString(wh.resolve("reports/latest.html"), StandardCharsets.UTF_8);
      assertThat(report).as("the report is rewritten, not deleted").contains(ReportErasure.PLACEHOLDER_TEXT)
          .contains(">" + R5_COMMENT + "</blockquote>");
      assertThat(Files.readString(wh.resolve("reports/run-run-1.html"), StandardCharsets.UTF_8)).isEqualTo(report);
      assertThat(spark.read().format("delta").load(wh.resolve("responses_enriched").toString()).count())
          .as("R3, R4, R5 stay").isEqualTo(3);
      assertThat(companyCell(wh, "month", "2026-06-01", "transactional")).as("R3 8, R5 6: n=2, P=0, D=1")
          .containsExactly(2L, 0L, 1L);
      assertThat(companyCell(wh, "day", "2026-06-14", "transactional")).as("only R1 was on 14 June: the cell is gone")
          .isEmpty();
      assertThat(spark.read().format("delta").load(wh.resolve("followup_sla").toString()).selectExpr("sum(opened)")
          .first().getLong(0)).as("followup_sla recomputed: R5's case only").isEqualTo(1L);

      Row log = spark.read().format("delta").load(wh.resolve("erasure_log").toString()).first();
      assertThat(log.<String>getAs("request_id")).isEqualTo("GDPR-1");
      assertThat(log.<Long>getAs("subjects")).isEqualTo(1L);
      assertThat(log.<String>getAs("status")).isEqualTo("succeeded");
      assertThat(log.<scala.collection.Map<String, Long>>getAs("rows_deleted").apply("responses_enriched")).isEqualTo(2L);
    } finally {
      spark.conf().unset("spark.sql.parquet.compression.codec");
      spark.conf().unset("spark.databricks.delta.retentionDurationCheck.enabled");
    }
  }

  /** Appends a row whose sample_comments are R2's comment (C1) and R5's (C9), its other columns empty. */
  private void appendSampleRow(String path, StructType schema) {
    Object[] values = new Object[schema.size()];
    values[schema.fieldIndex("week_start")] = java.sql.Date.valueOf("2026-06-15");
    values[schema.fieldIndex("sample_comments")] = List.of(R2_COMMENT, R5_COMMENT);
    spark.createDataFrame(List.of(RowFactory.create(values)), schema).write().format("delta").mode("append").save(path);
  }

  /** Per text, the rows of the table whose JSON form contains it (one pass over the table). */
  private List<Long> rowsMentioning(Path table, List<String> texts) {
    Row r = spark.read().format("delta").load(table.toString()).selectExpr("to_json(struct(*)) AS j")
        .agg(count_if(col("j").contains(texts.get(0))), texts.stream().skip(1)
            .map(t -> count_if(col("j").contains(t))).toArray(Column[]::new))
        .first();
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      out.add(r.getLong(i));
    }
    return out;
  }

  private List<Long> companyCell(Path wh, String grain, String start, String surveyType) {
    return spark.read().format("delta").load(wh.resolve("nps_summary").toString())
        .filter("dimension = 'company' AND grain = '" + grain + "' AND period_start = DATE'" + start
            + "' AND survey_type = '" + surveyType + "'")
        .select("n", "promoters", "detractors").collectAsList().stream()
        .flatMap(r -> Stream.of(r.getLong(0), r.getLong(1), r.getLong(2))).toList();
  }

  /**
   * Files anywhere under the warehouse (every table's data and change-feed files, the reports),
   * outside the transaction logs, whose bytes contain the text.
   */
  static List<Path> filesHolding(Path warehouse, String text) throws IOException {
    byte[] needle = text.getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.walk(warehouse)) {
      return files.filter(Files::isRegularFile)
          .filter(p -> !p.toString().contains("_delta_log"))
          .filter(p -> contains(read(p), needle)).toList();
    }
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static boolean contains(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
