package org.cxloop.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cxloop.testing.SharedSpark;
import org.junit.jupiter.api.Test;

class NpsStatsTest {

  private static final StructType COUNTS = new StructType()
      .add("n", DataTypes.LongType).add("promoters", DataTypes.LongType)
      .add("passives", DataTypes.LongType).add("detractors", DataTypes.LongType);

  private Row stats(long n, long p, long pa, long d, int minN) {
    return NpsStats.withInterval(SharedSpark.get().createDataFrame(List.of(RowFactory.create(n, p, pa, d)), COUNTS),
        minN, 0.95).first();
  }

  @Test
  void npsStandardErrorAndWaldIntervalByHand() {
    // 10 answers: 5 promoters, 2 passives, 3 detractors. pP = 0.5, pD = 0.3.
    // NPS = 100 (0.5 - 0.3) = 20.
    // SE = 100 sqrt((0.5 + 0.3 - 0.2^2) / 10) = 100 sqrt(0.076) = 27.568098.
    // 95% interval: 20 -+ 1.959964 * 27.568098 = [-34.0324, 74.0324].
    Row r = stats(10, 5, 2, 3, 5);
    assertThat(r.<Double>getAs("nps")).isEqualTo(20.0);
    assertThat(r.<Double>getAs("nps_se")).isCloseTo(27.5681, offset(1e-4));
    assertThat(r.<Double>getAs("nps_ci_low")).isCloseTo(-34.0324, offset(1e-4));
    assertThat(r.<Double>getAs("nps_ci_high")).isCloseTo(74.0324, offset(1e-4));
    assertThat(r.<Double>getAs("pct_promoters")).isEqualTo(50.0);
    assertThat(r.<Boolean>getAs("below_min_n")).isFalse();
  }

  @Test
  void intervalIsClippedToTheScale() {
    // 4 promoters of 4: NPS 100, SE 0 -> interval [100, 100]; 3 of 4: NPS 75,
    // SE = 100 sqrt((0.75 - 0.5625) / 4) = 21.6506, upper bound 75 + 42.43 > 100 -> 100.
    Row r = stats(4, 3, 1, 0, 1);
    assertThat(r.<Double>getAs("nps")).isEqualTo(75.0);
    assertThat(r.<Double>getAs("nps_se")).isCloseTo(21.6506, offset(1e-4));
    assertThat(r.<Double>getAs("nps_ci_high")).isEqualTo(100.0);
  }

  @Test
  void cellBelowMinimumNIsFlaggedAndLeftEmpty() {
    Row r = stats(3, 3, 0, 0, 30);
    assertThat(r.<Boolean>getAs("below_min_n")).isTrue();
    assertThat(r.<Object>getAs("nps")).as("NPS of 3 answers is noise").isNull();
    assertThat(r.<Object>getAs("nps_ci_low")).isNull();
    assertThat(r.<Long>getAs("n")).as("n is still shown").isEqualTo(3);
  }

  @Test
  void criticalValuesOfTheNormalDistribution() {
    assertThat(Normal.zForConfidence(0.95)).isCloseTo(1.959964, offset(1e-6));
    assertThat(Normal.zForConfidence(0.90)).isCloseTo(1.644854, offset(1e-6));
    assertThat(Normal.zForConfidence(0.99)).isCloseTo(2.575829, offset(1e-6));
  }
}
