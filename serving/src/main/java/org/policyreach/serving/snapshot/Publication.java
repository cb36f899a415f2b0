package org.policyreach.serving.snapshot;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * One row of {@code meta.publications}: the gold table versions that belong to one build.
 *
 * @param tables table name ({@code gold.recommendations}) → Delta version
 */
public record Publication(
    String publicationId,
    String buildId,
    LocalDate asOf,
    Instant createdAt,
    Map<String, Long> tables) {
  public Publication {
    requireNonNull(publicationId, "publicationId is null");
    requireNonNull(buildId, "buildId is null");
    requireNonNull(createdAt, "createdAt is null");
    tables = Map.copyOf(tables);
  }
}
