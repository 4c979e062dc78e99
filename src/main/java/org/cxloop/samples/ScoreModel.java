package org.cxloop.samples;

import java.time.LocalDate;
import java.time.Month;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Draws a 0-10 score, where every planted signal lives.
 *
 * <p>A score is a latent satisfaction (standard logistic noise plus the effects below) mapped
 * through the base score distribution: an effect of 0 reproduces {@link #BASE}, a positive one
 * moves mass to 9-10, a negative one to 0-6. Effects add on the log-odds scale, so they combine
 * without leaving the 0-10 range.
 */
final class ScoreModel {

  /** P(score = 0..10) of an average answer: bimodal-ish, many 9-10, a fat tail of 0-6. */
  static final double[] BASE = {0.04, 0.02, 0.02, 0.03, 0.03, 0.05, 0.06, 0.09, 0.13, 0.20, 0.33};

  static final Map<Touchpoint, Double> TOUCHPOINT_EFFECT = new EnumMap<>(Map.of(
      Touchpoint.PURCHASE, 0.25,
      Touchpoint.DELIVERY, -0.15,
      Touchpoint.SUPPORT_CALL, -0.45,
      Touchpoint.BILLING, -0.15,
      Touchpoint.RETURNS, -0.30,
      Touchpoint.ONBOARDING, 0.80));
  static final double RELATIONAL_EFFECT = 0.05;
  static final Map<Segment, Double> SEGMENT_EFFECT = new EnumMap<>(Map.of(
      Segment.CONSUMER, 0.0, Segment.SMALL_BUSINESS, 0.25, Segment.CORPORATE, 0.65));
  /** Carrier problem in July-August 2026: external carrier deliveries collapse, own couriers dip. */
  static final double CARRIER_CRISIS_EFFECT = -2.0;
  static final double OWN_COURIER_CRISIS_EFFECT = -0.5;
  static final double WORST_TEAM_EFFECT = -1.1;
  static final double STAR_EFFECT = 1.7;
  /** Per second of queue, capped at 30 minutes: a half-hour wait costs 1.8 on the latent scale. */
  static final double WAIT_EFFECT_PER_S = -0.001;
  static final int WAIT_CAP_S = 1800;
  static final double UNRESOLVED_EFFECT = -1.3;
  static final Map<String, Double> ROLE_EFFECT = Map.of(
      "management", 0.3, "finance", -0.2, "procurement", -0.1, "end_user", -0.1, "it", 0.0);

  private static final double[] CUMULATIVE = cumulative(BASE);

  private ScoreModel() {}

  static boolean isCarrierCrisis(long day) {
    LocalDate date = LocalDate.ofEpochDay(day);
    return date.getYear() == 2026 && (date.getMonth() == Month.JULY || date.getMonth() == Month.AUGUST);
  }

  static double effect(Response r, double affinity, Organisation organisation) {
    double effect = affinity + SEGMENT_EFFECT.get(r.segment);
    if (!r.contactRole.isEmpty()) {
      effect += ROLE_EFFECT.get(r.contactRole);
    }
    Interaction i = r.interaction;
    if (i == null) {
      return effect + RELATIONAL_EFFECT;
    }
    effect += TOUCHPOINT_EFFECT.get(i.touchpoint()) + PlantedInitiatives.effect(r);
    if (i.touchpoint() == Touchpoint.DELIVERY && isCarrierCrisis(r.day)) {
      effect += i.carrier() ? CARRIER_CRISIS_EFFECT : OWN_COURIER_CRISIS_EFFECT;
    }
    if (i.employee() != null) {
      effect += Organisation.isWorstTeam(i.employee()) ? WORST_TEAM_EFFECT : 0;
      effect += organisation.isStar(i.employee()) ? STAR_EFFECT : 0;
    }
    if (i.waitTimeS() > 0) {
      effect += WAIT_EFFECT_PER_S * Math.min(i.waitTimeS(), WAIT_CAP_S);
    }
    return effect + (i.resolved() ? 0 : UNRESOLVED_EFFECT);
  }

  static int draw(SplittableRandom rng, double effect) {
    double latent = Rand.logistic(rng) + effect;
    double u = 1.0 / (1.0 + StrictMath.exp(-latent));
    for (int score = 0; score < CUMULATIVE.length; score++) {
      if (u < CUMULATIVE[score]) {
        return score;
      }
    }
    return 10;
  }

  private static double[] cumulative(double[] p) {
    double[] c = new double[p.length];
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      sum += p[i];
      c[i] = sum;
    }
    return c;
  }
}
