package org.policyreach.models.metrics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.policyreach.models.ModelException;

/**
 * Top-k metrics of ranked lists against relevant sets (binary relevance), averaged per user.
 *
 * <p>Ties: items with equal scores form a tie group; a group that holds positions {@code s..e}
 * contributes its mean relevance to each of those positions (the expectation over random
 * tie-breaking, McSherry and Najork 2008). Lists given as plain id lists have no ties.
 *
 * <ul>
 *   <li>precision@k = hits in the top k / k (a shorter list still divides by k);
 *   <li>recall@k = hits in the top k / |relevant|;
 *   <li>NDCG@k = DCG@k / ideal DCG@k with gain 1 and discount 1/log2(position + 1);
 *   <li>hit rate@k = share of users with at least one hit in the top k;
 *   <li>catalog coverage = distinct items in any user's top k / catalog size.
 * </ul>
 *
 * Users whose relevant set is empty (or missing) are left out of the averages and counted in {@code
 * usersWithoutRelevant}; users with relevant items but no list count as all zeros. Coverage is
 * taken over every list given.
 */
public final class RankingMetrics {
  private RankingMetrics() {}

  /** The averaged metrics of one evaluation. */
  public record Result(
      int k,
      double precision,
      double recall,
      double ndcg,
      double hitRate,
      double coverage,
      int usersEvaluated,
      int usersWithoutRelevant) {

    /** Metric name → value, named like the evaluate command prints them ({@code recall@5}). */
    public Map<String, Double> asMap() {
      Map<String, Double> map = new java.util.LinkedHashMap<>();
      map.put("precision@" + k, precision);
      map.put("recall@" + k, recall);
      map.put("ndcg@" + k, ndcg);
      map.put("hit_rate@" + k, hitRate);
      map.put("coverage@" + k, coverage);
      map.put("users_evaluated", (double) usersEvaluated);
      return map;
    }
  }

  /** Evaluates scored lists (ties by equal score). */
  public static Result evaluate(
      Map<String, List<ScoredItem>> rankedByUser,
      Map<String, ? extends Set<String>> relevantByUser,
      int k,
      int catalogSize) {
    checkK(k);
    ModelException.check(
        catalogSize >= 1,
        "compute ranking metrics",
        "catalog size must be ≥ 1, got %d",
        catalogSize);
    double precision = 0;
    double recall = 0;
    double ndcg = 0;
    double hits = 0;
    int evaluated = 0;
    int withoutRelevant = 0;
    for (Map.Entry<String, ? extends Set<String>> e : relevantByUser.entrySet()) {
      Set<String> relevant = e.getValue();
      if (relevant == null || relevant.isEmpty()) {
        withoutRelevant++;
        continue;
      }
      List<ScoredItem> ranked = rankedByUser.getOrDefault(e.getKey(), List.of());
      double[] gains = expectedGains(ranked, relevant, k);
      double h = sum(gains);
      precision += h / k;
      recall += h / relevant.size();
      ndcg += dcg(gains) / idealDcg(relevant.size(), k);
      hits += h > 0 ? 1 : 0;
      evaluated++;
    }
    for (String user : rankedByUser.keySet()) {
      if (!relevantByUser.containsKey(user)) {
        withoutRelevant++;
      }
    }
    Set<String> covered = new HashSet<>();
    for (List<ScoredItem> ranked : rankedByUser.values()) {
      for (ScoredItem item : ordered(ranked).subList(0, Math.min(k, ranked.size()))) {
        covered.add(item.id());
      }
    }
    double n = Math.max(evaluated, 1);
    return new Result(
        k,
        precision / n,
        recall / n,
        ndcg / n,
        hits / n,
        (double) covered.size() / catalogSize,
        evaluated,
        withoutRelevant);
  }

  /** Evaluates plain ranked id lists (no ties). */
  public static Result evaluateLists(
      Map<String, List<String>> rankedByUser,
      Map<String, ? extends Set<String>> relevantByUser,
      int k,
      int catalogSize) {
    Map<String, List<ScoredItem>> scored = new java.util.LinkedHashMap<>();
    rankedByUser.forEach((user, ids) -> scored.put(user, untied(ids)));
    return evaluate(scored, relevantByUser, k, catalogSize);
  }

  public static double precisionAt(List<String> ranked, Set<String> relevant, int k) {
    checkK(k);
    return sum(expectedGains(untied(ranked), relevant, k)) / k;
  }

  /** 0 when nothing is relevant. */
  public static double recallAt(List<String> ranked, Set<String> relevant, int k) {
    checkK(k);
    return relevant.isEmpty()
        ? 0.0
        : sum(expectedGains(untied(ranked), relevant, k)) / relevant.size();
  }

  /** 0 when nothing is relevant. */
  public static double ndcgAt(List<ScoredItem> ranked, Set<String> relevant, int k) {
    checkK(k);
    return relevant.isEmpty()
        ? 0.0
        : dcg(expectedGains(ranked, relevant, k)) / idealDcg(relevant.size(), k);
  }

  /**
   * Expected relevance at each of the first k positions: items sorted by descending score; within a
   * tie group every position gets the group's share of relevant items.
   */
  static double[] expectedGains(List<ScoredItem> ranked, Set<String> relevant, int k) {
    List<ScoredItem> items = ordered(ranked);
    double[] gains = new double[Math.min(k, items.size())];
    int start = 0;
    while (start < gains.length) {
      int end = start + 1;
      while (end < items.size() && items.get(end).score() == items.get(start).score()) {
        end++;
      }
      int relevantInGroup = 0;
      for (int i = start; i < end; i++) {
        relevantInGroup += relevant.contains(items.get(i).id()) ? 1 : 0;
      }
      double share = (double) relevantInGroup / (end - start);
      for (int i = start; i < Math.min(end, gains.length); i++) {
        gains[i] = share;
      }
      start = end;
    }
    return gains;
  }

  private static List<ScoredItem> ordered(List<ScoredItem> ranked) {
    List<ScoredItem> items = new ArrayList<>(ranked);
    // stable: equal scores keep their order (it does not matter for the expected gains)
    items.sort((a, b) -> Double.compare(b.score(), a.score()));
    Set<String> seen = new HashSet<>();
    for (ScoredItem item : items) {
      ModelException.check(
          seen.add(item.id()),
          "compute ranking metrics",
          "item %s appears twice in a list",
          item.id());
    }
    return items;
  }

  private static List<ScoredItem> untied(List<String> ids) {
    List<ScoredItem> items = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      items.add(new ScoredItem(ids.get(i), ids.size() - i));
    }
    return items;
  }

  private static double dcg(double[] gains) {
    double dcg = 0;
    for (int i = 0; i < gains.length; i++) {
      dcg += gains[i] / log2(i + 2);
    }
    return dcg;
  }

  private static double idealDcg(int relevant, int k) {
    double ideal = 0;
    for (int i = 0; i < Math.min(relevant, k); i++) {
      ideal += 1.0 / log2(i + 2);
    }
    return ideal;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  private static double sum(double[] values) {
    double s = 0;
    for (double v : values) {
      s += v;
    }
    return s;
  }

  private static void checkK(int k) {
    ModelException.check(k >= 1, "compute ranking metrics", "k must be ≥ 1, got %d", k);
  }
}
