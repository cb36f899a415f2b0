package org.policyreach.pipelines.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class CellSuppressorTest {

  private final CellSuppressor suppressor = new CellSuppressor(10);

  @Test
  void publishesCellsThatAreLargeEnough() {
    assertThat(suppressor.suppressPartition(Map.of("E", 40L, "D", 25L), 65)).isEmpty();
  }

  @Test
  void oneSmallCellTakesTheNextSmallestWithIt() {
    Map<String, Long> cells = new LinkedHashMap<>();
    cells.put("E", 40L);
    cells.put("D", 12L);
    cells.put("G", 3L);
    cells.put("I", 30L);
    assertThat(suppressor.suppressPartition(cells, 85)).containsExactlyInAnyOrder("G", "D");
  }

  @Test
  void twoSmallCellsWithASmallSumTakeAThird() {
    Map<String, Long> cells = new LinkedHashMap<>();
    cells.put("E", 40L);
    cells.put("D", 12L);
    cells.put("G", 3L);
    cells.put("K", 4L);
    assertThat(suppressor.suppressPartition(cells, 59)).containsExactlyInAnyOrder("G", "K", "D");
  }

  @Test
  void zeroIsASmallCellAndASmallTotalHidesEverything() {
    assertThat(suppressor.suppressIndependent(Map.of("p1", 0L, "p2", 10L))).containsExactly("p1");
    assertThat(suppressor.suppressPartition(Map.of("a", 5L, "b", 4L), 9))
        .containsExactlyInAnyOrder("a", "b");
  }

  @Property(tries = 300)
  void noPublishedCellIsSmallNorRecoverableBySubtraction(
      @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 0, max = 60) Integer> counts,
      @ForAll @IntRange(min = 1, max = 20) int minCell) {
    CellSuppressor s = new CellSuppressor(minCell);
    Map<String, Long> cells = new LinkedHashMap<>();
    long total = 0;
    for (int i = 0; i < counts.size(); i++) {
      cells.put("k" + i, (long) counts.get(i));
      total += counts.get(i);
    }
    Set<String> suppressed = s.suppressPartition(cells, total);
    long hidden = 0;
    for (Map.Entry<String, Long> c : cells.entrySet()) {
      if (suppressed.contains(c.getKey())) {
        hidden += c.getValue();
      } else {
        assertThat(c.getValue()).isGreaterThanOrEqualTo(minCell);
      }
    }
    if (total >= minCell && !suppressed.isEmpty()) {
      // what the total minus the published cells reveals is a sum over ≥ 2 cells, not small
      assertThat(suppressed.size()).isGreaterThanOrEqualTo(Math.min(2, cells.size()));
      assertThat(hidden).isGreaterThanOrEqualTo(minCell);
    }
  }
}
