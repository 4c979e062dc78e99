package org.cxloop.metrics;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Which categories move NPS. For one month and survey type, over the answers with a comment, two
 * answers per category. The raw one: the NPS of answers mentioning the category minus the NPS of
 * those that do not, with its standard error sqrt(V1/n1 + V2/n2) and Wald interval (as
 * category_sentiment's gap, but over the same answers as the model). The adjusted one: a
 * linear probability model (least squares, from one aggregation of the normal equations' sums) of the answer's
 * +1/0/-1 NPS value on one indicator per category plus segment indicators: each category's
 * coefficient x 100 is its effect in NPS points holding the other categories and the segment
 * fixed, so two categories that are often mentioned together are not both credited with the
 * same detractors. Its standard error comes from the same fit. Impact x volume (effect x share
 * of comments mentioning it) ranks where fixing things pays most.
 */
public final class NpsDrivers {

  public static final StructType SCHEMA = new StructType()
      .add("period_start", DataTypes.DateType).add("survey_type", DataTypes.StringType)
      .add("category", DataTypes.StringType).add("answers_with_comment", DataTypes.LongType)
      .add("mentions", DataTypes.LongType).add("share_of_comments", DataTypes.DoubleType)
      .add("nps_mentioners", DataTypes.DoubleType).add("nps_non_mentioners", DataTypes.DoubleType)
      .add("nps_gap", DataTypes.DoubleType).add("nps_gap_se", DataTypes.DoubleType)
      .add("nps_gap_ci_low", DataTypes.DoubleType).add("nps_gap_ci_high", DataTypes.DoubleType)
      .add("adjusted_effect_nps", DataTypes.DoubleType).add("adjusted_effect_se", DataTypes.DoubleType)
      .add("adjusted_effect_p", DataTypes.DoubleType).add("impact_x_volume", DataTypes.DoubleType)
      .add("rank", DataTypes.IntegerType);

  /** Columns of the raw gap, joined to the model's rows after the fits. */
  private static final java.util.Set<String> GAP_COLUMNS = java.util.Set.of("nps_mentioners", "nps_non_mentioners",
      "nps_gap", "nps_gap_se", "nps_gap_ci_low", "nps_gap_ci_high");

  /** What {@link #fit} returns: the model's rows, {@link #SCHEMA} without the raw gap. */
  private static final StructType EFFECTS = new StructType(java.util.Arrays.stream(SCHEMA.fields())
      .filter(f -> !GAP_COLUMNS.contains(f.name())).toArray(org.apache.spark.sql.types.StructField[]::new));

  /** Column of the categories an answer mentions, while the drivers are computed. */
  static final String MENTIONS = "_mentions";

  private NpsDrivers() {}

  /**
   * Fits one model per (month, survey type) in {@code months}; categories with fewer than
   * {@code minMentions} mentions are left out of the model (their estimate would be noise) and
   * of the table. Each modelled category also gets its raw gap with an interval at
   * {@code confidence}.
   */
  public static Dataset<Row> compute(SparkSession spark, Dataset<Row> responses, List<String> categories,
      List<LocalDate> months, int minMentions, double confidence) {
    List<Row> out = new ArrayList<>();
    Object[] wanted = months.stream().map(Date::valueOf).toArray();
    Dataset<Row> commented = responses.filter(col("has_comment"))
        .withColumn(MENTIONS, CategoryStats.mentions())
        .withColumn("y", Ratios.of(col("nps_points"), 100.0))
        .select("response_month", "survey_type", "segment", MENTIONS, "y")
        .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    try {
      List<String> segments = commented.select("segment").distinct().na().drop().orderBy("segment")
          .as(org.apache.spark.sql.Encoders.STRING()).collectAsList(); // a handful of values
      java.util.Map<String, Moments> moments = Moments.of(commented.filter(col("response_month").isin(wanted)),
          categories, segments);
      for (LocalDate month : months) {
        for (String surveyType : List.of("transactional", "relational")) {
          Moments m = moments.get(month + "/" + surveyType);
          if (m != null) {
            out.addAll(fit(m, categories, segments, month, surveyType, minMentions));
          }
        }
      }
      if (out.isEmpty()) {
        return spark.createDataFrame(List.of(), SCHEMA);
      }
      Dataset<Row> gaps = mentionerGap(commented.filter(col("response_month").isin(wanted)), confidence).select(col("response_month").as("g_month"),
          col("survey_type").as("g_survey_type"), col("category").as("g_category"), col("nps_mentioners"),
          col("nps_non_mentioners"), col("nps_gap"), col("nps_gap_se"), col("nps_gap_ci_low"), col("nps_gap_ci_high"));
      Dataset<Row> effects = spark.createDataFrame(out, EFFECTS);
      Column[] columns = java.util.Arrays.stream(SCHEMA.fieldNames()).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
      // Collected while `commented` is cached: the rows are few (months x survey types x categories).
      List<Row> joined = effects.join(gaps, col("period_start").equalTo(col("g_month"))
              .and(col("survey_type").equalTo(col("g_survey_type"))).and(col("category").equalTo(col("g_category"))),
              "left")
          .select(columns).collectAsList();
      return spark.createDataFrame(joined, SCHEMA);
    } finally {
      commented.unpersist();
    }
  }

  /**
   * Per response_month, survey_type and mentioned category: the NPS of the answers mentioning it
   * (n1 of them) and of the other answers (n2), the gap between the two, its standard error
   * 100 sqrt(V1/n1 + V2/n2) with V = pP + pD - (pP - pD)^2 of each group, and the Wald interval
   * gap -+ z SE at {@code confidence}, clipped to the possible range [-200, 200]. Needs
   * response_month, survey_type, y (+1/0/-1) and the {@link #MENTIONS} array; a category every
   * answer mentions has no others to compare with, so its gap is empty.
   */
  static Dataset<Row> mentionerGap(Dataset<Row> commented, double confidence) {
    double z = Normal.zForConfidence(confidence);
    Column isP = col("y").equalTo(1.0);
    Column isD = col("y").equalTo(-1.0);
    Dataset<Row> totals = commented.groupBy("response_month", "survey_type").agg(
        count(lit(1)).as("t_n"),
        sum(when(isP, 1).otherwise(0)).cast(DataTypes.LongType).as("t_promoters"),
        sum(when(isD, 1).otherwise(0)).cast(DataTypes.LongType).as("t_detractors"));
    Dataset<Row> perCategory = commented
        .select(col("response_month"), col("survey_type"), col("y"), explode(col(MENTIONS)).as("category"))
        .groupBy("response_month", "survey_type", "category").agg(
            count(lit(1)).as("m_n"),
            sum(when(isP, 1).otherwise(0)).cast(DataTypes.LongType).as("m_promoters"),
            sum(when(isD, 1).otherwise(0)).cast(DataTypes.LongType).as("m_detractors"));
    MentionerGap g = MentionerGap.of(col("m_n").cast(DataTypes.DoubleType),
        col("t_n").minus(col("m_n")).cast(DataTypes.DoubleType));
    Column others = g.hasOthers();
    return perCategory
        .join(totals, scala.jdk.javaapi.CollectionConverters.asScala(List.of("response_month", "survey_type")).toSeq())
        .withColumn("nps_mentioners", round(g.mentioners(), 4))
        .withColumn("nps_non_mentioners", when(others, round(g.others(), 4)))
        .withColumn("nps_gap", when(others, round(g.gap(), 4)))
        .withColumn("nps_gap_se", when(others, round(g.se(), 4)))
        .withColumn("nps_gap_ci_low", when(others, round(clipGap(g.gap().minus(g.se().multiply(z))), 4)))
        .withColumn("nps_gap_ci_high", when(others, round(clipGap(g.gap().plus(g.se().multiply(z))), 4)))
        .drop("t_n", "t_promoters", "t_detractors", "m_n", "m_promoters", "m_detractors");
  }

  /** A difference of two NPS lies in [-200, 200]. */
  private static Column clipGap(Column c) {
    return least(greatest(c, lit(-200.0)), lit(200.0));
  }

  /**
   * The model of one month and survey type from its moments: categories with fewer than
   * {@code minMentions} mentions (or mentioned by every answer) are left out; the first segment
   * is the baseline and a segment with no answers (or only answers) that month is left out too,
   * as it carries nothing. Ordinary least squares with an intercept, solved on the centred
   * normal equations: the same estimates and standard errors as MLlib's LinearRegression with
   * the normal solver, from one aggregation for all months instead of a pass per month.
   */
  static List<Row> fit(Moments mo, List<String> categories, List<String> segments,
      LocalDate month, String surveyType, int minMentions) {
    long n = mo.n;
    List<Integer> design = new ArrayList<>(); // feature indexes into the moments
    List<String> used = new ArrayList<>();
    List<Long> mentions = new ArrayList<>();
    for (int i = 0; i < categories.size(); i++) {
      long m = Math.round(mo.sx[i]);
      if (m >= minMentions && m < n) {
        used.add(categories.get(i));
        mentions.add(m);
        design.add(i);
      }
    }
    if (used.isEmpty() || n < 3L * (used.size() + segments.size())) {
      return List.of();
    }
    for (int j = categories.size(); j < mo.sx.length; j++) { // segments after the baseline
      long c = Math.round(mo.sx[j]);
      if (c > 0 && c < n) {
        design.add(j);
      }
    }
    int p = design.size();
    double[][] a = new double[p][p];
    double[] b = new double[p];
    for (int r = 0; r < p; r++) {
      int i = design.get(r);
      b[r] = mo.sxy[i] - mo.sx[i] * mo.sy / n;
      for (int c = 0; c < p; c++) {
        int j = design.get(c);
        a[r][c] = mo.sxx(i, j) - mo.sx[i] * mo.sx[j] / n;
      }
    }
    Ols ols = Ols.solve(a, b, mo.syy - mo.sy * mo.sy / n, n - p - 1);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < used.size(); i++) {
      double effect = ols.coefficients()[i] * 100;
      Double effectSe = ols.standardErrors() == null ? null : ols.standardErrors()[i] * 100;
      Double pValue = effectSe == null || effectSe == 0 ? null : Significance.twoSidedP(effect / effectSe);
      double share = mentions.get(i) / (double) n;
      rows.add(RowFactory.create(Date.valueOf(month), surveyType, used.get(i), n, mentions.get(i),
          round4(share), round4(effect), effectSe == null ? null : round4(effectSe), pValue, round4(effect * share), 0));
    }
    // Rank 1 = the category that costs most NPS points once volume is taken into account.
    rows.sort((x, y) -> Double.compare(x.getDouble(9), y.getDouble(9)));
    List<Row> ranked = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      ranked.add(RowFactory.create(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6), r.get(7),
          r.get(8), r.get(9), i + 1));
    }
    return ranked;
  }

  /**
   * Sums over the answers of one month and survey type: n, sum y, sum y^2, and for the features
   * (one indicator per category, then one per segment after the first) sum x, sum x*y and sum
   * x*x' (upper triangle). Everything a least-squares fit needs, for every month in one pass.
   */
  static final class Moments {
    final long n;
    final double sy;
    final double syy;
    final double[] sx;
    final double[] sxy;
    private final double[] sxxUpper;

    private Moments(long n, double sy, double syy, double[] sx, double[] sxy, double[] sxxUpper) {
      this.n = n;
      this.sy = sy;
      this.syy = syy;
      this.sx = sx;
      this.sxy = sxy;
      this.sxxUpper = sxxUpper;
    }

    double sxx(int i, int j) {
      int lo = Math.min(i, j);
      int hi = Math.max(i, j);
      int p = sx.length;
      return sxxUpper[lo * p - lo * (lo - 1) / 2 + (hi - lo)];
    }

    /** Moments keyed by "yyyy-MM-dd/survey_type", from rows with response_month, survey_type, segment, mentions, y. */
    static java.util.Map<String, Moments> of(Dataset<Row> commented, List<String> categories, List<String> segments) {
      List<Column> x = new ArrayList<>();
      for (String c : categories) {
        x.add(when(array_contains(col(MENTIONS), c), 1.0).otherwise(0.0));
      }
      for (String s : segments.subList(Math.min(1, segments.size()), segments.size())) { // first = baseline
        x.add(when(col("segment").equalTo(s), 1.0).otherwise(0.0));
      }
      int p = x.size();
      List<Column> sel = new ArrayList<>(List.of(col("response_month"), col("survey_type"), col("y")));
      for (int i = 0; i < p; i++) {
        sel.add(x.get(i).as("x" + i));
      }
      List<Column> aggs = new ArrayList<>(List.of(sum(col("y")), sum(col("y").multiply(col("y")))));
      for (int i = 0; i < p; i++) {
        aggs.add(sum(col("x" + i)));
      }
      for (int i = 0; i < p; i++) {
        aggs.add(sum(col("x" + i).multiply(col("y"))));
      }
      for (int i = 0; i < p; i++) {
        for (int j = i; j < p; j++) {
          aggs.add(sum(col("x" + i).multiply(col("x" + j))));
        }
      }
      java.util.Map<String, Moments> out = new java.util.HashMap<>();
      for (Row r : commented.select(sel.toArray(new Column[0])).groupBy("response_month", "survey_type")
          .agg(count(lit(1)), aggs.toArray(new Column[0])).collectAsList()) {
        int k = 2;
        long n = r.getLong(k++);
        double sy = r.getDouble(k++);
        double syy = r.getDouble(k++);
        double[] sx = new double[p];
        double[] sxy = new double[p];
        double[] sxx = new double[p * (p + 1) / 2];
        for (int i = 0; i < p; i++) {
          sx[i] = r.getDouble(k++);
        }
        for (int i = 0; i < p; i++) {
          sxy[i] = r.getDouble(k++);
        }
        for (int i = 0; i < sxx.length; i++) {
          sxx[i] = r.getDouble(k++);
        }
        out.put(r.getDate(0).toLocalDate() + "/" + r.getString(1), new Moments(n, sy, syy, sx, sxy, sxx));
      }
      return out;
    }
  }

  /**
   * Least squares on centred normal equations A beta = b (A = X'X, b = X'y of the centred
   * features). Standard errors sqrt(sigma^2 (A^-1)_ii) with sigma^2 = RSS / df, RSS = syy -
   * beta'b. When A is singular (two categories always mentioned together) the effects are not
   * identifiable: the coefficients come from a minimal ridge and carry no standard error, as
   * MLlib's fallback solver does.
   */
  record Ols(double[] coefficients, double[] standardErrors) {
    static Ols solve(double[][] a, double[] b, double syy, long df) {
      int p = b.length;
      double[][] l = cholesky(a);
      if (l == null) {
        double ridge = 1e-9 * java.util.stream.IntStream.range(0, p).mapToDouble(i -> a[i][i]).max().orElse(1.0);
        double[][] r = new double[p][p];
        for (int i = 0; i < p; i++) {
          r[i] = a[i].clone();
          r[i][i] += ridge;
        }
        double[][] lr = cholesky(r);
        return new Ols(lr == null ? new double[p] : solveWith(lr, b), null);
      }
      double[] beta = solveWith(l, b);
      double rss = syy;
      for (int i = 0; i < p; i++) {
        rss -= beta[i] * b[i];
      }
      double sigma2 = df > 0 ? Math.max(rss, 0) / df : Double.NaN;
      double[] se = new double[p];
      for (int i = 0; i < p; i++) {
        double[] e = new double[p];
        e[i] = 1;
        se[i] = Math.sqrt(sigma2 * solveWith(l, e)[i]); // (A^-1)_ii
      }
      return new Ols(beta, df > 0 ? se : null);
    }

    /** Lower-triangular L with A = L L', or null when A is not (numerically) positive definite. */
    static double[][] cholesky(double[][] a) {
      int p = a.length;
      double scale = 0;
      for (int i = 0; i < p; i++) {
        scale = Math.max(scale, Math.abs(a[i][i]));
      }
      double[][] l = new double[p][p];
      for (int i = 0; i < p; i++) {
        for (int j = 0; j <= i; j++) {
          double v = a[i][j];
          for (int k = 0; k < j; k++) {
            v -= l[i][k] * l[j][k];
          }
          if (i == j) {
            if (v <= 1e-10 * Math.max(scale, 1e-300)) {
              return null;
            }
            l[i][i] = Math.sqrt(v);
          } else {
            l[i][j] = v / l[j][j];
          }
        }
      }
      return l;
    }

    private static double[] solveWith(double[][] l, double[] b) {
      int p = b.length;
      double[] z = new double[p];
      for (int i = 0; i < p; i++) {
        double v = b[i];
        for (int k = 0; k < i; k++) {
          v -= l[i][k] * z[k];
        }
        z[i] = v / l[i][i];
      }
      double[] x = new double[p];
      for (int i = p - 1; i >= 0; i--) {
        double v = z[i];
        for (int k = i + 1; k < p; k++) {
          v -= l[k][i] * x[k];
        }
        x[i] = v / l[i][i];
      }
      return x;
    }
  }

  private static double round4(double v) {
    return Math.round(v * 10000) / 10000.0;
  }
}
