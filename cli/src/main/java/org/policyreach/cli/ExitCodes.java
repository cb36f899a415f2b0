package org.policyreach.cli;

/** Exit codes of the CLI contract: 0 success, 1 failure, 2 bad usage or bad input. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int BAD_INPUT = 2;

  private ExitCodes() {}

  /**
   * Maps an exception to its exit code. Errors in what the user gave us (usage, files,
   * configuration, domain validation) are 2; everything else is 1. Error types are matched by name
   * so this class needs no compile-time dependency on each module's error type.
   */
  public static int of(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof picocli.CommandLine.ParameterException) {
        return BAD_INPUT;
      }
      if (c instanceof BadInputException) {
        return BAD_INPUT;
      }
      String name = c.getClass().getSimpleName();
      if (name.equals("DomainException") || name.equals("ConfigException")) {
        return BAD_INPUT;
      }
      if (isBadInputKind(c)) {
        return BAD_INPUT;
      }
    }
    return FAILURE;
  }

  /** Module errors that carry {@code isBadInput()} (e.g. IngestionException) say it themselves. */
  private static boolean isBadInputKind(Throwable t) {
    try {
      Object v = t.getClass().getMethod("isBadInput").invoke(t);
      return Boolean.TRUE.equals(v);
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }
}
