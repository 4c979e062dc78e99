package org.cxloop.metrics;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Collection;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Day, ISO week (Monday to Sunday) and calendar month periods, and which periods a set of
 * changed days touches: a nightly run recomputes exactly those aggregate cells.
 */
public final class Periods {

  public static final String DAY = "day";
  public static final String WEEK = "week";
  public static final String MONTH = "month";

  private Periods() {}

  public static LocalDate start(String grain, LocalDate date) {
    return switch (grain) {
      case DAY -> date;
      case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH -> date.withDayOfMonth(1);
      default -> throw new IllegalArgumentException("unknown grain " + grain);
    };
  }

  public static LocalDate end(String grain, LocalDate start) {
    return switch (grain) {
      case DAY -> start;
      case WEEK -> start.plusDays(6);
      case MONTH -> start.plusMonths(1).minusDays(1);
      default -> throw new IllegalArgumentException("unknown grain " + grain);
    };
  }

  /** Period starts per grain touched by the given days. */
  public static Map<String, SortedSet<LocalDate>> touched(Collection<LocalDate> days, Collection<String> grains) {
    Map<String, SortedSet<LocalDate>> out = new TreeMap<>();
    for (String grain : grains) {
      SortedSet<LocalDate> starts = new TreeSet<>();
      for (LocalDate d : days) {
        starts.add(start(grain, d));
      }
      out.put(grain, starts);
    }
    return out;
  }

  /** All days covered by the touched periods: the responses a recomputation must read. */
  public static SortedSet<LocalDate> daysCovered(Map<String, SortedSet<LocalDate>> touched) {
    SortedSet<LocalDate> days = new TreeSet<>();
    touched.forEach((grain, starts) -> starts.forEach(s -> s.datesUntil(end(grain, s).plusDays(1)).forEach(days::add)));
    return days;
  }

  /** A SQL predicate selecting exactly the touched cells of nps_summary. */
  public static String predicate(Map<String, SortedSet<LocalDate>> touched) {
    StringBuilder sb = new StringBuilder();
    touched.forEach((grain, starts) -> {
      if (starts.isEmpty()) {
        return;
      }
      if (sb.length() > 0) {
        sb.append(" OR ");
      }
      sb.append("(grain = '").append(grain).append("' AND period_start IN (");
      boolean first = true;
      for (LocalDate s : starts) {
        sb.append(first ? "" : ", ").append("DATE'").append(s).append('\'');
        first = false;
      }
      sb.append("))");
    });
    return sb.length() == 0 ? "false" : sb.toString();
  }

  /** The start of the period {@code k} periods after (negative: before) the one starting at {@code start}. */
  public static LocalDate shift(String grain, LocalDate start, int k) {
    return switch (grain) {
      case DAY -> start.plusDays(k);
      case WEEK -> start.plusWeeks(k);
      case MONTH -> start.plusMonths(k);
      default -> throw new IllegalArgumentException("unknown grain " + grain);
    };
  }

  /** Each touched period plus the {@code before} periods before it and {@code after} after it. */
  public static Map<String, SortedSet<LocalDate>> widen(Map<String, SortedSet<LocalDate>> touched, int before, int after) {
    Map<String, SortedSet<LocalDate>> out = new TreeMap<>();
    touched.forEach((grain, starts) -> {
      SortedSet<LocalDate> wide = new TreeSet<>();
      for (LocalDate s : starts) {
        for (int k = -before; k <= after; k++) {
          wide.add(shift(grain, s, k));
        }
      }
      out.put(grain, wide);
    });
    return out;
  }

  /** Only the given grains of a touched map. */
  public static Map<String, SortedSet<LocalDate>> only(Map<String, SortedSet<LocalDate>> touched, Collection<String> grains) {
    Map<String, SortedSet<LocalDate>> out = new TreeMap<>();
    touched.forEach((grain, starts) -> {
      if (grains.contains(grain)) {
        out.put(grain, starts);
      }
    });
    return out;
  }

  /** "column IN (DATE'..', ...)" for a set of dates ("false" when empty). */
  public static String dateIn(String column, Collection<LocalDate> dates) {
    if (dates.isEmpty()) {
      return "false";
    }
    StringBuilder sb = new StringBuilder(column).append(" IN (");
    boolean first = true;
    for (LocalDate d : new TreeSet<>(dates)) {
      sb.append(first ? "" : ", ").append("DATE'").append(d).append('\'');
      first = false;
    }
    return sb.append(')').toString();
  }
}
