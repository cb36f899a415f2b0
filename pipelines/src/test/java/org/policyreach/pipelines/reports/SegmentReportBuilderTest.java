package org.policyreach.pipelines.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SegmentReportBuilderTest {

  @Test
  void suppressesSmallAndDerivableCellsAndRanksUnderusedPrograms() {
    SegmentReportBuilder b =
        new SegmentReportBuilder(10, List.of("digitalization"), List.of("p1", "p2", "p3"));
    b.size("all", 1000);
    b.distribution("all", "jsic", "E", 600);
    b.distribution("all", "jsic", "I", 400);
    b.distribution("all", "reached", "reached", 300);
    b.distribution("all", "reached", "unreached", 700);
    b.uptake("all", "p1", 200, 100);
    b.uptake("all", "p2", 100, 20);
    b.uptake("all", "p3", 50, 5);
    b.size("rule:x", 100);
    b.distribution("rule:x", "jsic", "E", 95);
    b.distribution("rule:x", "jsic", "I", 3);
    b.distribution("rule:x", "jsic", null, 2);
    b.distribution("rule:x", "reached", "reached", 95);
    b.distribution("rule:x", "reached", "unreached", 5);
    b.needMean("rule:x", "digitalization", 0.4);
    b.uptake("rule:x", "p1", 12, 11);
    b.uptake("rule:x", "p2", 1, 0);
    b.size("rule:tiny", 7);
    b.distribution("rule:tiny", "jsic", "E", 7);
    b.distribution("rule:tiny", "reached", "unreached", 7);

    List<ReportCell> cells = b.build();
    PublishedCells.assertSafe(cells, 10);

    assertThat(cells)
        .filteredOn(c -> c.segmentId().equals("rule:x") && c.dimension().equals("jsic"))
        .allMatch(ReportCell::suppressed); // I 3 + unknown 2 < 10 hides E too
    assertThat(cells)
        .filteredOn(c -> c.segmentId().equals("rule:x") && c.dimension().equals("reached"))
        .allMatch(ReportCell::suppressed);
    assertThat(cells)
        .filteredOn(c -> c.segmentId().equals("rule:x") && c.dimension().equals("applied"))
        .extracting(ReportCell::key, ReportCell::suppressed)
        .contains(
            org.assertj.core.groups.Tuple.tuple("p1", false),
            org.assertj.core.groups.Tuple.tuple("p2", true));
    assertThat(cells)
        .filteredOn(c -> c.segmentId().equals("rule:x") && c.dimension().equals("awarded"))
        .allMatch(ReportCell::suppressed); // 11 of 12 awarded: 1 not awarded is derivable
    assertThat(cells)
        .filteredOn(c -> c.segmentId().equals("rule:x") && c.section().equals("underused"))
        .extracting(ReportCell::key)
        .containsExactly("p3", "p2", "p1");
    assertThat(cells)
        .filteredOn(c -> c.segmentId().equals("rule:tiny"))
        .allMatch(ReportCell::suppressed);
  }

  @Test
  void randomReportsNeverDiscloseASmallCell() {
    Random random = new Random(3);
    for (int round = 0; round < 200; round++) {
      SegmentReportBuilder b = new SegmentReportBuilder(10, List.of("n"), List.of("p1", "p2"));
      for (String seg : List.of("all", "s1", "s2")) {
        long size = 0;
        for (String key : List.of("A", "D", "E", "I")) {
          long n = random.nextInt(seg.equals("all") ? 200 : 25);
          b.distribution(seg, "jsic", key, n);
          size += n;
        }
        long reachedCount = size == 0 ? 0 : random.nextLong(size + 1);
        b.distribution(seg, "reached", "reached", reachedCount);
        b.distribution(seg, "reached", "unreached", size - reachedCount);
        b.size(seg, size);
        b.needMean(seg, "n", random.nextDouble());
        long applied = size == 0 ? 0 : random.nextLong(size + 1);
        b.uptake(seg, "p1", applied, applied == 0 ? 0 : random.nextLong(applied + 1));
      }
      PublishedCells.assertSafe(b.build(), 10);
    }
  }
}
