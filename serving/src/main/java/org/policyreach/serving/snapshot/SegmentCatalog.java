package org.policyreach.serving.snapshot;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code gold.segments} and {@code gold.segment_reports} of one build (small: kept as objects), the
 * build's {@code gold.segment_membership} (per firm slot, compact) and the segment figures of the
 * previous publication (for the trend of the segment list).
 */
public final class SegmentCatalog {
  private final List<Segment> segments;
  private final Map<String, List<ReportCell>> reports;
  private final Map<String, Double> unreachedShares;
  private final int[] memberStart; // null when the publication has no membership table
  private final short[] memberSegment; // index into segments
  private final PreviousBuild previous;

  SegmentCatalog(List<Segment> segments, Map<String, List<ReportCell>> reports) {
    this(segments, reports, null, null, null);
  }

  /**
   * @param memberStart per firm slot, the first index into {@code memberSegment} (length firms +
   *     1), or null when membership is not published
   * @param memberSegment indexes into {@code segments} (sorted as given)
   * @param previous the previous publication's figures, or null when there is none
   */
  SegmentCatalog(
      List<Segment> segments,
      Map<String, List<ReportCell>> reports,
      int[] memberStart,
      short[] memberSegment,
      PreviousBuild previous) {
    this.segments = List.copyOf(segments);
    this.reports = Map.copyOf(reports);
    Map<String, Double> shares = new HashMap<>();
    for (Segment s : this.segments) {
      Double share = unreachedShareOf(this.reports.getOrDefault(s.id(), List.of()));
      if (share != null) {
        shares.put(s.id(), share);
      }
    }
    this.unreachedShares = Map.copyOf(shares);
    this.memberStart = memberStart;
    this.memberSegment = memberSegment;
    this.previous = previous;
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

  /**
   * The share of the segment's members never reached (no application), as published in the report's
   * {@code reach} cells; null when the report has no reach cells or they are suppressed.
   */
  public Double unreachedShare(String segmentId) {
    return unreachedShares.get(segmentId);
  }

  /** True when the publication carries {@code gold.segment_membership}. */
  public boolean hasMembership() {
    return memberStart != null;
  }

  /** The segments a firm (by slot of the firm table) belongs to, in segment id order. */
  public List<Segment> segmentsOf(int slot) {
    if (memberStart == null || slot < 0 || slot + 1 >= memberStart.length) {
      return List.of();
    }
    List<Segment> out = new ArrayList<>(memberStart[slot + 1] - memberStart[slot]);
    for (int i = memberStart[slot]; i < memberStart[slot + 1]; i++) {
      out.add(segments.get(memberSegment[i]));
    }
    return out;
  }

  /** The figures of the publication before this one (another build), or null. */
  public PreviousBuild previous() {
    return previous;
  }

  long estimatedBytes() {
    return memberStart == null ? 0 : 4L * memberStart.length + 2L * memberSegment.length;
  }

  /**
   * The unreached share of a segment from its report cells ({@code reach / reached /
   * reached|unreached}): null without reach cells or when one of them is suppressed (the figure is
   * then not publishable); 0 when only the reached cell exists (the builder writes no empty cell).
   */
  static Double unreachedShareOf(List<ReportCell> cells) {
    ReportCell reached = null;
    ReportCell unreached = null;
    for (ReportCell c : cells) {
      if (!"reach".equals(c.section())) {
        continue;
      }
      if (c.suppressed()) {
        return null;
      }
      if ("unreached".equals(c.key())) {
        unreached = c;
      } else if ("reached".equals(c.key())) {
        reached = c;
      }
    }
    if (unreached == null) {
      return reached == null ? null : 0.0;
    }
    if (unreached.value() != null) {
      return unreached.value();
    }
    long total =
        (unreached.count() == null ? 0 : unreached.count())
            + (reached == null || reached.count() == null ? 0 : reached.count());
    return unreached.count() == null || total == 0 ? null : (double) unreached.count() / total;
  }

  public record Segment(
      String id, String kind, String labelJa, String labelEn, String definition, long size) {}

  /** One cell of the long-format report; suppressed cells carry no count or value. */
  public record ReportCell(
      String section, String dimension, String key, Long count, Double value, boolean suppressed) {}

  /**
   * The previous publication (the newest one before the served one whose build differs) and its
   * segments' figures, read from its recorded table versions.
   */
  public record PreviousBuild(
      String publicationId, String buildId, LocalDate asOf, Map<String, Figures> segments) {
    public PreviousBuild {
      segments = Map.copyOf(segments);
    }

    /** The segment's figures in that build, or null if the build had no such segment. */
    public Figures of(String segmentId) {
      return segments.get(segmentId);
    }
  }

  /** A segment's size, label and unreached share (null when not publishable) in one build. */
  public record Figures(String labelJa, long size, Double unreachedShare) {}
}
