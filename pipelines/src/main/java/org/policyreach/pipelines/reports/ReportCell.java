package org.policyreach.pipelines.reports;

/**
 * One row of {@code gold.segment_reports} (without the build id). A suppressed cell has neither
 * count nor value: a share or rate would give the count back.
 *
 * @param count firms, null when suppressed or not a count
 * @param value a share, rate, mean or lift; null when suppressed or not applicable
 */
public record ReportCell(
    String segmentId,
    String section,
    String dimension,
    String key,
    Long count,
    Double value,
    boolean suppressed) {

  static ReportCell hidden(String segmentId, String section, String dimension, String key) {
    return new ReportCell(segmentId, section, dimension, key, null, null, true);
  }
}
