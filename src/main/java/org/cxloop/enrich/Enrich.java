package org.cxloop.enrich;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.cxloop.ingest.ResponseIngest;

/**
 * Joins each answer to what was true when the customer answered: the CRM attributes valid on
 * the response date (as-of join on the history), the interaction the answer is about, and the
 * employee who served it with the team and manager they had on that date. Answers with no
 * match are kept and flagged ({@code crm_matched}, {@code interaction_matched}): losing an NPS
 * answer because CRM lags a day would bias the numbers towards well-kept records.
 */
public final class Enrich {

  public static final String CRM_MATCHED = "crm_matched";
  public static final String INTERACTION_MATCHED = "interaction_matched";

  private Enrich() {}

  /**
   * The reference rows whose {@code referenceKey} is among the answers' {@code answerKey}s, every
   * version of them (CRM history rows too): the joins below give the same rows either way. A
   * night of a few thousand answers otherwise joins, and shuffles, the whole reference input (at
   * 10M answers: 8.2M interactions and 1.4M CRM rows for 22k answers); the keys of a small run
   * are broadcast and the reference rows are cut where they lie. Keep it to small runs: a
   * rebuild's keys are millions, too many to broadcast.
   */
  public static Dataset<Row> onlyKeysOf(Dataset<Row> reference, String referenceKey, Dataset<Row> answers,
      String answerKey) {
    Dataset<Row> keys = answers.select(col(answerKey).as("_needed_key")).filter(col("_needed_key").isNotNull())
        .distinct();
    return reference.join(broadcast(keys), col(referenceKey).equalTo(col("_needed_key")), "left_semi");
  }

  /** CRM rows valid on response_date: valid_from <= date < valid_to (open-ended when empty). */
  public static Dataset<Row> asOfCrm(Dataset<Row> responses, Dataset<Row> crm) {
    Dataset<Row> c = crm.select(
        col("customer_id").as("crm_customer_id"),
        col("account_id_value").as("account_id"),
        col("segment"), col("region"), col("plan"),
        col("annual_value_pln_value").as("annual_value_pln"),
        col("signup_date_value").as("signup_date"),
        col("valid_from_value").as("crm_valid_from"),
        col("valid_to_value").as("crm_valid_to"));
    Column during = col("customer_id").equalTo(col("crm_customer_id"))
        .and(col(ResponseIngest.RESPONSE_DATE).geq(col("crm_valid_from")))
        .and(col("crm_valid_to").isNull().or(col(ResponseIngest.RESPONSE_DATE).lt(col("crm_valid_to"))));
    Dataset<Row> joined = responses.join(c, during, "left");
    // Overlapping CRM intervals are a CRM defect; the most recently started one wins, stably.
    // Ranked per customer and answer: the same groups as per answer (an answer has one
    // customer), but the join has already put each customer's rows in one partition, so the
    // wide answer rows are not shuffled a second time for the window.
    Dataset<Row> one = joined
        .withColumn("_crm_rank", row_number().over(Window.partitionBy(col("customer_id"), col(ResponseIngest.RESPONSE_ID))
            .orderBy(col("crm_valid_from").desc_nulls_last())))
        .filter(col("_crm_rank").equalTo(1));
    return one
        .withColumn(CRM_MATCHED, col("crm_customer_id").isNotNull())
        .withColumn("cohort_month", trunc(col("signup_date"), "month"))
        .drop("_crm_rank", "crm_customer_id", "crm_valid_from", "crm_valid_to");
  }

  /** The interaction the answer is about (relational surveys have none). */
  public static Dataset<Row> interactions(Dataset<Row> responses, Dataset<Row> interactions) {
    Dataset<Row> i = interactions.select(
        col("transaction_id").as("i_transaction_id"),
        col("touchpoint"),
        col("channel").as("interaction_channel"),
        org.cxloop.ingest.ReferenceIngest.nullIfBlank(col("employee_id")).as("employee_id"),
        col("started_at_utc").as("interaction_started_at_utc"),
        col("wait_time_s_value").as("wait_time_s"),
        col("handle_time_s_value").as("handle_time_s"),
        col("resolved_value").as("resolved"));
    // Relational answers have no transaction. Joined on a null key they would all hash to one
    // partition, one task with every relational answer (a fifth to two fifths of them) while the
    // other core waits; a key of their own that no interaction has spreads them like the rest.
    // (An interaction with a blank id is quarantined, so a blank id matched nothing before either.)
    Column key = when(ResponseIngest.blank(col("transaction_id")),
        concat(lit("\u0000no-transaction:"), col(ResponseIngest.RESPONSE_ID))).otherwise(col("transaction_id"));
    return responses
        .join(i, key.equalTo(col("i_transaction_id")), "left")
        .withColumn(INTERACTION_MATCHED, col("i_transaction_id").isNotNull())
        .drop("i_transaction_id");
  }

