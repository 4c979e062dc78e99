package org.cxloop.metrics;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sqrt;

import org.apache.spark.sql.Column;

/**
 * Two-sided p-values of z statistics as built-in column arithmetic (no UDF): p = erfc(|z|/sqrt 2)
 * with the Abramowitz-Stegun 7.1.26 approximation of erfc (absolute error below 1.5e-7, far
 * below any significance level anyone uses).
 */
public final class Significance {

  private Significance() {}

  public static Column twoSidedP(Column z) {
    Column x = abs(z).divide(Math.sqrt(2));
    Column t = lit(1.0).divide(lit(1.0).plus(x.multiply(0.3275911)));
    Column poly = t.multiply(lit(0.254829592).plus(t.multiply(lit(-0.284496736).plus(t.multiply(
        lit(1.421413741).plus(t.multiply(lit(-1.453152027).plus(t.multiply(1.061405429)))))))));
    return poly.multiply(exp(pow(x, 2).multiply(-1)));
  }

  /** The same in plain Java, for the driver and for tests. */
  public static double twoSidedP(double z) {
    double x = Math.abs(z) / Math.sqrt(2);
    double t = 1 / (1 + 0.3275911 * x);
    double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
    return poly * Math.exp(-x * x);
  }

  /** z of a difference of two independent estimates with standard errors se1 and se2. */
  public static Column zOfDifference(Column diff, Column se1, Column se2) {
    return diff.divide(sqrt(pow(se1, 2).plus(pow(se2, 2))));
  }
}
