package org.policyreach.models.metrics;

import java.util.Objects;

/** An item of a ranked list with the score it was ranked by (equal scores are ties). */
public record ScoredItem(String id, double score) {
  public ScoredItem {
    Objects.requireNonNull(id, "id is null");
  }
}
