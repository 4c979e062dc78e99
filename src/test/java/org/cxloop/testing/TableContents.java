package org.cxloop.testing;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.cxloop.output.TableDef;

/** A table's rows in a stable order, for comparing whole tables between runs. */
public final class TableContents {

  /** Columns that name the run or the wall-clock time differ between runs by design. */
  public static final Set<String> RUN_COLUMNS = Set.of("first_loaded_run_id", "last_changed_run_id", "run_id",
      "quarantined_at_utc", "updated_at_utc");

  private TableContents() {}

  /** Rows without {@code excluded} columns, ordered by every orderable column (maps cannot be sorted). */
  public static List<Row> of(SparkSession spark, String path, Set<String> excluded) {
    Dataset<Row> d = spark.read().format("delta").load(path);
    Column[] keep = Arrays.stream(d.columns()).filter(c -> !excluded.contains(c))
        .map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    Column[] order = Arrays.stream(d.schema().fields()).filter(f -> !excluded.contains(f.name()))
        .filter(f -> !(f.dataType() instanceof MapType)).map(StructField::name)
        .map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    return d.select(keep).orderBy(order).collectAsList();
  }

  /** Every table in {@code tables} under {@code warehouse}, by name. */
  public static Map<String, List<Row>> all(SparkSession spark, String warehouse, List<TableDef> tables,
      Set<String> excluded) {
    Map<String, List<Row>> out = new TreeMap<>();
    for (TableDef t : tables) {
      out.put(t.name(), of(spark, t.path(warehouse), excluded));
    }
    return out;
  }
}
