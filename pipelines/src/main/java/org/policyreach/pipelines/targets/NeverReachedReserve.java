package org.policyreach.pipelines.targets;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Room for the never-reached: when a list or a campaign keeps only its best {@code max} firms, at
 * least {@code ceil(max × share)} of them are firms that never applied to anything ({@code
 * targets.never_reached_share}, default one half), where that many are eligible; the other places
 * go to the best ranked of the rest, whoever they are. Within each group the ranking is kept: a
 * never-reached firm is only ever passed over for a better-ranked never-reached firm, and so for
 * the others.
 *
 * <p>Without this rule the lists favoured firms that already apply (they score highest on the
 * propensity to apply, and most would apply without a push). {@link TargetStage} applies the rule
 * with Spark window functions at the list cut; {@link
 * org.policyreach.pipelines.push.CampaignPlanner} applies this method at the campaign cut. The
 * tests check that both agree.
 */
public final class NeverReachedReserve {
  private NeverReachedReserve() {}

  /** The reserved places of a cut to {@code max}: {@code ceil(max × share)}. */
  public static int reserved(int max, double share) {
    if (max < 0) {
      throw new IllegalArgumentException("max must be >= 0, got " + max);
    }
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException("share must be within [0, 1], got " + share);
    }
    // 1e-9: 0.5 × 10 must stay 5, not become 6 through a rounding error
    return (int) Math.min(max, Math.ceil(max * share - 1e-9));
  }

  /**
   * Picks at most {@code max} of {@code ranked} (best first): the best {@link #reserved} firms for
   * which {@code neverReached} holds (all of them if fewer), then the best ranked of the rest until
   * {@code max}. Returns them in their original order.
   */
  public static <T> List<T> pick(
      List<T> ranked, Predicate<? super T> neverReached, int max, double share) {
    Objects.requireNonNull(ranked, "ranked is null");
    Objects.requireNonNull(neverReached, "neverReached is null");
    int reserve = reserved(max, share);
    if (ranked.size() <= max) {
      return List.copyOf(ranked);
    }
    boolean[] keep = new boolean[ranked.size()];
    int kept = 0;
    for (int i = 0; i < ranked.size() && kept < reserve; i++) {
      if (neverReached.test(ranked.get(i))) {
        keep[i] = true;
        kept++;
      }
    }
    for (int i = 0; i < ranked.size() && kept < max; i++) {
      if (!keep[i]) {
        keep[i] = true;
        kept++;
      }
    }
    List<T> out = new ArrayList<>(kept);
    for (int i = 0; i < ranked.size(); i++) {
      if (keep[i]) {
        out.add(ranked.get(i));
      }
    }
    return out;
  }
}
