package org.cxloop.model;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Accuracy, macro-F1, per-class precision and recall and the confusion matrix of one model on
 * labelled rows, per language and for all languages together. Computed on the driver from the
 * confusion counts (at most languages x labels x labels rows), never from the rows themselves.
 *
 * @param language pl, ru, en, or {@value #ALL_LANGUAGES}
 * @param confusion "actual -> predicted" -> count; a missing prediction is {@value #NONE}
 */
public record ClassMetrics(String language, long n, double accuracy, double macroF1,
    Map<String, Double> precision, Map<String, Double> recall, Map<String, Long> confusion) {

  public static final String ALL_LANGUAGES = "all";
  /** The prediction of a model that gave none (the keyword model with no category term). */
  public static final String NONE = "(none)";

  /**
   * @param rows labelled rows; only those with a non-null {@code actualColumn} count
   * @param labels the classes; macro-F1 averages over those that occur as actual or predicted
   */
  public static List<ClassMetrics> compute(Dataset<Row> rows, String languageColumn, String actualColumn,
      String predictedColumn, List<String> labels) {
    List<Row> counts = rows.filter(col(actualColumn).isNotNull())
        .groupBy(col(languageColumn).as("l"), col(actualColumn).as("a"), coalesce(col(predictedColumn), lit(NONE)).as("p"))
        .count().collectAsList(); // languages x labels x (labels + 1) rows at most
    Map<String, Map<String, Long>> byLanguage = new TreeMap<>();
    Map<String, Long> all = new TreeMap<>();
    for (Row r : counts) {
      String key = r.getString(1) + " -> " + r.getString(2);
      byLanguage.computeIfAbsent(r.getString(0), k -> new TreeMap<>()).merge(key, r.getLong(3), Long::sum);
      all.merge(key, r.getLong(3), Long::sum);
    }
    List<ClassMetrics> out = new ArrayList<>();
    byLanguage.forEach((lang, confusion) -> out.add(of(lang, confusion, labels)));
    out.add(of(ALL_LANGUAGES, all, labels));
    return out;
  }

  /** Metrics from a confusion map ("actual -> predicted" -> count). */
  public static ClassMetrics of(String language, Map<String, Long> confusion, List<String> labels) {
    Map<String, Long> truePositives = new LinkedHashMap<>();
    Map<String, Long> actualTotals = new LinkedHashMap<>();
    Map<String, Long> predictedTotals = new LinkedHashMap<>();
    long n = 0;
    long correct = 0;
    for (Map.Entry<String, Long> e : confusion.entrySet()) {
      String[] ap = e.getKey().split(" -> ", 2);
      long c = e.getValue();
      n += c;
      actualTotals.merge(ap[0], c, Long::sum);
      predictedTotals.merge(ap[1], c, Long::sum);
      if (ap[0].equals(ap[1])) {
        correct += c;
        truePositives.merge(ap[0], c, Long::sum);
      }
    }
    Map<String, Double> precision = new LinkedHashMap<>();
    Map<String, Double> recall = new LinkedHashMap<>();
    double f1Sum = 0;
    int classes = 0;
    for (String label : labels) {
      long tp = truePositives.getOrDefault(label, 0L);
      long actual = actualTotals.getOrDefault(label, 0L);
      long predicted = predictedTotals.getOrDefault(label, 0L);
      if (actual == 0 && predicted == 0) {
        continue; // a class absent from this slice neither helps nor hurts its macro-F1
      }
      double p = predicted == 0 ? 0 : (double) tp / predicted;
      double r = actual == 0 ? 0 : (double) tp / actual;
      precision.put(label, p);
      recall.put(label, r);
      f1Sum += p + r == 0 ? 0 : 2 * p * r / (p + r);
      classes++;
    }
    return new ClassMetrics(language, n, n == 0 ? 0 : (double) correct / n, classes == 0 ? 0 : f1Sum / classes,
        precision, recall, new TreeMap<>(confusion));
  }
}
