package org.policyreach.models.ranking;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.policyreach.models.ModelException;

/**
 * Greedy top-K that keeps a list useful: at most {@code perFamilyMax} programs of one family, and a
 * program whose need set equals that of an already chosen one has its score multiplied by {@code 1
 * − duplicatePenalty} for each such program. At each step the candidate with the highest adjusted
 * score is taken (ties: higher original score, then program id).
 */
public final class Diversifier implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * A program to choose from; {@code needSetKey} identifies its need set (see {@link #of}), empty
   * when it lists no needs (never a near-duplicate then).
   */
  public record Candidate(String programId, String family, String needSetKey, double score) {
    public Candidate {
      Objects.requireNonNull(programId, "programId is null");
      Objects.requireNonNull(family, "family is null");
      Objects.requireNonNull(needSetKey, "needSetKey is null");
    }

    public static Candidate of(
        String programId, String family, Collection<String> needs, double score) {
      return new Candidate(programId, family, Diversifier.needSetKey(needs), score);
    }
  }

  /** The sorted, comma-joined need ids: equal for programs with the same need set. */
  public static String needSetKey(Collection<String> needs) {
    if (needs.size() == 1) {
      return needs.iterator().next(); // the common case, without sorting
    }
    return String.join(",", new TreeSet<>(needs));
  }

  private final int perFamilyMax;
  private final double duplicatePenalty;

  public Diversifier(int perFamilyMax, double duplicatePenalty) {
    ModelException.check(
        perFamilyMax >= 1 && duplicatePenalty >= 0 && duplicatePenalty <= 1,
        "configure diversifier",
        "perFamilyMax (%d) must be ≥ 1 and duplicatePenalty (%s) in [0, 1]",
        perFamilyMax,
        duplicatePenalty);
    this.perFamilyMax = perFamilyMax;
    this.duplicatePenalty = duplicatePenalty;
  }

  /** One program per family, a near-duplicate's score halved. */
  public static Diversifier defaults() {
    return new Diversifier(1, 0.5);
  }

  public int perFamilyMax() {
    return perFamilyMax;
  }

  public double duplicatePenalty() {
    return duplicatePenalty;
  }

  /** Up to {@code k} candidates in chosen order. */
  public List<Candidate> select(List<Candidate> candidates, int k) {
    ModelException.check(k >= 0, "diversify", "k must be ≥ 0, got %d", k);
    int n = candidates.size();
    String[] needKeys = new String[n];
    for (int i = 0; i < n; i++) {
      needKeys[i] = candidates.get(i).needSetKey();
    }
    boolean[] taken = new boolean[n];
    Map<String, Integer> perFamily = new HashMap<>();
    Map<String, Integer> perNeedSet = new HashMap<>();
    List<Candidate> chosen = new ArrayList<>(Math.min(k, n));
    while (chosen.size() < k) {
      int best = -1;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        Candidate c = candidates.get(i);
        if (taken[i] || perFamily.getOrDefault(c.family(), 0) >= perFamilyMax) {
          continue;
        }
        int duplicates = needKeys[i].isEmpty() ? 0 : perNeedSet.getOrDefault(needKeys[i], 0);
        double adjusted = c.score() * Math.pow(1 - duplicatePenalty, duplicates);
        if (best < 0
            || adjusted > bestScore
            || adjusted == bestScore && better(c, candidates.get(best))) {
          best = i;
          bestScore = adjusted;
        }
      }
      if (best < 0) {
        break;
      }
      taken[best] = true;
      Candidate c = candidates.get(best);
      perFamily.merge(c.family(), 1, Integer::sum);
      perNeedSet.merge(needKeys[best], 1, Integer::sum);
      chosen.add(c);
    }
    return List.copyOf(chosen);
  }

  private static boolean better(Candidate a, Candidate b) {
    int byScore = Double.compare(a.score(), b.score());
    return byScore != 0 ? byScore > 0 : a.programId().compareTo(b.programId()) < 0;
  }
}
