package org.cxloop.loop;

import java.util.Locale;

/**
 * Difference in differences of NPS between a treated and a control group, before and after a
 * change, and the verdict. docs/statistics.md works an example through by hand.
 *
 * <pre>
 *   DiD    = (NPS_T,after - NPS_T,before) - (NPS_C,after - NPS_C,before)
 *   SE     = sqrt(SE_T,b^2 + SE_T,a^2 + SE_C,b^2 + SE_C,a^2)      (four independent cells)
 *   SE_i   = 100 sqrt((pP + pD - (pP - pD)^2) / n)                 (NpsStats, per cell)
 *   CI     = DiD -+ z SE
 * </pre>
 *
 * Verdict: any cell with n &lt; min n: {@code too few answers}; else the interval above 0:
 * {@code improved}; below 0: {@code worsened (roll-back candidate)}; else {@code no detectable effect}.
 */
public final class DiffInDiff {

  public static final String IMPROVED = "improved";
  public static final String WORSENED = "worsened (roll-back candidate)";
  public static final String NO_EFFECT = "no detectable effect";
  public static final String TOO_FEW = "too few answers";
  static final String[] CELL_NAMES = {"treated/before", "treated/after", "control/before", "control/after"};

  /** Answers of one cell. */
  public record Cell(long n, long promoters, long detractors) {
    public double nps() {
      return n == 0 ? Double.NaN : 100.0 * (promoters - detractors) / n;
    }

    public double se() {
      if (n == 0) {
        return Double.NaN;
      }
      double pP = (double) promoters / n;
      double pD = (double) detractors / n;
      return 100 * Math.sqrt(Math.max(0, pP + pD - (pP - pD) * (pP - pD)) / n);
    }
  }

  /** The estimate; NaN fields where a cell is empty. */
  public record Result(double did, double se, double ciLow, double ciHigh, String verdict, String reason) {}

  private DiffInDiff() {}

  /** @param cells treated/before, treated/after, control/before, control/after */
  public static Result of(Cell[] cells, double z, long minN) {
    double did = (cells[1].nps() - cells[0].nps()) - (cells[3].nps() - cells[2].nps());
    double var = 0;
    for (Cell c : cells) {
      var += c.se() * c.se();
    }
    double se = Math.sqrt(var);
    double lo = did - z * se;
    double hi = did + z * se;
    for (int i = 0; i < cells.length; i++) {
      if (cells[i].n() < minN) {
        return new Result(did, se, lo, hi, TOO_FEW,
            String.format(Locale.ROOT, "%s has %d answers, fewer than loop.initiative.min.n = %d", CELL_NAMES[i],
                cells[i].n(), minN));
      }
    }
    String interval = String.format(Locale.ROOT, "DiD %+.1f NPS points, interval [%.1f, %.1f]", did, lo, hi);
    if (lo > 0) {
      return new Result(did, se, lo, hi, IMPROVED, interval + " lies above 0");
    }
    if (hi < 0) {
      return new Result(did, se, lo, hi, WORSENED, interval + " lies below 0");
    }
    return new Result(did, se, lo, hi, NO_EFFECT, interval + " contains 0");
  }
}
