package org.policyreach.models.ranking;

/** How specific a peer group is, finest first; back-off goes down this list. */
public enum PeerLevel {
  INDUSTRY_SIZE_REGION("同業・同規模・同地域", "same industry, size and region"),
  INDUSTRY_SIZE("同業・同規模", "same industry and size"),
  INDUSTRY("同業", "same industry"),
  ALL("全企業", "all firms");

  private final String labelJa;
  private final String labelEn;

  PeerLevel(String labelJa, String labelEn) {
    this.labelJa = labelJa;
    this.labelEn = labelEn;
  }

  public String labelJa() {
    return labelJa;
  }

  public String labelEn() {
    return labelEn;
  }
}
