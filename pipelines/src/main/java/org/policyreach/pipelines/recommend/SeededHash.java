package org.policyreach.pipelines.recommend;

/**
 * A deterministic draw in [0, 1) from a seed and string keys, the same on every JVM and in any
 * order of evaluation: seeded samples and holdouts stay stable across runs and across builds (a
 * firm held out of a program's list stays held out while the program runs).
 */
public final class SeededHash {
  private SeededHash() {}

  /** A uniform value in [0, 1) for {@code (seed, keys…)}. */
  public static double unit(long seed, String... keys) {
    return (mix(seed, keys) >>> 11) * 0x1.0p-53;
  }

  static long mix(long seed, String... keys) {
    long h = 0xcbf29ce484222325L ^ seed;
    for (String key : keys) {
      for (int i = 0; i < key.length(); i++) {
        h ^= key.charAt(i);
        h *= 0x100000001b3L;
      }
      h ^= 0xff;
      h *= 0x100000001b3L;
    }
    // splitmix64 finalizer: FNV alone leaves the high bits poorly mixed for short keys
    h += 0x9E3779B97F4A7C15L;
    h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
    h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
    return h ^ (h >>> 31);
  }
}
