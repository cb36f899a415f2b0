package org.policyreach.pipelines.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A hand-written stand-in for Airflow 3's API server on a loopback port, answering the few
 * endpoints the client uses the way Airflow does (status codes and error bodies copied from a real
 * Airflow 3.3). The real server is exercised by {@code AirflowIT}; this one makes token expiry,
 * rejections and slow runs happen on demand.
 */
final class FakeAirflow implements AutoCloseable {
  static final String USER = "admin";
  static final String PASSWORD = "s3cret";

  private final HttpServer server;
  private final Set<String> validTokens = new HashSet<>();
  private final Deque<String> runStates = new ArrayDeque<>();
  private final List<String> requests = new ArrayList<>();
  private Supplier<Instant> tokenExpiry = () -> Instant.now().plusSeconds(3600);
  private int tokenCounter;
  private JsonNode lastTriggerBody;

  FakeAirflow() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  AirflowSettings settings(String password) {
    return new AirflowSettings(url(), USER, password, AirflowSettings.DEFAULT_REQUEST_TIMEOUT);
  }

  synchronized void tokenExpiry(Supplier<Instant> expiry) {
    this.tokenExpiry = expiry;
  }

  /** Airflow restarted with a new JWT secret: every token it issued is now rejected. */
  synchronized void revokeTokens() {
    validTokens.clear();
  }

  /** The states GET dagRun answers with, one per call; the last one repeats. */
  synchronized void runStates(String... states) {
    runStates.clear();
    runStates.addAll(List.of(states));
  }

  synchronized List<String> requests() {
    return List.copyOf(requests);
  }

  synchronized JsonNode lastTriggerBody() {
    return lastTriggerBody;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private synchronized void handle(HttpExchange ex) throws IOException {
    String method = ex.getRequestMethod();
    String path = ex.getRequestURI().getRawPath();
    requests.add(method + " " + ex.getRequestURI().getRawPath());
    byte[] in = ex.getRequestBody().readAllBytes();
    JsonNode body = in.length == 0 ? null : Json.MAPPER.readTree(in);
    if (path.equals("/auth/token") && method.equals("POST")) {
      if (body != null
          && USER.equals(body.path("username").asText())
          && PASSWORD.equals(body.path("password").asText())) {
        String token = jwt(tokenExpiry.get());
        validTokens.add(token);
        reply(ex, 201, "{\"access_token\":\"" + token + "\"}");
      } else {
        reply(ex, 401, "{\"detail\":\"Invalid credentials\"}");
      }
      return;
    }
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (auth == null || !validTokens.contains(auth.substring("Bearer ".length()))) {
      reply(ex, 401, "{\"detail\":\"Not authenticated\"}");
      return;
    }
    if (path.equals("/api/v2/dags/daily") && method.equals("GET")) {
      reply(ex, 200, dag(true));
    } else if (path.equals("/api/v2/dags/daily") && method.equals("PATCH")) {
      reply(ex, 200, dag(body.path("is_paused").asBoolean()));
    } else if (path.equals("/api/v2/dags/daily/dagRuns") && method.equals("POST")) {
      lastTriggerBody = body;
      if (!body.has("logical_date")) {
        reply(
            ex,
            422,
            "{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"logical_date\"],"
                + "\"msg\":\"Field required\"}]}");
      } else if (body.path("dag_run_id").asText().equals("taken")) {
        reply(
            ex,
            409,
            "{\"detail\":{\"reason\":\"Unique constraint violation\",\"statement\":\"hidden\","
                + "\"message\":\"Serious error when handling your request.\"}}");
      } else {
        reply(ex, 200, run(body.path("dag_run_id").asText("manual__x"), "queued"));
      }
    } else if (path.startsWith("/api/v2/dags/daily/dagRuns/") && !path.contains("/taskInstances")) {
      String runId =
          java.net.URLDecoder.decode(
              path.substring("/api/v2/dags/daily/dagRuns/".length()), StandardCharsets.UTF_8);
      String state = runStates.size() > 1 ? runStates.poll() : runStates.peek();
      reply(ex, 200, run(runId, state == null ? "queued" : state));
    } else if (path.endsWith("/taskInstances") && method.equals("GET")) {
      reply(
          ex,
          200,
          "{\"task_instances\":[{\"task_id\":\"ingest_registry\",\"state\":\"success\","
              + "\"try_number\":1,\"max_tries\":2},{\"task_id\":\"build\",\"state\":\"running\","
              + "\"try_number\":1,\"max_tries\":2}],\"total_entries\":2}");
    } else {
      reply(ex, 404, "{\"detail\":\"Dag with dag_id: 'nope' not found\"}");
    }
  }

  private static String dag(boolean paused) {
    return "{\"dag_id\":\"daily\",\"is_paused\":"
        + paused
        + ",\"has_import_errors\":false,\"fileloc\":\"/dags/daily.py\"}";
  }

  private static String run(String runId, String state) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("dag_id", "daily");
    n.put("dag_run_id", runId);
    n.put("state", state);
    n.putNull("logical_date");
    n.put("start_date", "2026-11-26T04:29:05.498522Z");
    n.putNull("end_date");
    n.putObject("conf").put("as_of", "2026-04-01");
    return n.toString();
  }

  private String jwt(Instant exp) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header =
        b64.encodeToString("{\"alg\":\"HS512\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String claims =
        b64.encodeToString(
            ("{\"sub\":\"admin\",\"n\":"
                    + (++tokenCounter)
                    + ",\"exp\":"
                    + exp.getEpochSecond()
                    + "}")
                .getBytes(StandardCharsets.UTF_8));
    return header + "." + claims + ".sig";
  }

  private static void reply(HttpExchange ex, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
