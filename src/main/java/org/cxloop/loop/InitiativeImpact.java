package org.cxloop.loop;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.nio.file.Path;
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
import org.cxloop.CxErrors;
import org.cxloop.config.CxConfig;
import org.cxloop.config.Keys;
import org.cxloop.config.Keys.Source;
import org.cxloop.ingest.InputSchemas;
import org.cxloop.ingest.SourceReader;
import org.cxloop.ingest.Timestamps;
import org.cxloop.output.CxTables;
import org.cxloop.privacy.Pseudonymiser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * initiative_impact (seed 004): for each initiative, NPS of the treated answers and of a
 * comparable control group in a before and an after window, the difference in differences with
 * its interval ({@link DiffInDiff}) and the category's negative-mention share before and after.
 *
 * <p>An initiative's customer list holds the company's own customer ids. When
 * {@code privacy.pseudonymise.ids} has customer_id, responses_enriched holds pseudonyms instead, so
 * the listed ids are pseudonymised with the same key before they are matched. A list none of
 * whose customers answered is almost always the wrong ids (or the wrong file): the row's
 * verdict_reason says so, and the run logs a warning.
 */
public final class InitiativeImpact {

  private static final Logger LOG = LoggerFactory.getLogger(InitiativeImpact.class);

  /** Window lengths and the verdict's thresholds. */
  public record Settings(int beforeDays, int afterDays, long minN, double z) {}

  static final String ARM = "_arm";
  static final String WINDOW = "_window";
  static final StructType CUSTOMER_LIST = new StructType().add("customer_id", DataTypes.StringType);

  private InitiativeImpact() {}

  /** The configured initiatives (a small, hand-kept file: read to the driver). Empty when not configured. */
  public static List<Initiative> read(SparkSession spark, CxConfig conf) {
    if (!SourceReader.isConfigured(conf, Source.INITIATIVES)) {
      return List.of();
    }
    String path = conf.get(Source.INITIATIVES.path);
    Path folder = Path.of(path).toAbsolutePath().getParent();
    List<Initiative> out = new ArrayList<>();
    List<Row> rows = SourceReader.read(spark, conf, Source.INITIATIVES, InputSchemas.INITIATIVES)
        .select(col("initiative_id"), col("description"), col("category"), col("survey_type"),
            Timestamps.parseDate(col("start_date")).as("start"), Timestamps.parseDate(col("end_date")).as("end"),
            col("end_date"), col("treated_rule"), col("treated_customers_file"), col(SourceReader.CORRUPT))
        .collectAsList();
    for (Row r : rows) {
      String id = r.isNullAt(0) ? "(no id)" : r.getString(0).strip();
      String why = !r.isNullAt(9) ? "the line could not be split into the columns " + List.of(InputSchemas.INITIATIVES.fieldNames())
          : r.isNullAt(0) || id.isEmpty() ? "initiative_id is empty"
          : r.isNullAt(4) ? "start_date is not a yyyy-MM-dd date"
          : !r.isNullAt(6) && !r.getString(6).isBlank() && r.isNullAt(5) ? "end_date is neither empty nor a yyyy-MM-dd date"
          : r.isNullAt(3) || !List.of("transactional", "relational").contains(r.getString(3).strip()) ? "survey_type is not transactional or relational"
          : (r.isNullAt(7) || r.getString(7).isBlank()) && (r.isNullAt(8) || r.getString(8).isBlank())
              ? "it has neither a treated_rule nor a treated_customers_file" : null;
      if (why != null) {
        throw CxErrors.loopInputInvalid("read initiative " + id + " in " + path, why, "Fix the line and run again");
      }
      String list = r.isNullAt(8) || r.getString(8).isBlank() ? null : folder.resolve(r.getString(8).strip()).toString();
      out.add(new Initiative(id, r.getString(1), r.isNullAt(2) ? null : r.getString(2).strip(), r.getString(3).strip(),
          r.getDate(4).toLocalDate(), r.isNullAt(5) ? null : r.getDate(5).toLocalDate(),
          Initiative.parseRule(id, r.getString(7)), list));
    }
    return out;
  }

