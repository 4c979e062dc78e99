package org.cxloop.bench;

import static org.apache.spark.sql.functions.col;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.cxloop.config.CxConfig;
import org.cxloop.config.Keys;
import org.cxloop.config.Keys.Source;
import org.cxloop.ingest.InputSchemas;
import org.cxloop.ingest.ResponseIngest;
import org.cxloop.ingest.SourceReader;
import org.cxloop.metrics.Normal;

/**
 * The NPS aggregation alone, by touchpoint x month (and survey type, which cxloop never mixes),
 * with n, NPS, standard error and 95% interval: the same SQL text in Spark and in embedded
 * DuckDB, on the same plain Parquet files. Plain Parquet, not Delta: DuckDB's delta extension
 * downloads at run time and read_parquet over a Delta folder ignores its log (STACK.md).
 */
final class NpsComparison {

  /** A cell of the result; a touchpoint x month table is a few hundred rows, fine to hold. */
  record Cell(String surveyType, String touchpoint, String month, long n, long promoters, long detractors,
      double nps, double se, double low, double high) {}

  record Outcome(boolean equal, String detail) {}

  private NpsComparison() {}

  /**
   * Writes the Parquet copies both engines read: typed answers (id, survey type, transaction,
   * score, business date) and interactions (transaction, touchpoint). Returns rows written.
   */
  static long writeParquet(SparkSession spark, CxConfig conf, Path out) {
    String tz = conf.get(Keys.BUSINESS_TIMEZONE);
    spark.sparkContext().setJobDescription("bench: Parquet copies of the inputs");
    SourceReader.read(spark, conf, Source.RESPONSES, InputSchemas.RESPONSES)
        .transform(raw -> ResponseIngest.parse(raw, conf.get(Source.RESPONSES.timestampFormats), tz))
        .select(col("response_id"), col("survey_type"), col("transaction_id"),
            col(ResponseIngest.SCORE_VALUE).cast(DataTypes.IntegerType).as("score"),
            col(ResponseIngest.RESPONSE_DATE))
        .write().mode("overwrite").parquet(out.resolve("responses").toString());
    SourceReader.read(spark, conf, Source.INTERACTIONS, InputSchemas.INTERACTIONS)
        .select(col("transaction_id"), col("touchpoint"))
        .write().mode("overwrite").parquet(out.resolve("interactions").toString());
    spark.sparkContext().setJobDescription(null);
    return spark.read().parquet(out.resolve("responses").toString()).count()
        + spark.read().parquet(out.resolve("interactions").toString()).count();
  }

  /**
   * Writes the answers with their touchpoint already joined (what responses_enriched holds) for
   * the aggregation without the join; returns its rows.
   */
  static long writeJoinedParquet(SparkSession spark, Path parquet) {
    spark.sparkContext().setJobDescription("bench: Parquet copy of the answers with their touchpoint");
    views(spark, parquet);
    spark.sql("SELECT r.survey_type, " + TOUCHPOINT + " AS touchpoint, r.score, r.response_date FROM " + JOINED)
        .write().mode("overwrite").parquet(parquet.resolve(ANSWERS).toString());
    spark.sparkContext().setJobDescription(null);
    return spark.read().parquet(parquet.resolve(ANSWERS).toString()).count();
  }

  /** The Parquet copy of the answers with their touchpoint, and the view both engines read it as. */
  static final String ANSWERS = "answers_with_touchpoint";

  /** The answers joined to their interaction, and the touchpoint that join gives. */
  private static final String JOINED = "responses r LEFT JOIN interactions i ON r.transaction_id = i.transaction_id";
  private static final String TOUCHPOINT = "COALESCE(i.touchpoint, '(unknown)')";

  /**
   * Portable SQL: Spark SQL and DuckDB both read it as written. The month is grouped as its first
   * day and turned into text only for the result's cells: formatting it on every answer before
   * grouping cost Spark about a fifth of the query (10M answers: 18.9 s against 14.8 s).
   */
  static String sql(double confidence) {
    return sql(confidence, TOUCHPOINT, JOINED);
  }

  /** The same aggregation over answers that already carry their touchpoint: no join. */
  static String sqlWithoutJoin(double confidence) {
    return sql(confidence, "r.touchpoint", ANSWERS + " r");
  }

