package org.policyreach.core;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/** Outcome of {@link Eligibility#evaluate}: eligible exactly when no rule failed. */
public record EligibilityResult(boolean eligible, List<RuleCheck> failures) {
  public EligibilityResult {
    failures = List.copyOf(requireNonNull(failures, "failures is null"));
    if (eligible != failures.isEmpty()) {
      throw new IllegalArgumentException(
          "eligible must be true exactly when there are no failures, got eligible="
              + eligible
              + " with "
              + failures.size()
              + " failure(s)");
    }
  }

  public static EligibilityResult of(List<RuleCheck> failures) {
    return new EligibilityResult(failures.isEmpty(), failures);
  }

  /** Eligible; not eligible (a known fact fails a rule); or unknown (only missing facts fail). */
  public enum Status {
    ELIGIBLE,
    NOT_ELIGIBLE,
    UNKNOWN
  }

  /**
   * Three-valued: {@code UNKNOWN} when every failed rule failed for want of a fact (its actual is
   * {@link Eligibility#UNKNOWN}), so that confirming those facts could make the firm eligible.
   */
  public Status status() {
    if (eligible) {
      return Status.ELIGIBLE;
    }
    return unconfirmed().size() == failures.size() ? Status.UNKNOWN : Status.NOT_ELIGIBLE;
  }

  /** The rules that failed only because a fact they need is missing. */
  public List<RuleCheck> unconfirmed() {
    return failures.stream().filter(f -> f.actual().equals(Eligibility.UNKNOWN)).toList();
  }

  /** The failure of {@code rule}, if it failed. */
  public Optional<RuleCheck> failure(String rule) {
    return failures.stream().filter(f -> f.rule().equals(rule)).findFirst();
  }
}
