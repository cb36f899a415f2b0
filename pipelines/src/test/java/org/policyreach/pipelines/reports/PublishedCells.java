package org.policyreach.pipelines.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scans a whole published report for disclosure: no published count below the minimum, no
 * suppressed cell with a share that gives it back, and nothing recoverable by subtraction — within
 * each additive dimension, from applied/not applied against the size, and from awarded/not awarded
 * against applied.
 */
public final class PublishedCells {
  private PublishedCells() {}

  public static void assertSafe(List<ReportCell> cells, int minCell) {
    Map<String, List<ReportCell>> groups = new HashMap<>();
    Map<String, ReportCell> byKey = new HashMap<>();
    for (ReportCell c : cells) {
      if (c.suppressed()) {
        assertThat(c.count()).as("suppressed count %s", c).isNull();
        assertThat(c.value()).as("suppressed value %s", c).isNull();
      } else if (c.count() != null) {
        assertThat(c.count()).as("published count %s", c).isGreaterThanOrEqualTo(minCell);
      }
      groups
          .computeIfAbsent(
              c.segmentId() + "|" + c.section() + "|" + c.dimension(), k -> new ArrayList<>())
          .add(c);
      byKey.put(key(c.segmentId(), c.section(), c.dimension(), c.key()), c);
    }
    for (List<ReportCell> group : groups.values()) {
      ReportCell first = group.get(0);
      boolean additive = first.section().equals("distribution") || first.section().equals("reach");
      Optional<Long> size = count(byKey.get(key(first.segmentId(), "size", "firms", "total")));
      if (!additive) {
        continue;
      }
      if (size.isEmpty()) {
        assertThat(group).as("segment too small: all hidden").allMatch(ReportCell::suppressed);
        continue;
      }
      long published =
          group.stream().filter(c -> !c.suppressed()).mapToLong(ReportCell::count).sum();
      long hiddenCells = group.stream().filter(ReportCell::suppressed).count();
      if (hiddenCells > 0) {
        assertThat(size.get() - published)
            .as("hidden total of %s/%s/%s", first.segmentId(), first.section(), first.dimension())
            .isGreaterThanOrEqualTo(minCell);
        assertThat(hiddenCells).as("hidden cells of %s", first).isGreaterThanOrEqualTo(2);
      }
    }
    for (ReportCell c : cells) {
      if (!c.section().equals("uptake") || c.suppressed()) {
        continue;
      }
      if (c.dimension().equals("applied")) {
        long size = count(byKey.get(key(c.segmentId(), "size", "firms", "total"))).orElseThrow();
        assertThat(size - c.count())
            .as("not applied, by subtraction: %s", c)
            .isGreaterThanOrEqualTo(minCell);
      } else {
        Optional<Long> applied = count(byKey.get(key(c.segmentId(), "uptake", "applied", c.key())));
        assertThat(applied).as("awarded shown only with applied: %s", c).isPresent();
        assertThat(applied.get() - c.count())
            .as("not awarded: %s", c)
            .isGreaterThanOrEqualTo(minCell);
      }
    }
  }

  private static Optional<Long> count(ReportCell c) {
    return c == null || c.suppressed() ? Optional.empty() : Optional.ofNullable(c.count());
  }

  private static String key(String... parts) {
    return String.join("|", parts);
  }
}
