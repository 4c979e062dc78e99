package org.cxloop.output;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.raise_error;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cxloop.CxException;
import org.cxloop.config.CxConfig;
import org.cxloop.jobs.PublishJob;
import org.cxloop.testing.MiniRun;
import org.cxloop.testing.SharedSpark;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The publish job against a real PostgreSQL server (.ci/run starts one and exports
 * CXLOOP_TEST_PG_URL, _USER, _PASSWORD): what a BI tool reads there equals the Delta table, and a
 * load that fails halfway leaves the published table as it was.
 */
class PgPublishTest {

  private static String url;
  private static String user;
  private static String password;
  /** A schema of its own per test JVM, so parallel or repeated runs do not meet. */
  private static final String SCHEMA = "cxloop_t" + Long.toHexString(System.nanoTime() & 0xffffffL);

  private final SparkSession spark = SharedSpark.get();

  @BeforeAll
  static void server() {
    url = System.getenv("CXLOOP_TEST_PG_URL");
    user = System.getenv("CXLOOP_TEST_PG_USER");
    password = System.getenv("CXLOOP_TEST_PG_PASSWORD");
    if (url == null || url.isBlank()) {
      String why = "PgPublishTest needs a PostgreSQL server: CXLOOP_TEST_PG_URL (and _USER, _PASSWORD) is not "
          + "set. Start one with: eval \"$(.ci/pg-test-server start)\"";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail(why + " (.ci/run does this; on CI the test must not be skipped)");
      }
      System.err.println("\n!!!!! SKIPPED: " + why + " !!!!!\n");
      Assumptions.abort(why);
    }
  }

  private CxConfig config(Path warehouse) {
    return CxConfig.load(null, Map.of("warehouse.dir", warehouse.toString(), "publish.jdbc.url", url,
        "publish.jdbc.user", user, "publish.schema", SCHEMA));
  }

  @Test
  void biReadsInPostgresWhatTheDeltaTableHolds() throws Exception {
    Path warehouse = MiniRun.warehouse();
    PublishJob.Result r = PublishJob.run(spark, new PublishJob.Config(config(warehouse), password));
    assertThat(r.absent()).as("the nightly run writes every aggregate table that publish mirrors").isEmpty();
    Dataset<Row> delta = spark.read().format("delta").load(warehouse.resolve("nps_summary").toString());
    long deltaRows = delta.count();
    assertThat(delta.select("grain", "period_start", "survey_type", "dimension", "dimension_value").distinct().count())
        .as("one row per cell").isEqualTo(deltaRows);

    try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
      assertThat(one(s, "SELECT count(*) FROM " + SCHEMA + ".nps_summary")).isEqualTo(deltaRows);
      long deltaN = delta.selectExpr("sum(n)").first().getLong(0);
      assertThat(one(s, "SELECT sum(n) FROM " + SCHEMA + ".nps_summary")).as("sum of n over every cell").isEqualTo(deltaN);
      // Month 2026-06, transactional, whole company: R1 10, R2 3, R3 8, R5 6 -> P=1, Pa=1, D=2, n=4;
      // NPS = 100 (1/4 - 2/4) = -25; SE = 100 sqrt((0.25 + 0.5 - 0.0625) / 4) = 41.4578.
      try (ResultSet rs = s.executeQuery("SELECT n, detractors, nps, nps_se, period_start FROM " + SCHEMA
          + ".nps_summary WHERE grain = 'month' AND dimension = 'company' AND survey_type = 'transactional'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong("n")).isEqualTo(4);
        assertThat(rs.getLong("detractors")).isEqualTo(2);
        assertThat(rs.getDouble("nps")).isEqualTo(-25.0);
        assertThat(rs.getDouble("nps_se")).isCloseTo(41.4578, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(rs.getDate("period_start").toLocalDate()).isEqualTo(java.time.LocalDate.of(2026, 6, 1));
        assertThat(rs.next()).as("one such cell").isFalse();
      }
      try (ResultSet rs = s.executeQuery("SELECT obj_description('" + SCHEMA + ".nps_summary'::regclass), "
          + "col_description('" + SCHEMA + ".nps_summary'::regclass, 1)")) {
        rs.next();
        assertThat(rs.getString(1)).as("table comment from Delta").startsWith("NPS by period");
        assertThat(rs.getString(2)).as("comment of column 1, grain").startsWith("Period length");
      }
      assertThat(one(s, "SELECT row_count FROM " + SCHEMA + ".publish_log WHERE table_name = 'nps_summary'"))
          .isEqualTo(deltaRows);

      // Publishing again replaces the table: the same rows, not twice as many.
      PublishJob.run(spark, new PublishJob.Config(config(warehouse), password));
      assertThat(one(s, "SELECT count(*) FROM " + SCHEMA + ".nps_summary")).isEqualTo(deltaRows);
      assertThat(one(s, "SELECT count(*) FROM pg_tables WHERE schemaname = '" + SCHEMA + "'"))
          .as("the published tables and publish_log, no staging table left").isEqualTo(r.published().size() + 1);
    }
  }

  @Test
  void aLoadThatFailsHalfwayLeavesThePublishedTableAsItWas() throws Exception {
    PgPublisher.Target target = new PgPublisher.Target(url, user, password, SCHEMA);
    Dataset<Row> three = spark.range(1, 4).selectExpr("cast(id AS bigint) AS k");
    PgPublisher.publish(target, "swap_probe", three, 1, "probe");
    // The second load dies on its 5th row, after rows 1-4 went to the staging table.
    Dataset<Row> failing = spark.range(1, 11).coalesce(1)
        .select(when(col("id").equalTo(5), raise_error(lit("boom at row 5"))).otherwise(col("id")).cast("bigint").as("k"));
    assertThatThrownBy(() -> PgPublisher.publish(target, "swap_probe", failing, 2, "probe"))
        .isInstanceOf(CxException.class).hasMessageContaining("Cannot publish swap_probe")
        .hasMessageContaining("still in place");
    try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
      assertThat(one(s, "SELECT count(*) FROM " + SCHEMA + ".swap_probe")).as("the 3 rows of the first load").isEqualTo(3);
      assertThat(one(s, "SELECT sum(k) FROM " + SCHEMA + ".swap_probe")).as("1 + 2 + 3").isEqualTo(6);
      assertThat(one(s, "SELECT delta_version FROM " + SCHEMA + ".publish_log WHERE table_name = 'swap_probe'"))
          .as("the log still names the first load").isEqualTo(1);
    }
  }

  @Test
  void aPasswordInTheUrlIsRefused() {
    assertThatThrownBy(() -> CxConfig.load(null, Map.of("publish.jdbc.url",
        "jdbc:postgresql://db:5432/bi?password=secret")))
        .isInstanceOf(CxException.class).hasMessageContaining("publish.jdbc.url")
        .hasMessageContaining("CXLOOP_PUBLISH_PASSWORD").hasMessageNotContaining("secret");
  }

  private static long one(Statement s, String sql) throws Exception {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