  /** Team, department and manager the serving employee had on the response date. */
  public static Dataset<Row> asOfEmployees(Dataset<Row> responses, Dataset<Row> employees) {
    Dataset<Row> e = employees.select(
        col("employee_id").as("e_employee_id"),
        col("team"), col("department"),
        org.cxloop.ingest.ReferenceIngest.nullIfBlank(col("manager_id")).as("manager_id"),
        col("valid_from_value").as("e_valid_from"),
        col("valid_to_value").as("e_valid_to"));
    Column during = col("employee_id").equalTo(col("e_employee_id"))
        .and(col(ResponseIngest.RESPONSE_DATE).geq(col("e_valid_from")))
        .and(col("e_valid_to").isNull().or(col(ResponseIngest.RESPONSE_DATE).lt(col("e_valid_to"))));
    return responses.join(e, during, "left")
        .withColumn("_e_rank", row_number().over(Window.partitionBy(col(ResponseIngest.RESPONSE_ID))
            .orderBy(col("e_valid_from").desc_nulls_last())))
        .filter(col("_e_rank").equalTo(1))
        .drop("_e_rank", "e_employee_id", "e_valid_from", "e_valid_to");
  }

  /** NPS group and points: a BI tool gets the NPS of any slice as AVG(nps_points). */
  public static Dataset<Row> npsGroup(Dataset<Row> responses) {
    Column score = col(ResponseIngest.SCORE_VALUE);
    return responses
        .withColumn("nps_group", when(score.geq(9), lit("promoter")).when(score.geq(7), lit("passive"))
            .otherwise(lit("detractor")))
        .withColumn("nps_points", when(score.geq(9), lit(100)).when(score.geq(7), lit(0)).otherwise(lit(-100)))
        .withColumn("response_month", trunc(col(ResponseIngest.RESPONSE_DATE), "month"))
        .withColumn("cohort", date_format(col("cohort_month"), "yyyy-MM"));
  }

  /** Deepest hierarchy walked for manager roll-ups; deeper chains are cut (and a cycle ends). */
  static final int MAX_HIERARCHY_DEPTH = 6;

  /**
   * {@code manager_chain}: the serving employee's manager, their manager, and so on, each as of
   * the response date. Walked on the distinct (manager, day) pairs, which are few, and joined back.
   */
  public static Dataset<Row> managerChain(Dataset<Row> responses, Dataset<Row> employees) {
    Dataset<Row> e = employees.select(col("employee_id").as("e_id"),
        org.cxloop.ingest.ReferenceIngest.nullIfBlank(col("manager_id")).as("e_manager"),
        col("valid_from_value").as("e_from"), col("valid_to_value").as("e_to"));
    Dataset<Row> pairs = responses.select(col("manager_id").as("m0"), col(ResponseIngest.RESPONSE_DATE).as("d"))
        .filter(col("m0").isNotNull()).distinct();
    Dataset<Row> walk = pairs;
    for (int level = 1; level < MAX_HIERARCHY_DEPTH; level++) {
      String prev = "m" + (level - 1);
      String next = "m" + level;
      Column during = col(prev).equalTo(col("e_id")).and(col("d").geq(col("e_from")))
          .and(col("e_to").isNull().or(col("d").lt(col("e_to"))));
      walk = walk.join(e, during, "left")
          .withColumn("_rank", row_number().over(Window.partitionBy(col("m0"), col("d")).orderBy(col("e_from").desc_nulls_last())))
          .filter(col("_rank").equalTo(1))
          .withColumn(next, col("e_manager"))
          .drop("_rank", "e_id", "e_manager", "e_from", "e_to");
    }
    Column[] levels = new Column[MAX_HIERARCHY_DEPTH];
    for (int level = 0; level < MAX_HIERARCHY_DEPTH; level++) {
      levels[level] = col("m" + level);
    }
    Dataset<Row> chains = walk.select(col("m0").as("c_manager"), col("d").as("c_date"),
        org.apache.spark.sql.functions.array_distinct(
            org.apache.spark.sql.functions.filter(org.apache.spark.sql.functions.array(levels), Column::isNotNull))
            .as("manager_chain"));
    return responses.join(chains, col("manager_id").equalTo(col("c_manager"))
            .and(col(ResponseIngest.RESPONSE_DATE).equalTo(col("c_date"))), "left")
        .drop("c_manager", "c_date");
  }

  /**
   * {@code value_tier} from annual value thresholds, highest first ("top:100000,high:20000,
   * standard:0"): seed 001 asks for the most lucrative customers first.
   */
  public static Dataset<Row> valueTier(Dataset<Row> responses, String tiers) {
    Column tier = lit(null).cast("string");
    String[] parts = tiers.split(",");
    for (int i = parts.length - 1; i >= 0; i--) {
      String[] kv = parts[i].trim().split(":");
      tier = when(col("annual_value_pln").geq(Double.parseDouble(kv[1].trim())), lit(kv[0].trim())).otherwise(tier);
    }
    return responses.withColumn("value_tier", tier);
  }

  /**
   * {@code response_weight} from a rule "column:value=w,value=w" (e.g. channel:email=0.8,sms=1.25
   * to correct an over-sampled channel); unlisted values and an empty rule weigh 1.
   */
  public static Dataset<Row> responseWeight(Dataset<Row> responses, String rule) {
    Column weight = lit(1.0);
    if (!rule.isBlank()) {
      String column = rule.substring(0, rule.indexOf(':')).trim();
      for (String pair : rule.substring(rule.indexOf(':') + 1).split(",")) {
        String[] kv = pair.trim().split("=");
        weight = when(col(column).equalTo(kv[0].trim()), lit(Double.parseDouble(kv[1].trim()))).otherwise(weight);
      }
    }
    return responses.withColumn("response_weight", weight);
  }
}
