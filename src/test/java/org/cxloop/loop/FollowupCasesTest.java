package org.cxloop.loop;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cxloop.config.CxConfig;
import org.cxloop.ingest.InputSchemas;
import org.cxloop.ingest.SourceReader;
import org.cxloop.output.CxTables;
import org.cxloop.quality.RowRules;
import org.cxloop.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Follow-up cases and the updates feed, on tiny hand-made rows. */
class FollowupCasesTest {

  private final SparkSession spark = SharedSpark.get();
  private static final LoopConfig LOOP = LoopConfig.load(CxConfig.load(null, Map.of()));

  private static final StructType ANSWERS = new StructType()
      .add("response_id", DataTypes.StringType).add("survey_type", DataTypes.StringType)
      .add("customer_id", DataTypes.StringType).add("account_id", DataTypes.StringType)
      .add("score", DataTypes.IntegerType).add("comment", DataTypes.StringType)
      .add("has_comment", DataTypes.BooleanType).add("comment_language", DataTypes.StringType)
      .add("primary_category", DataTypes.StringType).add("sentiment_label", DataTypes.StringType)
      .add("touchpoint", DataTypes.StringType).add("team", DataTypes.StringType)
      .add("manager_id", DataTypes.StringType).add("value_tier", DataTypes.StringType)
      .add("responded_at_utc", DataTypes.TimestampType);

  private static final Timestamp T0 = Timestamp.valueOf("2026-06-01 10:00:00"); // session time zone is UTC

  private Dataset<Row> answers() {
    return spark.createDataFrame(List.of(
        // a detractor with a comment, served by an agent whose manager is E00006
        RowFactory.create("R1", "transactional", "C1", "C1", 3, "Konsultant był niemiły", true, "pl", "staff_attitude",
            "negative", "support_call", "cs_warszawa", "E00006", "standard", T0),
        // a detractor without a comment, self-service delivery: touchpoint owner E00004
        RowFactory.create("R2", "transactional", "C2", "C2", 5, "", false, null, null, null, "delivery", null, null,
            "high", T0),
        // a passive with a negative comment, relational: owner from 'relational'
        RowFactory.create("R3", "relational", "C3", "C3", 8, "Ceny za wysokie", true, "pl", "price_fees", "negative",
            null, null, null, "standard", T0),
        // a promoter whose comment threatens a lawsuit
        RowFactory.create("R4", "transactional", "C4", "C4", 9, "Świetnie, ale jeśli to się powtórzy, pozew trafi do sądu",
            true, "pl", null, "positive", "billing", null, null, "standard", T0),
        // a happy promoter: no case
        RowFactory.create("R5", "transactional", "C5", "C5", 10, "Wszystko super", true, "pl", null, "positive",
            "purchase", null, null, "top", T0),
        // a top-tier detractor: P1
        RowFactory.create("R6", "transactional", "C6", "C6", 6, "Słabo", true, "pl", null, "neutral", "purchase",
            "sales_shops", "E00010", "top", T0),
        // a passive threatening to leave for a competitor ("уйду", churn_threat ru), neutral comment
        RowFactory.create("R7", "transactional", "C7", "C7", 8, "Если так будет дальше, уйду к конкурентам", true, "ru",
            null, "neutral", "support_call", "cs_warszawa", "E00006", "standard", T0),
        // a promoter who will complain to the regulator ("Роспотребнадзор", regulator_complaint ru)
        RowFactory.create("R8", "relational", "C8", "C8", 9,
            "Всё нормально, но за двойное списание подам жалобу в Роспотребнадзор", true, "ru", null, "neutral", null,
            null, null, "standard", T0),
        // a passive who mentions a lawyer ("lawyer*", legal_threat en), positive comment
        RowFactory.create("R9", "transactional", "C9", "C9", 7,
            "Nice people, but if the refund does not arrive I will talk to my lawyer", true, "en", null, "positive",
            "billing", null, null, "standard", T0),
        // a promoter cancelling ("cancelling my", churn_threat en)
        RowFactory.create("R10", "transactional", "C10", "C10", 10, "Fine overall, but I am cancelling my contract",
            true, "en", null, "positive", "purchase", null, null, "standard", T0)), ANSWERS);
  }

