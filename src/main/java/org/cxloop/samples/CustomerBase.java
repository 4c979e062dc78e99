package org.cxloop.samples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The customers, as primitive arrays indexed by customer number (O(customers) memory), and the
 * CRM file with history.
 *
 * <p>Customer numbers follow signup order, so "customers who had signed up before day d" is a
 * prefix of the arrays: a binary search instead of a scan per response.
 */
final class CustomerBase {

  private static final long NO_CHANGE = Long.MAX_VALUE;

  private final long seed;
  private final Period period;
  private final long[] signupDay;
  private final byte[] language;
  private final byte[] segmentBefore;
  private final byte[] segmentAfter;
  private final long[] changeDay;
  private final byte[] contacts;
  private final byte[] roleOffset;
  private final float[] affinity;
  private int withHistory;

  private CustomerBase(long seed, Period period, long[] signupDay) {
    this.seed = seed;
    this.period = period;
    this.signupDay = signupDay;
    int n = signupDay.length;
    language = new byte[n];
    segmentBefore = new byte[n];
    segmentAfter = new byte[n];
    changeDay = new long[n];
    contacts = new byte[n];
    roleOffset = new byte[n];
    affinity = new float[n];
    for (int i = 0; i < n; i++) {
      CustomerProfile p = profile(i);
      language[i] = (byte) p.language().ordinal();
      segmentBefore[i] = (byte) p.first().segment().ordinal();
      segmentAfter[i] = p.change() == null ? segmentBefore[i] : (byte) p.change().after().segment().ordinal();
      changeDay[i] = p.change() == null ? NO_CHANGE : p.change().day();
      withHistory += p.change() == null ? 0 : 1;
      contacts[i] = (byte) p.contacts();
      roleOffset[i] = (byte) p.roleOffset();
      affinity[i] = p.affinity();
    }
  }

  /**
   * Signups from 28 months before the period to its last day, more of them recently (a growing
   * business), so that every signup month is a cohort.
   */
  static CustomerBase build(int count, Period period, long seed, SplittableRandom rng) {
    long first = period.start().minusMonths(28).withDayOfMonth(1).toEpochDay();
    long span = period.lastDay() - first + 1;
    long[] signup = new long[count];
    for (int i = 0; i < count; i++) {
      signup[i] = first + (long) (span * StrictMath.pow(rng.nextDouble(), 0.7));
    }
    Arrays.sort(signup);
    return new CustomerBase(seed, period, signup);
  }

  private CustomerProfile profile(int index) {
    return CustomerProfile.derive(seed, index, signupDay[index], period);
  }

  int size() {
    return signupDay.length;
  }

  int withHistory() {
    return withHistory;
  }

  long signupDay(int customer) {
    return signupDay[customer];
  }

  Language language(int customer) {
    return Language.values()[language[customer]];
  }

  Segment segmentOn(int customer, long day) {
    return Segment.values()[day < changeDay[customer] ? segmentBefore[customer] : segmentAfter[customer]];
  }

  /** Survey weight of a customer as first signed up: business accounts are asked more often. */
  double surveyWeight(int customer) {
    return Segment.values()[segmentBefore[customer]].surveyWeight;
  }

  int contacts(int customer) {
    return contacts[customer];
  }

  String contactRole(int customer, int contact) {
    return CustomerProfile.ROLES[(roleOffset[customer] + contact) % CustomerProfile.ROLES.length];
  }

  /** A customer's own liking of the brand, on the score's latent scale. */
  double affinity(int customer) {
    return affinity[customer];
  }

  static String customerId(int customer) {
    return Rand.id("C", customer + 1, 7);
  }

  static String contactId(int customer, int contact) {
    return customerId(customer) + "-K" + (contact + 1);
  }

  /** CRM rows; for B2B customers account_id = customer_id (the customer is the account). */
  long write(Path file) throws IOException {
    long rows = 0;
    try (CsvWriter out = CsvWriter.utf8(file, Columns.CRM_CUSTOMERS)) {
      for (int i = 0; i < size(); i++) {
        CustomerProfile p = profile(i);
        String signup = Period.date(signupDay[i]);
        if (p.change() == null) {
          writeRow(out, i, p, p.first(), signup, signup, "");
          rows++;
        } else {
          String changed = Period.date(p.change().day());
          writeRow(out, i, p, p.first(), signup, signup, changed);
          writeRow(out, i, p, p.change().after(), signup, changed, "");
          rows += 2;
        }
      }
    }
    return rows;
  }

  private static void writeRow(CsvWriter out, int i, CustomerProfile p, CustomerProfile.Attributes a,
      String signup, String validFrom, String validTo) throws IOException {
    String id = customerId(i);
    out.writeRow(id, id, p.name(), p.email(), p.phone(), a.segment().id, a.region(), a.plan(),
        String.format(Locale.ROOT, "%.2f", a.valuePln()), signup, validFrom, validTo);
  }
}
