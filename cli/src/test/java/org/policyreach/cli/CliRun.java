package org.policyreach.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the CLI ({@link PolicyReach#run}): its exit code, stdout and stderr. */
record CliRun(int code, String out, String err) {

  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = PolicyReach.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliRun(code, out.toString(), err.toString());
  }
}
