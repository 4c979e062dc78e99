package org.cxloop.samples;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the bad rows go: row positions fixed by the file's row count alone, spread evenly over the
 * file, kinds interleaved so that every part of the period has some.
 */
final class BadRowPlan {

  /** A bad row at a position; {@code occurrence} picks the bad value (0 for the first of its kind). */
  record Slot(BadRow kind, int occurrence) {}

  private final Map<Long, Slot> slots = new TreeMap<>();
  private final Map<BadRow, Integer> counts = new EnumMap<>(BadRow.class);

  private BadRowPlan(List<BadRow> kinds, long rows) {
    for (BadRow kind : BadRow.values()) {
      counts.put(kind, 0);
    }
    for (int k = 0; k < kinds.size(); k++) {
      BadRow kind = kinds.get(k);
      // Positions 1..rows-1 only: a duplicate needs an earlier row to copy.
      long position = (k + 1) * rows / (kinds.size() + 1);
      slots.put(position, new Slot(kind, counts.get(kind)));
      counts.merge(kind, 1, Integer::sum);
    }
  }

  static BadRowPlan none() {
    return new BadRowPlan(List.of(), 0);
  }

  /** Every kind in its main-file count, interleaved round-robin. */
  static BadRowPlan mainFile(long rows) {
    List<BadRow> kinds = new ArrayList<>();
    int max = 0;
    int total = 0;
    for (BadRow kind : BadRow.values()) {
      max = Math.max(max, kind.mainFileCount);
      total += kind.mainFileCount;
    }
    if (rows < 4L * (total + 1)) {
      throw new IllegalArgumentException("Cannot plant " + total + " bad rows in " + rows
          + " responses: too few rows to spread them. Pass --responses " + 4 * (total + 1)
          + " or more, or --no-bad-rows.");
    }
    for (int round = 0; round < max; round++) {
      for (BadRow kind : BadRow.values()) {
        if (round < kind.mainFileCount) {
          kinds.add(kind);
        }
      }
    }
    return new BadRowPlan(kinds, rows);
  }

  /** A legacy export gets one score out of range, in the middle. */
  static BadRowPlan legacyFile(long rows) {
    if (rows < 2) {
      throw new IllegalArgumentException("Cannot plant a bad row in a legacy file of " + rows
          + " rows. Pass --legacy 2 or more, or --no-bad-rows.");
    }
    return new BadRowPlan(List.of(BadRow.SCORE_OUT_OF_RANGE), rows);
  }

  Slot at(long position) {
    return slots.get(position);
  }

  Map<BadRow, Integer> counts() {
    return counts;
  }
}
