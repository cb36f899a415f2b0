package org.policyreach.pipelines.reports;

import java.util.Comparator;
import java.util.List;

/** A stable reading order for report cells: segment, section (report order), dimension, key. */
final class ReportCellOrder implements Comparator<ReportCell> {
  static final ReportCellOrder INSTANCE = new ReportCellOrder();

  private static final List<String> SECTIONS =
      List.of("size", "reach", "distribution", "needs", "uptake", "underused");

  @Override
  public int compare(ReportCell a, ReportCell b) {
    int c = a.segmentId().compareTo(b.segmentId());
    if (c != 0) {
      return c;
    }
    c = Integer.compare(SECTIONS.indexOf(a.section()), SECTIONS.indexOf(b.section()));
    if (c != 0) {
      return c;
    }
    c = a.dimension().compareTo(b.dimension());
    if (c != 0) {
      return c;
    }
    if (a.section().equals("underused")) {
      return Double.compare(
          a.value() == null ? Double.MAX_VALUE : a.value(),
          b.value() == null ? Double.MAX_VALUE : b.value());
    }
    return a.key().compareTo(b.key());
  }
}
