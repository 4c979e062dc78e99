package org.cxloop.testing;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.cxloop.config.CxConfig;

/**
 * The hand-made inputs in src/test/resources/fixtures/mini: 12 answer rows whose fate is known
 * by reading them (5 valid, 6 broken in different ways, 1 outside the window 2026-06-14..17).
 * The fixture is dirty on purpose (6 of 11 rows quarantined, 1 of 5 answers without CRM), so its
 * quality limits are loosened; tests of the gates tighten them again.
 */
public final class MiniFixture {
  public static final String DIR = "src/test/resources/fixtures/mini/";

  private MiniFixture() {}

  private static String file(String name) {
    return Path.of(DIR + name).toAbsolutePath().toString();
  }

  /** The fixture's settings as key/value pairs (also written to a properties file for another JVM). */
  public static Map<String, String> settings(Path warehouse) {
    Map<String, String> s = new TreeMap<>();
    s.put("warehouse.dir", warehouse.toAbsolutePath().toString());
    s.put("input.responses.path", file("responses.csv"));
    s.put("input.responses_legacy_pl.path", "");
    s.put("input.responses_legacy_ru.path", "");
    s.put("input.crm_customers.path", file("crm_customers.csv"));
    s.put("input.interactions.path", file("interactions.csv"));
    s.put("input.employees.path", file("employees.csv"));
    s.put("text.conf.dir", Path.of("conf/text").toAbsolutePath().toString());
    s.put("nps.min.n", "2");
    s.put("dq.quarantine.max.share", "0.9");
    s.put("dq.crm.match.min", "0.5");
    // OPTIMIZE costs seconds per run and changes no row; MaintenanceTest covers it.
    s.put("maintenance.optimize.enabled", "false");
    s.put("maintenance.vacuum.enabled", "false");
    // The HTML report costs seconds per run; RunReportTest switches it on.
    s.put("report.enabled", "false");
    return s;
  }

  public static CxConfig config(Path warehouse) {
    return config(warehouse, Map.of());
  }

  public static CxConfig config(Path warehouse, Map<String, String> overrides) {
    Map<String, String> s = settings(warehouse);
    s.putAll(overrides);
    return CxConfig.load(null, s);
  }
}
