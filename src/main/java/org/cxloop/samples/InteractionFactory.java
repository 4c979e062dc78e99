package org.cxloop.samples;

import java.util.SplittableRandom;

/**
 * Draws the interaction a transactional answer is about: a channel that fits the touchpoint,
 * who served (see {@link Organisation}), queue and handling times, and whether it was resolved.
 *
 * <p>Who serves: support calls - customer service; returns - the returns team; onboarding -
 * sales; billing by phone or e-mail and half of web billing requests - billing ops; purchases in
 * a shop or by phone - sales; deliveries - the own courier team for 35% of parcels, the rest go
 * by an external carrier with no employee.
 */
final class InteractionFactory {

  private static final Channel[] PURCHASE_CHANNELS = {Channel.WEB, Channel.APP, Channel.SHOP, Channel.CALL_CENTRE};
  private static final double[] PURCHASE_WEIGHTS = {45, 25, 25, 5};
  private static final Channel[] BILLING_CHANNELS = {Channel.WEB, Channel.APP, Channel.EMAIL, Channel.CALL_CENTRE};
  private static final double[] BILLING_WEIGHTS = {35, 20, 20, 25};
  private static final Channel[] RETURNS_CHANNELS = {Channel.SHOP, Channel.WEB, Channel.CALL_CENTRE};
  private static final double[] RETURNS_WEIGHTS = {40, 35, 25};
  private static final Channel[] ONBOARDING_CHANNELS = {Channel.CALL_CENTRE, Channel.SHOP, Channel.WEB};
  private static final double[] ONBOARDING_WEIGHTS = {50, 25, 25};
  private static final double OWN_COURIER_SHARE = 0.35;
  private static final int MAX_SUPPORT_WAIT_S = 1800;

  private final Organisation organisation;

  InteractionFactory(Organisation organisation) {
    this.organisation = organisation;
  }

  /** An interaction that ended before {@code answeredAt}: minutes to days before it. */
  Interaction create(SplittableRandom rng, int customer, Segment segment, Touchpoint touchpoint,
      long day, long answeredAt) {
    Channel channel;
    Organisation.Row employee = null;
    int wait = Interaction.NOT_MEASURED;
    int handle;
    double resolvedShare = 0.95;
    boolean carrier = false;
    switch (touchpoint) {
      case PURCHASE -> {
        channel = PURCHASE_CHANNELS[Rand.weighted(rng, PURCHASE_WEIGHTS)];
        if (channel == Channel.SHOP || channel == Channel.CALL_CENTRE) {
          employee = organisation.pickAgent(rng, day,
              channel == Channel.SHOP ? Team.SALES_SHOPS : Team.SALES_PHONE);
          wait = Rand.clamp(Rand.logNormal(rng, 90, 0.9), 0, 900);
          handle = Rand.clamp(Rand.logNormal(rng, 420, 0.5), 60, 1800);
        } else {
          wait = 0; // self-service: no queue
          handle = Rand.clamp(Rand.logNormal(rng, 240, 0.7), 30, 1800);
        }
        resolvedShare = 0.97;
      }
      case DELIVERY -> {
        channel = Channel.COURIER;
        carrier = !Rand.chance(rng, OWN_COURIER_SHARE);
        if (!carrier) {
          employee = organisation.pickAgent(rng, day, Team.LOGISTICS_COURIERS);
        }
        handle = Interaction.NOT_MEASURED;
        resolvedShare = carrier && ScoreModel.isCarrierCrisis(day) ? 0.72 : 0.94;
      }
      case SUPPORT_CALL -> {
        channel = Rand.chance(rng, 0.85) ? Channel.CALL_CENTRE : Channel.APP;
        employee = organisation.pickAgent(rng, day,
            Team.CS_WARSZAWA, Team.CS_KRAKOW, Team.CS_KATOWICE, Team.CS_GDANSK);
        // Most calls are picked up in a few minutes; a fat tail waits up to half an hour.
        wait = Rand.chance(rng, 0.08) ? 0 : Rand.clamp(Rand.logNormal(rng, 150, 1.0), 0, MAX_SUPPORT_WAIT_S);
        handle = Rand.clamp(Rand.logNormal(rng, 360, 0.6), 60, 1500);
        resolvedShare = Organisation.isWorstTeam(employee) ? 0.62 : organisation.isStar(employee) ? 0.93 : 0.80;
      }
      case BILLING -> {
        channel = BILLING_CHANNELS[Rand.weighted(rng, BILLING_WEIGHTS)];
        boolean served = channel == Channel.EMAIL || channel == Channel.CALL_CENTRE
            || (channel == Channel.WEB && rng.nextBoolean());
        if (served) {
          employee = organisation.pickAgent(rng, day,
              Rand.chance(rng, 0.6) ? Team.BILLING_INVOICING : Team.BILLING_COLLECTIONS);
        }
        if (channel == Channel.CALL_CENTRE) {
          wait = Rand.clamp(Rand.logNormal(rng, 120, 0.9), 0, 1500);
        } else if (channel != Channel.EMAIL) {
          wait = 0;
        }
        handle = Rand.clamp(Rand.logNormal(rng, served ? 300 : 120, 0.6), 30, 900);
        resolvedShare = 0.90;
      }
      case RETURNS -> {
        channel = RETURNS_CHANNELS[Rand.weighted(rng, RETURNS_WEIGHTS)];
        employee = organisation.pickAgent(rng, day, Team.LOGISTICS_RETURNS);
        if (channel != Channel.WEB) {
          wait = Rand.clamp(Rand.logNormal(rng, 130, 0.9), 0, channel == Channel.SHOP ? 1200 : 1800);
        }
        handle = Rand.clamp(Rand.logNormal(rng, 300, 0.5), 60, 1200);
        resolvedShare = 0.88;
      }
      case ONBOARDING -> {
        channel = ONBOARDING_CHANNELS[Rand.weighted(rng, ONBOARDING_WEIGHTS)];
        Team team = segment.isBusiness() ? Team.SALES_B2B
            : channel == Channel.SHOP ? Team.SALES_SHOPS : Team.SALES_PHONE;
        employee = organisation.pickAgent(rng, day, team);
        wait = Rand.clamp(Rand.logNormal(rng, 30, 1.0), 0, 600);
        handle = Rand.clamp(Rand.logNormal(rng, 1500, 0.4), 300, 3600);
      }
      default -> throw new IllegalStateException("Unknown touchpoint " + touchpoint);
    }
    long lag = lagSeconds(rng, touchpoint);
    long started = answeredAt - lag - Math.max(0, handle) - Math.max(0, wait);
    return new Interaction(customer, touchpoint, channel, employee, started, wait, handle,
        Rand.chance(rng, resolvedShare), carrier);
  }

  /** Time from the end of the interaction to the answer: log-uniform between bounds. */
  private static long lagSeconds(SplittableRandom rng, Touchpoint touchpoint) {
    double[] bounds = switch (touchpoint) {
      case SUPPORT_CALL -> new double[] {300, 86_400};
      case DELIVERY -> new double[] {3_600, 2 * 86_400};
      case PURCHASE, BILLING -> new double[] {1_800, 3 * 86_400};
      case RETURNS -> new double[] {3_600, 4 * 86_400};
      case ONBOARDING -> new double[] {3_600, 5 * 86_400};
    };
    return Math.round(bounds[0] * StrictMath.pow(bounds[1] / bounds[0], rng.nextDouble()));
  }
}
