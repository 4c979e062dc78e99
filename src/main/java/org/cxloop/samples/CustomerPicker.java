package org.cxloop.samples;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Draws a customer who has signed up before a given day, proportionally to the segment's survey
 * weight, from all customers or from the speakers of one language (for the legacy exports).
 */
final class CustomerPicker {

  private final CustomerBase customers;
  /** Customer numbers in ascending order, hence in signup order. */
  private final int[] members;
  /** cumulative[i] = total weight of members[0..i]. */
  private final double[] cumulative;

  private CustomerPicker(CustomerBase customers, int[] members) {
    this.customers = customers;
    this.members = members;
    this.cumulative = new double[members.length];
    double sum = 0;
    for (int i = 0; i < members.length; i++) {
      sum += customers.surveyWeight(members[i]);
      cumulative[i] = sum;
    }
  }

  static CustomerPicker all(CustomerBase customers) {
    int[] members = new int[customers.size()];
    for (int i = 0; i < members.length; i++) {
      members[i] = i;
    }
    return new CustomerPicker(customers, members);
  }

  static CustomerPicker speaking(CustomerBase customers, Language language) {
    return new CustomerPicker(customers, IntStream.range(0, customers.size())
        .filter(c -> customers.language(c) == language).toArray());
  }

  /** Total survey weight of the members who may answer on {@code day}: the day's volume. */
  double weightOn(long day) {
    int eligible = eligible(day);
    return eligible == 0 ? 0 : cumulative[eligible - 1];
  }

  /** A member who signed up before {@code day}; call only when {@link #weightOn} is positive. */
  int pick(SplittableRandom rng, long day) {
    int eligible = eligible(day);
    double r = rng.nextDouble() * cumulative[eligible - 1];
    int lo = 0;
    int hi = eligible - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] <= r) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return members[lo];
  }

  private int eligible(long day) {
    int lo = 0;
    int hi = members.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (customers.signupDay(members[mid]) < day) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
