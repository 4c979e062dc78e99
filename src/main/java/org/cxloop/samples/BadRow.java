package org.cxloop.samples;

import java.util.List;

/**
 * Kinds of deliberately broken response rows, each planted an exact number of times in the main
 * file so that the pipeline's quarantine counts can be checked against the manifest. Each bad row
 * breaks exactly one rule.
 */
enum BadRow {
  SCORE_OUT_OF_RANGE("score_out_of_range", 4, List.of("11", "-1", "15", "100")),
  SCORE_NOT_A_NUMBER("score_not_a_number", 4, List.of("dziesięć", "", "7.5", "n/a")),
  MISSING_RESPONSE_ID("missing_response_id", 3, List.of()),
  UNPARSEABLE_SUBMITTED_AT("unparseable_submitted_at", 3,
      List.of("2026-13-45T99:00", "wczoraj", "31.02.2026 25:61")),
  /** The second copy of an earlier answer: same id and transaction, later time, maybe another score. */
  DUPLICATE_RESPONSE_ID("duplicate_response_id", 3, List.of()),
  /** Otherwise valid, for a customer id that is not in CRM; relational, so no interaction refers to it. */
  UNKNOWN_CUSTOMER("unknown_customer", 4, List.of()),
  /** A quoted comment that is never closed, still on one physical line. */
  BROKEN_QUOTING("broken_quoting", 2, List.of());

  final String id;
  /** How many rows of this kind the main responses file gets. */
  final int mainFileCount;
  /** The bad values used in turn, for kinds that replace a value. */
  final List<String> values;

  BadRow(String id, int mainFileCount, List<String> values) {
    this.id = id;
    this.mainFileCount = mainFileCount;
    this.values = values;
  }

  String value(int occurrence) {
    return values.get(occurrence % values.size());
  }
}
