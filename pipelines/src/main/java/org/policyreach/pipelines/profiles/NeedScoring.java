package org.policyreach.pipelines.profiles;

import java.io.Serializable;

/**
 * How evidence turns into need scores. Each piece of evidence of an application says "this firm has
 * need n" with a strength: an explicit purpose tag ({@code tagWeight}), a keyword of the need in
 * the purpose text ({@code textWeight} per distinct keyword), or the program applied for having the
 * need ({@code programWeight}/√(needs of the program), as a program serves several needs). Within
 * an application the strengths combine as a noisy-or; the application's contribution decays with
 * its age (half-life {@code halfLifeDays}); applications combine as a noisy-or again: {@code own =
 * 1 − Π(1 − s·decay)}.
 *
 * <p>Peers (same JSIC division × size class × prefecture, shrunk towards coarser groups with {@code
 * peerShrinkage} pseudo-firms, adjusted for the firm's age band) give a prior for every firm,
 * weighted {@code peerWeight/(1 + applications)} so that it matters most for firms with little
 * history: {@code score = 1 − (1 − own)(1 − α·peer)}. Every score is in [0, 1].
 */
public record NeedScoring(
    double tagWeight,
    double textWeight,
    double programWeight,
    double halfLifeDays,
    double peerWeight,
    double peerShrinkage,
    int maxEvidence)
    implements Serializable {

  public static final NeedScoring DEFAULTS = new NeedScoring(0.85, 0.35, 0.5, 730, 1.0, 20, 3);

  public NeedScoring {
    for (double w : new double[] {tagWeight, textWeight, programWeight, peerWeight}) {
      if (!(w >= 0 && w < 1.0 + 1e-12)) {
        throw new IllegalArgumentException("need-score weights must be in [0, 1], got " + w);
      }
    }
    if (!(halfLifeDays > 0) || peerShrinkage < 0 || maxEvidence < 1) {
      throw new IllegalArgumentException(
          "halfLifeDays must be > 0, peerShrinkage ≥ 0 and maxEvidence ≥ 1");
    }
  }

  /** The weight of the peer prior for a firm with {@code applications} applications. */
  public double peerAlpha(long applications) {
    return peerWeight / (1.0 + Math.max(0, applications));
  }

  /** Combines the firm's own score with the peer prior. */
  public double combine(double own, double peer, long applications) {
    double s = 1.0 - (1.0 - clamp(own)) * (1.0 - peerAlpha(applications) * clamp(peer));
    return clamp(s);
  }

  private static double clamp(double v) {
    return Double.isNaN(v) ? 0.0 : Math.max(0.0, Math.min(1.0, v));
  }
}
