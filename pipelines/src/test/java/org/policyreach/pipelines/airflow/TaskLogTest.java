package org.policyreach.pipelines.airflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class TaskLogTest {

  @Test
  void rendersAirflowsStructuredEventsAsLines() throws Exception {
    // Trimmed from a real Airflow 3.3 answer to GET .../logs/1?full_content=true.
    JsonNode body =
        Json.MAPPER.readTree(
            """
            {"content":[
              {"event":"::group::Log message source details"},
              {"timestamp":"2026-11-26T04:29:08.711870Z","event":"::group::Pre Execute","level":"info",
               "logger":"task","filename":"task_runner.py","lineno":2412},
              {"timestamp":"2026-11-26T04:29:08.9Z","event":"{\\"read\\": 10}","level":"info",
               "logger":"task.stdout","ti_id":"01a2","try_number":1,"run_id":"t1","dag_id":"d","task_id":"t"},
              {"timestamp":"2026-11-26T04:29:08.774904Z","event":"Task failed with exception",
               "level":"error","logger":"task","error_detail":[{"exc_type":"RuntimeError",
               "exc_value":"selftest: first try fails on purpose","frames":[]}]},
              "a line Airflow could not parse"
            ],"continuation_token":null}
            """);
    TaskLog log = TaskLog.fromJson("d", "t1", "t", 1, body);
    assertThat(log.lines())
        .containsExactly(
            "::group::Log message source details",
            "[2026-11-26T04:29:08.711870Z] INFO task: ::group::Pre Execute",
            "[2026-11-26T04:29:08.9Z] INFO task.stdout: {\"read\": 10}",
            "[2026-11-26T04:29:08.774904Z] ERROR task: Task failed with exception",
            "  RuntimeError: selftest: first try fails on purpose",
            "a line Airflow could not parse");
    assertThat(log.text()).contains("RuntimeError: selftest");
  }
}
