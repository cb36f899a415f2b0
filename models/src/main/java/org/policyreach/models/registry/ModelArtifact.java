package org.policyreach.models.registry;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** A saved model with its id, provenance and evaluation metrics. */
public record ModelArtifact<M>(
    String modelId,
    ModelKind<M> kind,
    Instant createdAt,
    TrainingInfo training,
    Map<String, Double> metrics,
    M model) {
  public ModelArtifact {
    Objects.requireNonNull(modelId, "modelId is null");
    Objects.requireNonNull(kind, "kind is null");
    Objects.requireNonNull(createdAt, "createdAt is null");
    Objects.requireNonNull(training, "training is null");
    Objects.requireNonNull(model, "model is null");
    metrics = Collections.unmodifiableMap(new TreeMap<>(metrics));
  }
}
