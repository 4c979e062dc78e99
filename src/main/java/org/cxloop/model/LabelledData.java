package org.cxloop.model;

import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cxloop.CxErrors;
import org.cxloop.text.KeywordModel;
import org.cxloop.text.KeywordTagging;

/**
 * Labelled comments: the CSV format train and evaluate read (UTF-8, a header naming
 * {@code id,lang,text,sentiment} and optionally {@code category}), weak labels derived from
 * responses_enriched, and the deterministic stratified split into training and held-out rows.
 */
public final class LabelledData {

  public static final String ID = "id";
  public static final String LANG = "lang";
  public static final String TEXT = "text";
  public static final String SENTIMENT = "sentiment";
  public static final String CATEGORY = "category";
  /** True for the held-out test rows (see {@link #split}). */
  public static final String HELD_OUT = "held_out";

  /** The shipped hand-labelled set (450 comments per language). */
  public static final List<String> SHIPPED = List.of(
      "data-samples/labelled/labelled_comments_pl.csv",
      "data-samples/labelled/labelled_comments_ru.csv",
      "data-samples/labelled/labelled_comments_en.csv");

  /** Columns every labelled file must have, found by their header names (in any order). */
  public static final List<String> REQUIRED_COLUMNS = List.of(ID, LANG, TEXT, SENTIMENT);
  /** The optional column: a file without it trains and evaluates sentiment only. */
  public static final List<String> OPTIONAL_COLUMNS = List.of(CATEGORY);

  /** The rows as {@link #readRows} returns them, whatever the file's column order (category may be null). */
  public static final StructType CSV_SCHEMA = new StructType()
      .add(ID, DataTypes.StringType)
      .add(LANG, DataTypes.StringType)
      .add(TEXT, DataTypes.StringType)
      .add(SENTIMENT, DataTypes.StringType)
      .add(CATEGORY, DataTypes.StringType);

  public static final List<String> SENTIMENTS = List.of("negative", "neutral", "positive");

  /** One in this many rows of every (language, category, sentiment) stratum is held out. */
  static final int HOLD_OUT_EVERY = 5;

  private LabelledData() {}

  /**
   * Reads labelled CSV files, checks their labels against {@code categories}, and tags them with
   * the keyword model (which also gives the normalised text and the language the ML features use).
   *
   * @throws org.cxloop.CxException of kind INPUT naming the file and the first bad rows
   */
  public static Dataset<Row> readCsv(SparkSession spark, List<String> files, KeywordModel keywords) {
    Dataset<Row> checked = readRows(spark, files).filter(col(TEXT).isNotNull());
    try {
      checkLabels(checked, SENTIMENT, SENTIMENTS, String.join(",", files), false);
      checkLabels(checked, CATEGORY, keywords.categories(), String.join(",", files), true);
    } catch (org.cxloop.CxException e) {
      throw e;
    } catch (Exception e) { // Spark's malformed-record error at the first action (a SparkException, not unchecked)
      throw CxErrors.labelsUnreadable(String.join(",", files), CxErrors.rootMessage(e));
    }
    return tagged(checked, keywords);
  }

  /**
   * The rows of labelled CSV files in {@link #CSV_SCHEMA}, labels not checked yet. Each file's
   * columns are taken by their header names, so {@code id,lang,text,sentiment} (no category) and
   * {@code id,lang,text,sentiment,category} in any order both read; a row with more or fewer
   * fields than its header fails (FAILFAST) at the first action.
   *
   * @throws org.cxloop.CxException of kind INPUT naming the file when it is missing or its header
   *     lacks a required column, repeats one or has one cxloop does not know
   */
  public static Dataset<Row> readRows(SparkSession spark, List<String> files) {
    Dataset<Row> rows = null;
    for (String f : files) {
      if (!exists(spark, f)) {
        throw CxErrors.labelsUnreadable(f, "the file does not exist");
      }
      List<String> header = header(spark, f);
      StructType fileSchema = new StructType();
      for (String name : header) {
        fileSchema = fileSchema.add(name, DataTypes.StringType);
      }
      // Explicit schema in the header's own order: Spark maps CSV fields by position, so this is
      // reading by header name without inferring anything.
      Dataset<Row> one = spark.read().schema(fileSchema).option("header", "true").option("encoding", "UTF-8")
          .option("multiLine", "true").option("escape", "\"").option("mode", "FAILFAST").csv(f)
          .select(col(ID), col(LANG), col(TEXT), col(SENTIMENT),
              header.contains(CATEGORY) ? col(CATEGORY) : lit(null).cast(DataTypes.StringType).as(CATEGORY));
      rows = rows == null ? one : rows.unionByName(one);
    }
    if (rows == null) {
      throw CxErrors.labelsUnreadable("(no file)", "no labelled file was given");
    }
    return rows;
  }