  private Map<String, Row> byResponse(Dataset<Row> cases) {
    return cases.collectAsList().stream().collect(Collectors.toMap(r -> r.<String>getAs("response_id"), r -> r));
  }

  @Test
  void detractorsNegativeCommentsAndEscalationsOpenCasesWithOwnerPriorityAndDueTime() {
    Map<String, Row> c = byResponse(FollowupCases.open(answers(), LOOP, "run-1"));
    assertThat(c).as("R5, a happy promoter, opens none")
        .containsOnlyKeys("R1", "R2", "R3", "R4", "R6", "R7", "R8", "R9", "R10");

    assertThat(c.get("R1").<String>getAs("reason_opened")).isEqualTo("detractor");
    assertThat(c.get("R1").<String>getAs("owner_id")).as("the agent's manager").isEqualTo("E00006");
    assertThat(c.get("R1").<String>getAs("priority")).as("score 3 <= 3").isEqualTo("P2");
    // P2: 72 hours after 2026-06-01 10:00
    assertThat(c.get("R1").<Timestamp>getAs("due_at_utc")).isEqualTo(Timestamp.valueOf("2026-06-04 10:00:00"));

    assertThat(c.get("R2").<String>getAs("reason_opened")).isEqualTo(FollowupCases.CALLBACK);
    assertThat(c.get("R2").<String>getAs("last_note")).isEqualTo("call back: reason unknown");
    assertThat(c.get("R2").<String>getAs("owner_id")).as("delivery's touchpoint owner").isEqualTo("E00004");
    assertThat(c.get("R2").<String>getAs("priority")).as("high tier").isEqualTo("P2");

    assertThat(c.get("R3").<String>getAs("reason_opened")).isEqualTo("negative_comment");
    assertThat(c.get("R3").<String>getAs("owner_id")).as("relational owner").isEqualTo("E00002");
    assertThat(c.get("R3").<String>getAs("priority")).isEqualTo("P3");
    assertThat(c.get("R3").<Timestamp>getAs("due_at_utc")).as("168 h").isEqualTo(Timestamp.valueOf("2026-06-08 10:00:00"));

    assertThat(c.get("R4").<String>getAs("reason_opened")).isEqualTo("escalation:legal_threat");
    assertThat(c.get("R4").<String>getAs("priority")).isEqualTo("P1");
    assertThat(c.get("R4").<Timestamp>getAs("due_at_utc")).as("24 h").isEqualTo(Timestamp.valueOf("2026-06-02 10:00:00"));
    assertThat(c.get("R4").<String>getAs("owner_id")).as("billing's touchpoint owner").isEqualTo("E00005");

    assertThat(c.get("R6").<String>getAs("priority")).as("top-tier detractor").isEqualTo("P1");
    assertThat(c.get("R6").<String>getAs("status")).isEqualTo("open");

    // Russian and English escalation terms (conf/loop/escalation.tsv) open P1 cases for passives
    // and promoters of the standard tier with comments not labelled negative: without the term, no case.
    Map<String, String> escalations = Map.of("R7", "escalation:churn_threat", "R8", "escalation:regulator_complaint",
        "R9", "escalation:legal_threat", "R10", "escalation:churn_threat");
    escalations.forEach((id, reason) -> {
      assertThat(c.get(id).<String>getAs("reason_opened")).as(id).isEqualTo(reason);
      assertThat(c.get(id).<String>getAs("priority")).as(id).isEqualTo("P1");
      assertThat(c.get(id).<Timestamp>getAs("due_at_utc")).as(id + ": 24 h")
          .isEqualTo(Timestamp.valueOf("2026-06-02 10:00:00"));
    });
  }

