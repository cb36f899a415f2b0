package org.policyreach.models.ranking;

import java.io.Serializable;
import java.util.Objects;

/**
 * A reason a firm can read: stable code, Japanese message, and the logit contribution (or, for cold
 * start, the score component) that made it a reason.
 */
public record Reason(ReasonCode code, String message, double contribution) implements Serializable {
  public Reason {
    Objects.requireNonNull(code, "code is null");
    Objects.requireNonNull(message, "message is null");
  }
}
