package org.cxloop.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cxloop.config.CxConfig;
import org.cxloop.jobs.NightlyJob;
import org.cxloop.output.CxTables;
import org.cxloop.testing.MiniFixture;
import org.cxloop.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forgets the mini fixture's customer C1, renamed to a long distinctive id so that a byte scan
 * of the data files cannot hit it by chance. C1 answered R1 (10, 2026-06-14) and R2 (3,
 * 2026-06-15); a later copy of R2 (duplicate) and the malformed R9 line sit in quarantine.
 */
class ForgetJobTest {

  static final String ID = "CUSTOMER-TO-FORGET-7731";

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
      String text = Files.readString(Path.of(MiniFixture.DIR + f), StandardCharsets.UTF_8);
      Files.writeString(inputs.resolve(f), text.replaceAll("(?<![A-Za-z0-9])C1(?![0-9])", ID), StandardCharsets.UTF_8);
    }
    Path wh = dir.resolve("warehouse");
    Map<String, String> over = new HashMap<>(Map.of("warehouse.dir", wh.toString(),
        "input.responses.path", inputs.resolve("responses.csv").toString(), "input.responses_legacy_pl.path", "",
        "input.responses_legacy_ru.path", "", "input.crm_customers.path", inputs.resolve("crm_customers.csv").toString(),
        "input.interactions.path", inputs.resolve("interactions.csv").toString(),
        "input.employees.path", inputs.resolve("employees.csv").toString(), "nps.min.n", "2",
        "report.enabled", "false"));
    over.put("privacy.erasure.retention.hours", "0");
    // The fixture is dirty on purpose: its quality limits are loosened as in MiniFixture.
    over.put("dq.quarantine.max.share", "0.9");
    over.put("dq.crm.match.min", "0.5");
    CxConfig conf = CxConfig.load(null, over);
    // Uncompressed Parquet: the scan below looks for the id's bytes, which compression could hide.
    spark.conf().set("spark.sql.parquet.compression.codec", "uncompressed");
    spark.conf().set("spark.databricks.delta.retentionDurationCheck.enabled", "false");
    try {
      NightlyJob.run(spark, new NightlyJob.Config(conf, LocalDate.parse("2026-06-14"), LocalDate.parse("2026-06-17"), "run-1"));
      assertThat(filesHolding(wh, ID)).as("control: before erasure the id is in the data files").isNotEmpty();
      assertThat(companyCell(wh, "month", "2026-06-01", "transactional")).as("R1 10, R2 3, R3 8, R5 6: n=4, P=1, D=2")
          .containsExactly(4L, 1L, 2L);

      ForgetJob.Result r = ForgetJob.run(spark, new ForgetJob.Config(conf, List.of(ID), "GDPR-1"));

      assertThat(r.rowsDeleted()).as("R1 and R2; the duplicate R2 copy and the malformed R9 line")
          .containsEntry("responses_enriched", 2L).containsEntry("quarantine", 2L);
      for (String t : List.of("responses_enriched", "quarantine", "nps_summary", "run_audit", "erasure_log")) {
        long hits = spark.read().format("delta").load(wh.resolve(t).toString())
            .selectExpr("to_json(struct(*)) AS j").filter("j LIKE '%" + ID + "%'").count();
        assertThat(hits).as("rows of %s mentioning the id", t).isZero();
      }
      assertThat(filesHolding(wh, ID)).as("data files (outside _delta_log) holding the id after VACUUM").isEmpty();
      assertThat(spark.read().format("delta").load(wh.resolve("responses_enriched").toString()).count())
          .as("R3, R4, R5 stay").isEqualTo(3);
      assertThat(companyCell(wh, "month", "2026-06-01", "transactional")).as("R3 8, R5 6: n=2, P=0, D=1")
          .containsExactly(2L, 0L, 1L);
      assertThat(companyCell(wh, "day", "2026-06-14", "transactional")).as("only R1 was on 14 June: the cell is gone")
          .isEmpty();

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

  private List<Long> companyCell(Path wh, String grain, String start, String surveyType) {
    return spark.read().format("delta").load(wh.resolve("nps_summary").toString())
        .filter("dimension = 'company' AND grain = '" + grain + "' AND period_start = DATE'" + start
            + "' AND survey_type = '" + surveyType + "'")
        .select("n", "promoters", "detractors").collectAsList().stream()
        .flatMap(r -> Stream.of(r.getLong(0), r.getLong(1), r.getLong(2))).toList();
  }

  /** Files under the tables' folders, outside the transaction log, whose bytes contain the text. */
  static List<Path> filesHolding(Path warehouse, String text) throws IOException {
    byte[] needle = text.getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.walk(warehouse)) {
      return files.filter(Files::isRegularFile)
          .filter(p -> CxTables.DATA_TABLES.stream().anyMatch(t -> p.startsWith(warehouse.resolve(t.name()))))
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
