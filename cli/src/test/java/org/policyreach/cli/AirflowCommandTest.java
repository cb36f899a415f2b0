package org.policyreach.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The {@code airflow} command's arguments and errors. Its work against a real Airflow is run by
 * bin/test.d/20-airflow.run (trigger --wait, status, logs against bin/airflow-standalone).
 */
class AirflowCommandTest {
  /** An environment variable no machine sets, so the password is surely missing. */
  static final String UNSET = "POLICYREACH_TEST_UNSET_PASSWORD_VARIABLE";

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void helpListsTheSubcommands() {
    CliRun r = run("airflow", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("trigger", "status", "logs", "POLICYREACH_AIRFLOW_URL");
  }

  @Test
  void aMissingPasswordIsBadInputNamingTheVariable() {
    CliRun r = run("airflow", "status", "--password-env", UNSET, "run-1");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains(UNSET + " holding the password is not set");
  }

  @Test
  void confMustBeAJsonObject() {
    CliRun r = run("airflow", "trigger", "--run-conf", "[1, 2]", "--password-env", UNSET);
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("--run-conf must be a JSON object");
    assertThat(run("airflow", "trigger", "--run-conf", "{as_of", "--password-env", UNSET).err())
        .contains("--run-conf is not valid JSON");
  }

  @Test
  void noAirflowAtTheUrlIsAFailureThatSaysWhereItLooked() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    CliRun r =
        run(
            "airflow",
            "status",
            "--url",
            "http://127.0.0.1:" + port,
            "--password-env",
            "PATH", // any variable that is set will do: the request never gets an answer
            "--dag",
            "policyreach_selftest",
            "run-1");
    assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
    assertThat(r.err())
        .contains("no answer from Airflow at http://127.0.0.1:" + port)
        .contains("bin/airflow-standalone start");
  }

  @Test
  void timeoutsAreWrittenWithAUnit() {
    assertThat(AirflowCommand.parseDuration("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(AirflowCommand.parseDuration("30m")).isEqualTo(Duration.ofMinutes(30));
    assertThat(AirflowCommand.parseDuration("2h")).isEqualTo(Duration.ofHours(2));
    assertThatThrownBy(() -> AirflowCommand.parseDuration("soon"))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("e.g. 90s, 30m, 2h");
  }
}
