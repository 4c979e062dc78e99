package org.cxloop.samples;

import java.util.EnumMap;
import java.util.Map;

/**
 * Operational touchpoints, with the comment categories a customer talks about after each one.
 */
enum Touchpoint {
  PURCHASE("purchase", 25, 20,
      Map.of(Category.PRODUCT_QUALITY, 35, Category.PRICE_FEES, 30, Category.DIGITAL_CHANNELS, 15,
          Category.STAFF_ATTITUDE, 10, Category.COMMUNICATION, 5)),
  DELIVERY("delivery", 25, 20,
      Map.of(Category.DELIVERY, 60, Category.WAITING_TIME, 28, Category.COMMUNICATION, 12)),
  SUPPORT_CALL("support_call", 22, 25,
      Map.of(Category.STAFF_ATTITUDE, 30, Category.WAITING_TIME, 25,
          Category.PROBLEM_RESOLUTION, 30, Category.COMMUNICATION, 15)),
  BILLING("billing", 12, 20,
      Map.of(Category.BILLING_PAYMENT, 55, Category.PRICE_FEES, 35, Category.COMMUNICATION, 10)),
  RETURNS("returns", 8, 5,
      Map.of(Category.PROBLEM_RESOLUTION, 35, Category.WAITING_TIME, 20,
          Category.STAFF_ATTITUDE, 20, Category.DELIVERY, 15, Category.COMMUNICATION, 10)),
  ONBOARDING("onboarding", 8, 10,
      Map.of(Category.STAFF_ATTITUDE, 30, Category.COMMUNICATION, 30,
          Category.DIGITAL_CHANNELS, 20, Category.PRODUCT_QUALITY, 20));

  /** Relational surveys ask about the whole relationship: any category, price and product first. */
  static final Map<Category, Integer> RELATIONAL_CATEGORIES = new EnumMap<>(Map.of(
      Category.PRICE_FEES, 20, Category.PRODUCT_QUALITY, 20, Category.COMMUNICATION, 15,
      Category.STAFF_ATTITUDE, 10, Category.PROBLEM_RESOLUTION, 10, Category.DIGITAL_CHANNELS, 10,
      Category.BILLING_PAYMENT, 10, Category.DELIVERY, 5));

  final String id;
  final double consumerWeight;
  final double businessWeight;
  /** EnumMap: iteration in declaration order, so draws do not depend on hash order. */
  final Map<Category, Integer> categoryWeights;

  Touchpoint(String id, double consumerWeight, double businessWeight,
      Map<Category, Integer> categoryWeights) {
    this.id = id;
    this.consumerWeight = consumerWeight;
    this.businessWeight = businessWeight;
    this.categoryWeights = new EnumMap<>(categoryWeights);
  }

  static double[] weightsFor(Segment segment) {
    Touchpoint[] all = values();
    double[] w = new double[all.length];
    for (int i = 0; i < all.length; i++) {
      w[i] = segment.isBusiness() ? all[i].businessWeight : all[i].consumerWeight;
    }
    return w;
  }
}
