package org.cxloop.samples;

import java.util.LinkedHashMap;
import java.util.Map;

/** Counts of one slice: n, promoters (9-10), detractors (0-6), and its NPS. */
final class NpsTally {
  private long n;
  private long promoters;
  private long detractors;

  void add(int score) {
    n++;
    promoters += score >= 9 ? 1 : 0;
    detractors += score <= 6 ? 1 : 0;
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("n", n);
    m.put("promoters", promoters);
    m.put("detractors", detractors);
    m.put("nps", n == 0 ? 0.0 : Math.round(1000.0 * (promoters - detractors) / n) / 10.0);
    return m;
  }
}
