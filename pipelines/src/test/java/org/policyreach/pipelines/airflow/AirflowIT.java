package org.policyreach.pipelines.airflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client and the {@code policyreach_daily} DAG on a real Airflow 3.
 *
 * <p>Not part of the default test run (surefire only picks {@code *Test} classes): {@code
 * bin/test.d/20-airflow.run} starts Airflow with {@code bin/airflow-standalone} (dags: {@code
 * pipelines/airflow/dags} and {@code pipelines/airflow/tests/dags}) and runs this class with {@code
 * -Dtest=AirflowIT -Dpolicyreach.airflow.url=…}, the password in {@code
 * POLICYREACH_AIRFLOW_PASSWORD}. The end-to-end tests run the CLI ({@code POLICYREACH_CMD} when set
 * — the suite's snapshot of the packaged CLI, which Airflow's tasks also run — else {@code
 * bin/policyreach}), so the CLI must be built.
 */
class AirflowIT {
  static final String SELFTEST = "policyreach_selftest";
  static final String DAILY = "policyreach_daily";

  /**
   * How long one run of the daily DAG may take: {@code -Dpolicyreach.airflow.run.timeout} seconds
   * (20-airflow.run passes what is left of its own deadline), default 15 minutes.
   */
  static final Duration RUN_TIMEOUT =
      Duration.ofSeconds(Long.getLong("policyreach.airflow.run.timeout", 900));

  /** Firms in the generated dataset: small, the jobs' fixed costs dominate at this size. */
  static final int FIRMS = Integer.getInteger("policyreach.airflow.firms", 200);

  static AirflowClient client;
  static Path root;

  @BeforeAll
  static void connect() {
    String url = System.getProperty("policyreach.airflow.url");
    if (url == null || url.isBlank()) {
      fail(
          "AirflowIT needs a running Airflow: run bin/test.d/20-airflow.run, or start one with"
              + " bin/airflow-standalone start and pass -Dpolicyreach.airflow.url=URL with"
              + " POLICYREACH_AIRFLOW_PASSWORD exported.");
    }
    client =
        AirflowClient.connect(
            AirflowSettings.fromEnvironment(
                System.getenv(), url, System.getProperty("policyreach.airflow.user"), null));
    root =
        Path.of(System.getProperty("policyreach.project.root", "..")).toAbsolutePath().normalize();
    client.awaitDag(SELFTEST, Duration.ofMinutes(2));
    client.awaitDag(DAILY, Duration.ofMinutes(2));
  }

  private static String runId(String what) {
    return "it-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void triggersWaitsAndReadsTheLogsOfEveryTry() {
    assertThat(client.unpause(SELFTEST).paused()).isFalse();
    String runId = runId("selftest");
    DagRun queued = client.trigger(SELFTEST, runId, null);
    assertThat(queued.runId()).isEqualTo(runId);

    List<String> states = new ArrayList<>();
    DagRun done =
        client.awaitRun(SELFTEST, runId, Duration.ofMinutes(5), r -> states.add(r.state()));
    assertThat(done.isSuccess()).as("states seen: %s", states).isTrue();
    assertThat(states).last().isEqualTo("success");

    Map<String, TaskInstance> tasks = byId(client.taskInstances(SELFTEST, runId));
    assertThat(tasks.keySet()).containsExactlyInAnyOrder("hello", "flaky", "maybe_fail");
    assertThat(tasks.values()).allMatch(t -> t.state().equals("success"));
    assertThat(tasks.get("flaky").tryNumber()).isEqualTo(2);

    assertThat(client.log(SELFTEST, runId, "hello").text())
        .contains("selftest hello from " + runId);
    assertThat(client.log(SELFTEST, runId, "flaky", 1).text())
        .contains("RuntimeError: selftest: first try fails on purpose");
    assertThat(client.log(SELFTEST, runId, "flaky", 2).text())
        .contains("selftest: second try succeeds");
    assertThatThrownBy(() -> client.log(SELFTEST, runId, "flaky", 3))
        .isInstanceOfSatisfying(AirflowException.class, e -> assertThat(e.status()).isEqualTo(404));

    assertThatThrownBy(() -> client.trigger(SELFTEST, runId, null))
        .isInstanceOfSatisfying(AirflowException.class, e -> assertThat(e.status()).isEqualTo(409))
        .hasMessageContaining("choose another run id");
  }