  @Test
  void aCaseIsOpenedOnceAcrossTwoRunsOfTheSameNight(@TempDir Path warehouse) {
    CxTables.FOLLOWUP_CASES.createIfNotExists(spark, warehouse.toString());
    String path = CxTables.FOLLOWUP_CASES.path(warehouse.toString());
    assertThat(ClosingTheLoop.openCases(spark, path, FollowupCases.open(answers(), LOOP, "run-1"))).isEqualTo(9);
    assertThat(ClosingTheLoop.openCases(spark, path, FollowupCases.open(answers(), LOOP, "run-2")))
        .as("the same answers again").isZero();
    Dataset<Row> table = spark.read().format("delta").load(path);
    assertThat(table.count()).isEqualTo(9);
    assertThat(table.filter(col("first_loaded_run_id").equalTo("run-1")).count()).as("kept from the first run").isEqualTo(9);
  }

  // ---- updates feed ----------------------------------------------------------------------------

  private static final StructType UPDATE = new StructType().add("case_id", DataTypes.StringType)
      .add("status", DataTypes.StringType).add("note", DataTypes.StringType)
      .add("updated_at_utc", DataTypes.TimestampType).add("closed_at_utc", DataTypes.TimestampType);

  private Dataset<Row> oneCase(String progress, Timestamp updated, String owner) {
    return FollowupCases.open(answers().filter(col("response_id").equalTo("R1")), LOOP, "run-1")
        .withColumn("progress_status", org.apache.spark.sql.functions.lit(progress))
        .withColumn("updated_at_utc", org.apache.spark.sql.functions.lit(updated))
        .withColumn("owner_id", org.apache.spark.sql.functions.lit(owner));
  }

  private static Timestamp at(String s) {
    return Timestamp.valueOf(s);
  }

  @Test
  void aStatusUpdateIsMergedAndNotReversedByAStaleOne() {
    Dataset<Row> cases = oneCase("open", T0, "E00006");
    String id = cases.first().getAs("case_id");
    Dataset<Row> updates = spark.createDataFrame(List.of(
        RowFactory.create(id, "in_progress", "called the customer", at("2026-06-02 09:00:00"), null),
        RowFactory.create(id, "closed", "refund agreed", at("2026-06-03 12:00:00"), at("2026-06-03 11:30:00")),
        // arrives in the same feed, later, but would move a closed case back: ignored
        RowFactory.create(id, "in_progress", "late export from the old queue", at("2026-06-05 08:00:00"), null),
        // older than the case itself: ignored
        RowFactory.create(id, "open", "before the answer", at("2026-05-30 08:00:00"), null)), UPDATE);
    Dataset<Row> classified = CaseUpdates.classify(updates, cases);
    assertThat(classified.filter(col(CaseUpdates.APPLIED)).count()).as("in_progress then closed").isEqualTo(2);
    assertThat(classified.filter(col(CaseUpdates.APPLIED).unary_$bang()).count()).as("stale").isEqualTo(2);

    Row merged = CaseUpdates.apply(cases, classified).first();
    assertThat(merged.<String>getAs("progress_status")).isEqualTo("closed");
    assertThat(merged.<String>getAs("last_note")).isEqualTo("refund agreed");
    assertThat(merged.<Timestamp>getAs("closed_at_utc")).isEqualTo(at("2026-06-03 11:30:00"));
    assertThat(merged.<Timestamp>getAs("updated_at_utc")).isEqualTo(at("2026-06-03 12:00:00"));

    // The next night reads the same feed again: nothing applies, nothing moves back.
    Dataset<Row> again = CaseUpdates.classify(updates, CaseUpdates.apply(cases, classified));
    assertThat(again.filter(col(CaseUpdates.APPLIED)).count()).isZero();

    // Closed at 11:30 on 3 June, due (P2, 72 h) 4 June 10:00: within SLA; a closed case is never overdue.
    Row derived = CaseUpdates.derive(CaseUpdates.apply(cases, classified), at("2026-06-30 22:00:00"),
        LocalDate.parse("2026-06-30"), employees()).first();
    assertThat(derived.<String>getAs("status")).isEqualTo("closed");
    assertThat(derived.<Boolean>getAs("closed_within_sla")).isTrue();
    assertThat(derived.<String>getAs("escalated_to")).isNull();
  }

