package org.policyreach.serving.snapshot;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code gold.segments} and {@code gold.segment_reports} of one build (small: kept as objects). */
public final class SegmentCatalog {
  private final List<Segment> segments;
  private final Map<String, List<ReportCell>> reports;

  SegmentCatalog(List<Segment> segments, Map<String, List<ReportCell>> reports) {
    this.segments = List.copyOf(segments);
    this.reports = Map.copyOf(reports);
  }

  public List<Segment> segments() {
    return segments;
  }

  public Optional<Segment> find(String segmentId) {
    return segments.stream().filter(s -> s.id().equals(segmentId)).findFirst();
  }

  /** The report cells of a segment, in table order (section, dimension, key). */
  public List<ReportCell> report(String segmentId) {
    return reports.getOrDefault(segmentId, List.of());
  }

  public record Segment(
      String id, String kind, String labelJa, String labelEn, String definition, long size) {}

  /** One cell of the long-format report; suppressed cells carry no count or value. */
  public record ReportCell(
      String section, String dimension, String key, Long count, Double value, boolean suppressed) {}
}
