package org.cxloop.jobs;

import java.time.LocalDate;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.cxloop.output.CxTables;
import org.cxloop.output.RunLedger;
import org.cxloop.output.TableDef;

/** The few lines a person reads after a run: where the tables are and what went in. */
final class Summary {
  private Summary() {}

  static String ofValidation(NightlyJob.Result r, LocalDate from, LocalDate to) {
    RunLedger.Outcome o = r.outcome();
    StringBuilder sb = new StringBuilder();
    sb.append("\ncxloop validate for ").append(from).append(from.equals(to) ? "" : " .. " + to)
        .append(" (nothing written)\n");
    sb.append(String.format(Locale.ROOT, "  read %d rows: accepted %d, quarantined %d%n", o.rowsRead(),
        o.rowsAccepted(), o.rowsQuarantined()));
    sb.append("  counts: ").append(NightlyJob.describe(o.stageCounts())).append('\n');
    for (org.cxloop.quality.Check.Result c : r.checks()) {
      sb.append(String.format(Locale.ROOT, "  %-7s %-8s %-24s %s%n", c.passed() ? "passed" : "FAILED",
          c.check().level().name().toLowerCase(Locale.ROOT), c.check().name(), c.message()));
    }
    return sb.toString();
  }

  static String of(SparkSession spark, NightlyJob.Result r, LocalDate from, LocalDate to) {
    RunLedger.Outcome o = r.outcome();
    StringBuilder sb = new StringBuilder();
    sb.append("\ncxloop nightly run ").append(r.runId()).append(" succeeded for ").append(from)
        .append(from.equals(to) ? "" : " .. " + to).append('\n');
    sb.append(String.format(Locale.ROOT, "  read %d rows: accepted %d, quarantined %d%n", o.rowsRead(),
        o.rowsAccepted(), o.rowsQuarantined()));
    sb.append(String.format(Locale.ROOT,
        "  responses_enriched: %d inserted, %d updated; %d without CRM, %d without interaction%n",
        o.inserted(), o.updated(), o.withoutCrm(), o.withoutInteraction()));
    sb.append(String.format(Locale.ROOT, "  aggregate tables: %d cells recomputed%n", o.npsCells()));
    sb.append("  counts: ").append(NightlyJob.describe(o.stageCounts())).append('\n');
    sb.append("Delta tables under ").append(r.warehouse()).append(":\n");
    java.util.List<TableDef> tables = new java.util.ArrayList<>(CxTables.DATA_TABLES);
    tables.add(CxTables.RUN_AUDIT);
    for (TableDef t : tables) {
      long rows = spark.read().format("delta").load(t.path(r.warehouse())).count();
      sb.append(String.format(Locale.ROOT, "  %-20s %8d rows  %s%n", t.name(), rows, t.path(r.warehouse())));
    }
    return sb.toString();
  }
}