  /**
   * How listed customer ids become the ids of responses_enriched: the warehouse's pseudonymiser
   * when {@code privacy.pseudonymise.ids} has customer_id, else null (ids as they are). Asks for
   * the key only when an initiative has a list.
   */
  public static Pseudonymiser listIds(SparkSession spark, CxConfig conf, List<Initiative> initiatives) {
    boolean anyList = initiatives.stream().anyMatch(i -> i.customersFile() != null);
    return anyList && conf.getList(Keys.PSEUDONYMISE_IDS).contains("customer_id")
        ? Pseudonymiser.forWarehouse(spark, conf) : null;
  }

  /**
   * Customer ids of an initiative's list file (CSV with a customer_id header), as
   * responses_enriched holds them.
   *
   * @param listIds pseudonymises the ids (null: they are matched as written)
   */
  static Dataset<Row> customerList(SparkSession spark, Initiative ini, Pseudonymiser listIds) {
    if (!java.nio.file.Files.isRegularFile(Path.of(ini.customersFile()))) {
      throw CxErrors.loopInputInvalid("read initiative " + ini.id(), "its customer list " + ini.customersFile()
          + " does not exist", "Put the file next to the initiatives file or fix treated_customers_file");
    }
    Dataset<Row> ids = spark.read().schema(CUSTOMER_LIST).option("header", "true").csv(ini.customersFile())
        .filter(col("customer_id").isNotNull());
    return (listIds == null ? ids : listIds.apply(ids, List.of("customer_id"))).distinct();
  }

  /** The verdict_reason of an initiative whose list matched no answer. */
  static String unmatchedList(Initiative ini, long listed, boolean pseudonymised) {
    return "none of the " + listed + " customers listed in " + Path.of(ini.customersFile()).getFileName()
        + " has an answer in responses_enriched, so the treated group is empty. The list must hold the CRM's "
        + "customer_id values as they are" + (pseudonymised
            ? " (cxloop pseudonymises them itself, since privacy.pseudonymise.ids has customer_id; a list of "
                + "pseudonyms matches nothing)"
            : "");
  }

  /** Before window: [start - beforeDays, start - 1]; after: [start, start + afterDays - 1], cut at end and runTo. */
  static LocalDate[] windows(Initiative ini, Settings s, LocalDate runTo) {
    LocalDate afterEnd = ini.start().plusDays(s.afterDays() - 1L);
    if (ini.end() != null && ini.end().isBefore(afterEnd)) {
      afterEnd = ini.end();
    }
    if (runTo.isBefore(afterEnd)) {
      afterEnd = runTo;
    }
    return new LocalDate[] {ini.start().minusDays(s.beforeDays()), ini.start().minusDays(1), ini.start(), afterEnd};
  }

  /**
   * Labels each answer of the windows treated/control/null (ARM) and before/after (WINDOW).
   *
   * @param onList customer ids of the list, or null when the initiative has none
   */
  static Dataset<Row> arms(Dataset<Row> responses, Initiative ini, LocalDate[] w, Dataset<Row> onList,
      List<String> listSegments) {
    Dataset<Row> r = responses
        .filter(col("survey_type").equalTo(ini.surveyType())
            .and(col("response_date").between(Date.valueOf(w[0]), Date.valueOf(w[3]))));
    Column treated = ini.matchesRule();
    Column scope = ini.controlScope();
    if (onList != null) {
      r = r.join(onList.select(col("customer_id").as("_listed")), col("customer_id").equalTo(col("_listed")), "left");
      treated = treated.and(col("_listed").isNotNull());
      scope = scope.and(coalesce(col("segment").isin(listSegments.toArray()), lit(false)));
    }
    return r
        .withColumn(ARM, when(treated, lit("treated")).when(scope, lit("control")))
        .withColumn(WINDOW, when(col("response_date").lt(Date.valueOf(ini.start())), lit("before")).otherwise(lit("after")))
        .filter(col(ARM).isNotNull());
  }

  /** Counts per arm and window: n, promoters, detractors, category mentions and negative mentions. */
  static Dataset<Row> cells(Dataset<Row> arms, String category) {
    Column mentions = coalesce(array_contains(col("kw_categories"), lit(category)), lit(false))
        .or(coalesce(col("primary_category").equalTo(lit(category)), lit(false)));
    return arms.groupBy(col(ARM), col(WINDOW)).agg(
        count(lit(1)).as("n"),
        sum(when(col("score").geq(9), 1).otherwise(0)).cast(DataTypes.LongType).as("promoters"),
        sum(when(col("score").leq(6), 1).otherwise(0)).cast(DataTypes.LongType).as("detractors"),
        sum(when(mentions, 1).otherwise(0)).cast(DataTypes.LongType).as("mentions"),
        sum(when(mentions.and(col("sentiment_label").equalTo("negative")), 1).otherwise(0)).cast(DataTypes.LongType)
            .as("negative_mentions"));
  }

