package org.policyreach.pipelines.profiles;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mean need scores of reached firms by peer group, shrunk towards coarser groups: JSIC × size ×
 * prefecture → JSIC × size → JSIC → all. With n reached firms in a group and parent mean m, the
 * group's mean is {@code (Σ own + k·m) / (n + k)}; a group nobody in it has reached simply inherits
 * its parent's mean.
 */
final class PeerPriors {
  /** Unknown attribute in a peer key. */
  static final String UNKNOWN = "?";

  private final List<String> needIds;
  private final double k;
  private final Map<String, double[]> sums = new HashMap<>();
  private final Map<String, Long> counts = new HashMap<>();
  private final Map<String, double[]> bandSums = new HashMap<>();
  private final Map<String, Long> bandCounts = new HashMap<>();

  PeerPriors(List<String> needIds, double shrinkage) {
    this.needIds = List.copyOf(needIds);
    this.k = shrinkage;
  }

  /** Adds a group's total own score for one need (finest level). */
  void addSum(String jsic, String size, String pref, String band, String need, double sum) {
    int i = needIds.indexOf(need);
    if (i < 0) {
      return;
    }
    for (String key : keys(jsic, size, pref)) {
      sums.computeIfAbsent(key, x -> new double[needIds.size()])[i] += sum;
    }
    bandSums.computeIfAbsent(band, x -> new double[needIds.size()])[i] += sum;
  }

  /** Adds the number of reached firms in a group (finest level). */
  void addCount(String jsic, String size, String pref, String band, long n) {
    for (String key : keys(jsic, size, pref)) {
      counts.merge(key, n, Long::sum);
    }
    bandCounts.merge(band, n, Long::sum);
  }

  /** The shrunk mean of every need for one finest-level group, adjusted for the age band. */
  Map<String, Double> prior(String jsic, String size, String pref, String band) {
    Map<String, Double> base = prior(jsic, size, pref);
    long all = counts.getOrDefault("", 0L);
    double[] allSums = sums.get("");
    long n = bandCounts.getOrDefault(band, 0L);
    double[] s = bandSums.get(band);
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < needIds.size(); i++) {
      double p = base.get(needIds.get(i));
      if (all > 0 && allSums != null && allSums[i] > 0) {
        double m = allSums[i] / all;
        double bandMean = ((s == null ? 0.0 : s[i]) + k * m) / (n + k);
        p = p * (bandMean / m);
      }
      out.put(needIds.get(i), Math.max(0.0, Math.min(1.0, p)));
    }
    return out;
  }

  /** The shrunk mean of every need for one finest-level group. */
  Map<String, Double> prior(String jsic, String size, String pref) {
    List<String> chain = keys(jsic, size, pref); // coarse to fine
    double[] mean = new double[needIds.size()];
    for (String key : chain) {
      long n = counts.getOrDefault(key, 0L);
      double[] s = sums.get(key);
      double[] next = new double[mean.length];
      for (int i = 0; i < mean.length; i++) {
        double sum = s == null ? 0.0 : s[i];
        double denom = n + (key.isEmpty() ? 0.0 : k);
        next[i] = denom <= 0 ? mean[i] : (sum + (key.isEmpty() ? 0.0 : k * mean[i])) / denom;
      }
      mean = next;
    }
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < mean.length; i++) {
      out.put(needIds.get(i), Math.max(0.0, Math.min(1.0, mean[i])));
    }
    return out;
  }

  /** Group keys from coarse to fine; "" is everybody. */
  private static List<String> keys(String jsic, String size, String pref) {
    return List.of("", jsic, jsic + "/" + size, jsic + "/" + size + "/" + pref);
  }

  /** The evidence label of a finest-level group, e.g. {@code peers:E/small_scale/13}. */
  static String label(String jsic, String size, String pref) {
    return "peers:" + jsic + "/" + size + "/" + pref;
  }
}
