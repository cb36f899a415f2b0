package org.policyreach.cli;

import java.util.function.BooleanSupplier;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Prints a failure as one readable message (and the stack trace only with --verbose). */
final class ErrorHandler implements IExecutionExceptionHandler {
  private final BooleanSupplier verbose;

  ErrorHandler(BooleanSupplier verbose) {
    this.verbose = verbose;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    int code = ExitCodes.of(ex);
    String what = code == ExitCodes.BAD_INPUT ? "bad input" : "failed";
    cmd.getErr().println("policyreach " + cmd.getCommandName() + ": " + what + ": " + message(ex));
    if (verbose.getAsBoolean()) {
      ex.printStackTrace(cmd.getErr());
    } else if (code == ExitCodes.FAILURE) {
      cmd.getErr().println("(run again with --verbose for the stack trace)");
    }
    cmd.getErr().flush();
    return code;
  }

  static String message(Throwable t) {
    StringBuilder sb = new StringBuilder(String.valueOf(t.getMessage()));
    Throwable c = t.getCause();
    int depth = 0;
    while (c != null && c != t && depth++ < 3) {
      if (c.getMessage() != null && !sb.toString().contains(c.getMessage())) {
        sb.append("\n  caused by: ")
            .append(c.getClass().getSimpleName())
            .append(": ")
            .append(c.getMessage());
      }
      t = c;
      c = c.getCause();
    }
    return sb.toString();
  }
}
