package org.policyreach.pipelines.publish;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One row of {@code meta.publications}: the Delta versions of the gold tables of one build that
 * belong together; the serving layer loads exactly these versions and the rows of {@code buildId}.
 *
 * @param tables {@code gold.<table>} → Delta version
 */
public record Publication(
    String publicationId,
    String buildId,
    LocalDate asOf,
    Instant createdAt,
    Map<String, Long> tables) {
  public Publication {
    Objects.requireNonNull(publicationId, "publicationId is null");
    Objects.requireNonNull(buildId, "buildId is null");
    Objects.requireNonNull(asOf, "asOf is null");
    Objects.requireNonNull(createdAt, "createdAt is null");
    tables = Collections.unmodifiableMap(new TreeMap<>(tables));
  }
}
