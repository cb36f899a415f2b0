package org.policyreach.pipelines.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** JSON helpers for Airflow's API answers. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** An ISO-8601 timestamp field ({@code 2026-11-26T04:29:05.498522Z}), empty when null. */
  static Optional<Instant> instant(JsonNode node, String field) {
    JsonNode v = node.path(field);
    if (!v.isTextual() || v.asText().isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(v.asText()).toInstant());
    } catch (DateTimeParseException e) {
      throw AirflowException.failure(
          "Cannot read Airflow's answer: field '"
              + field
              + "' is not an ISO-8601 timestamp: '"
              + v.asText()
              + "'. Is the URL an Airflow 3 API server?",
          e);
    }
  }
}