  private Dataset<Row> employees() {
    StructType s = new StructType().add("employee_id", DataTypes.StringType).add("manager_id", DataTypes.StringType)
        .add("valid_from_value", DataTypes.DateType).add("valid_to_value", DataTypes.DateType);
    return spark.createDataFrame(List.of(
        // E00006 reported to E00002 until 15 June, then to E00003
        RowFactory.create("E00006", "E00002", Date.valueOf("2024-01-01"), Date.valueOf("2026-06-15")),
        RowFactory.create("E00006", "E00003", Date.valueOf("2026-06-15"), null),
        RowFactory.create("E00002", "E00001", Date.valueOf("2024-01-01"), null)), s);
  }

  @Test
  void anOverdueCaseEscalatesToTheOwnersManagerAsOfTheRunDate() {
    Dataset<Row> cases = oneCase("in_progress", at("2026-06-02 09:00:00"), "E00006");
    // Due 2026-06-04 10:00 UTC. On a run for 3 June (ends 3 June 22:00 UTC = midnight in Warsaw) it is not overdue.
    Row onTime = CaseUpdates.derive(cases, at("2026-06-03 22:00:00"), LocalDate.parse("2026-06-03"), employees()).first();
    assertThat(onTime.<String>getAs("status")).isEqualTo("in_progress");
    assertThat(onTime.<String>getAs("escalated_to")).isNull();
    // On a run for 20 June it is overdue; E00006's manager on 20 June is E00003 (not E00002, who it was on the answer date).
    Row late = CaseUpdates.derive(cases, at("2026-06-20 22:00:00"), LocalDate.parse("2026-06-20"), employees()).first();
    assertThat(late.<String>getAs("status")).isEqualTo("overdue");
    assertThat(late.<String>getAs("progress_status")).isEqualTo("in_progress");
    assertThat(late.<String>getAs("escalated_to")).isEqualTo("E00003");
  }

  @Test
  void unknownCaseIdsAndBadStatusesAreQuarantinedWithTheirRule() {
    Dataset<Row> cases = oneCase("open", T0, "E00006");
    String id = cases.first().getAs("case_id");
    Dataset<Row> raw = spark.createDataFrame(List.of(
        RowFactory.create(id, "in_progress", "ok", "2026-06-02T09:00:00+02:00", "", null, "case_updates"),
        RowFactory.create("nope", "closed", "", "2026-06-02T09:00:00+02:00", "", null, "case_updates"),
        RowFactory.create(id, "reopened", "", "2026-06-02T09:00:00+02:00", "", null, "case_updates"),
        RowFactory.create(id, "closed", "", "yesterday", "", null, "case_updates")),
        InputSchemas.CASE_UPDATES.add(SourceReader.CORRUPT, DataTypes.StringType).add(SourceReader.SOURCE, DataTypes.StringType));
    Dataset<Row> flagged = RowRules.flagFirstBroken(CaseUpdates.parse(raw, cases,
        "yyyy-MM-dd'T'HH:mm:ssXXX", "Europe/Warsaw"), CaseUpdates.RULES);
    List<String> rules = flagged.orderBy(col("raw_record")).select(RowRules.RULE).collectAsList().stream()
        .map(r -> r.isNullAt(0) ? "-" : r.getString(0)).sorted().toList();
    assertThat(rules).containsExactly("-", "unknown_case_id", "unknown_status", "unparseable_timestamp");
  }
}
