package org.policyreach.models.ranking;

import java.io.Serializable;
import java.util.List;

/** One entry of a firm's recommendation list (rank 1 first). */
public record RankedProgram(String programId, int rank, double score, List<Reason> reasons)
    implements Serializable {
  public RankedProgram {
    reasons = List.copyOf(reasons);
  }
}
