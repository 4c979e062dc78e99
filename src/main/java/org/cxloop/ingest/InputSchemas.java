package org.cxloop.ingest;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The raw input schemas, one per source, in one place.
 *
 * <p>Every input column is read as a string: a file written by a CRM export or a survey tool is
 * not trusted to hold a number where a number belongs. Parsing and typing happen in the
 * validation step, so that a row that does not parse goes to quarantine with the rule it broke
 * instead of silently becoming null.
 */
public final class InputSchemas {

  private InputSchemas() {}

  /** Survey answers: one row per answer to one NPS question. */
  public static final StructType RESPONSES = strings(
      "response_id",     // unique per answer, from the survey tool
      "survey_id",       // survey (questionnaire) identifier
      "survey_type",     // transactional | relational
      "customer_id",     // CRM customer key
      "contact_id",      // B2B: the person answering on behalf of the customer (account)
      "contact_role",    // B2B: procurement | finance | end_user | management | ... (empty for B2C)
      "channel",         // web | email | sms | ivr | call_centre | shop | app
      "language",        // pl | ru | en, or empty when the survey tool does not know
      "submitted_at",    // ISO-8601 with offset, or a legacy local format declared per source
      "score",           // 0..10
      "comment",         // free text, may be empty
      "transaction_id"); // the operational interaction the answer is about (transactional NPS)

  /** CRM customers with history: one row per customer and validity interval. */
  public static final StructType CRM_CUSTOMERS = strings(
      "customer_id",
      "account_id",      // B2B account (company); equals customer_id for consumers
      "customer_name",   // personal data: masked in every BI table
      "email",           // personal data
      "phone",           // personal data
      "segment",         // e.g. consumer | small_business | corporate
      "region",
      "plan",            // product / plan
      "annual_value_pln",
      "signup_date",     // yyyy-MM-dd, the cohort
      "valid_from",      // yyyy-MM-dd, first day this row is true
      "valid_to");       // yyyy-MM-dd, first day it is no longer true; empty = still true

  /** Operational interactions (transactions) that answers refer to. */
  public static final StructType INTERACTIONS = strings(
      "transaction_id",
      "customer_id",
      "touchpoint",      // purchase | delivery | support_call | billing | returns | onboarding
      "channel",
      "employee_id",     // empty for self-service
      "started_at",      // ISO-8601 with offset
      "wait_time_s",
      "handle_time_s",
      "resolved");       // true | false

  /** Employees with history (team moves): one row per employee and validity interval. */
  public static final StructType EMPLOYEES = strings(
      "employee_id",
      "employee_name",
      "team",
      "department",
      "manager_id",      // empty at the top of the hierarchy
      "valid_from",      // yyyy-MM-dd
      "valid_to");       // yyyy-MM-dd or empty

  /** Follow-up case updates from the CRM or ticket system (org.cxloop.loop). */
  public static final StructType CASE_UPDATES = strings(
      "case_id",         // followup_cases.case_id
      "new_status",      // open | in_progress | closed
      "note",            // free text, optional
      "updated_at",      // when the status changed, a timestamp pattern of the source
      "closed_at");      // when the case was closed (optional; updated_at is used when empty)

  /** Initiatives whose effect initiative_impact measures (org.cxloop.loop). */
  public static final StructType INITIATIVES = strings(
      "initiative_id",
      "description",
      "category",        // taxonomy category the change addresses
      "survey_type",     // transactional | relational
      "start_date",      // yyyy-MM-dd, first day of the change
      "end_date",        // yyyy-MM-dd or empty (still running)
      "treated_rule",    // e.g. region=mazowieckie|śląskie;touchpoint=purchase (empty: everyone on the list)
      "treated_customers_file"); // CSV with a customer_id column, relative to this file (optional)

  static StructType strings(String... names) {
    StructField[] fields = new StructField[names.length];
    for (int i = 0; i < names.length; i++) {
      fields[i] = DataTypes.createStructField(names[i], DataTypes.StringType, true);
    }
    return new StructType(fields);
  }
}
