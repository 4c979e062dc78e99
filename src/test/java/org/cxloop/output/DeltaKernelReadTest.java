package org.cxloop.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.types.StructField;
import io.delta.kernel.utils.CloseableIterator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.cxloop.testing.MiniRun;
import org.cxloop.testing.SharedSpark;
import org.junit.jupiter.api.Test;

/**
 * Every BI table, as a small nightly run writes it, read with Delta Kernel (a non-Spark
 * implementation of the protocol): same columns with the same types, same row counts as Spark.
 * A table feature or column type Kernel cannot read fails here rather than in a BI tool.
 */
class DeltaKernelReadTest {

  private final SparkSession spark = SharedSpark.get();
  private final Engine engine = DefaultEngine.create(new org.apache.hadoop.conf.Configuration());

  @Test
  void kernelReadsEveryBiTableWithSparksSchemaAndRowCount() throws Exception {
    Path warehouse = MiniRun.warehouse();
    List<String> tables = List.of("responses_enriched", "nps_summary", "quarantine", "run_audit");
    for (String name : tables) {
      String path = warehouse.resolve(name).toString();
      var sparkDf = spark.read().format("delta").load(path);
      Snapshot snapshot = Table.forPath(engine, path).getLatestSnapshot(engine);

      List<String> kernelColumns = new ArrayList<>();
      for (StructField f : snapshot.getSchema().fields()) {
        kernelColumns.add(f.getName() + " " + f.getDataType());
      }
      List<String> expected = new ArrayList<>();
      for (org.apache.spark.sql.types.StructField f : sparkDf.schema().fields()) {
        expected.add(f.name() + " " + kernelType(f.dataType()));
      }
      assertThat(kernelColumns).as("columns and types of %s as Kernel reads them", name)
          .containsExactlyElementsOf(expected);
      assertThat(snapshot.getSchema().fields().get(0).getMetadata().getString("comment"))
          .as("Kernel sees the column comments of %s", name).isNotBlank();
      assertThat(countRows(snapshot)).as("rows of %s: Kernel vs Spark", name).isEqualTo(sparkDf.count());
    }
    // The run took in R1..R5 (MiniFixture) and quarantined 6 rows: the counts are the data, not 0 = 0.
    assertThat(countRows(Table.forPath(engine, warehouse.resolve("responses_enriched").toString())
        .getLatestSnapshot(engine))).isEqualTo(5);
    assertThat(countRows(Table.forPath(engine, warehouse.resolve("quarantine").toString())
        .getLatestSnapshot(engine))).isEqualTo(6);
  }

  @Test
  void protocolStaysAtReaderVersionOneAndTheChangeFeedListsTheInsertedAnswers() {
    Path warehouse = MiniRun.warehouse();
    Row detail = spark.sql("DESCRIBE DETAIL delta.`" + warehouse.resolve("responses_enriched") + "`")
        .select("minReaderVersion", "minWriterVersion", "tableFeatures").first();
    // Reader version 1: any Delta reader reads it. Change Data Feed is a writer feature: (1,4).
    assertThat(detail.getInt(0)).as("reader version of responses_enriched").isEqualTo(1);
    assertThat(detail.getInt(1)).as("writer version of responses_enriched (CDF); features %s", detail.getList(2))
        .isEqualTo(4);
    Row nps = spark.sql("DESCRIBE DETAIL delta.`" + warehouse.resolve("nps_summary") + "`")
        .select("minReaderVersion", "minWriterVersion").first();
    assertThat(nps.getInt(0) * 10 + nps.getInt(1)).as("nps_summary protocol (1,2) as 12").isEqualTo(12);

    long inserted = spark.read().format("delta").option("readChangeFeed", "true").option("startingVersion", 0)
        .load(warehouse.resolve("responses_enriched").toString())
        .filter("_change_type = 'insert'").count();
    assertThat(inserted).as("R1..R5 inserted by the one run").isEqualTo(5);
  }

  /** Rows of the snapshot as Kernel reads them: data files, deletion vectors and partition values applied. */
  private long countRows(Snapshot snapshot) throws Exception {
    Scan scan = snapshot.getScanBuilder().build();
    io.delta.kernel.data.Row scanState = scan.getScanState(engine);
    long rows = 0;
    try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
      while (files.hasNext()) {
        try (CloseableIterator<io.delta.kernel.data.Row> fileRows = files.next().getRows()) {
          while (fileRows.hasNext()) {
            io.delta.kernel.data.Row file = fileRows.next();
            CloseableIterator<ColumnarBatch> physical = engine.getParquetHandler().readParquetFiles(
                io.delta.kernel.internal.util.Utils.singletonCloseableIterator(InternalScanFileUtils.getAddFileStatus(file)),
                ScanStateRow.getPhysicalDataReadSchema(scanState), Optional.empty()).map(FileReadResult::getData);
            try (CloseableIterator<FilteredColumnarBatch> data = Scan.transformPhysicalData(engine, scanState, file, physical)) {
              while (data.hasNext()) {
                try (CloseableIterator<io.delta.kernel.data.Row> r = data.next().getRows()) {
                  while (r.hasNext()) {
                    r.next();
                    rows++;
                  }
                }
              }
            }
          }
        }
      }
    }
    return rows;
  }

  /** The Kernel type a Spark type must arrive as (Kernel's own type classes, compared as text). */
  private static String kernelType(DataType t) {
    io.delta.kernel.types.DataType k;
    if (t.equals(DataTypes.StringType)) {
      k = io.delta.kernel.types.StringType.STRING;
    } else if (t.equals(DataTypes.IntegerType)) {
      k = io.delta.kernel.types.IntegerType.INTEGER;
    } else if (t.equals(DataTypes.LongType)) {
      k = io.delta.kernel.types.LongType.LONG;
    } else if (t.equals(DataTypes.DoubleType)) {
      k = io.delta.kernel.types.DoubleType.DOUBLE;
    } else if (t.equals(DataTypes.BooleanType)) {
      k = io.delta.kernel.types.BooleanType.BOOLEAN;
    } else if (t.equals(DataTypes.DateType)) {
      k = io.delta.kernel.types.DateType.DATE;
    } else if (t.equals(DataTypes.TimestampType)) {
      k = io.delta.kernel.types.TimestampType.TIMESTAMP;
    } else if (t instanceof org.apache.spark.sql.types.DecimalType d) {
      k = new io.delta.kernel.types.DecimalType(d.precision(), d.scale());
    } else if (t instanceof org.apache.spark.sql.types.ArrayType a) {
      return "array[" + kernelType(a.elementType()) + "]";
    } else if (t instanceof org.apache.spark.sql.types.MapType m) {
      return "map[" + kernelType(m.keyType()) + ", " + kernelType(m.valueType()) + "]";
    } else {
      return "unexpected Spark type " + t.simpleString();
    }
    return k.toString();
  }
}
