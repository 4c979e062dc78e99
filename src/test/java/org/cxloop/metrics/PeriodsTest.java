package org.cxloop.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import org.junit.jupiter.api.Test;

class PeriodsTest {

  @Test
  void isoWeeksStartOnMondayAndMonthsOnTheFirst() {
    LocalDate sunday = LocalDate.parse("2026-11-01");
    assertThat(Periods.start("week", sunday)).isEqualTo(LocalDate.parse("2026-10-26"));
    assertThat(Periods.start("month", sunday)).isEqualTo(LocalDate.parse("2026-11-01"));
    assertThat(Periods.end("month", LocalDate.parse("2026-02-01"))).isEqualTo(LocalDate.parse("2026-02-28"));
  }

  @Test
  void oneLateDayTouchesItsDayWeekAndMonthOnly() {
    Map<String, SortedSet<LocalDate>> t = Periods.touched(
        List.of(LocalDate.parse("2026-10-31"), LocalDate.parse("2026-09-02")), List.of("day", "week", "month"));
    assertThat(t.get("week")).containsExactly(LocalDate.parse("2026-08-31"), LocalDate.parse("2026-10-26"));
    assertThat(t.get("month")).containsExactly(LocalDate.parse("2026-09-01"), LocalDate.parse("2026-10-01"));
    SortedSet<LocalDate> covered = Periods.daysCovered(t);
    assertThat(covered.first()).isEqualTo(LocalDate.parse("2026-08-31"));
    assertThat(covered.last()).isEqualTo(LocalDate.parse("2026-11-01"));
    assertThat(Periods.predicate(Map.of("day", t.get("day"))))
        .isEqualTo("(grain = 'day' AND period_start IN (DATE'2026-09-02', DATE'2026-10-31'))");
  }
}
