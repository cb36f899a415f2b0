package org.policyreach.pipelines;

import java.util.Objects;

/**
 * The pipelines module's one error type. A bad-input error (a missing silver table, a bad {@code
 * --as-of}, a build that does not exist) is something the user can fix: exit code 2; anything else
 * is a failure: exit code 1. Every message names the input, what is wrong and what to do; the cause
 * is never dropped.
 */
public final class PipelineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean badInput;

  private PipelineException(boolean badInput, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message is null"), cause);
    this.badInput = badInput;
  }

  public static PipelineException badInput(String message) {
    return new PipelineException(true, message, null);
  }

  public static PipelineException badInput(String message, Throwable cause) {
    return new PipelineException(true, message, cause);
  }

  public static PipelineException failure(String message) {
    return new PipelineException(false, message, null);
  }

  public static PipelineException failure(String message, Throwable cause) {
    return new PipelineException(false, message, cause);
  }

  /** True when the user can fix the input; the CLI maps it to exit code 2. */
  public boolean isBadInput() {
    return badInput;
  }
}
