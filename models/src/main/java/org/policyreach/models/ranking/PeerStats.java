package org.policyreach.models.ranking;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.policyreach.models.ModelException;

/**
 * Peer statistics for pair features and cold start: per peer group (industry × size × region), how
 * many firms there are, how many of them applied to each program family, and the sum of their need
 * scores. Coarser levels (industry × size, industry, all) are rolled up from the finest.
 *
 * <p>Back-off: a firm's share for a family is taken at the finest level whose group has at least
 * {@code minGroupFirms} firms, shrunk toward the next coarser level with {@code smoothing}
 * pseudo-firms: {@code (applied + m·parentShare) / (firms + m)}, recursively from the global share.
 * Mean need scores back off the same way.
 */
public final class PeerStats implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * @param minGroupFirms a peer group with fewer firms is skipped in favour of a coarser one
   * @param smoothing pseudo-firms of the parent level added to every group's counts
   */
  public record Options(int minGroupFirms, double smoothing) implements Serializable {
    public Options {
      ModelException.check(
          minGroupFirms >= 1 && smoothing >= 0 && Double.isFinite(smoothing),
          "configure peer statistics",
          "minGroupFirms (%d) must be ≥ 1 and smoothing (%s) ≥ 0",
          minGroupFirms,
          smoothing);
    }

    public static Options defaults() {
      return new Options(20, 10.0);
    }
  }

  /** The counts of one finest-level peer group, as stored and as accepted from aggregations. */
  public record GroupCounts(
      PeerKey key, long firms, Map<String, Long> familyFirms, Map<String, Double> needScoreSums)
      implements Serializable {
    public GroupCounts {
      Objects.requireNonNull(key, "key is null");
      familyFirms = Map.copyOf(familyFirms);
      needScoreSums = Map.copyOf(needScoreSums);
      ModelException.check(firms >= 0, "count peers", "group %s has %d firms", key, firms);
      for (Map.Entry<String, Long> e : familyFirms.entrySet()) {
        ModelException.check(
            e.getValue() >= 0 && e.getValue() <= firms,
            "count peers",
            "group %s: %d firms applied to family %s but the group has %d firms",
            key,
            e.getValue(),
            e.getKey(),
            firms);
      }
    }
  }

  private static final PeerLevel[] COARSE_TO_FINE = {
    PeerLevel.ALL, PeerLevel.INDUSTRY, PeerLevel.INDUSTRY_SIZE, PeerLevel.INDUSTRY_SIZE_REGION
  };

  private final List<String> needIds;
  private final Options options;
  private final List<GroupCounts> groups;
  private final Map<String, Integer> familyIndex;
  private final Map<PeerLevel, Map<String, Group>> levels;

  private PeerStats(List<String> needIds, Options options, List<GroupCounts> groups) {
    this.needIds = List.copyOf(needIds);
    this.options = options;
    this.groups = List.copyOf(groups);
    Map<String, Integer> families = new HashMap<>();
    for (GroupCounts g : this.groups) {
      for (String family : new java.util.TreeSet<>(g.familyFirms().keySet())) {
        families.putIfAbsent(family, families.size());
      }
    }
    this.familyIndex = Map.copyOf(families);
    this.levels = rollUp(this.needIds, this.groups, this.familyIndex);
  }

  public static Builder builder(List<String> needIds, Options options) {
    return new Builder(needIds, options);
  }

  /** Rebuilds statistics from stored counts (the registry uses this). */
  public static PeerStats of(List<String> needIds, Options options, List<GroupCounts> groups) {
    Builder builder = builder(needIds, options);
    groups.forEach(builder::addGroup);
    return builder.build();
  }

  /** Resolves a firm's peer chain once; then each family costs a few map look-ups. */
  public PeerGroup resolve(PeerKey key) {
    Group[] chain = new Group[COARSE_TO_FINE.length];
    for (int i = 0; i < COARSE_TO_FINE.length; i++) {
      chain[i] = levels.get(COARSE_TO_FINE[i]).get(key.at(COARSE_TO_FINE[i]));
    }
    return new PeerGroup(chain);
  }

  public List<String> needIds() {
    return needIds;
  }

  public Options options() {
    return options;
  }

  /** The finest-level counts, in the order they were first added. */
  public List<GroupCounts> groups() {
    return groups;
  }

  /** The index of a family, −1 when no firm applied to it (its shares are 0). */
  public int familyIndex(String family) {
    Integer index = familyIndex.get(family);
    return index == null ? -1 : index;
  }

  public long totalFirms() {
    Group all = levels.get(PeerLevel.ALL).get("");
    return all == null ? 0 : all.firms;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PeerStats p
        && needIds.equals(p.needIds)
        && options.equals(p.options)
        && groups.equals(p.groups);
  }

  @Override
  public int hashCode() {
    return Objects.hash(needIds, options, groups);
  }

  /** A firm's resolved peer chain. Immutable; cheap to create once per firm. */
  public final class PeerGroup {
    private final Group[] chain;

    private PeerGroup(Group[] chain) {
      this.chain = chain;
    }

    /** Share of peers that applied to {@code family}, with the level it was taken at. */
    public PeerUptake uptake(String family) {
      int f = familyIndex(family);
      double share = popularity(f);
      PeerLevel level = PeerLevel.ALL;
      long peers = chain[0] == null ? 0 : chain[0].firms;
      for (int i = 1; i < chain.length; i++) {
        Group g = chain[i];
        if (g == null || g.firms < options.minGroupFirms()) {
          break;
        }
        share = (g.applied(f) + options.smoothing() * share) / (g.firms + options.smoothing());
        level = COARSE_TO_FINE[i];
        peers = g.firms;
      }
      return new PeerUptake(share, level, peers);
    }

    /** {@link #uptake}'s share without the allocation. */
    public double share(String family) {
      return share(familyIndex(family));
    }

    /** The share for a family index from {@link PeerStats#familyIndex}; no allocation. */
    public double share(int family) {
      double share = popularity(family);
      for (int i = 1; i < chain.length; i++) {
        Group g = chain[i];
        if (g == null || g.firms < options.minGroupFirms()) {
          break;
        }
        share = (g.applied(family) + options.smoothing() * share) / (g.firms + options.smoothing());
      }
      return share;
    }

    /** Share of all firms that applied to {@code family} (no peer restriction). */
    public double popularity(String family) {
      return popularity(familyIndex(family));
    }

    public double popularity(int family) {
      Group all = chain[0];
      return all == null || all.firms == 0 ? 0.0 : (double) all.applied(family) / all.firms;
    }

    /** The index of a family, −1 when no firm applied to it (its shares are 0). */
    public int familyIndex(String family) {
      return PeerStats.this.familyIndex(family);
    }

    /** Mean need score of the peers with the same back-off as {@link #uptake}. */
    public double meanNeedScore(int needIndex) {
      Group all = chain[0];
      double mean = all == null || all.firms == 0 ? 0.0 : all.needSums[needIndex] / all.firms;
      for (int i = 1; i < chain.length; i++) {
        Group g = chain[i];
        if (g == null || g.firms < options.minGroupFirms()) {
          break;
        }
        mean =
            (g.needSums[needIndex] + options.smoothing() * mean) / (g.firms + options.smoothing());
      }
      return mean;
    }

    /** Mean need scores of the peers, by need id. */
    public Map<String, Double> meanNeedScores() {
      Map<String, Double> means = new LinkedHashMap<>();
      for (int n = 0; n < needIds.size(); n++) {
        means.put(needIds.get(n), meanNeedScore(n));
      }
      return means;
    }
  }

  /** Accumulates counts firm by firm or group by group. Not thread-safe. */
  public static final class Builder {
    private final List<String> needIds;
    private final Map<String, Integer> needIndex = new HashMap<>();
    private final Options options;
    private final Map<PeerKey, Mutable> groups = new LinkedHashMap<>();

    private Builder(List<String> needIds, Options options) {
      this.needIds = List.copyOf(needIds);
      this.options = Objects.requireNonNull(options, "options is null");
      for (int i = 0; i < this.needIds.size(); i++) {
        ModelException.check(
            needIndex.put(this.needIds.get(i), i) == null,
            "count peers",
            "need id %s is listed twice",
            this.needIds.get(i));
      }
    }

    /** One firm: its peer key, need scores (need id → [0,1]) and the families it applied to. */
    public Builder addFirm(
        PeerKey key, Map<String, Double> needScores, Collection<String> familiesApplied) {
      Mutable g = groups.computeIfAbsent(key, k -> new Mutable(needIds.size()));
      g.firms++;
      for (String family : new java.util.HashSet<>(familiesApplied)) {
        g.familyFirms.merge(family, 1L, Long::sum);
      }
      addNeeds(g, needScores, key);
      return this;
    }

    /** Pre-aggregated counts of one group (e.g. from a Spark aggregation); adds to earlier ones. */
    public Builder addGroup(GroupCounts counts) {
      Mutable g = groups.computeIfAbsent(counts.key(), k -> new Mutable(needIds.size()));
      g.firms += counts.firms();
      counts.familyFirms().forEach((family, n) -> g.familyFirms.merge(family, n, Long::sum));
      addNeeds(g, counts.needScoreSums(), counts.key());
      return this;
    }

    private void addNeeds(Mutable g, Map<String, Double> scores, PeerKey key) {
      for (Map.Entry<String, Double> e : scores.entrySet()) {
        Integer n = needIndex.get(e.getKey());
        ModelException.check(
            n != null,
            "count peers",
            "group %s has a score for unknown need %s; known needs are %s",
            key,
            e.getKey(),
            needIds);
        ModelException.check(
            e.getValue() != null && Double.isFinite(e.getValue()),
            "count peers",
            "group %s has need score %s for %s",
            key,
            e.getValue(),
            e.getKey());
        g.needSums[n] += e.getValue();
      }
    }

    public PeerStats build() {
      List<GroupCounts> counts = new ArrayList<>();
      groups.forEach(
          (key, g) -> {
            Map<String, Double> sums = new LinkedHashMap<>();
            for (int n = 0; n < needIds.size(); n++) {
              sums.put(needIds.get(n), g.needSums[n]);
            }
            counts.add(new GroupCounts(key, g.firms, g.familyFirms, sums));
          });
      return new PeerStats(needIds, options, counts);
    }

    private static final class Mutable {
      long firms;
      final Map<String, Long> familyFirms = new HashMap<>();
      final double[] needSums;

      Mutable(int needs) {
        needSums = new double[needs];
      }
    }
  }

  private static Map<PeerLevel, Map<String, Group>> rollUp(
      List<String> needIds, List<GroupCounts> groups, Map<String, Integer> familyIndex) {
    Map<PeerLevel, Map<String, Group>> levels = new EnumMap<>(PeerLevel.class);
    for (PeerLevel level : PeerLevel.values()) {
      levels.put(level, new HashMap<>());
    }
    for (GroupCounts counts : groups) {
      for (PeerLevel level : PeerLevel.values()) {
        levels
            .get(level)
            .computeIfAbsent(
                counts.key().at(level), k -> new Group(needIds.size(), familyIndex.size()))
            .add(counts, needIds, familyIndex);
      }
    }
    return levels;
  }

  /** Counts of one group at one level (rolled up), families by index. */
  private static final class Group implements Serializable {
    private static final long serialVersionUID = 1L;
    long firms;
    final long[] familyFirms;
    final double[] needSums;

    Group(int needs, int families) {
      needSums = new double[needs];
      familyFirms = new long[families];
    }

    void add(GroupCounts counts, List<String> needIds, Map<String, Integer> familyIndex) {
      firms += counts.firms();
      counts.familyFirms().forEach((family, n) -> familyFirms[familyIndex.get(family)] += n);
      for (int n = 0; n < needIds.size(); n++) {
        needSums[n] += counts.needScoreSums().getOrDefault(needIds.get(n), 0.0);
      }
    }

    long applied(int family) {
      return family < 0 ? 0 : familyFirms[family];
    }
  }
}
