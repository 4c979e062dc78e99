package org.cxloop.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.cxloop.loop.DiffInDiff.Cell;
import org.junit.jupiter.api.Test;

/** The worked example of docs/statistics.md ("Initiatives"), and each verdict. */
class DiffInDiffTest {

  private static final double Z95 = 1.959964;

  @Test
  void workedExampleByHand() {
    // treated before: 100 answers, 40 P, 30 D -> NPS 10, SE = 100 sqrt((0.7 - 0.01)/100) = 8.3066
    // treated after : 100 answers, 60 P, 20 D -> NPS 40, SE = 100 sqrt((0.8 - 0.16)/100) = 8.0000
    // control before: 200 answers, 90 P, 50 D -> NPS 20, SE = 100 sqrt((0.7 - 0.04)/200) = 5.7446
    // control after : 200 answers, 92 P, 48 D -> NPS 22, SE = 100 sqrt((0.7 - 0.0484)/200) = 5.7079
    // DiD = (40 - 10) - (22 - 20) = 28
    // SE  = sqrt(69.0 + 64.0 + 33.0 + 32.58) = sqrt(198.58) = 14.0918
    // CI  = 28 -+ 1.959964 x 14.0918 = [0.381, 55.619]: above 0 -> improved
    Cell[] cells = {new Cell(100, 40, 30), new Cell(100, 60, 20), new Cell(200, 90, 50), new Cell(200, 92, 48)};
    assertThat(cells[0].se()).isCloseTo(8.3066, offset(1e-4));
    assertThat(cells[3].se()).isCloseTo(5.7079, offset(1e-4));
    DiffInDiff.Result r = DiffInDiff.of(cells, Z95, 30);
    assertThat(r.did()).isCloseTo(28.0, offset(1e-9));
    assertThat(r.se()).isCloseTo(14.0918, offset(1e-4));
    assertThat(r.ciLow()).isCloseTo(0.381, offset(1e-3));
    assertThat(r.ciHigh()).isCloseTo(55.619, offset(1e-3));
    assertThat(r.verdict()).isEqualTo(DiffInDiff.IMPROVED);
  }

  @Test
  void worsenedWhenTheIntervalIsBelowZero() {
    // Mirror image: treated falls from 40 to 10, control rises 20 -> 22: DiD = -32, same SE 14.09:
    // CI [-59.62, -4.38].
    Cell[] cells = {new Cell(100, 60, 20), new Cell(100, 40, 30), new Cell(200, 90, 50), new Cell(200, 92, 48)};
    DiffInDiff.Result r = DiffInDiff.of(cells, Z95, 30);
    assertThat(r.did()).isCloseTo(-32.0, offset(1e-9));
    assertThat(r.ciHigh()).isCloseTo(-32 + Z95 * 14.0918, offset(1e-3));
    assertThat(r.verdict()).isEqualTo(DiffInDiff.WORSENED);
  }

  @Test
  void noDetectableEffectWhenTheIntervalContainsZero() {
    // Treated 10 -> 20 (+10), control 20 -> 22 (+2): DiD 8 with SE about 14: CI [-19.6, 35.6].
    Cell[] cells = {new Cell(100, 40, 30), new Cell(100, 45, 25), new Cell(200, 90, 50), new Cell(200, 92, 48)};
    DiffInDiff.Result r = DiffInDiff.of(cells, Z95, 30);
    assertThat(r.did()).isCloseTo(8.0, offset(1e-9));
    assertThat(r.verdict()).isEqualTo(DiffInDiff.NO_EFFECT);
    assertThat(r.reason()).contains("contains 0");
  }

  @Test
  void tooFewAnswersWhenAnyCellIsBelowTheMinimum() {
    // A huge effect, but the treated after cell has 29 answers < 30.
    Cell[] cells = {new Cell(100, 10, 80), new Cell(29, 29, 0), new Cell(200, 90, 50), new Cell(200, 92, 48)};
    DiffInDiff.Result r = DiffInDiff.of(cells, Z95, 30);
    assertThat(r.verdict()).isEqualTo(DiffInDiff.TOO_FEW);
    assertThat(r.reason()).contains("treated/after has 29 answers");
  }
}
