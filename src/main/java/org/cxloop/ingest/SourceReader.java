package org.cxloop.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cxloop.CxErrors;
import org.cxloop.config.CxConfig;
import org.cxloop.config.Keys.Source;

/**
 * Reads one configured input as raw strings with an explicit schema, in its declared format,
 * encoding and delimiter. Rows the parser cannot split keep their text in {@link #CORRUPT} so
 * that validation can quarantine them instead of the reader dropping them.
 */
public final class SourceReader {

  /** Raw text of a row the CSV/JSON parser could not read into the schema. */
  public static final String CORRUPT = "_corrupt_record";
  /** Which configured source a row came from (responses, responses_legacy_pl, ...). */
  public static final String SOURCE = "source";

  private SourceReader() {}

  public static boolean isConfigured(CxConfig cfg, Source source) {
    return !cfg.get(source.path).isBlank();
  }

  /**
   * The source's rows: every schema column as a string, plus {@link #CORRUPT} and {@link #SOURCE}.
   *
   * @throws org.cxloop.CxException of kind INPUT when the path is missing or cannot be parsed
   */
  public static Dataset<Row> read(SparkSession spark, CxConfig cfg, Source source, StructType schema) {
    String path = cfg.get(source.path);
    String format = cfg.get(source.format);
    // A local path is checked here for a clear message; a URI (hdfs://, s3a://) is left to Spark.
    if (!path.matches("^[a-zA-Z][a-zA-Z0-9+.-]+://.*") && !java.nio.file.Files.exists(java.nio.file.Path.of(path))) {
      throw CxErrors.inputMissing(source.id, path);
    }
    // Spark 4 admits only Unicode and Latin-1 charsets by default; legacy Polish and Russian
    // exports are windows-1250/1251, which Java decodes fine once Spark lets it.
    spark.conf().set("spark.sql.legacy.javaCharsets", "true");
    StructType withCorrupt = schema.add(CORRUPT, DataTypes.StringType, true);
    Dataset<Row> raw;
    try {
      raw = switch (format) {
        case "csv" -> spark.read()
            .schema(withCorrupt)
            .option("header", "true")
            // A header that does not name the schema's columns in order is a changed export
            // layout: fail now rather than load columns into the wrong fields.
            .option("enforceSchema", "false")
            .option("encoding", cfg.get(source.encoding))
            .option("sep", cfg.get(source.delimiter))
            .option("quote", "\"")
            .option("escape", "\"")
            .option("mode", "PERMISSIVE")
            .option("columnNameOfCorruptRecord", CORRUPT)
            .option("ignoreLeadingWhiteSpace", "false")
            .option("ignoreTrailingWhiteSpace", "false")
            .csv(path);
        case "json" -> spark.read()
            .schema(withCorrupt)
            .option("encoding", cfg.get(source.encoding))
            .option("mode", "PERMISSIVE")
            .option("columnNameOfCorruptRecord", CORRUPT)
            .json(path);
        case "parquet", "delta" -> asStrings(spark.read().format(format).load(path), schema, source);
        default -> throw new IllegalStateException("format validated by config: " + format);
      };
    } catch (org.cxloop.CxException e) {
      throw e;
    } catch (Exception e) {
      throw CxErrors.inputUnreadable(source.id, path, e);
    }
    return raw.withColumn(SOURCE, lit(source.id));
  }

  /** Typed columnar inputs are cast to strings so every source goes through the same rules. */
  private static Dataset<Row> asStrings(Dataset<Row> typed, StructType schema, Source source) {
    List<Column> cols = new ArrayList<>();
    for (String name : schema.fieldNames()) {
      if (!java.util.Arrays.asList(typed.columns()).contains(name)) {
        throw new org.cxloop.CxException(org.cxloop.CxException.Kind.INPUT,
            "Cannot read input '" + source.id + "': it has no column '" + name + "'. "
                + "Rename the column in the source or convert it to the documented input schema.");
      }
      cols.add(col(name).cast(DataTypes.StringType).as(name));
    }
    cols.add(lit(null).cast(DataTypes.StringType).as(CORRUPT));
    return typed.select(cols.toArray(new Column[0]));
  }
}
