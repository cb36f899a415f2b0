package org.policyreach.generator;

/**
 * The generator's one error type. {@link #isBadInput()} tells callers (the CLI) whether the request
 * was wrong (exit code 2) or the generation failed (exit code 1).
 */
public final class GeneratorException extends RuntimeException {
  private final boolean badInput;

  private GeneratorException(String message, Throwable cause, boolean badInput) {
    super(message, cause);
    this.badInput = badInput;
  }

  /** A request the generator cannot honour: bad option values, an unusable output folder. */
  static GeneratorException badInput(String message) {
    return new GeneratorException(message, null, true);
  }

  /** Generation failed (I/O, an internal inconsistency). */
  static GeneratorException failed(String message, Throwable cause) {
    return new GeneratorException(message, cause, false);
  }

  public boolean isBadInput() {
    return badInput;
  }
}
