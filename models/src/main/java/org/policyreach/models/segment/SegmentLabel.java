package org.policyreach.models.segment;

import java.io.Serializable;
import java.util.List;

/**
 * A segment's automatic name, e.g. {@code 製造業・小規模・設備投資志向} / {@code manufacturing / small-scale /
 * equipment-investment-oriented}, and the features it was derived from.
 */
public record SegmentLabel(int segment, String labelJa, String labelEn, List<String> features)
    implements Serializable {
  public SegmentLabel {
    features = List.copyOf(features);
  }
}
