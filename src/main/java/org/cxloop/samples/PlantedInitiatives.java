package org.cxloop.samples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * Three initiatives the company made during the sample period, with planted effects on the
 * scores of the answers they treated (seed 004: measure the treated cohort against the rest):
 *
 * <ul>
 *   <li>{@value #CALLBACK_ID} helps: a personal call-back programme for a listed cohort of
 *       customers (every fifth customer) from 2026-08-03; their transactional answers get
 *       {@link #CALLBACK_EFFECT} on the latent scale.
 *   <li>{@value #CHECKOUT_ID} hurts: a new one-page online checkout, answered in the app or on the
 *       web, from 2026-08-17: purchase answers in those channels get {@link #CHECKOUT_EFFECT}.
 *   <li>{@value #QUEUE_ID} does nothing: a call-back-instead-of-queue pilot in team cs_gdansk from
 *       2026-08-03, with no effect at all.
 * </ul>
 *
 * The effects are small next to the other signals (the carrier crisis is -2.0, the weak team
 * -1.1) and touch other slices, so the touchpoint, team, star and segment signals keep their order.
 */
final class PlantedInitiatives {

  static final String FILE = "initiatives.csv";
  static final String CALLBACK_LIST_FILE = "initiatives/INI-2026-01_customers.csv";
  static final List<String> COLUMNS = List.of("initiative_id", "description", "category", "survey_type",
      "start_date", "end_date", "treated_rule", "treated_customers_file");

  static final String CALLBACK_ID = "INI-2026-01";
  static final LocalDate CALLBACK_START = LocalDate.of(2026, 8, 3);
  static final double CALLBACK_EFFECT = 0.7;
  static final String CHECKOUT_ID = "INI-2026-02";
  static final LocalDate CHECKOUT_START = LocalDate.of(2026, 8, 17);
  static final double CHECKOUT_EFFECT = -1.5;
  static final String QUEUE_ID = "INI-2026-03";
  static final LocalDate QUEUE_START = LocalDate.of(2026, 8, 3);
  static final double QUEUE_EFFECT = 0.0;

  private PlantedInitiatives() {}

  /** The listed cohort of the call-back programme: every fifth customer. */
  static boolean onCallbackList(int customer) {
    return customer % 5 == 2;
  }

  static boolean checkoutTreated(Response r) {
    return r.interaction != null && r.interaction.touchpoint() == Touchpoint.PURCHASE
        && (r.channel == Channel.APP || r.channel == Channel.WEB);
  }

  static boolean queueTreated(Response r) {
    return r.interaction != null && r.interaction.touchpoint() == Touchpoint.SUPPORT_CALL
        && r.interaction.employee() != null && Team.CS_GDANSK.id.equals(r.interaction.employee().team());
  }

  /** The latent-scale effect of the initiatives on one answer. */
  static double effect(Response r) {
    double e = 0;
    if (r.interaction != null && onCallbackList(r.customer) && r.day >= CALLBACK_START.toEpochDay()) {
      e += CALLBACK_EFFECT;
    }
    if (checkoutTreated(r) && r.day >= CHECKOUT_START.toEpochDay()) {
      e += CHECKOUT_EFFECT;
    }
    if (queueTreated(r) && r.day >= QUEUE_START.toEpochDay()) {
      e += QUEUE_EFFECT;
    }
    return e;
  }

  /** Writes initiatives.csv and the call-back cohort's customer list; returns the list's size. */
  static int write(Path out, CustomerBase customers) throws IOException {
    Files.createDirectories(out.resolve(CALLBACK_LIST_FILE).getParent());
    try (CsvWriter w = CsvWriter.utf8(out.resolve(FILE), COLUMNS)) {
      w.writeRow(CALLBACK_ID, "Personal call-back within a day after every transaction for a pilot cohort",
          "problem_resolution", "transactional", CALLBACK_START.toString(), "", "", CALLBACK_LIST_FILE);
      w.writeRow(CHECKOUT_ID, "New one-page online checkout in the app and on the web", "digital_channels",
          "transactional", CHECKOUT_START.toString(), "", "touchpoint=purchase;channel=app|web", "");
      w.writeRow(QUEUE_ID, "Call-back instead of waiting in the queue, pilot in the Gdansk support team", "waiting_time",
          "transactional", QUEUE_START.toString(), "", "touchpoint=support_call;team=" + Team.CS_GDANSK.id, "");
    }
    int listed = 0;
    try (CsvWriter w = CsvWriter.utf8(out.resolve(CALLBACK_LIST_FILE), List.of("customer_id"))) {
      for (int c = 0; c < customers.size(); c++) {
        if (onCallbackList(c)) {
          w.writeRow(CustomerBase.customerId(c));
          listed++;
        }
      }
    }
    return listed;
  }
}
