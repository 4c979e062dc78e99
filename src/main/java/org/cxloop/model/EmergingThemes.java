package org.cxloop.model;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;


import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.pl.PolishAnalyzer;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.feature.CountVectorizer;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.ml.feature.IDF;
import org.apache.spark.ml.feature.Normalizer;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.ml.feature.StopWordsRemover;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;
import org.cxloop.config.CxConfig;
import org.cxloop.config.Keys;

/**
 * Themes the taxonomy does not know yet: the week's comments that neither model could place (no
 * category, or category confidence below model.combine.review_below), clustered per language with
 * k-means on TF-IDF word vectors (L2-normalised, so distance follows cosine similarity), together
 * with the same kind of comments of the four weeks before. A theme is flagged as growing when
 * this week's count is improbable under a Poisson with the previous four weeks' mean (one-sided,
 * Bonferroni over the week's themes) and it has at least themes.min.comments comments.
 *
 * <p>Word tokens here, not the classifiers' character n-grams: a theme is read by an analyst, so
 * its top terms must be words. Stop words are removed (Lucene's Polish list, Spark's Russian and
 * English lists).
 */
public final class EmergingThemes {

  public static final int TOP_TERMS = 8;
  static final long SEED = 42;
  /** Below this many unplaced comments in a language there is nothing to cluster. */
  static final int MIN_ROWS_PER_LANGUAGE = 10;
  /** λ floor of the growth test: a theme absent for four weeks is not infinitely surprising. */
  static final double MIN_WEEKLY_MEAN = 0.5;

  private static final String WEEK = "__week_index";
  private static final String CLUSTER = "__theme";

  public record Settings(int clusters, int minComments, double alpha, double lowConfidence, int samples) {
    public static Settings from(CxConfig conf) {
      return new Settings(conf.getInt(Keys.THEMES_CLUSTERS), conf.getInt(Keys.THEMES_MIN_COMMENTS),
          conf.getDouble(Keys.THEMES_GROWTH_ALPHA), conf.getDouble(Keys.MODEL_COMBINE_REVIEW_BELOW), 5);
    }
  }

  private EmergingThemes() {}

  /** The ISO week (Monday) a date falls in. */
  public static LocalDate weekStart(LocalDate day) {
    return day.minusDays(day.getDayOfWeek().getValue() - 1L);
  }

  /**
   * Unplaced comments of the week starting {@code monday} and the four weeks before, with a
   * week index 0 (this week) .. -4.
   */
  public static Dataset<Row> unplaced(Dataset<Row> responsesEnriched, LocalDate monday, double lowConfidence) {
    return responsesEnriched
        .filter(col("has_comment").and(col("comment_language").isNotNull()))
        .filter(col("response_date").between(Date.valueOf(monday.minusWeeks(4)), Date.valueOf(monday.plusDays(6))))
        .filter(col(LabelCombiner.PRIMARY_CATEGORY).isNull().or(col(LabelCombiner.CATEGORY_CONFIDENCE).lt(lowConfidence)))
        .withColumn(WEEK, floor(datediff(col("response_date"), lit(Date.valueOf(monday))).divide(7)).cast("int"))
        .select(col("response_id"), col("comment_language"), col("comment"), col(WEEK));
  }

