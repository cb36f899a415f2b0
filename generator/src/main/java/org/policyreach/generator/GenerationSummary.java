package org.policyreach.generator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run wrote.
 *
 * @param files per file (path relative to the output folder): physical lines, header included
 * @param faultsByFile per file: injected faults per kind id
 * @param faultsByKind per fault kind id: count over all files
 * @param counts population and activity counts (firms, small_scale, applications, events, …)
 */
public record GenerationSummary(
    GeneratorConfig config,
    Map<String, Long> files,
    Map<String, Map<String, Long>> faultsByFile,
    Map<String, Long> faultsByKind,
    Map<String, Long> counts,
    String catalogVersion,
    double seconds) {

  public long totalLines() {
    return files.values().stream().mapToLong(Long::longValue).sum();
  }

  public long totalFaults() {
    return faultsByKind.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The summary as a JSON-ready map (what {@code truth/summary.json} holds). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", Generator.VERSION);
    m.put("seed", config.seed());
    m.put("as_of", config.asOf().toString());
    m.put("firms", config.firms());
    m.put("error_rate", config.errorRate());
    m.put("registry_encoding", config.registryEncodingName());
    m.put("catalog_version", catalogVersion);
    m.put("counts", counts);
    Map<String, Object> perFile = new LinkedHashMap<>();
    for (Map.Entry<String, Long> e : files.entrySet()) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("lines", e.getValue());
      f.put("faults", faultsByFile.getOrDefault(e.getKey(), Map.of()));
      perFile.put(e.getKey(), f);
    }
    m.put("files", perFile);
    m.put("faults", faultsByKind);
    m.put("total_lines", totalLines());
    m.put("total_faults", totalFaults());
    return m;
  }
}
