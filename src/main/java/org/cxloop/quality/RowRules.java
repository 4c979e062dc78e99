package org.cxloop.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/** Applies row rules in order; the first rule a row breaks is the one it is quarantined for. */
public final class RowRules {

  /** Name of the first broken rule, null for a row that passes every rule. */
  public static final String RULE = "quarantine_rule";
  /** Human-readable reason that goes with {@link #RULE}. */
  public static final String REASON = "quarantine_reason";

  private RowRules() {}

  /** Adds {@link #RULE} and {@link #REASON}; keeps every row (nothing is dropped here). */
  public static Dataset<Row> flagFirstBroken(Dataset<Row> rows, List<Rule> rules) {
    Column rule = lit(null).cast(DataTypes.StringType);
    Column reason = lit(null).cast(DataTypes.StringType);
    // Built back to front so the first rule in the list wins.
    for (int i = rules.size() - 1; i >= 0; i--) {
      Rule r = rules.get(i);
      Column broken = org.apache.spark.sql.functions.coalesce(r.violated(), lit(false));
      rule = when(broken, lit(r.name())).otherwise(rule);
      reason = when(broken, lit(r.reason())).otherwise(reason);
    }
    return rows.withColumn(RULE, rule).withColumn(REASON, reason);
  }

  public static Dataset<Row> passed(Dataset<Row> flagged) {
    return flagged.filter(col(RULE).isNull());
  }

  public static Dataset<Row> broken(Dataset<Row> flagged) {
    return flagged.filter(col(RULE).isNotNull());
  }
}
