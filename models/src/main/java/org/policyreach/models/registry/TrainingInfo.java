package org.policyreach.models.registry;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a model was trained on: the data range (for the ranker: features as of {@code dataFrom} =
 * T−h, labels in (T−h, T] with {@code dataTo} = T), sample sizes ("rows", "positives", "firms", …)
 * and free-form details ("lambda", "seed", "horizon_days", …).
 */
public record TrainingInfo(
    LocalDate dataFrom,
    LocalDate dataTo,
    Map<String, Long> sampleSizes,
    Map<String, String> details) {
  public TrainingInfo {
    Objects.requireNonNull(dataTo, "dataTo is null (the model id carries its date)");
    sampleSizes = java.util.Collections.unmodifiableMap(new TreeMap<>(sampleSizes));
    details = java.util.Collections.unmodifiableMap(new TreeMap<>(details));
  }
}