  /** The header's column names, checked against {@link #REQUIRED_COLUMNS} and {@link #OPTIONAL_COLUMNS}. */
  static List<String> header(SparkSession spark, String file) {
    List<String> names = new ArrayList<>();
    for (String c : spark.read().option("header", "true").option("encoding", "UTF-8").csv(file).columns()) {
      names.add(c.replace("\uFEFF", "").strip()); // a byte-order mark, as spreadsheet exports write it
    }
    String shown = "the header is '" + String.join(",", names) + "'";
    List<String> missing = REQUIRED_COLUMNS.stream().filter(c -> !names.contains(c)).toList();
    List<String> unknown = names.stream().filter(c -> !REQUIRED_COLUMNS.contains(c) && !OPTIONAL_COLUMNS.contains(c)).toList();
    if (!missing.isEmpty()) {
      throw CxErrors.labelsUnreadable(file, shown + ", it lacks " + String.join(",", missing));
    }
    if (!unknown.isEmpty()) {
      throw CxErrors.labelsUnreadable(file, shown + ", " + String.join(",", unknown)
          + " is not one of the columns " + REQUIRED_COLUMNS + " + optional " + OPTIONAL_COLUMNS);
    }
    if (names.stream().distinct().count() != names.size()) {
      throw CxErrors.labelsUnreadable(file, shown + ", a column name appears twice");
    }
    return names;
  }

  /** Adds the keyword model's columns (comment_normalized, comment_language, kw_*). */
  public static Dataset<Row> tagged(Dataset<Row> labelled, KeywordModel keywords) {
    return labelled
        .withColumn(KeywordTagging.COMMENT, col(TEXT))
        .withColumn(KeywordTagging.LANGUAGE, col(LANG))
        .transform(r -> KeywordTagging.tag(r, keywords));
  }

  private static void checkLabels(Dataset<Row> rows, String column, List<String> allowed, String files,
      boolean nullable) {
    Column known = array_position(org.apache.spark.sql.functions.array(allowed.stream().map(
        org.apache.spark.sql.functions::lit).toArray(Column[]::new)), col(column)).gt(0);
    Column bad = nullable ? col(column).isNotNull().and(known.unary_$bang()) : col(column).isNull().or(known.unary_$bang());
    List<Row> wrong = rows.filter(bad).select(ID, column).limit(3).collectAsList(); // at most 3 rows
    if (!wrong.isEmpty()) {
      List<String> shown = new ArrayList<>();
      wrong.forEach(r -> shown.add(r.getString(0) + "='" + r.getString(1) + "'"));
      throw CxErrors.labelsUnreadable(files, "column " + column + " has values that are not one of "
          + allowed + " (" + String.join(", ", shown) + ")");
    }
  }

  /**
   * Weak labels from responses_enriched, for a company without hand labels: sentiment from the
   * score band (0-4 negative, 7-8 neutral, 9-10 positive; 5-6 left out as ambiguous: a 6 is a
   * detractor but often writes a neutral comment), category only where the keyword model found
   * exactly one category (an unambiguous match), else null (the row then trains only sentiment).
   */
  public static Dataset<Row> weakLabels(Dataset<Row> responsesEnriched) {
    Column score = col("score");
    return responsesEnriched
        .filter(col("has_comment").and(col(KeywordTagging.COMMENT_LANGUAGE).isNotNull()))
        .filter(score.leq(4).or(score.geq(7)))
        .select(col("response_id").as(ID), col(KeywordTagging.COMMENT_LANGUAGE).as(LANG), col("comment").as(TEXT),
            when(score.leq(4), lit("negative")).when(score.leq(8), lit("neutral")).otherwise(lit("positive")).as(SENTIMENT),
            when(size(col(KeywordTagging.KW_CATEGORIES)).equalTo(1), col(KeywordTagging.KW_PRIMARY_CATEGORY))
                .as(CATEGORY));
  }

  /**
   * Marks {@link #HELD_OUT} rows: within every (language, category, sentiment) stratum the rows
   * are ordered by a seeded hash of their id and every {@value #HOLD_OUT_EVERY}th is held out.
   * Exact per stratum (unlike sampleBy), and the same for the same ids and seed on any machine,
   * so evaluate can score exactly the rows training never saw.
   */
  public static Dataset<Row> split(Dataset<Row> labelled, long seed) {
    Column stratum = concat_ws("|", col(LANG), col(CATEGORY), col(SENTIMENT));
    Column rank = row_number().over(Window.partitionBy(stratum).orderBy(xxhash64(col(ID), lit(seed)), col(ID)));
    // 0-based rank; rank % 5 == 2 holds out the 3rd, 8th, ... row, so a stratum of 3 rows or more
    // always contributes one test row and a stratum of 1-2 stays in training.
    return labelled.withColumn(HELD_OUT, rank.minus(1).mod(HOLD_OUT_EVERY).equalTo(2));
  }

  /**
   * The data files of a Delta table version, sorted by path: what weak labels are read from, and
   * what their checksum covers. The file list is the snapshot's (files that version removed are
   * not in it); cxloop's tables use protocol (1,2), so no deletion vector hides a row in them.
   */
  public static List<String> snapshotFiles(SparkSession spark, String tablePath, long version) {
    String[] files = spark.read().format("delta").option("versionAsOf", version).load(tablePath).inputFiles();
    java.util.Arrays.sort(files);
    return List.of(files);
  }

  /** SHA-256 of the files' bytes in the given order: what the model metadata records. */
  public static String sha256(SparkSession spark, List<String> files) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
    byte[] buffer = new byte[1 << 16];
    for (String f : files) {
      Path p = new Path(f);
      try (InputStream in = p.getFileSystem(spark.sparkContext().hadoopConfiguration()).open(p)) {
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
          digest.update(buffer, 0, n);
        }
      } catch (IOException e) {
        throw CxErrors.labelsUnreadable(f, e.getMessage());
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  static boolean exists(SparkSession spark, String path) {
    try {
      Path p = new Path(path);
      return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p); // cached FS: not closed
    } catch (IOException e) {
      return false;
    }
  }
}
