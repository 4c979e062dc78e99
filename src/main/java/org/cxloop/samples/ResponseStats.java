package org.cxloop.samples;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one responses file holds, for the manifest: data rows, bad rows by kind, and breakdowns
 * over the valid rows (what the pipeline should keep after quarantine and de-duplication).
 */
final class ResponseStats {

  private long dataRows;
  private final Map<BadRow, Integer> badRows = new EnumMap<>(BadRow.class);
  private final Map<String, Long> byLanguage = new TreeMap<>();
  private final Map<String, Long> bySurveyType = new TreeMap<>();
  private final Map<String, Long> byChannel = new TreeMap<>();
  private final NpsTally overall = new NpsTally();

  ResponseStats() {
    for (BadRow kind : BadRow.values()) {
      badRows.put(kind, 0);
    }
  }

  void bad(BadRow kind) {
    dataRows++;
    badRows.merge(kind, 1, Integer::sum);
  }

  void valid(Response r) {
    dataRows++;
    byLanguage.merge(r.languageKnown ? r.language.code : "(empty)", 1L, Long::sum);
    bySurveyType.merge(r.relational ? "relational" : "transactional", 1L, Long::sum);
    byChannel.merge(r.channel.id, 1L, Long::sum);
    overall.add(r.score);
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("data_rows", dataRows);
    long bad = badRows.values().stream().mapToLong(Integer::longValue).sum();
    m.put("valid_rows", dataRows - bad);
    Map<String, Object> kinds = new LinkedHashMap<>();
    badRows.forEach((kind, count) -> kinds.put(kind.id, count));
    m.put("bad_rows", kinds);
    m.put("bad_rows_total", bad);
    m.put("valid_by_language", byLanguage);
    m.put("valid_by_survey_type", bySurveyType);
    m.put("valid_by_channel", byChannel);
    m.put("valid_nps", overall.toJson());
    return m;
  }

  static String month(long day) {
    LocalDate d = LocalDate.ofEpochDay(day);
    return d.toString().substring(0, 7);
  }
}
