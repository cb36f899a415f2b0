package org.policyreach.generator;

import java.util.SplittableRandom;

/**
 * Deterministic seed derivation. Every random choice about firm {@code i} comes from a stream
 * seeded by (run seed, firm index, purpose), so a firm's data does not depend on which thread
 * generates it or on what was generated before it.
 */
final class Seeds {
  private Seeds() {}

  /** What a random stream is used for; each purpose has its own stream per firm. */
  enum Purpose {
    FIRM,
    NEEDS,
    CLUSTER,
    APPLICATIONS,
    ATTRIBUTES,
    EVENTS,
    FAULTS,
    DIFF,
    CONTACT,
    PUSH
  }

  /** SplitMix64 finalizer: a bijective, well-mixed 64-bit hash. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  static long derive(long seed, long a) {
    return mix(seed * 0x9E3779B97F4A7C15L + mix(a + 0x632BE59BD9B4E019L));
  }

  static long derive(long seed, long a, long b) {
    return derive(derive(seed, a), b);
  }

  static SplittableRandom rng(long seed, Purpose purpose, long index) {
    return new SplittableRandom(derive(seed, purpose.ordinal() + 1L, index));
  }

  /** Sixteen lower-case hex digits of a hashed value. */
  static void appendHex(StringBuilder sb, long value) {
    for (int shift = 60; shift >= 0; shift -= 4) {
      sb.append(HEX[(int) ((value >>> shift) & 0xF)]);
    }
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();
}
