package org.policyreach.pipelines.airflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AirflowClientTest {
  private FakeAirflow airflow;
  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-26T00:00:00Z"));
  private final List<Duration> sleeps = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    airflow = new FakeAirflow();
  }

  @AfterEach
  void stop() {
    airflow.close();
  }

  private AirflowClient client(String password) {
    return new AirflowClient(
        airflow.settings(password),
        HttpClient.newHttpClient(),
        clock,
        d -> {
          sleeps.add(d);
          clock.advance(d);
        });
  }

  @Test
  void logsInOnceAndReusesTheToken() {
    AirflowClient client = client(FakeAirflow.PASSWORD);
    assertThat(client.dag("daily").paused()).isTrue();
    assertThat(client.unpause("daily").paused()).isFalse();
    assertThat(client.logins()).isEqualTo(1);
    assertThat(airflow.requests())
        .containsExactly("POST /auth/token", "GET /api/v2/dags/daily", "PATCH /api/v2/dags/daily");
  }

  @Test
  void logsInAgainWhenAirflowRejectsTheToken() {
    AirflowClient client = client(FakeAirflow.PASSWORD);
    client.dag("daily");
    airflow.revokeTokens();
    assertThat(client.dag("daily").dagId()).isEqualTo("daily");
    assertThat(client.logins()).isEqualTo(2);
  }

  @Test
  void refreshesTheTokenBeforeItExpires() {
    airflow.tokenExpiry(() -> clock.instant().plus(Duration.ofMinutes(5)));
    AirflowClient client = client(FakeAirflow.PASSWORD);
    String first = client.token();
    clock.advance(Duration.ofMinutes(3));
    assertThat(client.token()).isEqualTo(first);
    clock.advance(Duration.ofMinutes(1).plusSeconds(1)); // within the refresh margin
    assertThat(client.token()).isNotEqualTo(first);
    assertThat(client.logins()).isEqualTo(2);
  }

  @Test
  void wrongPasswordSaysWhatToCheck() {
    AirflowClient client = client("wrong");
    assertThatThrownBy(() -> client.dag("daily"))
        .isInstanceOfSatisfying(
            AirflowException.class,
            e -> {
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.detail()).isEqualTo("Invalid credentials");
              assertThat(e.isBadInput()).isTrue();
            })
        .hasMessageContaining("Cannot log in to Airflow as 'admin'")
        .hasMessageContaining("HTTP 401 (Invalid credentials)")
        .hasMessageContaining("POLICYREACH_AIRFLOW_PASSWORD");
  }

  @Test
  void notFoundCarriesAirflowsDetail() {
    AirflowClient client = client(FakeAirflow.PASSWORD);
    assertThatThrownBy(() -> client.dag("nope"))
        .isInstanceOfSatisfying(AirflowException.class, e -> assertThat(e.status()).isEqualTo(404))
        .hasMessageContaining("Cannot read DAG 'nope'")
        .hasMessageContaining("Dag with dag_id: 'nope' not found")
        .hasMessageContaining("Check the DAG id");
  }

  @Test
  void triggerSendsRunIdConfAndANullLogicalDate() {
    AirflowClient client = client(FakeAirflow.PASSWORD);
    ObjectNode conf = Json.MAPPER.createObjectNode().put("as_of", "2026-04-01");
    DagRun run = client.trigger("daily", "run-1", conf);
    assertThat(run.runId()).isEqualTo("run-1");
    assertThat(run.state()).isEqualTo("queued");
    assertThat(run.conf().path("as_of").asText()).isEqualTo("2026-04-01");
    assertThat(airflow.lastTriggerBody().toString())
        .isEqualTo(
            "{\"dag_run_id\":\"run-1\",\"logical_date\":null,\"conf\":{\"as_of\":\"2026-04-01\"}}");
  }

  @Test
  void aTakenRunIdIsAConflictWithAirflowsReason() {
    AirflowClient client = client(FakeAirflow.PASSWORD);
    assertThatThrownBy(() -> client.trigger("daily", "taken", null))
        .isInstanceOfSatisfying(AirflowException.class, e -> assertThat(e.status()).isEqualTo(409))
        .hasMessageContaining("Unique constraint violation: Serious error")
        .hasMessageContaining("choose another run id");
  }

  @Test
  void confMustBeAnObject() {
    AirflowClient client = client(FakeAirflow.PASSWORD);
    assertThatThrownBy(() -> client.trigger("daily", null, Json.MAPPER.createArrayNode()))
        .isInstanceOf(AirflowException.class)
        .hasMessageContaining("conf must be a JSON object");
  }

  @Test
  void awaitRunPollsWithGrowingPausesUntilTheRunFinishes() {
    airflow.runStates("queued", "running", "running", "running", "running", "running", "success");
    AirflowClient client = client(FakeAirflow.PASSWORD);
    List<String> seen = new ArrayList<>();
    DagRun run = client.awaitRun("daily", "r1", Duration.ofMinutes(10), r -> seen.add(r.state()));
    assertThat(run.isSuccess()).isTrue();
    assertThat(seen).containsExactly("queued", "running", "success");
    assertThat(sleeps)
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8),
            Duration.ofSeconds(10),
            Duration.ofSeconds(10));
  }

  @Test
  void awaitRunGivesUpAtTheDeadlineNamingTheTasks() {
    airflow.runStates("running");
    AirflowClient client = client(FakeAirflow.PASSWORD);
    assertThatThrownBy(
            () ->
                client.awaitRun(
                    "daily", "manual__2026-11-26T00:00:00+00:00", Duration.ofSeconds(20)))
        .isInstanceOf(AirflowException.class)
        .hasMessageContaining("after 20 s: it is still 'running'")
        .hasMessageContaining("ingest_registry=success, build=running")
        .hasMessageContaining("--timeout");
    assertThat(sleeps.stream().reduce(Duration.ZERO, Duration::plus))
        .isEqualTo(Duration.ofSeconds(20));
    assertThat(airflow.requests())
        .contains("GET /api/v2/dags/daily/dagRuns/manual__2026-11-26T00%3A00%3A00%2B00%3A00");
  }

  @Test
  void noAnswerPointsAtTheUrlAndTheStandaloneScript() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    AirflowClient client =
        AirflowClient.connect(
            new AirflowSettings(
                URI.create("http://127.0.0.1:" + port), "admin", "x", Duration.ofSeconds(5)));
    assertThatThrownBy(() -> client.dag("daily"))
        .isInstanceOfSatisfying(
            AirflowException.class,
            e -> {
              assertThat(e.status()).isZero();
              assertThat(e.isBadInput()).isFalse();
            })
        .hasMessageContaining("no answer from Airflow at http://127.0.0.1:" + port)
        .hasMessageContaining("bin/airflow-standalone start");
  }

  @Test
  void settingsComeFromTheEnvironmentAndNeedAPassword() {
    AirflowSettings s =
        AirflowSettings.fromEnvironment(
            Map.of("POLICYREACH_AIRFLOW_URL", "http://af:8080/", "MY_PW", "pw"),
            null,
            "ops",
            "MY_PW");
    assertThat(s.baseUrl()).isEqualTo(URI.create("http://af:8080"));
    assertThat(s.username()).isEqualTo("ops");
    assertThat(s.password()).isEqualTo("pw");
    assertThat(s.toString()).doesNotContain("pw]").contains("password=***");

    assertThatThrownBy(() -> AirflowSettings.fromEnvironment(Map.of(), null, null, null))
        .isInstanceOf(AirflowException.class)
        .hasMessageContaining("http://127.0.0.1:8080 as 'admin'")
        .hasMessageContaining("POLICYREACH_AIRFLOW_PASSWORD holding the password is not set");
    assertThatThrownBy(
            () -> AirflowSettings.fromEnvironment(Map.of("P", "x"), "ftp://x", null, "P"))
        .isInstanceOf(AirflowException.class)
        .hasMessageContaining("Cannot use Airflow URL 'ftp://x'");
  }

  @Test
  void errorDetailsOfEveryShapeAreFlattened() {
    assertThat(AirflowException.detailOf("{\"detail\":\"Not authenticated\"}"))
        .isEqualTo("Not authenticated");
    assertThat(
            AirflowException.detailOf(
                "{\"detail\":[{\"loc\":[\"body\",\"conf\",\"as_of\"],\"msg\":\"bad date\"},"
                    + "{\"loc\":[\"query\",\"limit\"],\"msg\":\"too big\"}]}"))
        .isEqualTo("body.conf.as_of: bad date; query.limit: too big");
    assertThat(AirflowException.detailOf("<html>Bad Gateway</html>"))
        .isEqualTo("<html>Bad Gateway</html>");
    assertThat(AirflowException.detailOf("")).isEmpty();
  }

  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    private Instant now;

    ManualClock(Instant start) {
      this.now = start;
    }

    synchronized void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public synchronized Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("a manual clock stays in UTC");
    }
  }
}
