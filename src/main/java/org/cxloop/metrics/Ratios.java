package org.cxloop.metrics;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.try_divide;

import org.apache.spark.sql.Column;

/**
 * Division for statistics: a share of nothing or a z with no spread is not computable, so it is
 * null, never an error (Spark's ANSI mode fails the whole query on a division by zero, and a
 * CASE WHEN guard does not help once the optimizer hoists the shared subexpression).
 */
final class Ratios {
  private Ratios() {}

  static Column of(Column numerator, Column denominator) {
    return try_divide(numerator, denominator);
  }

  static Column of(Column numerator, double denominator) {
    return try_divide(numerator, lit(denominator));
  }
}
