package org.policyreach.core;

import static java.util.Objects.requireNonNull;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Firm size under the SME Basic Act. A firm has exactly one class: {@code small_scale}, {@code sme}
 * (an SME that is not small-scale) or {@code large}; a program open to every SME lists both {@code
 * small_scale} and {@code sme}.
 */
public enum SizeClass {
  SMALL_SCALE("small_scale", "小規模事業者"),
  SME("sme", "中小企業"),
  LARGE("large", "大企業");

  private final String id;
  private final String labelJa;

  SizeClass(String id, String labelJa) {
    this.id = id;
    this.labelJa = labelJa;
  }

  /** Stable id used in files and tables: {@code small_scale}, {@code sme}, {@code large}. */
  public String id() {
    return id;
  }

  public String labelJa() {
    return labelJa;
  }

  /** True for SMALL_SCALE and SME (both are 中小企業 in the Act's sense). */
  public boolean isSmeOrSmaller() {
    return this != LARGE;
  }

  /**
   * By id (case-insensitive).
   *
   * @throws DomainException {@code SIZE_CLASS_UNKNOWN}
   */
  public static SizeClass ofId(String id) {
    String n = JapaneseText.nfkcTrim(id);
    for (SizeClass c : values()) {
      if (c.id.equalsIgnoreCase(n) || c.labelJa.equals(n)) {
        return c;
      }
    }
    throw new DomainException(
        "SIZE_CLASS_UNKNOWN",
        "Unknown size class "
            + JapaneseText.quote(id)
            + ": use small_scale, sme or large (a program open to every SME lists small_scale and"
            + " sme)");
  }

  /**
   * Classifies by the Act: an SME if capital ≤ the group's limit OR employees ≤ its limit;
   * small-scale if an SME with employees ≤ the small-scale limit; large otherwise.
   *
   * <p>Returns empty when the known inputs cannot decide: both null, or the one that is known
   * exceeds its limit while the other is unknown (the unknown one might still qualify). With
   * capital within the limit and employees unknown the firm is an SME but may be small-scale; this
   * returns {@code SME}, the answer that never claims more than is known about small-scale status.
   */
  public static Optional<SizeClass> classify(
      IndustryGroup group, Long capitalYen, Integer employees) {
    requireNonNull(group, "group is null");
    if (capitalYen == null && employees == null) {
      return Optional.empty();
    }
    boolean capitalFits = capitalYen != null && capitalYen <= group.capitalLimitYen();
    boolean employeesFit = employees != null && employees <= group.employeeLimit();
    if (!capitalFits && !employeesFit) {
      return capitalYen != null && employees != null ? Optional.of(LARGE) : Optional.empty();
    }
    if (employees != null && employees <= group.smallScaleEmployeeLimit()) {
      return Optional.of(SMALL_SCALE);
    }
    return Optional.of(SME);
  }

  /**
   * Every class the firm may have given what is known: one class when the facts decide it, several
   * when a missing figure could change it. Unlike {@link #classify}, which takes an SME by capital
   * for an SME when its employee count is missing, this keeps {@code small_scale} possible then
   * (small-scale depends on employees alone), so an eligibility check never rules on a class the
   * facts do not settle.
   */
  public static Set<SizeClass> possible(IndustryGroup group, Long capitalYen, Integer employees) {
    requireNonNull(group, "group is null");
    if (employees != null) {
      if (employees <= group.smallScaleEmployeeLimit()) {
        return EnumSet.of(SMALL_SCALE);
      }
      if (employees <= group.employeeLimit()) {
        return EnumSet.of(SME);
      }
      if (capitalYen == null) {
        return EnumSet.of(SME, LARGE);
      }
      return EnumSet.of(capitalYen <= group.capitalLimitYen() ? SME : LARGE);
    }
    if (capitalYen != null && capitalYen <= group.capitalLimitYen()) {
      return EnumSet.of(SMALL_SCALE, SME);
    }
    return EnumSet.allOf(SizeClass.class);
  }
}
