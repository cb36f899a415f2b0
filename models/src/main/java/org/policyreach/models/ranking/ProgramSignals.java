package org.policyreach.models.ranking;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import org.policyreach.models.ModelException;

/**
 * What the ranker knows about a program as of the scoring date (from {@code silver.programs}).
 *
 * @param programId program id
 * @param family the scheme the program is a round of (near-duplicate suppression)
 * @param needs need ids the program serves
 * @param daysUntilOpen days from the scoring date to the window's opening; 0 when already open
 * @param daysLeft days from the scoring date to the closing date (≥ 0)
 * @param admittedSizeClasses how many size classes the eligibility admits; 0 when no size rule
 * @param industryTargeted the eligibility restricts JSIC divisions (and the firm passed)
 * @param regionTargeted the eligibility restricts prefectures (and the firm passed)
 * @param maxAmountYen the largest grant
 */
public record ProgramSignals(
    String programId,
    String family,
    List<String> needs,
    int daysUntilOpen,
    int daysLeft,
    int admittedSizeClasses,
    boolean industryTargeted,
    boolean regionTargeted,
    long maxAmountYen)
    implements Serializable {
  public ProgramSignals {
    Objects.requireNonNull(programId, "programId is null");
    Objects.requireNonNull(family, "family is null");
    needs = List.copyOf(needs);
    ModelException.check(
        daysUntilOpen >= 0 && daysLeft >= daysUntilOpen,
        "describe program " + programId,
        "daysUntilOpen (%d) must be ≥ 0 and ≤ daysLeft (%d); closed programs are not ranked",
        daysUntilOpen,
        daysLeft);
    ModelException.check(
        admittedSizeClasses >= 0 && maxAmountYen >= 0,
        "describe program " + programId,
        "admittedSizeClasses (%d) and maxAmountYen (%d) must be ≥ 0",
        admittedSizeClasses,
        maxAmountYen);
  }

  public boolean isOpen() {
    return daysUntilOpen == 0;
  }
}
