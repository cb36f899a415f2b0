package org.policyreach.pipelines.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of a DAG as Airflow's API reports it.
 *
 * @param state {@code queued}, {@code running}, {@code success} or {@code failed}
 * @param conf the run's {@code conf} object (an empty object when none was given)
 */
public record DagRun(
    String dagId,
    String runId,
    String state,
    Optional<Instant> logicalDate,
    Optional<Instant> startDate,
    Optional<Instant> endDate,
    JsonNode conf) {

  public DagRun {
    Objects.requireNonNull(dagId, "dagId is null");
    Objects.requireNonNull(runId, "runId is null");
    Objects.requireNonNull(state, "state is null");
    Objects.requireNonNull(logicalDate, "logicalDate is null");
    Objects.requireNonNull(startDate, "startDate is null");
    Objects.requireNonNull(endDate, "endDate is null");
    Objects.requireNonNull(conf, "conf is null");
  }

  /** True once the run has finished, successfully or not. */
  public boolean isFinished() {
    return isSuccess() || isFailed();
  }

  public boolean isSuccess() {
    return "success".equals(state);
  }

  public boolean isFailed() {
    return "failed".equals(state);
  }

  static DagRun fromJson(JsonNode n) {
    return new DagRun(
        n.path("dag_id").asText(),
        n.path("dag_run_id").asText(),
        n.path("state").asText(""),
        Json.instant(n, "logical_date"),
        Json.instant(n, "start_date"),
        Json.instant(n, "end_date"),
        n.path("conf").isObject() ? n.get("conf") : Json.MAPPER.createObjectNode());
  }
}
