package org.policyreach.pipelines.build;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a stage reports.
 *
 * @param rows rows written per table ({@code gold.firm_profiles} → n)
 * @param details small facts worth printing (k chosen, segments, suppressed cells…)
 */
public record StageOutput(Map<String, Long> rows, Map<String, Object> details) {
  public StageOutput {
    rows = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rows));
    details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }
}
