package org.cxloop.output;

import io.delta.tables.DeltaTable;
import io.delta.tables.DeltaTableBuilder;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** A cxloop output table: name, documented schema, partitioning, table comment. */
public record TableDef(String name, StructType schema, List<String> partitionColumns, String comment,
    Map<String, String> properties) {

  public static StructField field(String name, DataType type, String comment) {
    return DataTypes.createStructField(name, type, true).withComment(comment);
  }

  public String path(String warehouseDir) {
    return path(warehouseDir, name);
  }

  /** The folder of table (or other warehouse entry) {@code name} under the warehouse. */
  public static String path(String warehouseDir, String name) {
    return warehouseDir.replaceAll("/+$", "") + "/" + name;
  }

  /** The table's columns in order, each cast to its type: a Dataset shaped to be written here. */
  public org.apache.spark.sql.Column[] columns() {
    return java.util.Arrays.stream(schema.fields())
        .map(f -> org.apache.spark.sql.functions.col(f.name()).cast(f.dataType()).as(f.name()))
        .toArray(org.apache.spark.sql.Column[]::new);
  }

  /** Creates the table with its comments if it does not exist yet; returns it. */
  public DeltaTable createIfNotExists(SparkSession spark, String warehouseDir) {
    DeltaTableBuilder b = DeltaTable.createIfNotExists(spark)
        .location(path(warehouseDir))
        .addColumns(schema)
        .comment(comment);
    if (!partitionColumns.isEmpty()) {
      b = b.partitionedBy(partitionColumns.toArray(new String[0]));
    }
    for (Map.Entry<String, String> p : properties.entrySet()) {
      b = b.property(p.getKey(), p.getValue());
    }
    return b.execute();
  }
}
