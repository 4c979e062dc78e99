package org.cxloop.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassMetricsTest {

  @Test
  void accuracyMacroF1PrecisionAndRecallFromAConfusionMatrix() {
    // a: 3 right, 1 taken for b; b: 2 right; c: 1 with no prediction. n = 7, right = 5.
    ClassMetrics m = ClassMetrics.of("pl", Map.of("a -> a", 3L, "a -> b", 1L, "b -> b", 2L, "c -> (none)", 1L),
        List.of("a", "b", "c"));
    assertThat(m.n()).isEqualTo(7);
    assertThat(m.accuracy()).isCloseTo(5.0 / 7, within(1e-12));
    // a: P = 3/3, R = 3/4, F1 = 2*1*0.75/1.75 = 0.857143; b: P = 2/3, R = 2/2, F1 = 0.8; c: P = 0, R = 0, F1 = 0
    assertThat(m.precision()).containsEntry("a", 1.0).containsEntry("b", 2.0 / 3).containsEntry("c", 0.0);
    assertThat(m.recall()).containsEntry("a", 0.75).containsEntry("b", 1.0).containsEntry("c", 0.0);
    assertThat(m.macroF1()).isCloseTo((6.0 / 7 + 0.8 + 0) / 3, within(1e-12));
  }
}
