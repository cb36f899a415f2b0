package org.policyreach.serving.snapshot;

import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.MapValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.policyreach.models.ranking.PeerKey;
import org.policyreach.models.ranking.PeerStats;

/**
 * Aggregates the publication's firm profiles into the models' {@link PeerStats} (firms, family
 * uptake and need-score sums per industry × size × region) while the profiles load, so that
 * cold-start recommendations use the peers of exactly the build being served.
 */
final class PeerStatsCollector {
  private final List<String> needIds;
  private final Map<String, Integer> needIndex = new HashMap<>();
  private final Function<String, String> familyOfProgram;
  private final Map<PeerKey, Group> groups = new LinkedHashMap<>();

  /**
   * @param needIds the need taxonomy (scores for other needs are ignored)
   * @param familyOfProgram program id → program family (the id itself when unknown)
   */
  PeerStatsCollector(List<String> needIds, Function<String, String> familyOfProgram) {
    this.needIds = List.copyOf(needIds);
    for (int i = 0; i < this.needIds.size(); i++) {
      needIndex.put(this.needIds.get(i), i);
    }
    this.familyOfProgram = familyOfProgram;
  }

  private static final class Group {
    long firms;
    final Map<String, Long> families = new HashMap<>();
    final double[] needSums;

    Group(int needs) {
      needSums = new double[needs];
    }
  }

  void add(
      String jsic,
      String sizeClass,
      String prefecture,
      ColumnarBatch b,
      int needScoresOrdinal,
      int programsOrdinal,
      int row) {
    Group g =
        groups.computeIfAbsent(
            new PeerKey(jsic, sizeClass, prefecture), k -> new Group(needIds.size()));
    g.firms++;
    if (needScoresOrdinal >= 0 && !b.getColumnVector(needScoresOrdinal).isNullAt(row)) {
      MapValue m = b.getColumnVector(needScoresOrdinal).getMap(row);
      ColumnVector keys = m.getKeys();
      ColumnVector values = m.getValues();
      for (int i = 0; i < m.getSize(); i++) {
        if (keys.isNullAt(i) || values.isNullAt(i)) {
          continue;
        }
        Integer n = needIndex.get(keys.getString(i));
        double v = values.getDouble(i);
        if (n != null && Double.isFinite(v)) {
          g.needSums[n] += v;
        }
      }
    }
    if (programsOrdinal >= 0 && !b.getColumnVector(programsOrdinal).isNullAt(row)) {
      ArrayValue a = b.getColumnVector(programsOrdinal).getArray(row);
      ColumnVector elements = a.getElements();
      Set<String> families = new HashSet<>();
      for (int i = 0; i < a.getSize(); i++) {
        if (!elements.isNullAt(i)) {
          families.add(familyOfProgram.apply(elements.getString(i)));
        }
      }
      for (String f : families) {
        g.families.merge(f, 1L, Long::sum);
      }
    }
  }

  PeerStats build() {
    List<PeerStats.GroupCounts> counts = new ArrayList<>(groups.size());
    groups.forEach(
        (key, g) -> {
          Map<String, Double> sums = new LinkedHashMap<>();
          for (int n = 0; n < needIds.size(); n++) {
            sums.put(needIds.get(n), g.needSums[n]);
          }
          counts.add(new PeerStats.GroupCounts(key, g.firms, g.families, sums));
        });
    return PeerStats.of(needIds, PeerStats.Options.defaults(), counts);
  }
}
