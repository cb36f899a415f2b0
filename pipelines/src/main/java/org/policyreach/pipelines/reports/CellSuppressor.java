package org.policyreach.pipelines.reports;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Small-cell suppression for published counts of firms.
 *
 * <p>Primary: a count below {@code minCell} (including 0) is never published. Complementary: in a
 * dimension whose cells add up to a published total (JSIC, prefecture, size class, reached), a
 * single suppressed cell could be recovered by subtracting the others from the total, and two small
 * suppressed cells would still reveal a small sum. So more cells are suppressed, smallest first,
 * until at least two are suppressed and together they hold at least {@code minCell} firms. When the
 * total itself is below {@code minCell}, every cell is suppressed.
 */
public final class CellSuppressor {
  private final int minCell;

  public CellSuppressor(int minCell) {
    if (minCell < 1) {
      throw new IllegalArgumentException("minCell must be at least 1, got " + minCell);
    }
    this.minCell = minCell;
  }

  public int minCell() {
    return minCell;
  }

  /** Whether a count alone may be published. */
  public boolean publishable(long count) {
    return count >= minCell;
  }

  /** Keys to suppress among cells that are not additive (e.g. uptake per program). */
  public Set<String> suppressIndependent(Map<String, Long> cells) {
    Set<String> out = new LinkedHashSet<>();
    cells.forEach(
        (key, count) -> {
          if (!publishable(count)) {
            out.add(key);
          }
        });
    return out;
  }

  /**
   * Keys to suppress among cells that partition {@code total} (which is published when it is at
   * least {@code minCell}).
   *
   * @throws IllegalArgumentException if the cells do not add up to the total
   */
  public Set<String> suppressPartition(Map<String, Long> cells, long total) {
    long sum = cells.values().stream().mapToLong(Long::longValue).sum();
    if (sum != total) {
      throw new IllegalArgumentException(
          "cells add up to " + sum + " but the total is " + total + "; add the missing cell");
    }
    if (!publishable(total)) {
      return new LinkedHashSet<>(cells.keySet());
    }
    Set<String> suppressed = suppressIndependent(cells);
    if (suppressed.isEmpty()) {
      return suppressed;
    }
    List<Map.Entry<String, Long>> candidates = new ArrayList<>(cells.entrySet());
    candidates.sort(
        Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()));
    long hidden = suppressed.stream().mapToLong(cells::get).sum();
    for (Map.Entry<String, Long> c : candidates) {
      if (suppressed.size() >= 2 && hidden >= minCell) {
        break;
      }
      if (suppressed.add(c.getKey())) {
        hidden += c.getValue();
      }
    }
    return suppressed;
  }
}
