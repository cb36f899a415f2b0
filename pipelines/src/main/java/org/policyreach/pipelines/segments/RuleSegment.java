package org.policyreach.pipelines.segments;

import java.util.Objects;
import org.policyreach.pipelines.segments.expr.SegmentExpression;

/**
 * A segment that officers define in {@code conf/segments.yaml}.
 *
 * @param id stable id (lower case, digits, '-' and '_'); the segment id in gold is {@code
 *     rule:<id>}
 * @param labelJa name shown to officers
 * @param labelEn English name (optional, may be empty)
 * @param description what the segment is for (optional, may be empty)
 * @param where the condition over {@code gold.firm_profiles}
 */
public record RuleSegment(
    String id, String labelJa, String labelEn, String description, SegmentExpression where) {

  public static final String ID_PREFIX = "rule:";

  public RuleSegment {
    Objects.requireNonNull(id, "id is null");
    Objects.requireNonNull(labelJa, "labelJa is null");
    labelEn = labelEn == null ? "" : labelEn;
    description = description == null ? "" : description;
    Objects.requireNonNull(where, "where is null");
  }

  public String segmentId() {
    return ID_PREFIX + id;
  }
}
