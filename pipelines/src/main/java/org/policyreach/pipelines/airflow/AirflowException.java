package org.policyreach.pipelines.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The one error of the Airflow client: a request Airflow refused or could not answer. It carries
 * the HTTP status (0 when no answer came), Airflow's own error detail and, in the message, what to
 * do about it. Errors the caller can fix (credentials, names, a conflicting run id, a bad {@code
 * conf}) are {@link #isBadInput() bad input}; the CLI maps them to exit code 2.
 */
public final class AirflowException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final int status;
  private final String detail;
  private final boolean badInput;

  private AirflowException(
      String message, int status, String detail, boolean badInput, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.detail = detail;
    this.badInput = badInput;
  }

  /** The HTTP status Airflow answered with, or 0 when there was no answer. */
  public int status() {
    return status;
  }

  /** Airflow's error detail (its {@code detail} field, flattened), or "" when there was none. */
  public String detail() {
    return detail;
  }

  /** True when the caller can fix the request (exit code 2 in the CLI). */
  public boolean isBadInput() {
    return badInput;
  }

  /** Airflow answered {@code action} with an error status. */
  static AirflowException http(String action, URI uri, int status, String body) {
    String detail = detailOf(body);
    String message =
        "Cannot "
            + action
            + ": Airflow at "
            + uri.getScheme()
            + "://"
            + uri.getAuthority()
            + " answered HTTP "
            + status
            + (detail.isEmpty() ? "" : " (" + detail + ")")
            + ". "
            + hint(status);
    boolean badInput = status >= 400 && status < 500;
    return new AirflowException(message, status, detail, badInput, null);
  }

  /** No answer: the server is down, the URL is wrong, or the connection broke. */
  static AirflowException unreachable(String action, URI base, IOException cause) {
    return new AirflowException(
        "Cannot "
            + action
            + ": no answer from Airflow at "
            + base
            + " ("
            + cause.getClass().getSimpleName()
            + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
            + "). Check that Airflow runs there (locally: bin/airflow-standalone start) and that"
            + " --url / POLICYREACH_AIRFLOW_URL points at its API server.",
        0,
        "",
        false,
        cause);
  }

  /** The client was interrupted while it waited. */
  static AirflowException interrupted(String action, InterruptedException cause) {
    Thread.currentThread().interrupt();
    return new AirflowException(
        "Cannot " + action + ": interrupted while waiting for Airflow.", 0, "", false, cause);
  }

  /** Something the client was asked to do cannot be done as asked (settings, arguments). */
  static AirflowException badRequest(String message) {
    return new AirflowException(message, 0, "", true, null);
  }

  /** Airflow answered, but not what its API promises, or a wait ran out of time. */
  static AirflowException failure(String message, Throwable cause) {
    return new AirflowException(message, 0, "", false, cause);
  }

  private static String hint(int status) {
    return switch (status) {
      case 401 ->
          "Check the user and password (--user, --password-env; POLICYREACH_AIRFLOW_USER,"
              + " POLICYREACH_AIRFLOW_PASSWORD).";
      case 403 -> "The user lacks the permission: give it the 'op' or 'admin' role in Airflow.";
      case 404 ->
          "Check the DAG id, run id and task id; a DAG appears only after the dag-processor has"
              + " parsed its file (see Airflow's import errors if it never does).";
      case 409 -> "A run with this run id exists already: choose another run id or omit it.";
      case 400, 422 -> "Fix the request (for a trigger, the --conf JSON against the DAG's params).";
      default ->
          status >= 500
              ? "Airflow failed on its side: see the api-server's log, then retry."
              : "See Airflow's API documentation for this status.";
    };
  }

  /**
   * Airflow's FastAPI errors are {@code {"detail": "text"}}, {@code {"detail": [{"loc": [...],
   * "msg": "..."}]}} (validation) or {@code {"detail": {"reason": ..., "message": ...}}}.
   */
  static String detailOf(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      return abbreviate(body.strip());
    }
    JsonNode detail = root.path("detail");
    if (detail.isTextual()) {
      return abbreviate(detail.asText());
    }
    if (detail.isArray()) {
      List<String> parts = new ArrayList<>();
      for (JsonNode d : detail) {
        List<String> loc = new ArrayList<>();
        d.path("loc").forEach(l -> loc.add(l.asText()));
        parts.add(String.join(".", loc) + ": " + d.path("msg").asText(d.toString()));
      }
      return abbreviate(String.join("; ", parts));
    }
    if (detail.isObject()) {
      String reason = detail.path("reason").asText("");
      String message = detail.path("message").asText("");
      String joined = (reason + (reason.isEmpty() || message.isEmpty() ? "" : ": ") + message);
      return abbreviate(joined.isEmpty() ? detail.toString() : joined);
    }
    return abbreviate(root.toString());
  }

  private static String abbreviate(String s) {
    return s.length() <= 500 ? s : s.substring(0, 500) + "…";
  }
}
