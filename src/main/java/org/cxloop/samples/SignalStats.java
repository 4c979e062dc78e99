package org.cxloop.samples;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The planted signals as they came out in the main responses file (valid rows only), so that the
 * pipeline's reports can be checked against what was planted, not just against what was meant.
 */
final class SignalStats {

  private final Organisation organisation;
  private final Map<String, NpsTally> byTouchpoint = new TreeMap<>();
  private final Map<String, NpsTally> deliveryByMonth = new TreeMap<>();
  private final Map<String, NpsTally> deliveryCrisisByCarrier = new TreeMap<>();
  private final Map<String, NpsTally> supportByTeam = new TreeMap<>();
  private final Map<String, NpsTally> starVsOthers = new TreeMap<>();
  private final Map<String, NpsTally> bySegment = new TreeMap<>();
  private final Map<String, NpsTally> supportByWait = new TreeMap<>();
  private final Map<String, NpsTally> initiatives = new TreeMap<>();

  SignalStats(Organisation organisation) {
    this.organisation = organisation;
  }

  void add(Response r) {
    tally(bySegment, r.segment.id, r.score);
    Interaction i = r.interaction;
    if (i == null) {
      tally(byTouchpoint, "(relational)", r.score);
      return;
    }
    tally(byTouchpoint, i.touchpoint().id, r.score);
    tallyInitiatives(r);
    if (i.touchpoint() == Touchpoint.DELIVERY) {
      tally(deliveryByMonth, ResponseStats.month(r.day), r.score);
      if (ScoreModel.isCarrierCrisis(r.day)) {
        tally(deliveryCrisisByCarrier, i.carrier() ? "external_carrier" : "own_courier_team", r.score);
      }
    }
    if (i.touchpoint() == Touchpoint.SUPPORT_CALL) {
      tally(supportByTeam, i.employee().team(), r.score);
      tally(starVsOthers, organisation.isStar(i.employee())
          ? Organisation.employeeId(i.employee().employee()) : "all_other_agents", r.score);
      int w = i.waitTimeS();
      tally(supportByWait, w < 300 ? "a_0-299s" : w < 900 ? "b_300-899s" : "c_900s_plus", r.score);
    }
  }

  /** Treated answers of each planted initiative, before and after its start (whole period). */
  private void tallyInitiatives(Response r) {
    java.time.LocalDate day = java.time.LocalDate.ofEpochDay(r.day);
    if (PlantedInitiatives.onCallbackList(r.customer)) {
      tally(initiatives, PlantedInitiatives.CALLBACK_ID + (day.isBefore(PlantedInitiatives.CALLBACK_START) ? " before" : " after"), r.score);
    }
    if (PlantedInitiatives.checkoutTreated(r)) {
      tally(initiatives, PlantedInitiatives.CHECKOUT_ID + (day.isBefore(PlantedInitiatives.CHECKOUT_START) ? " before" : " after"), r.score);
    }
    if (PlantedInitiatives.queueTreated(r)) {
      tally(initiatives, PlantedInitiatives.QUEUE_ID + (day.isBefore(PlantedInitiatives.QUEUE_START) ? " before" : " after"), r.score);
    }
  }

  private static void tally(Map<String, NpsTally> map, String key, int score) {
    map.computeIfAbsent(key, k -> new NpsTally()).add(score);
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("touchpoint", signal("Scores differ by touchpoint: support_call and delivery lowest, "
        + "onboarding highest.", "nps_by_touchpoint", byTouchpoint));
    Map<String, Object> crisis = signal("Delivery NPS drops sharply in July-August 2026: the "
        + "external carrier fails (late, lost parcels); the own courier team dips only a little.",
        "delivery_nps_by_month", deliveryByMonth);
    crisis.put("delivery_nps_jul_aug_by_carrier", json(deliveryCrisisByCarrier));
    m.put("delivery_carrier_crisis", crisis);
    m.put("worst_team", signal("Team " + Organisation.WORST_TEAM.id + " (customer_service) is "
        + "clearly worse on support calls: lower scores, fewer resolved.",
        "support_call_nps_by_team", supportByTeam));
    m.put("star_employee", signal("Employee " + organisation.starId() + " (cs_warszawa) is clearly "
        + "better than every other agent on support calls.", "support_call_nps", starVsOthers));
    m.put("segment", signal("Corporate answers have a higher NPS than consumer answers "
        + "(segment as of the answer date).", "nps_by_segment", bySegment));
    m.put("support_wait_time", signal("Longer support-call queues (wait_time_s) mean lower scores.",
        "support_call_nps_by_wait", supportByWait));
    m.put("initiatives", signal("Three initiatives (initiatives.csv): " + PlantedInitiatives.CALLBACK_ID
        + " helps (+" + PlantedInitiatives.CALLBACK_EFFECT + " latent), " + PlantedInitiatives.CHECKOUT_ID + " hurts ("
        + PlantedInitiatives.CHECKOUT_EFFECT + "), " + PlantedInitiatives.QUEUE_ID
        + " does nothing (0.0); treated transactional answers before/after each start, whole period.",
        "treated_nps", initiatives));
    return m;
  }

  private static Map<String, Object> signal(String description, String name, Map<String, NpsTally> slice) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("description", description);
    m.put(name, json(slice));
    return m;
  }

  private static Map<String, Object> json(Map<String, NpsTally> slice) {
    Map<String, Object> m = new LinkedHashMap<>();
    slice.forEach((k, v) -> m.put(k, v.toJson()));
    return m;
  }
}
