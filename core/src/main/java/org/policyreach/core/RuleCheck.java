package org.policyreach.core;

import static java.util.Objects.requireNonNull;

/**
 * A failed eligibility rule: the rule name (an {@link Eligibility.Rule} name such as {@code
 * SIZE_CLASS}), what the program expects, what the firm has ({@code unknown} when missing), and a
 * Japanese message for officers and firms.
 */
public record RuleCheck(String rule, String expected, String actual, String messageJa) {
  public RuleCheck {
    requireNonNull(rule, "rule is null");
    requireNonNull(expected, "expected is null");
    requireNonNull(actual, "actual is null");
    requireNonNull(messageJa, "messageJa is null");
  }
}
