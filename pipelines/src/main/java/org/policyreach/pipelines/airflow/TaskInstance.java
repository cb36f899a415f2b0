package org.policyreach.pipelines.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One task of a DAG run.
 *
 * @param state Airflow's task state ({@code success}, {@code failed}, {@code upstream_failed},
 *     {@code skipped}, {@code running}, {@code up_for_retry}, …) or "" before it is scheduled
 * @param tryNumber the latest try (logs exist for tries 1..tryNumber once it has started)
 * @param maxTries how many tries past the first it may have (its retries)
 */
public record TaskInstance(
    String taskId,
    String state,
    int tryNumber,
    int maxTries,
    String operator,
    Optional<Instant> startDate,
    Optional<Instant> endDate) {

  public TaskInstance {
    Objects.requireNonNull(taskId, "taskId is null");
    Objects.requireNonNull(state, "state is null");
    Objects.requireNonNull(operator, "operator is null");
    Objects.requireNonNull(startDate, "startDate is null");
    Objects.requireNonNull(endDate, "endDate is null");
  }

  /** How long the latest try ran, when it has started and ended. */
  public Optional<Duration> duration() {
    return startDate.flatMap(s -> endDate.map(e -> Duration.between(s, e)));
  }

  public boolean isFailed() {
    return "failed".equals(state);
  }

  static TaskInstance fromJson(JsonNode n) {
    return new TaskInstance(
        n.path("task_id").asText(),
        n.path("state").isNull() ? "" : n.path("state").asText(""),
        n.path("try_number").asInt(0),
        n.path("max_tries").asInt(0),
        n.path("operator").isNull() ? "" : n.path("operator").asText(""),
        Json.instant(n, "start_date"),
        Json.instant(n, "end_date"));
  }
}
