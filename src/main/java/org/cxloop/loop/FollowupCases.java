package org.cxloop.loop;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.unix_timestamp;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.cxloop.output.CxTables;
import org.cxloop.text.TermList;

/**
 * The inner loop: which answers open a follow-up case, with owner, priority and due time.
 *
 * <p>An answer opens a case when it is a detractor (0-6), when its final sentiment is negative,
 * or when its comment carries an escalation signal (conf/loop/escalation.tsv). The case id is
 * sha2 of the response id, and cases are inserted only when their id is new, so re-running a
 * night never opens a case twice and never resets a case someone already works on.
 */
public final class FollowupCases {

  public static final String OPEN = "open";
  public static final String IN_PROGRESS = "in_progress";
  public static final String CLOSED = "closed";
  public static final String OVERDUE = "overdue";
  public static final String CALLBACK = "callback_reason_unknown";
  /** Column of a run's answers: the first escalation kind in the comment (not stored in responses_enriched). */
  public static final String ESCALATION_SIGNAL = "escalation_signal";
  /** Note of a call-back case: the customer gave a low score and no reason. */
  public static final String CALLBACK_NOTE = "call back: reason unknown";

  private FollowupCases() {}

  /** case_id of an answer: stable across runs. */
  public static Column caseId(Column responseId) {
    return sha2(responseId, 256);
  }

  /**
   * New cases for the answers that qualify, in followup_cases' schema (status open; overdue is
   * derived later by {@link CaseUpdates#derive}).
   *
   * @param answers rows of responses_enriched
   */
  public static Dataset<Row> open(Dataset<Row> answers, LoopConfig loop, String runId) {
    // The nightly run finds the signals while tagging (one analysis of each comment); answers
    // read back from the table do not carry them and are matched here.
    Column escalation = java.util.Arrays.asList(answers.columns()).contains(ESCALATION_SIGNAL)
        ? col(ESCALATION_SIGNAL)
        : escalationKind(loop.escalation()).apply(col("comment"), col("comment_language"));
    Column detractor = col("score").leq(6);
    Column negative = coalesce(col("sentiment_label").equalTo("negative"), lit(false));
    Column hasComment = coalesce(col("has_comment"), lit(false));
    Column tier = coalesce(col("value_tier"), lit(""));
    Column opened = col("responded_at_utc");
    Dataset<Row> qualifying = answers
        .withColumn("_escalation", escalation)
        .filter(detractor.or(negative).or(col("_escalation").isNotNull()));
    Column reason = when(col("_escalation").isNotNull(), concat(lit("escalation:"), col("_escalation")))
        .when(detractor.and(hasComment.unary_$bang()), lit(CALLBACK))
        .when(detractor, lit("detractor"))
        .otherwise(lit("negative_comment"));
    Column priority = priority(col("_escalation").isNotNull(), col("score"), tier);
    return qualifying
        .withColumn("_priority", priority)
        .select(
            caseId(col("response_id")).as("case_id"),
            col("response_id"), col("customer_id"), col("account_id"),
            col("score").cast(DataTypes.IntegerType).as("score"),
            col("comment"), col("primary_category"), col("sentiment_label"), col("touchpoint"), col("team"),
            col("value_tier"),
            reason.as("reason_opened"),
            coalesce(col("manager_id"), touchpointOwner(col("survey_type"), col("touchpoint"), loop.touchpointOwners()))
                .as("owner_id"),
            lit(null).cast(DataTypes.StringType).as("escalated_to"),
            col("_priority").as("priority"),
            timestamp_seconds(unix_timestamp(opened).plus(when(col("_priority").equalTo("P1"), lit(loop.sla().p1Hours()))
                .when(col("_priority").equalTo("P2"), lit(loop.sla().p2Hours())).otherwise(lit(loop.sla().p3Hours()))
                .multiply(3600))).as("due_at_utc"),
            lit(OPEN).as("progress_status"),
            lit(OPEN).as("status"),
            opened.as("opened_at_utc"),
            opened.as("updated_at_utc"),
            lit(null).cast(DataTypes.TimestampType).as("closed_at_utc"),
            lit(null).cast(DataTypes.BooleanType).as("closed_within_sla"),
            when(reason.equalTo(CALLBACK), lit(CALLBACK_NOTE)).as("last_note"),
            lit(runId).as("first_loaded_run_id"))
        .select(CxTables.FOLLOWUP_CASES.columns());
  }

  /**
   * P1: an escalation signal, or a detractor of the top value tier. P2: a score of 0-3, or any
   * other case of a top or high tier customer. P3: the rest (standard-tier detractors 4-6 and
   * negative comments of passives and promoters).
   */
  static Column priority(Column escalated, Column score, Column tier) {
    Column detractor = score.leq(6);
    return when(escalated.or(tier.equalTo("top").and(detractor)), lit("P1"))
        .when(score.leq(3).or(tier.isin("top", "high")), lit("P2"))
        .otherwise(lit("P3"));
  }

  /** The owner configured for the answer's touchpoint ('relational' for relational answers, else 'default'). */
  static Column touchpointOwner(Column surveyType, Column touchpoint, Map<String, String> owners) {
    List<Column> kv = new ArrayList<>();
    owners.forEach((k, v) -> {
      kv.add(lit(k));
      kv.add(lit(v));
    });
    Column m = map(kv.toArray(new Column[0]));
    Column key = when(surveyType.equalTo("relational").or(touchpoint.isNull()), lit(LoopConfig.RELATIONAL)).otherwise(touchpoint);
    return coalesce(element_at(m, key), lit(owners.get(LoopConfig.DEFAULT)));
  }

  /**
   * The first escalation kind (file order) whose terms occur in the comment, or null. A UDF: the
   * terms are matched on Lucene-stemmed tokens with the keyword model's rules, which Spark's
   * column functions cannot express.
   */
  static UserDefinedFunction escalationKind(TermList terms) {
    UDF2<String, String, String> first = (comment, language) -> {
      List<String> kinds = terms.labelsIn(comment, language);
      return kinds.isEmpty() ? null : kinds.get(0);
    };
    return org.apache.spark.sql.functions.udf(first, DataTypes.StringType);
  }

}
