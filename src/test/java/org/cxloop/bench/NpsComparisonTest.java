package org.cxloop.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cxloop.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's NPS query gives the hand-computed cells in Spark and in DuckDB alike. */
class NpsComparisonTest {

  private final SparkSession spark = SharedSpark.get();

  private static final StructType RESPONSES = new StructType().add("response_id", DataTypes.StringType)
      .add("survey_type", DataTypes.StringType).add("transaction_id", DataTypes.StringType)
      .add("score", DataTypes.IntegerType).add("response_date", DataTypes.DateType);
  private static final StructType INTERACTIONS = new StructType().add("transaction_id", DataTypes.StringType)
      .add("touchpoint", DataTypes.StringType);

  private static Row answer(String id, String transaction, int score, String date) {
    return RowFactory.create(id, transaction == null ? "relational" : "transactional", transaction, score,
        Date.valueOf(date));
  }

  @Test
  void sparkAndDuckdbGiveTheHandComputedCells(@TempDir Path dir) throws Exception {
    spark.createDataFrame(List.of(
        // branch, May 2026: 10, 9, 8, 3, 0 (the last on the month's last day)
        answer("r1", "t1", 10, "2026-05-02"), answer("r2", "t2", 9, "2026-05-10"), answer("r3", "t3", 8, "2026-05-11"),
        answer("r4", "t4", 3, "2026-05-20"), answer("r5", "t5", 0, "2026-05-31"),
        // branch, June 2026: 10, 10, 10, 7
        answer("r6", "t6", 10, "2026-06-01"), answer("r7", "t7", 10, "2026-06-02"), answer("r8", "t8", 10, "2026-06-03"),
        answer("r9", "t9", 7, "2026-06-30"),
        // no interaction row for t10, and a relational answer without a transaction
        answer("r10", "t10", 6, "2026-06-05"), answer("r11", null, 9, "2026-06-06")), RESPONSES)
        .coalesce(1).write().parquet(dir.resolve("responses").toString());
    spark.createDataFrame(List.of(RowFactory.create("t1", "branch"), RowFactory.create("t2", "branch"),
        RowFactory.create("t3", "branch"), RowFactory.create("t4", "branch"), RowFactory.create("t5", "branch"),
        RowFactory.create("t6", "branch"), RowFactory.create("t7", "branch"), RowFactory.create("t8", "branch"),
        RowFactory.create("t9", "branch")), INTERACTIONS)
        .coalesce(1).write().parquet(dir.resolve("interactions").toString());

    String sql = NpsComparison.sql(0.95);
    List<NpsComparison.Cell> sparkCells = NpsComparison.spark(spark, dir, sql);
    List<NpsComparison.Cell> duckCells;
    try (Connection duck = NpsComparison.duckdb(dir, 1)) {
      duckCells = NpsComparison.duckdb(duck, sql);
    }
    assertThat(NpsComparison.compare(sparkCells, duckCells).equal()).isTrue();

    // Without the join: the answers with their touchpoint already joined give the same cells.
    assertThat(NpsComparison.writeJoinedParquet(spark, dir)).isEqualTo(11);
    String withoutJoin = NpsComparison.sqlWithoutJoin(0.95);
    List<NpsComparison.Cell> sparkNoJoin = NpsComparison.spark(spark, dir, withoutJoin);
    List<NpsComparison.Cell> duckNoJoin;
    try (Connection duck = NpsComparison.duckdb(dir, 1)) {
      duckNoJoin = NpsComparison.duckdb(duck, withoutJoin);
    }
    assertThat(sparkNoJoin).isEqualTo(sparkCells);
    assertThat(duckNoJoin).isEqualTo(duckCells);

    for (List<NpsComparison.Cell> cells : List.of(sparkCells, duckCells)) {
      assertThat(cells).extracting(c -> c.surveyType() + "/" + c.touchpoint() + "/" + c.month() + "/" + c.n())
          .containsExactly("relational/(unknown)/2026-06-01/1", "transactional/(unknown)/2026-06-01/1",
              "transactional/branch/2026-05-01/5", "transactional/branch/2026-06-01/4");
      // May: 2 promoters, 2 detractors of 5: NPS 0, SE = 100 * sqrt((0.4 + 0.4 - 0) / 5) = 40,
      // interval 0 -/+ 1.959964 * 40 = -/+ 78.3986.
      NpsComparison.Cell may = cells.get(2);
      assertThat(may.promoters()).isEqualTo(2);
      assertThat(may.detractors()).isEqualTo(2);
      assertThat(may.nps()).isCloseTo(0.0, offset(1e-9));
      assertThat(may.se()).isCloseTo(40.0, offset(1e-9));
      assertThat(may.low()).isCloseTo(-78.3986, offset(1e-3));
      assertThat(may.high()).isCloseTo(78.3986, offset(1e-3));
      // June: 3 promoters, 0 detractors of 4: NPS 75, SE = 100 * sqrt((0.75 - 0.5625) / 4) = 21.6506;
      // 75 + 42.43 is above 100, so the interval's top is clamped to 100.
      NpsComparison.Cell june = cells.get(3);
      assertThat(june.nps()).isCloseTo(75.0, offset(1e-9));
      assertThat(june.se()).isCloseTo(21.6506, offset(1e-3));
      assertThat(june.low()).isCloseTo(75 - 1.959964 * 21.6506, offset(1e-3));
      assertThat(june.high()).isEqualTo(100.0);
      // The answer of t10 (6, a detractor) has no interaction: NPS -100.
      assertThat(cells.get(1).nps()).isCloseTo(-100.0, offset(1e-9));
    }
  }
}
