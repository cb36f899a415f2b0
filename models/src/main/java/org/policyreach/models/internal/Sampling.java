package org.policyreach.models.internal;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Seeded sampling without replacement; the same seed always gives the same sample. */
public final class Sampling {
  private Sampling() {}

  /** {@code m} distinct indices out of {@code [0, n)}, in ascending order (all when m ≥ n). */
  public static int[] indices(int n, int m, long seed) {
    if (m >= n) {
      int[] all = new int[n];
      Arrays.setAll(all, i -> i);
      return all;
    }
    int[] pool = new int[n];
    Arrays.setAll(pool, i -> i);
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < m; i++) {
      int j = i + random.nextInt(n - i);
      int t = pool[i];
      pool[i] = pool[j];
      pool[j] = t;
    }
    int[] chosen = Arrays.copyOf(pool, m);
    Arrays.sort(chosen);
    return chosen;
  }

  public static double[][] rows(double[][] data, int[] indices) {
    double[][] out = new double[indices.length][];
    for (int i = 0; i < indices.length; i++) {
      out[i] = data[indices[i]];
    }
    return out;
  }

  /** A seed for one (purpose, k, restart) combination derived from the user's seed. */
  public static long derive(long seed, long a, long b) {
    long z = seed + 0x9E3779B97F4A7C15L * (a + 1) + 0xBF58476D1CE4E5B9L * (b + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