  @Test
  void aFailedTaskFailsTheRunAndItsLogTellsWhy() {
    client.unpause(SELFTEST);
    String runId = runId("selftest-fail");
    client.trigger(SELFTEST, runId, Json.MAPPER.createObjectNode().put("fail", true));
    DagRun done = client.awaitRun(SELFTEST, runId, Duration.ofMinutes(5));
    assertThat(done.isFailed()).isTrue();
    assertThat(byId(client.taskInstances(SELFTEST, runId)).get("maybe_fail").state())
        .isEqualTo("failed");
    assertThat(client.log(SELFTEST, runId, "maybe_fail").text())
        .contains("RuntimeError: selftest failure requested by conf");
  }

  @Test
  void confIsValidatedAgainstTheDagsParams() {
    assertThatThrownBy(
            () ->
                client.trigger(
                    SELFTEST, runId("bad-conf"), Json.MAPPER.createObjectNode().put("fail", "yes")))
        .isInstanceOfSatisfying(
            AirflowException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.detail()).contains("fail");
            });
  }

  @Test
  void logsInAgainWhenTheTokenIsGoneAndRejectsAWrongPassword() {
    int before = client.logins();
    client.invalidateToken();
    assertThat(client.dag(SELFTEST).dagId()).isEqualTo(SELFTEST);
    assertThat(client.logins()).isEqualTo(before + 1);

    AirflowSettings s = client.settings();
    AirflowClient wrong =
        AirflowClient.connect(
            new AirflowSettings(s.baseUrl(), s.username(), "wrong", s.requestTimeout()));
    assertThatThrownBy(() -> wrong.dag(SELFTEST))
        .isInstanceOfSatisfying(AirflowException.class, e -> assertThat(e.status()).isEqualTo(401))
        .hasMessageContaining("Invalid credentials");
  }

  @Test
  void theDailyDagFailsOnAMissingInputAndTheLogSaysSo(@TempDir Path tmp) {
    client.unpause(DAILY);
    String runId = runId("daily-missing-input");
    ObjectNode conf =
        dailyConf(tmp.resolve("no-such-input"), tmp.resolve("lakehouse"), "2026-11-26");
    client.trigger(DAILY, runId, conf);
    DagRun done = client.awaitRun(DAILY, runId, RUN_TIMEOUT);
    assertThat(done.isFailed()).isTrue();

    Map<String, TaskInstance> tasks = byId(client.taskInstances(DAILY, runId));
    TaskInstance registry = tasks.get("ingest_registry");
    assertThat(registry.state()).isEqualTo("failed");
    assertThat(registry.tryNumber()).as("bad input is not retried").isEqualTo(1);
    assertThat(tasks.get("build").state()).isEqualTo("upstream_failed");
    assertThat(tasks.get("publish").state()).isEqualTo("upstream_failed");
    assertThat(client.log(DAILY, runId, "ingest_registry", 1).text())
        .contains("rejected its input (exit code 2)")
        .contains("no-such-input");
  }

  @Test
  void theDailyDagBuildsAndPublishesAGeneratedDataset(@TempDir Path tmp) throws Exception {
    Path input = tmp.resolve("input");
    Path lakehouse = tmp.resolve("lakehouse");
    cli(
        tmp,
        "generate",
        "--out",
        input.toString(),
        "--firms",
        Integer.toString(FIRMS),
        "--seed",
        "7");
    String asOf =
        Json.MAPPER.readTree(input.resolve("truth/summary.json").toFile()).path("as_of").asText();

    client.unpause(DAILY);
    String runId = runId("daily");
    client.trigger(DAILY, runId, dailyConf(input, lakehouse, asOf));
    DagRun done = client.awaitRun(DAILY, runId, RUN_TIMEOUT);
    List<TaskInstance> tasks = client.taskInstances(DAILY, runId);
    if (!done.isSuccess()) {
      StringBuilder logs = new StringBuilder();
      for (TaskInstance t : tasks) {
        if (t.isFailed()) {
          logs.append("\n--- ").append(t.taskId()).append(" ---\n");
          logs.append(tail(client.log(DAILY, runId, t.taskId()).text(), 4000));
        }
      }
      fail("run " + runId + " ended " + done.state() + ": " + AirflowClient.summary(tasks) + logs);
    }
    assertThat(tasks).allMatch(t -> t.state().equals("success"));

    String counts =
        cli(
            tmp,
            "--lakehouse",
            fileUri(lakehouse),
            "sql",
            "SELECT (SELECT count(*) FROM silver.firms) AS firms,"
                + " (SELECT count(*) FROM gold.firm_profiles) AS profiles,"
                + " (SELECT count(*) FROM gold.segments) AS segments,"
                + " (SELECT count(*) FROM gold.recommendations) AS recommendations,"
                + " (SELECT count(*) FROM meta.publications) AS publications",
            "--format",
            "json");
    JsonNode row = lastJson(counts).get(0);
    assertThat(row.path("firms").asLong()).isGreaterThan(FIRMS * 8L / 10);
    assertThat(row.path("profiles").asLong()).isGreaterThan(FIRMS * 8L / 10);
    assertThat(row.path("segments").asLong()).isPositive();
    assertThat(row.path("recommendations").asLong()).isPositive();
    assertThat(row.path("publications").asLong()).isPositive();
  }

  private static ObjectNode dailyConf(Path input, Path lakehouse, String asOf) {
    ObjectNode conf = Json.MAPPER.createObjectNode();
    conf.put("repo_root", root.toString());
    conf.put("input_dir", input.toString());
    conf.put("lakehouse", fileUri(lakehouse));
    conf.put("conf_dir", root.resolve("conf").toString());
    conf.put("as_of", asOf);
    conf.put("heap", System.getProperty("policyreach.airflow.task.heap", "2g"));
    return conf;
  }

  /**
   * The lakehouse as a URI in Hadoop's own form, {@code file:/tmp/x}. (Ingestion does not accept
   * {@code file:///tmp/x} yet: Delta normalises it to {@code file:/tmp/x} and then refuses to
   * register a table whose two locations differ.)
   */
  static String fileUri(Path dir) {
    return "file:" + dir.toAbsolutePath();
  }

  private static Map<String, TaskInstance> byId(List<TaskInstance> tasks) {
    return tasks.stream().collect(Collectors.toMap(TaskInstance::taskId, t -> t));
  }

  /** The launcher the DAG's tasks run too: {@code POLICYREACH_CMD}, else bin/policyreach. */
  static String launcher() {
    String cmd = System.getenv("POLICYREACH_CMD");
    return cmd == null || cmd.isBlank() ? root.resolve("bin/policyreach").toString() : cmd;
  }

  /** Runs the CLI and returns its standard output; fails the test on a non-zero exit. */
  private static String cli(Path tmp, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(launcher());
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(tmp, "cli", ".out");
    Path err = Files.createTempFile(tmp, "cli", ".err");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile());
    pb.environment().put("POLICYREACH_HEAP", "2g");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      fail("bin/policyreach " + String.join(" ", args) + " did not finish within 10 minutes");
    }
    if (p.exitValue() != 0) {
      fail(
          "bin/policyreach "
              + String.join(" ", args)
              + " exited "
              + p.exitValue()
              + ":\n"
              + tail(Files.readString(err, StandardCharsets.UTF_8), 3000));
    }
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  private static JsonNode lastJson(String stdout) throws IOException {
    String[] lines = stdout.strip().split("\n");
    try {
      return Json.MAPPER.readTree(lines[lines.length - 1]);
    } catch (IOException e) {
      return Json.MAPPER.readTree(stdout);
    }
  }

  private static String tail(String s, int n) {
    return s.length() <= n ? s : "…" + s.substring(s.length() - n);
  }
}
