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

  /** The failure of {@code rule}, if it failed. */
  public Optional<RuleCheck> failure(String rule) {
    return failures.stream().filter(f -> f.rule().equals(rule)).findFirst();
  }
}
