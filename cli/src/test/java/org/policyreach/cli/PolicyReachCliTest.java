package org.policyreach.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class PolicyReachCliTest {

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = PolicyReach.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void helpListsEveryCommandWithExamples() {
    Run r = run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("demo", "Examples:", "Exit codes");
  }

  @Test
  void noCommandIsBadUsage() {
    Run r = run();
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("Missing command");
  }

  @Test
  void unknownCommandIsBadUsage() {
    Run r = run("frobnicate");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("frobnicate");
  }

  @Test
  void missingConfFolderNamesItAndSaysWhatToDo() {
    Run r = run("--conf", "/nonexistent/conf", "demo", "--no-serve", "--firms", "100");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("/nonexistent/conf").contains("conf/");
  }

  @Test
  void demoRejectsTooFewFirms() {
    Run r = run("demo", "--firms", "5", "--no-serve");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("--firms 5").contains("at least 100");
  }

  @Test
  void pushWorkerRejectsABadPollIntervalBeforeStartingAnything() {
    Run r = run("push", "worker", "--poll-seconds", "0");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("--poll-seconds 0").contains("1 to 3600");
  }

  @Test
  void pushWorkerHelpSaysWhatItRuns() {
    Run r = run("push", "worker", "--help");
    assertThat(r.code()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).contains("_push/requests", "--once", "Examples:");
  }

  @Test
  void exitCodesFollowTheContract() {
    assertThat(ExitCodes.of(new BadInputException("x"))).isEqualTo(2);
    assertThat(ExitCodes.of(new org.policyreach.core.DomainException("CN_LENGTH", "x")))
        .isEqualTo(2);
    assertThat(ExitCodes.of(new IllegalStateException("boom"))).isEqualTo(1);
    assertThat(ExitCodes.of(new RuntimeException("wrapped", new BadInputException("x"))))
        .isEqualTo(2);
  }
}
