package org.policyreach.pipelines.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A DAG as Airflow knows it after parsing its file.
 *
 * @param paused paused DAGs are not scheduled, and their triggered runs wait until unpaused
 * @param hasImportErrors the file failed to parse last time (its runs cannot be triggered)
 * @param fileloc the DAG file
 */
public record Dag(String dagId, boolean paused, boolean hasImportErrors, String fileloc) {
  public Dag {
    Objects.requireNonNull(dagId, "dagId is null");
    Objects.requireNonNull(fileloc, "fileloc is null");
  }

  static Dag fromJson(JsonNode n) {
    return new Dag(
        n.path("dag_id").asText(),
        n.path("is_paused").asBoolean(false),
        n.path("has_import_errors").asBoolean(false),
        n.path("fileloc").asText(""));
  }
}
