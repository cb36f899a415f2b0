package org.policyreach.pipelines.build;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a build: id, as-of date, per-stage timings and outputs, and the Delta version of
 * every gold table written.
 */
public record BuildResult(
    String buildId,
    LocalDate asOf,
    Instant startedAt,
    double seconds,
    List<StageResult> stages,
    Map<String, Long> versions) {

  /** One stage's timing and output. */
  public record StageResult(String name, double seconds, StageOutput output) {}

  public BuildResult {
    stages = List.copyOf(stages);
    versions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(versions));
  }

  /** Rows written per table across stages. */
  public Map<String, Long> rows() {
    Map<String, Long> rows = new LinkedHashMap<>();
    for (StageResult s : stages) {
      rows.putAll(s.output().rows());
    }
    return rows;
  }

  /**
   * One JSON object: {@code {"build_id", "as_of", "started_at", "seconds", "stages": [{"name",
   * "seconds", "rows": {table: n}, "details": {…}}], "rows": {table: n}, "versions": {table: v}}}.
   */
  public String toJson() {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("build_id", buildId);
    root.put("as_of", asOf.toString());
    root.put("started_at", startedAt.toString());
    root.put("seconds", round(seconds));
    var stageArray = root.putArray("stages");
    for (StageResult s : stages) {
      ObjectNode node = stageArray.addObject();
      node.put("name", s.name());
      node.put("seconds", round(s.seconds()));
      node.set("rows", mapper.valueToTree(s.output().rows()));
      node.set("details", mapper.valueToTree(s.output().details()));
    }
    root.set("rows", mapper.valueToTree(rows()));
    root.set("versions", mapper.valueToTree(versions));
    try {
      return mapper.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the build result as JSON", e);
    }
  }

  private static double round(double seconds) {
    return Math.round(seconds * 1000) / 1000.0;
  }
}
