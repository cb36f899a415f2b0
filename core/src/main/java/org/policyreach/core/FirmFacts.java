package org.policyreach.core;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.Period;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What is known about a firm for eligibility. Every attribute except the corporate number may be
 * null (unknown).
 *
 * @param jsicMajor JSIC major group (2 digits) or finer code, or null
 */
public record FirmFacts(
    CorporateNumber cn,
    Prefecture prefecture,
    Jsic jsic,
    String jsicMajor,
    Long capitalYen,
    Integer employees,
    LocalDate established) {

  public FirmFacts {
    requireNonNull(cn, "cn is null");
    if (jsicMajor != null) {
      jsicMajor = Jsic.normalizeCode(jsicMajor);
      if (jsic != null && !jsic.contains(jsicMajor)) {
        throw new DomainException(
            "JSIC_CODE_INVALID",
            "Firm "
                + cn
                + ": JSIC code "
                + jsicMajor
                + " is not in division "
                + jsic.letter()
                + " ("
                + jsic.nameJa()
                + "): correct the division or the code");
      }
    }
    if (capitalYen != null && capitalYen < 0) {
      throw new DomainException(
          "AMOUNT_NEGATIVE",
          "Firm " + cn + ": capital " + capitalYen + " is negative; give 0 or more");
    }
    if (employees != null && employees < 0) {
      throw new DomainException(
          "AMOUNT_NEGATIVE",
          "Firm " + cn + ": employees " + employees + " is negative; give 0 or more");
    }
  }

  /**
   * The size class under the SME Basic Act, or empty when the facts cannot decide it. The industry
   * row comes from the division and code; when those leave several rows possible (unknown industry,
   * or a major the Act splits), the class is given only if every possible row agrees.
   */
  public Optional<SizeClass> sizeClass() {
    Set<IndustryGroup> rows =
        jsic == null
            ? EnumSet.allOf(IndustryGroup.class)
            : IndustryGroup.candidates(jsic, jsicMajor);
    Optional<SizeClass> agreed = null;
    for (IndustryGroup g : rows) {
      Optional<SizeClass> c = SizeClass.classify(g, capitalYen, employees);
      if (c.isEmpty()) {
        return Optional.empty();
      }
      if (agreed == null) {
        agreed = c;
      } else if (!agreed.equals(c)) {
        return Optional.empty();
      }
    }
    return agreed == null ? Optional.empty() : agreed;
  }

  /**
   * Every size class the firm may have: the union of {@link SizeClass#possible} over the industry
   * rows its division and code leave open. One class when the facts decide it.
   */
  public Set<SizeClass> possibleSizeClasses() {
    Set<IndustryGroup> rows =
        jsic == null
            ? EnumSet.allOf(IndustryGroup.class)
            : IndustryGroup.candidates(jsic, jsicMajor);
    Set<SizeClass> possible = EnumSet.noneOf(SizeClass.class);
    for (IndustryGroup g : rows) {
      possible.addAll(SizeClass.possible(g, capitalYen, employees));
    }
    return possible;
  }

  /** Completed years since establishment on {@code asOf}; empty when unknown. */
  public Optional<Integer> yearsEstablished(LocalDate asOf) {
    requireNonNull(asOf, "asOf is null");
    if (established == null) {
      return Optional.empty();
    }
    return Optional.of(Period.between(established, asOf).getYears());
  }
}
