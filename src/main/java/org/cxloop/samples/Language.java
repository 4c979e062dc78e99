package org.cxloop.samples;

/** Comment languages; a customer keeps one. */
enum Language {
  PL("pl", 0.60),
  RU("ru", 0.20),
  EN("en", 0.20);

  final String code;
  /** Share of customers writing in this language. */
  final double customerShare;

  Language(String code, double customerShare) {
    this.code = code;
    this.customerShare = customerShare;
  }

  static double[] shares() {
    Language[] all = values();
    double[] w = new double[all.length];
    for (int i = 0; i < all.length; i++) {
      w[i] = all[i].customerShare;
    }
    return w;
  }
}
