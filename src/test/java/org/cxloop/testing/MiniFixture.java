package org.cxloop.testing;

import java.nio.file.Path;
import java.util.Map;
import org.cxloop.config.CxConfig;

/**
 * The hand-made inputs in src/test/resources/fixtures/mini: 12 answer rows whose fate is known
 * by reading them (5 valid, 6 broken in different ways, 1 outside the window 2026-06-14..17).
 */
public final class MiniFixture {
  public static final String DIR = "src/test/resources/fixtures/mini/";

  private MiniFixture() {}

  public static CxConfig config(Path warehouse) {
    return CxConfig.load(null, Map.of(
        "warehouse.dir", warehouse.toString(),
        "input.responses.path", DIR + "responses.csv",
        "input.responses_legacy_pl.path", "",
        "input.responses_legacy_ru.path", "",
        "input.crm_customers.path", DIR + "crm_customers.csv",
        "input.interactions.path", DIR + "interactions.csv",
        "input.employees.path", DIR + "employees.csv",
        "nps.min.n", "2",
        // OPTIMIZE costs seconds per run and changes no row; MaintenanceTest covers it.
        "maintenance.optimize.enabled", "false",
        "maintenance.vacuum.enabled", "false"));
  }
}
