package org.cxloop.samples;

/** CRM segments, with the shape of each segment's customers. */
enum Segment {
  // share of customers, survey weight, relational share, value median PLN, value sigma
  CONSUMER("consumer", 0.80, 1.0, 0.20, 1_200, 0.8),
  SMALL_BUSINESS("small_business", 0.15, 1.5, 0.30, 24_000, 0.9),
  CORPORATE("corporate", 0.05, 4.0, 0.40, 420_000, 1.0);

  final String id;
  final double customerShare;
  /** How often a customer of this segment is surveyed, relative to a consumer. */
  final double surveyWeight;
  /** Share of this segment's answers that come from relational (periodic) surveys. */
  final double relationalShare;
  final double valueMedianPln;
  final double valueSigma;

  Segment(String id, double customerShare, double surveyWeight, double relationalShare,
      double valueMedianPln, double valueSigma) {
    this.id = id;
    this.customerShare = customerShare;
    this.surveyWeight = surveyWeight;
    this.relationalShare = relationalShare;
    this.valueMedianPln = valueMedianPln;
    this.valueSigma = valueSigma;
  }

  /** B2B: the customer is an account that several contacts answer for. */
  boolean isBusiness() {
    return this != CONSUMER;
  }

  static double[] shares() {
    Segment[] all = values();
    double[] w = new double[all.length];
    for (int i = 0; i < all.length; i++) {
      w[i] = all[i].customerShare;
    }
    return w;
  }
}
