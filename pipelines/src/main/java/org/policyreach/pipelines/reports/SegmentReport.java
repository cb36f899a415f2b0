package org.policyreach.pipelines.reports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One build's segment report as published: the segments (without their raw sizes — the size shown
 * is the suppressed {@code size} cell) and every cell of {@code gold.segment_reports}.
 */
public record SegmentReport(
    String buildId, Instant builtAt, List<Segment> segments, List<ReportCell> cells) {

  /** A segment of the build. */
  public record Segment(
      String segmentId, String kind, String labelJa, String labelEn, String definition) {}

  public SegmentReport {
    segments = List.copyOf(segments);
    cells = List.copyOf(cells);
  }

  /** Cells of one segment, section and dimension, in stored order. */
  public List<ReportCell> cells(String segmentId, String section, String dimension) {
    List<ReportCell> out = new ArrayList<>();
    for (ReportCell c : cells) {
      if (c.segmentId().equals(segmentId)
          && c.section().equals(section)
          && c.dimension().equals(dimension)) {
        out.add(c);
      }
    }
    return out;
  }

  public Optional<ReportCell> cell(String segmentId, String section, String dimension, String key) {
    return cells(segmentId, section, dimension).stream()
        .filter(c -> c.key().equals(key))
        .findFirst();
  }
}
