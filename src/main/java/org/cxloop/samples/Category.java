package org.cxloop.samples;

/** Comment categories: exactly the ids the text stage classifies into. */
enum Category {
  STAFF_ATTITUDE("staff_attitude"),
  WAITING_TIME("waiting_time"),
  PROBLEM_RESOLUTION("problem_resolution"),
  PRICE_FEES("price_fees"),
  BILLING_PAYMENT("billing_payment"),
  PRODUCT_QUALITY("product_quality"),
  DELIVERY("delivery"),
  DIGITAL_CHANNELS("digital_channels"),
  COMMUNICATION("communication");

  final String id;

  Category(String id) {
    this.id = id;
  }

  static Category of(String id) {
    for (Category c : values()) {
      if (c.id.equals(id)) {
        return c;
      }
    }
    throw new IllegalArgumentException("Unknown category '" + id + "' in the phrase bank.");
  }
}
