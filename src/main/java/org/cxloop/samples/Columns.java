package org.cxloop.samples;

import java.util.List;

/**
 * Header rows of the sample files: the raw input contract of
 * {@code org.cxloop.ingest.InputSchemas}, repeated here because the generator runs without Spark
 * on the classpath (a test keeps the two equal).
 */
final class Columns {

  private Columns() {}

  static final List<String> RESPONSES = List.of(
      "response_id", "survey_id", "survey_type", "customer_id", "contact_id", "contact_role",
      "channel", "language", "submitted_at", "score", "comment", "transaction_id");

  static final List<String> CRM_CUSTOMERS = List.of(
      "customer_id", "account_id", "customer_name", "email", "phone", "segment", "region", "plan",
      "annual_value_pln", "signup_date", "valid_from", "valid_to");

  static final List<String> INTERACTIONS = List.of(
      "transaction_id", "customer_id", "touchpoint", "channel", "employee_id", "started_at",
      "wait_time_s", "handle_time_s", "resolved");

  static final List<String> EMPLOYEES = List.of(
      "employee_id", "employee_name", "team", "department", "manager_id", "valid_from", "valid_to");

  /** Position of the comment in a response row: the field the broken-quoting rows break. */
  static final int RESPONSE_COMMENT = RESPONSES.indexOf("comment");
}
