package org.policyreach.pipelines.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A client for Airflow 3's REST API ({@code /api/v2}) on {@code java.net.http}: logs in with a user
 * and password ({@code POST /auth/token}, Airflow's simple or FAB auth manager) and refreshes the
 * JWT before it expires or when Airflow rejects it; unpauses DAGs, triggers runs with a {@code
 * conf} and run id, waits for them with backoff and a deadline, lists task instances and fetches a
 * task's log by try number. Every failure is an {@link AirflowException} carrying the HTTP status,
 * Airflow's detail and what to do.
 *
 * <p>Thread-safe: one client may be shared.
 */
public final class AirflowClient {
  /** A token this close to its expiry is replaced before use. */
  static final Duration TOKEN_REFRESH_MARGIN = Duration.ofSeconds(60);

  /** First and largest pause between two polls of a run's state. */
  static final Duration FIRST_POLL = Duration.ofSeconds(1);

  static final Duration MAX_POLL = Duration.ofSeconds(10);

  /** Pauses the waiting methods; tests may pass one that does not really sleep. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final AirflowSettings settings;
  private final HttpClient http;
  private final Clock clock;
  private final Sleeper sleeper;
  private String token;
  private Instant tokenRefreshAt = Instant.MIN;
  private int logins;

  AirflowClient(AirflowSettings settings, HttpClient http, Clock clock, Sleeper sleeper) {
    this.settings = Objects.requireNonNull(settings, "settings is null");
    this.http = Objects.requireNonNull(http, "http is null");
    this.clock = Objects.requireNonNull(clock, "clock is null");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper is null");
  }

  /** A client for these settings; it logs in on its first request. */
  public static AirflowClient connect(AirflowSettings settings) {
    HttpClient http =
        HttpClient.newBuilder()
            // HTTP/1.1: the JDK's default h2c upgrade attempt makes uvicorn drop a POST's body.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    return new AirflowClient(
        settings, http, Clock.systemUTC(), d -> Thread.sleep(Math.max(1, d.toMillis())));
  }

  public AirflowSettings settings() {
    return settings;
  }

  /** How many times this client has logged in (the first token and every refresh). */
  public synchronized int logins() {
    return logins;
  }

  /** A valid JWT: the cached one, or a new one when there is none or it is about to expire. */
  public synchronized String token() {
    if (token == null || !clock.instant().isBefore(tokenRefreshAt)) {
      login();
    }
    return token;
  }

  /** Forgets the cached token so that the next request logs in again. */
  public synchronized void invalidateToken() {
    token = null;
  }

  private void login() {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("username", settings.username());
    body.put("password", settings.password());
    String action = "log in to Airflow as '" + settings.username() + "'";
    JsonNode answer = send(action, "POST", "/auth/token", body, false);
    String access = answer.path("access_token").asText("");
    if (access.isEmpty()) {
      throw AirflowException.failure(
          "Cannot "
              + action
              + ": the answer of POST /auth/token has no access_token. Is "
              + settings.baseUrl()
              + " an Airflow 3 API server?",
          null);
    }
    token = access;
    tokenRefreshAt = expiryOf(access).minus(TOKEN_REFRESH_MARGIN);
    logins++;
  }

  /**
   * When a JWT expires, from its {@code exp} claim. A token without one is renewed after five
   * minutes (Airflow rejecting it earlier also triggers a renewal).
   */
  Instant expiryOf(String jwt) {
    String[] parts = jwt.split("\\.");
    if (parts.length >= 2) {
      try {
        JsonNode claims = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
        if (claims.path("exp").canConvertToLong()) {
          return Instant.ofEpochSecond(claims.path("exp").asLong());
        }
      } catch (IOException | IllegalArgumentException e) {
        // Not a JWT we can read: fall through to the conservative default.
      }
    }
    return clock.instant().plus(Duration.ofMinutes(5)).plus(TOKEN_REFRESH_MARGIN);
  }

  /** The DAG, once Airflow has parsed its file. */
  public Dag dag(String dagId) {
    return Dag.fromJson(send("read DAG '" + dagId + "'", "GET", "/api/v2/dags/" + seg(dagId)));
  }

  /**
   * Waits until Airflow has parsed the DAG (a new file takes a dag-processor cycle). On timeout the
   * message lists Airflow's import errors, which usually say why.
   */
  public Dag awaitDag(String dagId, Duration timeout) {
    Instant deadline = clock.instant().plus(timeout);
    Duration pause = FIRST_POLL;
    while (true) {
      try {
        return dag(dagId);
      } catch (AirflowException e) {
        if (e.status() != 404) {
          throw e;
        }
        if (!clock.instant().isBefore(deadline)) {
          throw AirflowException.failure(
              "Cannot find DAG '"
                  + dagId
                  + "' in Airflow at "
                  + settings.baseUrl()
                  + " after waiting "
                  + timeout.toSeconds()
                  + " s. Check that its file is in the dags folder and imports cleanly."
                  + importErrorsSummary(),
              e);
        }
      }
      pause = pause(pause, deadline);
    }
  }

  /** Unpauses the DAG (a paused DAG's triggered runs stay queued). */
  public Dag unpause(String dagId) {
    return setPaused(dagId, false);
  }

  public Dag setPaused(String dagId, boolean paused) {
    ObjectNode body = Json.MAPPER.createObjectNode().put("is_paused", paused);
    String action = (paused ? "pause" : "unpause") + " DAG '" + dagId + "'";
    return Dag.fromJson(
        send(action, "PATCH", "/api/v2/dags/" + seg(dagId) + "?update_mask=is_paused", body, true));
  }

  /**
   * Triggers a run now.
   *
   * @param runId the run id, or null to let Airflow name it ({@code manual__<time>})
   * @param conf the run's {@code conf} object (checked by Airflow against the DAG's params), or
   *     null
   */
  public DagRun trigger(String dagId, String runId, JsonNode conf) {
    if (conf != null && !conf.isObject()) {
      throw AirflowException.badRequest(
          "Cannot trigger DAG '"
              + dagId
              + "': conf must be a JSON object such as {\"as_of\": \"2026-04-01\"}, got "
              + conf);
    }
    ObjectNode body = Json.MAPPER.createObjectNode();
    if (runId != null) {
      body.put("dag_run_id", runId);
    }
    // Airflow 3 requires the field; null means "no logical date" for a manual run.
    body.putNull("logical_date");
    body.set("conf", conf == null ? Json.MAPPER.createObjectNode() : conf);
    String action =
        "trigger DAG '" + dagId + "'" + (runId == null ? "" : " as run '" + runId + "'");
    return DagRun.fromJson(
        send(action, "POST", "/api/v2/dags/" + seg(dagId) + "/dagRuns", body, true));
  }

  public DagRun dagRun(String dagId, String runId) {
    return DagRun.fromJson(
        send("read run '" + runId + "' of DAG '" + dagId + "'", "GET", runPath(dagId, runId)));
  }

  /**
   * Waits until the run has finished; see {@link #awaitRun(String, String, Duration, Consumer)}.
   */
  public DagRun awaitRun(String dagId, String runId, Duration timeout) {
    return awaitRun(dagId, runId, timeout, r -> {});
  }

  /**
   * Polls the run until it succeeds or fails, pausing 1 s, 2 s, 4 s … up to 10 s between polls, and
   * gives up at the deadline with an error naming the tasks still running.
   *
   * @param onChange called with the run whenever its state changes (and once at the start)
   */
  public DagRun awaitRun(String dagId, String runId, Duration timeout, Consumer<DagRun> onChange) {
    Instant deadline = clock.instant().plus(timeout);
    Duration pause = FIRST_POLL;
    String lastState = null;
    while (true) {
      DagRun run = dagRun(dagId, runId);
      if (!run.state().equals(lastState)) {
        onChange.accept(run);
        lastState = run.state();
      }
      if (run.isFinished()) {
        return run;
      }
      if (!clock.instant().isBefore(deadline)) {
        throw AirflowException.failure(
            "Gave up waiting for run '"
                + runId
                + "' of DAG '"
                + dagId
                + "' after "
                + timeout.toSeconds()
                + " s: it is still '"
                + run.state()
                + "' ("
                + summary(taskInstances(dagId, runId))
                + "). Wait longer (--timeout) or follow it with 'policyreach airflow status "
                + runId
                + "'.",
            null);
      }
      pause = pause(pause, deadline);
    }
  }

  /** The run's task instances in Airflow's order. */
  public List<TaskInstance> taskInstances(String dagId, String runId) {
    JsonNode answer =
        send(
            "list the tasks of run '" + runId + "' of DAG '" + dagId + "'",
            "GET",
            runPath(dagId, runId) + "/taskInstances?limit=1000");
    List<TaskInstance> tasks = new ArrayList<>();
    for (JsonNode n : answer.path("task_instances")) {
      tasks.add(TaskInstance.fromJson(n));
    }
    return tasks;
  }

  public TaskInstance taskInstance(String dagId, String runId, String taskId) {
    return TaskInstance.fromJson(
        send(
            "read task '" + taskId + "' of run '" + runId + "'",
            "GET",
            runPath(dagId, runId) + "/taskInstances/" + seg(taskId)));
  }

  /** The log of the task's latest try. */
  public TaskLog log(String dagId, String runId, String taskId) {
    TaskInstance ti = taskInstance(dagId, runId, taskId);
    if (ti.tryNumber() < 1) {
      throw AirflowException.badRequest(
          "Cannot read the log of task '"
              + taskId
              + "' of run '"
              + runId
              + "': it has not started yet (state '"
              + ti.state()
              + "'). Try again once it has run.");
    }
    return log(dagId, runId, taskId, ti.tryNumber());
  }

  /** The whole log of one try (1 = the first) of a task. */
  public TaskLog log(String dagId, String runId, String taskId, int tryNumber) {
    if (tryNumber < 1) {
      throw AirflowException.badRequest(
          "Cannot read try " + tryNumber + " of task '" + taskId + "': tries count from 1.");
    }
    JsonNode answer =
        send(
            "read the log of try " + tryNumber + " of task '" + taskId + "' in run '" + runId + "'",
            "GET",
            runPath(dagId, runId)
                + "/taskInstances/"
                + seg(taskId)
                + "/logs/"
                + tryNumber
                + "?full_content=true");
    return TaskLog.fromJson(dagId, runId, taskId, tryNumber, answer);
  }

  private String importErrorsSummary() {
    try {
      JsonNode answer = send("list import errors", "GET", "/api/v2/importErrors?limit=20");
      List<String> errors = new ArrayList<>();
      for (JsonNode e : answer.path("import_errors")) {
        String trace = e.path("stack_trace").asText("").strip();
        String last = trace.isEmpty() ? "" : trace.substring(trace.lastIndexOf('\n') + 1);
        errors.add(e.path("filename").asText() + ": " + last);
      }
      return errors.isEmpty()
          ? " Airflow reports no import errors."
          : " Airflow's import errors: " + String.join("; ", errors);
    } catch (AirflowException e) {
      return "";
    }
  }

  static String summary(List<TaskInstance> tasks) {
    return tasks.stream()
        .map(t -> t.taskId() + "=" + (t.state().isEmpty() ? "none" : t.state()))
        .collect(Collectors.joining(", "));
  }

  private Duration pause(Duration pause, Instant deadline) {
    Duration left = Duration.between(clock.instant(), deadline);
    Duration sleep = left.isNegative() || left.isZero() ? Duration.ZERO : min(pause, left);
    try {
      if (!sleep.isZero()) {
        sleeper.sleep(sleep);
      }
    } catch (InterruptedException e) {
      throw AirflowException.interrupted("wait for Airflow", e);
    }
    return min(pause.multipliedBy(2), MAX_POLL);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static String runPath(String dagId, String runId) {
    return "/api/v2/dags/" + seg(dagId) + "/dagRuns/" + seg(runId);
  }

  /** One path segment, percent-encoded (run ids contain ':' and '+'). */
  static String seg(String s) {
    Objects.requireNonNull(s, "path segment is null");
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private JsonNode send(String action, String method, String pathAndQuery) {
    return send(action, method, pathAndQuery, null, true);
  }

  private JsonNode send(
      String action, String method, String pathAndQuery, JsonNode body, boolean authenticated) {
    HttpResponse<String> response = exchange(action, method, pathAndQuery, body, authenticated);
    if (response.statusCode() == 401 && authenticated) {
      // The token expired early or Airflow restarted with a new secret: log in again once.
      invalidateToken();
      response = exchange(action, method, pathAndQuery, body, true);
    }
    URI uri = response.uri();
    if (response.statusCode() / 100 != 2) {
      throw AirflowException.http(action, uri, response.statusCode(), response.body());
    }
    String text = response.body();
    if (text == null || text.isBlank()) {
      return NullNode.getInstance();
    }
    try {
      return Json.MAPPER.readTree(text);
    } catch (IOException e) {
      throw AirflowException.failure(
          "Cannot "
              + action
              + ": Airflow's answer from "
              + uri
              + " is not JSON. Is the URL an Airflow 3 API server?",
          e);
    }
  }

  private HttpResponse<String> exchange(
      String action, String method, String pathAndQuery, JsonNode body, boolean authenticated) {
    URI uri = URI.create(settings.baseUrl() + pathAndQuery);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(settings.requestTimeout())
            .header("Accept", "application/json");
    if (authenticated) {
      request.header("Authorization", "Bearer " + token());
    }
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw AirflowException.unreachable(action, settings.baseUrl(), e);
    } catch (InterruptedException e) {
      throw AirflowException.interrupted(action, e);
    }
  }
}
