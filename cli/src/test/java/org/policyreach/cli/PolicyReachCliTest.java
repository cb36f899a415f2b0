package org.policyreach.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PolicyReachCliTest {

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void helpListsEveryCommandWithExamples() {
    CliRun r = run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("demo", "Examples:", "Exit codes");
  }

  @Test
  void noCommandIsBadUsage() {
    CliRun r = run();
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("Missing command");
  }

  @Test
  void unknownCommandIsBadUsage() {
    CliRun r = run("frobnicate");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("frobnicate");
  }

  @Test
  void missingConfFolderNamesItAndSaysWhatToDo() {
    CliRun r = run("--conf", "/nonexistent/conf", "demo", "--no-serve", "--firms", "100");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("/nonexistent/conf").contains("conf/");
  }

  @Test
  void demoRejectsTooFewFirms() {
    CliRun r = run("demo", "--firms", "5", "--no-serve");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("--firms 5").contains("at least 100");
  }

  @Test
  void pushWorkerRejectsABadPollIntervalBeforeStartingAnything() {
    CliRun r = run("push", "worker", "--poll-seconds", "0");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("--poll-seconds 0").contains("1 to 3600");
  }

  @Test
  void pushWorkerHelpSaysWhatItRuns() {
    CliRun r = run("push", "worker", "--help");
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
