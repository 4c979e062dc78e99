package org.cxloop.loop;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.cxloop.CxErrors;

/**
 * One change the company made, and who it was made for.
 *
 * @param rule treated answers: column -> admitted values (AND over columns, OR within one); empty
 *     when only the customer list decides
 * @param customersFile path of a CSV with a customer_id column (null: no list)
 * @param end last day, null while running
 */
public record Initiative(String id, String description, String category, String surveyType, LocalDate start,
    LocalDate end, Map<String, List<String>> rule, String customersFile) {

  /** Columns of responses_enriched a rule may use. */
  public static final List<String> RULE_COLUMNS = List.of("segment", "region", "touchpoint", "channel", "team");
  /**
   * A comparable control group keeps the treated group's segments and touchpoints; for the other
   * rule columns it takes every other value (another region, channel or team), but not answers
   * where the column is unknown.
   */
  static final List<String> SAME_IN_CONTROL = List.of("segment", "touchpoint");

  /** Parses "region=mazowieckie|śląskie;touchpoint=purchase" (empty: no rule). */
  public static Map<String, List<String>> parseRule(String id, String text) {
    Map<String, List<String>> rule = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return rule;
    }
    for (String clause : text.split(";")) {
      String[] kv = clause.split("=", 2);
      String key = kv[0].strip();
      if (kv.length != 2 || !RULE_COLUMNS.contains(key) || kv[1].isBlank() || rule.containsKey(key)) {
        throw CxErrors.loopInputInvalid("read initiative " + id, "the treated_rule clause '" + clause.strip()
            + "' is not column=value|value with a column of " + RULE_COLUMNS + " used once",
            "Write e.g. region=mazowieckie|śląskie;touchpoint=purchase");
      }
      List<String> values = new ArrayList<>();
      for (String v : kv[1].split("\\|")) {
        values.add(v.strip());
      }
      rule.put(key, List.copyOf(values));
    }
    return rule;
  }

  /** True for an answer the rule covers (every answer when there is no rule). */
  Column matchesRule() {
    Column c = lit(true);
    for (Map.Entry<String, List<String>> e : rule.entrySet()) {
      c = c.and(coalesce(col(e.getKey()).isin(e.getValue().toArray()), lit(false)));
    }
    return c;
  }

  /** The comparable population the control group is drawn from (see {@link #SAME_IN_CONTROL}). */
  Column controlScope() {
    Column c = lit(true);
    for (Map.Entry<String, List<String>> e : rule.entrySet()) {
      c = c.and(SAME_IN_CONTROL.contains(e.getKey())
          ? coalesce(col(e.getKey()).isin(e.getValue().toArray()), lit(false))
          : col(e.getKey()).isNotNull());
    }
    return c;
  }

  String treatedBy() {
    List<String> parts = new ArrayList<>();
    rule.forEach((k, v) -> parts.add(k + " in " + v));
    if (customersFile != null) {
      parts.add("customers listed in " + java.nio.file.Path.of(customersFile).getFileName());
    }
    return String.join(" and ", parts);
  }

  String controlBy(List<String> listSegments) {
    List<String> parts = new ArrayList<>();
    rule.forEach((k, v) -> parts.add(SAME_IN_CONTROL.contains(k) ? k + " in " + v : "any other " + k));
    if (customersFile != null) {
      parts.add("customers not on the list, segment in " + listSegments);
    }
    return "untreated answers" + (parts.isEmpty() ? "" : " with " + String.join(" and ", parts));
  }
}