  /** The emerging_themes rows of one week (a few dozen rows at most: languages x clusters). */
  public static Dataset<Row> themes(SparkSession spark, Dataset<Row> unplaced, LocalDate monday, Settings s,
      Timestamp now) {
    // k-means iterates: one partition per core instead of many tiny ones after the filters.
    Dataset<Row> rows = unplaced.coalesce(spark.sparkContext().defaultParallelism()).persist(StorageLevel.MEMORY_AND_DISK());
    List<String> languages = rows.select("comment_language").distinct().orderBy("comment_language")
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList(); // at most three
    List<Object[]> themes = new ArrayList<>();
    for (String lang : languages) {
      Dataset<Row> one = rows.filter(col("comment_language").equalTo(lang));
      long n = one.count();
      if (n < MIN_ROWS_PER_LANGUAGE) {
        continue;
      }
      int k = (int) Math.max(2, Math.min(s.clusters(), n / MIN_ROWS_PER_LANGUAGE));
      PipelineModel model = pipeline(lang, k).fit(one);
      String[] vocabulary = ((CountVectorizerModel) model.stages()[2]).vocabulary();
      Vector[] centers = ((KMeansModel) model.stages()[5]).clusterCenters();
      Dataset<Row> assigned = model.transform(one);
      Dataset<Row> samples = assigned.filter(col(WEEK).equalTo(0))
          .withColumn("__rank", row_number().over(Window.partitionBy(CLUSTER).orderBy(col("response_id"))))
          .filter(col("__rank").leq(s.samples()))
          .groupBy(CLUSTER).agg(collect_list(col("comment")).as("samples"));
      List<Row> counts = assigned.groupBy(CLUSTER)
          .agg(count_if(col(WEEK).equalTo(0)).as("this_week"), count_if(col(WEEK).lt(0)).as("before"))
          .join(samples, scala.jdk.javaapi.CollectionConverters.asScala(List.of(CLUSTER)).toSeq(), "left")
          .orderBy(CLUSTER).collectAsList(); // k rows
      for (Row r : counts) {
        int cluster = r.getInt(0);
        long thisWeek = r.getLong(1);
        long before = r.getLong(2);
        double mean = before / 4.0;
        List<String> sample = r.isNullAt(3) ? List.of() : r.getList(3);
        themes.add(new Object[] {lang, cluster, topTerms(centers[cluster], vocabulary), thisWeek, before, mean,
            poissonUpperTail(thisWeek, Math.max(mean, MIN_WEEKLY_MEAN)), sample, n});
      }
    }
    rows.unpersist();
    double threshold = themes.isEmpty() ? 0 : s.alpha() / themes.size();
    List<Row> out = new ArrayList<>();
    for (Object[] t : themes) {
      double p = (double) t[6];
      out.add(RowFactory.create(Date.valueOf(monday), t[0], monday + "/" + t[0] + "/" + t[1],
          scala.jdk.javaapi.CollectionConverters.asScala((List<?>) t[2]).toSeq(), t[3], t[4], t[5], p,
          p < threshold && (long) t[3] >= s.minComments(),
          scala.jdk.javaapi.CollectionConverters.asScala((List<?>) t[7]).toSeq(), t[8], now));
    }
    return spark.createDataFrame(out, ModelTables.EMERGING_THEMES.schema());
  }

  private static Pipeline pipeline(String lang, int k) {
    RegexTokenizer words = new RegexTokenizer().setInputCol("comment").setOutputCol("__words")
        .setPattern("[^\\p{L}]+").setGaps(true).setMinTokenLength(3).setToLowercase(true);
    StopWordsRemover stop = new StopWordsRemover().setInputCol("__words").setOutputCol("__content")
        .setStopWords(stopWords(lang)).setCaseSensitive(false);
    CountVectorizer counts = new CountVectorizer().setInputCol("__content").setOutputCol("__tf")
        .setVocabSize(5000).setMinDF(2);
    IDF idf = new IDF().setInputCol("__tf").setOutputCol("__tfidf");
    Normalizer l2 = new Normalizer().setInputCol("__tfidf").setOutputCol("__features").setP(2);
    KMeans kmeans = new KMeans().setK(k).setSeed(SEED).setMaxIter(20).setFeaturesCol("__features")
        .setPredictionCol(CLUSTER);
    return new Pipeline().setStages(new PipelineStage[] {words, stop, counts, idf, l2, kmeans});
  }

  static String[] stopWords(String lang) {
    Set<String> words = new HashSet<>();
    switch (lang) {
      case "pl" -> addAll(words, PolishAnalyzer.getDefaultStopSet());
      case "ru" -> words.addAll(List.of(StopWordsRemover.loadDefaultStopWords("russian")));
      default -> words.addAll(List.of(StopWordsRemover.loadDefaultStopWords("english")));
    }
    return words.toArray(new String[0]);
  }

  private static void addAll(Set<String> words, CharArraySet set) {
    for (Object o : set) {
      words.add(o instanceof char[] c ? new String(c) : o.toString());
    }
  }

  static List<String> topTerms(Vector center, String[] vocabulary) {
    double[] w = center.toArray();
    return IntStream.range(0, Math.min(w.length, vocabulary.length)).boxed()
        .filter(i -> w[i] > 0)
        .sorted(Comparator.comparingDouble((Integer i) -> -w[i]).thenComparing(i -> vocabulary[i]))
        .limit(TOP_TERMS).map(i -> vocabulary[i]).toList();
  }

  /** P(X >= x) for X ~ Poisson(lambda), summed in log space (lambda may be in the hundreds). */
  public static double poissonUpperTail(long x, double lambda) {
    if (x <= 0) {
      return 1.0;
    }
    double logP = -lambda;
    double below = 0;
    for (long i = 0; i < x; i++) {
      if (i > 0) {
        logP += Math.log(lambda) - Math.log(i);
      }
      below += Math.exp(logP);
    }
    return Math.max(0.0, 1.0 - below);
  }

}
