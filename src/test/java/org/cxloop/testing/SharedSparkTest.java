package org.cxloop.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedSparkTest {
  @TempDir Path dir;

  @Test
  void writesAndReadsDelta() {
    SparkSession spark = SharedSpark.get();
    String path = dir.resolve("t").toString();
    spark.range(5).write().format("delta").save(path);
    assertThat(spark.read().format("delta").load(path).count()).as("rows read back").isEqualTo(5);
  }
}
