package org.cxloop.loop;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.unix_timestamp;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * followup_sla: per owner, team and ISO week of opening, how many cases were opened, closed,
 * closed within their SLA, the median hours to close and how many are overdue now. Computed from
 * the whole followup_cases table (small: one row per unhappy answer), so it is rewritten in full.
 */
public final class FollowupSla {

  public static final String NO_TEAM = "(none)";

  private FollowupSla() {}

  public static Dataset<Row> compute(Dataset<Row> cases, String businessTimeZone) {
    return perWeek(withTeamLabel(cases), businessTimeZone, "owner_id", "team");
  }

  /** Cases with {@link #NO_TEAM} for the ones nobody served, as followup_sla groups them. */
  public static Dataset<Row> withTeamLabel(Dataset<Row> cases) {
    return cases.withColumn("team", coalesce(col("team"), lit(NO_TEAM)));
  }

  /**
   * The same figures per ISO week of opening and the given columns of {@code cases}; with no
   * column, per week over all cases (the run report's company line: a median cannot be summed
   * from the owners' medians).
   */
  public static Dataset<Row> perWeek(Dataset<Row> cases, String businessTimeZone, String... keys) {
    List<Column> groups = new ArrayList<>(List.of(col("_week").as("week_start")));
    List<Column> out = new ArrayList<>(List.of(col("week_start"), date_add(col("week_start"), 6).as("week_end")));
    for (String k : keys) {
      groups.add(col(k));
      out.add(col(k));
    }
    return figures(prepared(cases, businessTimeZone), groups, out);
  }

  /**
   * The same figures over the cases opened in the ISO weeks from {@code firstWeek} on, per the
   * given columns (the run report's owner lines: one per owner and team for the latest weeks).
   */
  public static Dataset<Row> since(Dataset<Row> cases, String businessTimeZone, LocalDate firstWeek, String... keys) {
    List<Column> groups = new ArrayList<>();
    for (String k : keys) {
      groups.add(col(k));
    }
    return figures(prepared(cases, businessTimeZone).filter(col("_week").geq(Date.valueOf(firstWeek))), groups,
        new ArrayList<>(groups));
  }

  /** Adds the ISO week of opening in the business time zone and the hours to close. */
  private static Dataset<Row> prepared(Dataset<Row> cases, String businessTimeZone) {
    return cases
        .withColumn("_week", to_date(date_trunc("week", from_utc_timestamp(col("opened_at_utc"), businessTimeZone))))
        .withColumn("_hours", when(col("closed_at_utc").isNotNull(),
            unix_timestamp(col("closed_at_utc")).minus(unix_timestamp(col("opened_at_utc"))).divide(3600.0)));
  }

  /** The figures per {@code groups}, selected as {@code keys} then the figures' columns. */
  private static Dataset<Row> figures(Dataset<Row> prepared, List<Column> groups, List<Column> keys) {
    List<Column> out = new ArrayList<>(keys);
    out.addAll(List.of(col("opened"), col("closed"), col("closed_within_sla"),
        round(col("closed_within_sla").divide(col("opened")), 4).as("closed_within_sla_share"),
        round(col("_median"), 2).as("median_hours_to_close"), col("overdue_now")));
    return prepared.groupBy(groups.toArray(new Column[0]))
        .agg(count(lit(1)).as("opened"),
            count(col("closed_at_utc")).as("closed"),
            sum(when(col("closed_within_sla"), 1).otherwise(0)).cast(DataTypes.LongType).as("closed_within_sla"),
            // percentile() is Spark's exact percentile (percentile_approx would be approximate);
            // the groups are small.
            expr("percentile(_hours, 0.5)").as("_median"),
            sum(when(col("status").equalTo(FollowupCases.OVERDUE), 1).otherwise(0)).cast(DataTypes.LongType).as("overdue_now"))
        .select(out.toArray(new Column[0]));
  }
}
