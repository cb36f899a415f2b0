package org.policyreach.models.ranking;

import java.util.List;

/** A (firm, program) pair's score with its reasons, e.g. for a program's target list. */
public record ScoredPair(String firmId, String programId, double score, List<Reason> reasons) {
  public ScoredPair {
    reasons = List.copyOf(reasons);
  }
}
