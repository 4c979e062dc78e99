package org.cxloop.samples;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Everything CRM knows about one customer, derived from (seed, customer index, signup day) alone
 * so that it can be derived again when the CRM file is written: no per-customer objects are
 * kept, which is what lets ten million responses run in O(customers) memory.
 */
record CustomerProfile(Language language, Attributes first, Change change, String name,
    String email, String phone, int contacts, int roleOffset, float affinity) {

  static final String[] PLANS = {"basic", "standard", "premium", "business"};
  static final String[] ROLES = {"procurement", "finance", "end_user", "management", "it"};
  static final String[] REGIONS = {"mazowieckie", "małopolskie", "śląskie", "wielkopolskie",
      "pomorskie", "dolnośląskie", "łódzkie", "lubelskie", "podlaskie", "kujawsko-pomorskie",
      "zachodniopomorskie", "warmińsko-mazurskie"};
  /** Where Polish and English speakers live, roughly by population. */
  private static final double[] REGION_WEIGHTS = {22, 11, 13, 10, 8, 10, 6, 5, 3, 5, 4, 3};
  /** Russian speakers in Poland: more in Warsaw and in the east. */
  private static final double[] REGION_WEIGHTS_RU = {30, 9, 8, 6, 6, 8, 4, 11, 10, 3, 3, 2};
  private static final double[][] PLAN_WEIGHTS = {
      {50, 35, 15, 0}, // consumer
      {0, 30, 30, 40}, // small_business
      {0, 0, 30, 70}}; // corporate
  private static final double[] PLAN_VALUE_FACTOR = {0.7, 1.0, 1.6, 1.3};
  /** Share of customers whose CRM row changes during the period (when there is room for it). */
  private static final double HISTORY_SHARE = 0.105;

  /** The CRM attributes that can change. */
  record Attributes(Segment segment, String region, String plan, double valuePln) {}

  /** A CRM change: from {@code day} on, {@code after} is true. */
  record Change(long day, Attributes after) {}

  static CustomerProfile derive(long seed, int index, long signupDay, Period period) {
    SplittableRandom rng = Rand.forItem(seed, 1, index);
    Language language = Language.values()[Rand.weighted(rng, Language.shares())];
    Segment segment = Segment.values()[Rand.weighted(rng, Segment.shares())];
    String region = REGIONS[Rand.weighted(rng, language == Language.RU ? REGION_WEIGHTS_RU : REGION_WEIGHTS)];
    Attributes first = new Attributes(segment, region, plan(rng, segment), 0);
    first = withValue(rng, first);
    String name = segment.isBusiness() ? FakeNames.company(rng, segment) : FakeNames.person(rng, language);
    String email = segment.isBusiness() ? FakeNames.companyEmail(rng, name) : FakeNames.personalEmail(rng, name);
    String phone = FakeNames.phone(rng);
    Change change = change(rng, first, signupDay, period);
    Segment latest = change == null ? segment : change.after().segment();
    int contacts = switch (latest) {
      case CONSUMER -> 0;
      case SMALL_BUSINESS -> 1 + rng.nextInt(3);
      case CORPORATE -> 3 + rng.nextInt(6);
    };
    return new CustomerProfile(language, first, change, name, email, phone, contacts,
        rng.nextInt(ROLES.length), (float) (0.7 * Rand.gaussian(rng)));
  }

  private static String plan(SplittableRandom rng, Segment segment) {
    return PLANS[Rand.weighted(rng, PLAN_WEIGHTS[segment.ordinal()])];
  }

  /** Skewed value: log-normal by segment, scaled by plan; corporate is worth orders more. */
  private static Attributes withValue(SplittableRandom rng, Attributes a) {
    int plan = List.of(PLANS).indexOf(a.plan());
    double value = Rand.logNormal(rng, a.segment().valueMedianPln, a.segment().valueSigma)
        * PLAN_VALUE_FACTOR[plan];
    return new Attributes(a.segment(), a.region(), a.plan(), Math.round(value * 100) / 100.0);
  }

  /** A plan change (half), a move to another region (30%) or a segment change (20%). */
  private static Change change(SplittableRandom rng, Attributes a, long signupDay, Period period) {
    long from = Math.max(period.firstDay() + 7, signupDay + 14);
    long to = period.lastDay() - 7;
    if (from > to || !Rand.chance(rng, HISTORY_SHARE)) {
      return null;
    }
    long day = from + rng.nextInt((int) (to - from + 1));
    int kind = Rand.weighted(rng, new double[] {50, 30, 20});
    if (kind == 2 && a.segment() != Segment.CORPORATE) {
      // A consumer starts a business; a small business grows into a corporate account.
      Segment next = Segment.values()[a.segment().ordinal() + 1];
      return new Change(day, withValue(rng, new Attributes(next, a.region(), plan(rng, next), 0)));
    }
    if (kind == 1) {
      String region = a.region();
      while (region.equals(a.region())) {
        region = Rand.pick(rng, REGIONS);
      }
      return new Change(day, new Attributes(a.segment(), region, a.plan(), a.valuePln()));
    }
    String plan = a.plan();
    while (plan.equals(a.plan())) { // every segment has at least two plans
      plan = plan(rng, a.segment());
    }
    return new Change(day, withValue(rng, new Attributes(a.segment(), a.region(), plan, 0)));
  }
}
