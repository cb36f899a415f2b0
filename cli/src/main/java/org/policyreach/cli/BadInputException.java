package org.policyreach.cli;

/** A problem with what the user asked for: a missing file, a bad value. Exit code 2. */
public final class BadInputException extends RuntimeException {
  public BadInputException(String message) {
    super(message);
  }
}
