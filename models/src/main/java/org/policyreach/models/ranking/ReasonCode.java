package org.policyreach.models.ranking;

/**
 * Stable reason codes. {@link #isEligibility()} codes say why the firm qualifies; a list shows at
 * most one of them.
 */
public enum ReasonCode {
  NEED_MATCH,
  PEER_UPTAKE,
  POPULAR_PROGRAM,
  DEADLINE_SOON,
  OPENS_SOON,
  NOVEL_PROGRAM,
  NOT_YET_REACHED,
  ACTIVE_APPLICANT,
  PAST_AWARDS,
  ELIGIBLE_SIZE,
  ELIGIBLE_INDUSTRY,
  ELIGIBLE_REGION,
  LARGE_AMOUNT;

  public boolean isEligibility() {
    return this == ELIGIBLE_SIZE || this == ELIGIBLE_INDUSTRY || this == ELIGIBLE_REGION;
  }
}
