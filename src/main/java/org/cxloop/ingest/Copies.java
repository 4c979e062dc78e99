package org.cxloop.ingest;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cxloop.quality.RowRules;

/**
 * Which of the valid rows sharing a key are copies: {@code flag} decides (a window over the key
 * that ranks the rows), applied only to the rows whose key repeats.
 *
 * <p>Ranking every row needs a shuffle and sort of every row, raw record included: 1.6 GiB for
 * the 8.2M interactions of the 10M-answer benchmark, about two thirds of its ingest stage, to
 * find no copy at all. Copies are rare in a healthy export, so the keys that repeat are found
 * first by counting keys (only the keys move), and the ranking runs over the rows of those keys
 * alone. When many keys repeat (a broken export sent twice), every row is ranked as before.
 *
 * @param keys the columns that identify a row of the source
 * @param flag marks the copies among valid rows of the same key; must give the same result on
 *     any subset that holds all the rows of each of its keys. The source's rules must reject a
 *     row with a null key (they all do: missing_response_id, missing_customer_id, ...)
 */
public record Copies(List<String> keys, UnaryOperator<Dataset<Row>> flag) {

  /** More repeated keys than this and the ranking runs over every row (the list is broadcast). */
  static final int MAX_LISTED_KEYS = 100_000;

  /**
   * {@code rows} with {@code flag} applied to the rows of repeated keys. An action: counts the
   * keys of the valid rows (call it on persisted rows).
   */
  public Dataset<Row> flagRare(Dataset<Row> rows) {
    return flagRare(rows, MAX_LISTED_KEYS);
  }

  Dataset<Row> flagRare(Dataset<Row> rows, int maxListedKeys) {
    Column[] k = keys.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    Dataset<Row> repeated = RowRules.passed(rows).groupBy(k).count().filter(col("count").gt(1)).drop("count");
    List<Row> listed = repeated.limit(maxListedKeys + 1).collectAsList();
    if (listed.isEmpty()) {
      return rows;
    }
    if (listed.size() > maxListedKeys) {
      return flag.apply(rows);
    }
    Dataset<Row> repeatedKeys = broadcast(rows.sparkSession().createDataFrame(listed, repeated.schema()));
    scala.collection.immutable.Seq<String> on = scala.jdk.javaapi.CollectionConverters.asScala(keys).toSeq();
    // Keys are counted over valid rows only, and every source has a rule that rejects a blank
    // key, so no repeated key is null; a row with a null key (always a broken one) matches
    // nothing and stays on the unranked side, where the ranking would have left it too (the
    // ranking only marks valid rows).
    // A join on named columns puts the keys first: select restores the input's column order.
    Column[] columns = java.util.Arrays.stream(rows.columns()).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    return rows.join(repeatedKeys, on, "left_anti").select(columns)
        .unionByName(flag.apply(rows.join(repeatedKeys, on, "left_semi").select(columns)));
  }
}
