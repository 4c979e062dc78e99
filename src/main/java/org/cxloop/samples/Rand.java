package org.cxloop.samples;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Random draws the generator needs, on {@link SplittableRandom} only.
 *
 * <p>{@link StrictMath} keeps log/exp/cos bit-identical on every platform, so one seed gives the
 * same files everywhere.
 */
final class Rand {

  private Rand() {}

  static boolean chance(SplittableRandom rng, double p) {
    return rng.nextDouble() < p;
  }

  /** Index drawn with probability proportional to its weight. */
  static int weighted(SplittableRandom rng, double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double r = rng.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  static <T> T pick(SplittableRandom rng, List<T> items) {
    return items.get(rng.nextInt(items.size()));
  }

  static <T> T pick(SplittableRandom rng, T[] items) {
    return items[rng.nextInt(items.length)];
  }

  /** Standard normal by Box-Muller. */
  static double gaussian(SplittableRandom rng) {
    double u = 1.0 - rng.nextDouble(); // (0, 1]: log(0) is not a number
    return StrictMath.sqrt(-2.0 * StrictMath.log(u)) * StrictMath.cos(2.0 * StrictMath.PI * rng.nextDouble());
  }

  /** Log-normal with the given median: most values small, a long right tail. */
  static double logNormal(SplittableRandom rng, double median, double sigma) {
    return median * StrictMath.exp(sigma * gaussian(rng));
  }

  static int clamp(double value, int min, int max) {
    return (int) Math.max(min, Math.min(max, Math.round(value)));
  }

  /** Standard logistic noise: the latent satisfaction behind a score. */
  static double logistic(SplittableRandom rng) {
    double u = rng.nextDouble();
    while (u == 0.0) {
      u = rng.nextDouble();
    }
    return StrictMath.log(u / (1.0 - u));
  }

  /** prefix + n left-padded with zeros to width: ids written millions of times, so no String.format. */
  static String id(String prefix, long n, int width) {
    String digits = Long.toString(n);
    StringBuilder b = new StringBuilder(prefix.length() + Math.max(width, digits.length())).append(prefix);
    for (int i = digits.length(); i < width; i++) {
      b.append('0');
    }
    return b.append(digits).toString();
  }

  /** A well-mixed seed for item {@code index}, so an item's attributes can be derived again. */
  static SplittableRandom forItem(long seed, long salt, long index) {
    long z = seed * 0x9E3779B97F4A7C15L + salt * 0xBF58476D1CE4E5B9L + index;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return new SplittableRandom(z ^ (z >>> 31));
  }
}