  private static String sql(double confidence, String touchpoint, String from) {
    String z = String.format(Locale.ROOT, "%.15f", Normal.zForConfidence(confidence));
    return """
        WITH counts AS (
          SELECT r.survey_type, %2$s AS touchpoint,
                 date_trunc('month', r.response_date) AS month_start, COUNT(*) AS n,
                 SUM(CASE WHEN r.score >= 9 THEN 1 ELSE 0 END) AS promoters,
                 SUM(CASE WHEN r.score <= 6 THEN 1 ELSE 0 END) AS detractors
          FROM %3$s
          GROUP BY 1, 2, 3
        ), shares AS (
          SELECT *, CAST(CAST(month_start AS DATE) AS VARCHAR(10)) AS month,
                 CAST(promoters AS DOUBLE) / n AS p_p, CAST(detractors AS DOUBLE) / n AS p_d FROM counts
        ), stats AS (
          SELECT *, 100 * (p_p - p_d) AS nps, 100 * SQRT((p_p + p_d - (p_p - p_d) * (p_p - p_d)) / n) AS nps_se
          FROM shares
        )
        SELECT survey_type, touchpoint, month, CAST(n AS BIGINT) AS n, CAST(promoters AS BIGINT) AS promoters,
               CAST(detractors AS BIGINT) AS detractors, nps, nps_se,
               GREATEST(nps - %1$s * nps_se, CAST(-100 AS DOUBLE)) AS nps_ci_low,
               LEAST(nps + %1$s * nps_se, CAST(100 AS DOUBLE)) AS nps_ci_high
        FROM stats ORDER BY survey_type, touchpoint, month
        """.formatted(z, touchpoint, from);
  }

  private static void views(SparkSession spark, Path parquet) {
    spark.read().parquet(parquet.resolve("responses").toString()).createOrReplaceTempView("responses");
    spark.read().parquet(parquet.resolve("interactions").toString()).createOrReplaceTempView("interactions");
    if (java.nio.file.Files.isDirectory(parquet.resolve(ANSWERS))) {
      spark.read().parquet(parquet.resolve(ANSWERS).toString()).createOrReplaceTempView(ANSWERS);
    }
  }

  static List<Cell> spark(SparkSession spark, Path parquet, String sql) {
    views(spark, parquet);
    spark.sparkContext().setJobDescription("bench: NPS touchpoint x month in Spark");
    List<Cell> out = new ArrayList<>();
    // An aggregate of a few hundred cells: collecting it is the point of the comparison.
    for (Row r : spark.sql(sql).collectAsList()) {
      out.add(new Cell(r.getString(0), r.getString(1), r.getString(2), r.getLong(3), r.getLong(4), r.getLong(5),
          r.getDouble(6), r.getDouble(7), r.getDouble(8), r.getDouble(9)));
    }
    spark.sparkContext().setJobDescription(null);
    return out;
  }

  /** An in-memory DuckDB with as many threads as Spark has cores, reading the Parquet files. */
  static Connection duckdb(Path parquet, int threads) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement s = c.createStatement()) {
      s.execute("SET threads = " + threads);
      s.execute("CREATE VIEW responses AS SELECT * FROM read_parquet('" + parquet.resolve("responses") + "/*.parquet')");
      s.execute("CREATE VIEW interactions AS SELECT * FROM read_parquet('" + parquet.resolve("interactions")
          + "/*.parquet')");
      if (java.nio.file.Files.isDirectory(parquet.resolve(ANSWERS))) {
        s.execute("CREATE VIEW " + ANSWERS + " AS SELECT * FROM read_parquet('" + parquet.resolve(ANSWERS)
            + "/*.parquet')");
      }
    }
    return c;
  }

  static List<Cell> duckdb(Connection c, String sql) throws SQLException {
    List<Cell> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        out.add(new Cell(r.getString(1), r.getString(2), r.getString(3), r.getLong(4), r.getLong(5), r.getLong(6),
            r.getDouble(7), r.getDouble(8), r.getDouble(9), r.getDouble(10)));
      }
    }
    return out;
  }

  static String duckdbVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT version()")) {
      r.next();
      return r.getString(1);
    }
  }

  /** Counts must be equal; the floating-point columns may differ in the last bits of summation. */
  static Outcome compare(List<Cell> spark, List<Cell> duck) {
    if (spark.size() != duck.size()) {
      return new Outcome(false, "Spark has " + spark.size() + " cells, DuckDB " + duck.size());
    }
    double maxDiff = 0;
    for (int i = 0; i < spark.size(); i++) {
      Cell a = spark.get(i);
      Cell b = duck.get(i);
      if (!a.surveyType().equals(b.surveyType()) || !a.touchpoint().equals(b.touchpoint())
          || !a.month().equals(b.month()) || a.n() != b.n() || a.promoters() != b.promoters()
          || a.detractors() != b.detractors()) {
        return new Outcome(false, "cell " + i + " differs: Spark " + a + " vs DuckDB " + b);
      }
      maxDiff = Math.max(maxDiff, Math.max(Math.max(Math.abs(a.nps() - b.nps()), Math.abs(a.se() - b.se())),
          Math.max(Math.abs(a.low() - b.low()), Math.abs(a.high() - b.high()))));
    }
    boolean equal = maxDiff <= 1e-9;
    long n = spark.stream().mapToLong(Cell::n).sum();
    return new Outcome(equal, spark.size() + " cells, " + n + " answers, largest NPS/SE/interval difference "
        + String.format(Locale.ROOT, "%.1e", maxDiff));
  }
}
