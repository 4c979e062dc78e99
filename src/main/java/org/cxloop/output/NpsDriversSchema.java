package org.cxloop.output;

import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.cxloop.metrics.NpsDrivers;

/** nps_drivers' schema is built by the metrics code; the comments for BI users live here. */
final class NpsDriversSchema {
  private NpsDriversSchema() {}

  private static final java.util.Map<String, String> COMMENTS = java.util.Map.ofEntries(
      java.util.Map.entry("period_start", "Month the model was fitted on"),
      java.util.Map.entry("survey_type", "transactional or relational"),
      java.util.Map.entry("category", "Taxonomy category"),
      java.util.Map.entry("answers_with_comment", "Answers in the fit (those with a comment)"),
      java.util.Map.entry("mentions", "Answers mentioning the category"),
      java.util.Map.entry("share_of_comments", "mentions / answers_with_comment"),
      java.util.Map.entry("nps_mentioners", "NPS of the answers (with a comment) that mention the category"),
      java.util.Map.entry("nps_non_mentioners", "NPS of the other answers with a comment"),
      java.util.Map.entry("nps_gap", "Raw gap nps_mentioners - nps_non_mentioners, in NPS points; counts a co-mentioned category's detractors again"),
      java.util.Map.entry("nps_gap_se", "Standard error of the gap: 100 sqrt(V1/n1 + V2/n2), V = pP + pD - (pP - pD)^2 of each group"),
      java.util.Map.entry("nps_gap_ci_low", "Lower bound of the Wald interval of the gap at nps.confidence: nps_gap - z nps_gap_se"),
      java.util.Map.entry("nps_gap_ci_high", "Upper bound of that interval: nps_gap + z nps_gap_se"),
      java.util.Map.entry("adjusted_effect_nps", "NPS points gained (+) or lost (-) by answers mentioning the category, other categories and segment held fixed"),
      java.util.Map.entry("adjusted_effect_se", "Standard error of that effect"),
      java.util.Map.entry("adjusted_effect_p", "Two-sided p-value of the effect"),
      java.util.Map.entry("impact_x_volume", "adjusted_effect_nps x share_of_comments: NPS points of the whole at stake"),
      java.util.Map.entry("rank", "1 = the category costing most NPS points"));

  static StructType withComments() {
    StructType out = new StructType();
    for (StructField f : NpsDrivers.SCHEMA.fields()) {
      out = out.add(f.withComment(COMMENTS.get(f.name())));
    }
    return out;
  }
}
