package org.cxloop.samples;

/** Front-line teams, each in one department; the weight sizes the team's share of agents. */
enum Team {
  CS_WARSZAWA("cs_warszawa", Team.CUSTOMER_SERVICE, 1.3),
  CS_KRAKOW("cs_krakow", Team.CUSTOMER_SERVICE, 1.0),
  CS_KATOWICE("cs_katowice", Team.CUSTOMER_SERVICE, 1.0),
  CS_GDANSK("cs_gdansk", Team.CUSTOMER_SERVICE, 0.8),
  SALES_SHOPS("sales_shops", Team.SALES, 1.0),
  SALES_PHONE("sales_phone", Team.SALES, 0.6),
  SALES_B2B("sales_b2b", Team.SALES, 0.5),
  LOGISTICS_COURIERS("logistics_couriers", Team.LOGISTICS, 1.2),
  LOGISTICS_RETURNS("logistics_returns", Team.LOGISTICS, 0.5),
  BILLING_INVOICING("billing_invoicing", Team.BILLING_OPS, 0.7),
  BILLING_COLLECTIONS("billing_collections", Team.BILLING_OPS, 0.5);

  static final String CUSTOMER_SERVICE = "customer_service";
  static final String SALES = "sales";
  static final String LOGISTICS = "logistics";
  static final String BILLING_OPS = "billing_ops";
  /** Departments in a fixed order: their heads get the first employee ids after the head of CX. */
  static final String[] DEPARTMENTS = {CUSTOMER_SERVICE, SALES, LOGISTICS, BILLING_OPS};

  final String id;
  final String department;
  final double headcountWeight;

  Team(String id, String department, double headcountWeight) {
    this.id = id;
    this.department = department;
    this.headcountWeight = headcountWeight;
  }
}
