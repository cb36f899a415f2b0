package org.policyreach.ingestion.parse;

/** The project's programs catalog as parser rules, for tests outside this package. */
public final class ParsersTestAccess {
  private ParsersTestAccess() {}

  public static ProgramRules programs() {
    return ParsersTest.PROGRAMS;
  }
}
