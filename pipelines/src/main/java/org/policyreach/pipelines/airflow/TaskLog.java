package org.policyreach.pipelines.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The log of one try of a task, as text lines. Airflow 3 serves structured log events (timestamp,
 * level, logger, event, error details); they are rendered one event per line, with an exception's
 * type and message on the line after the event that reported it.
 */
public record TaskLog(
    String dagId, String runId, String taskId, int tryNumber, List<String> lines) {

  private static final Set<String> RENDERED =
      Set.of("timestamp", "level", "logger", "event", "error_detail");

  public TaskLog {
    Objects.requireNonNull(dagId, "dagId is null");
    Objects.requireNonNull(runId, "runId is null");
    Objects.requireNonNull(taskId, "taskId is null");
    lines = List.copyOf(lines);
  }

  /** The whole log as one text. */
  public String text() {
    return String.join("\n", lines);
  }

  static TaskLog fromJson(String dagId, String runId, String taskId, int tryNumber, JsonNode body) {
    List<String> lines = new ArrayList<>();
    for (JsonNode event : body.path("content")) {
      render(event, lines);
    }
    return new TaskLog(dagId, runId, taskId, tryNumber, lines);
  }

  private static void render(JsonNode event, List<String> lines) {
    if (!event.isObject()) {
      lines.add(event.asText());
      return;
    }
    StringBuilder line = new StringBuilder();
    String ts = event.path("timestamp").asText("");
    if (!ts.isEmpty() && !"null".equals(ts)) {
      line.append('[').append(ts).append("] ");
    }
    String level = event.path("level").asText("");
    if (!level.isEmpty()) {
      line.append(level.toUpperCase(Locale.ROOT)).append(' ');
    }
    String logger = event.path("logger").asText("");
    if (!logger.isEmpty()) {
      line.append(logger).append(": ");
    }
    line.append(event.path("event").asText(""));
    for (Map.Entry<String, JsonNode> field : event.properties()) {
      // Context Airflow adds to every event (ids, source location) is noise in a text log.
      String key = field.getKey();
      if (!RENDERED.contains(key) && isExtra(key)) {
        line.append(' ').append(key).append('=').append(field.getValue().asText());
      }
    }
    lines.add(line.toString());
    for (JsonNode error : event.path("error_detail")) {
      lines.add(
          "  "
              + error.path("exc_type").asText("Error")
              + ": "
              + error.path("exc_value").asText(""));
    }
  }

  private static boolean isExtra(String key) {
    return switch (key) {
      case "ti_id",
          "map_index",
          "try_number",
          "run_id",
          "dag_id",
          "task_id",
          "filename",
          "lineno" ->
          false;
      default -> true;
    };
  }
}
