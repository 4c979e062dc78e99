package org.cxloop.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sqrt;

import org.apache.spark.sql.Column;

/**
 * The NPS of the answers that mention a category against the NPS of the other answers, as
 * category_sentiment and nps_drivers both report it. Reads the columns m_promoters and
 * m_detractors (of the n1 mentioning answers) and t_promoters and t_detractors (of all answers);
 * the other answers are the difference. The gap's standard error is 100 sqrt(V1/n1 + V2/n2) with
 * V = pP + pD - (pP - pD)^2 of each group ({@link NpsStats#variance}). Unrounded; the others'
 * figures mean nothing where {@link #hasOthers()} is false.
 */
record MentionerGap(Column mentioners, Column others, Column gap, Column se, Column hasOthers) {

  static MentionerGap of(Column n1, Column n2) {
    Column pP1 = Ratios.of(col("m_promoters"), n1);
    Column pD1 = Ratios.of(col("m_detractors"), n1);
    Column pP2 = Ratios.of(col("t_promoters").minus(col("m_promoters")), n2);
    Column pD2 = Ratios.of(col("t_detractors").minus(col("m_detractors")), n2);
    Column mentioners = pP1.minus(pD1).multiply(100);
    Column others = pP2.minus(pD2).multiply(100);
    Column se = sqrt(Ratios.of(NpsStats.variance(pP1, pD1), n1).plus(Ratios.of(NpsStats.variance(pP2, pD2), n2)))
        .multiply(100);
    return new MentionerGap(mentioners, others, mentioners.minus(others), se, n2.gt(0));
  }
}
