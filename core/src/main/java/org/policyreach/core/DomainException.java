package org.policyreach.core;

import static java.util.Objects.requireNonNull;

/**
 * The one unchecked error type for domain validation in core. {@link #code()} is a stable
 * machine-readable code (for example {@code CN_CHECK_DIGIT}) that ingestion stores as a quarantine
 * reason; the message names the input, what is wrong and what to do.
 */
public final class DomainException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;

  public DomainException(String code, String message) {
    super(requireNonNull(message, "message is null"));
    this.code = requireNonNull(code, "code is null");
  }

  public DomainException(String code, String message, Throwable cause) {
    super(requireNonNull(message, "message is null"), cause);
    this.code = requireNonNull(code, "code is null");
  }

  /** Stable error code, for example {@code CN_LENGTH}, {@code DATE_INVALID}. */
  public String code() {
    return code;
  }
}
