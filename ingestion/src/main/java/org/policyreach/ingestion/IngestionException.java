package org.policyreach.ingestion;

import java.util.Objects;

/**
 * The ingestion module's one error type. {@link Kind#BAD_INPUT} means the user can fix it (a
 * missing file, a wrong {@code --source}, a file in the wrong encoding: exit code 2); {@link
 * Kind#FAILURE} means something broke (exit code 1). Messages name the input, what is wrong and
 * what to do.
 */
public final class IngestionException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** What the caller should make of the error. */
  public enum Kind {
    BAD_INPUT(2),
    FAILURE(1);

    private final int exitCode;

    Kind(int exitCode) {
      this.exitCode = exitCode;
    }

    public int exitCode() {
      return exitCode;
    }
  }

  private final Kind kind;

  private IngestionException(Kind kind, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message is null"), cause);
    this.kind = Objects.requireNonNull(kind, "kind is null");
  }

  public static IngestionException badInput(String message) {
    return new IngestionException(Kind.BAD_INPUT, message, null);
  }

  public static IngestionException badInput(String message, Throwable cause) {
    return new IngestionException(Kind.BAD_INPUT, message, cause);
  }

  public static IngestionException failure(String message, Throwable cause) {
    return new IngestionException(Kind.FAILURE, message, cause);
  }

  public static IngestionException failure(String message) {
    return new IngestionException(Kind.FAILURE, message, null);
  }

  public Kind kind() {
    return kind;
  }

  public int exitCode() {
    return kind.exitCode();
  }

  /** Whether the user can fix this by changing what they passed (the CLI maps it to exit 2). */
  public boolean isBadInput() {
    return kind == Kind.BAD_INPUT;
  }
}