  /**
   * One initiative_impact row per initiative (each initiative's cells are four aggregate rows).
   *
   * @param listIds see {@link #listIds}: pseudonymises the ids of customer lists (null: none)
   */
  public static Dataset<Row> compute(SparkSession spark, Dataset<Row> responses, List<Initiative> initiatives,
      Settings s, LocalDate runTo, Pseudonymiser listIds) {
    List<Row> out = new ArrayList<>();
    for (Initiative ini : initiatives) {
      spark.sparkContext().setJobDescription("initiative_impact " + ini.id());
      LocalDate[] w = windows(ini, s, runTo);
      Dataset<Row> onList = ini.customersFile() == null ? null : customerList(spark, ini, listIds);
      List<String> listSegments = List.of();
      String listProblem = null;
      if (onList != null) {
        // How many listed customers answered at all, and the few segments they answered in (the
        // control group's population): one aggregate row.
        Row matched = responses.join(onList, "customer_id")
            .agg(countDistinct(col("customer_id")), sort_array(collect_set(col("segment")))).first();
        listSegments = matched.getList(1);
        if (matched.getLong(0) == 0) {
          listProblem = unmatchedList(ini, onList.count(), listIds != null);
          LOG.warn("initiative_impact {}: {}", ini.id(), listProblem);
        }
      }
      List<Row> cellRows = cells(arms(responses, ini, w, onList, listSegments), ini.category()).collectAsList();
      out.add(row(ini, w, listSegments, cellRows, s, listProblem));
    }
    return spark.createDataFrame(out, CxTables.INITIATIVE_IMPACT.schema());
  }

  /** @param listProblem replaces the verdict's reason when the customer list matched nobody (else null) */
  static Row row(Initiative ini, LocalDate[] w, List<String> listSegments, List<Row> cellRows, Settings s,
      String listProblem) {
    DiffInDiff.Cell[] cells = new DiffInDiff.Cell[4];
    long[][] category = new long[2][2]; // treated before/after: mentions, negative
    String[][] keys = {{"treated", "before"}, {"treated", "after"}, {"control", "before"}, {"control", "after"}};
    for (int i = 0; i < 4; i++) {
      cells[i] = new DiffInDiff.Cell(0, 0, 0);
      for (Row r : cellRows) {
        if (keys[i][0].equals(r.getString(0)) && keys[i][1].equals(r.getString(1))) {
          cells[i] = new DiffInDiff.Cell(r.getLong(2), r.getLong(3), r.getLong(4));
          if (i < 2) {
            category[i][0] = r.getLong(5);
            category[i][1] = r.getLong(6);
          }
        }
      }
    }
    DiffInDiff.Result d = DiffInDiff.of(cells, s.z(), s.minN());
    return RowFactory.create(ini.id(), ini.description(), ini.category(), ini.surveyType(), ini.treatedBy(),
        ini.controlBy(listSegments), Date.valueOf(ini.start()), ini.end() == null ? null : Date.valueOf(ini.end()),
        Date.valueOf(w[0]), Date.valueOf(w[1]), Date.valueOf(w[2]), Date.valueOf(w[3]),
        cells[0].n(), cells[1].n(), cells[2].n(), cells[3].n(),
        round(cells[0].nps()), round(cells[1].nps()), round(cells[2].nps()), round(cells[3].nps()),
        round(d.did()), round(d.se()), round(d.ciLow()), round(d.ciHigh()),
        share(category[0]), share(category[1]), d.verdict(), listProblem == null ? d.reason() : listProblem);
  }

  private static Double share(long[] mentionsAndNegative) {
    return mentionsAndNegative[0] == 0 ? null : round((double) mentionsAndNegative[1] / mentionsAndNegative[0]);
  }

  private static Double round(double v) {
    return Double.isNaN(v) ? null : Math.round(v * 10000) / 10000.0;
  }
}
