package org.policyreach.pipelines.evaluate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of {@code policyreach evaluate}.
 *
 * @param methods method key ({@code model}, {@code popularity}, {@code need_match}) → metric name
 *     ({@code recall@5}, …) → value
 * @param upliftRanking the methods' rankings of later campaigns' audiences ({@link UpliftBacktest})
 * @param horizonComplete whether {@code asOf + horizonDays} lies within the data (else the later
 *     applications are cut short and every figure is a lower bound)
 */
public record EvaluationResult(
    String evaluationId,
    LocalDate asOf,
    int horizonDays,
    boolean horizonComplete,
    String modelId,
    int candidatePrograms,
    long firms,
    Map<String, Map<String, Double>> methods,
    UpliftReadout.Result uplift,
    UpliftBacktest.Result upliftRanking,
    long metricRows,
    double seconds) {

  public EvaluationResult {
    Map<String, Map<String, Double>> copy = new LinkedHashMap<>();
    methods.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
    methods = Collections.unmodifiableMap(copy);
  }

  /** A metric of a method ({@code metric("model", "recall@5")}). */
  public double metric(String method, String metric) {
    Map<String, Double> m = methods.get(method);
    Double v = m == null ? null : m.get(metric);
    if (v == null) {
      throw new IllegalArgumentException(
          "No metric " + metric + " for method " + method + " (have " + methods + ")");
    }
    return v;
  }

  /**
   * One JSON object: {@code {"as_of", "horizon_days", "horizon_complete", "evaluation_id",
   * "model_id", "candidate_programs", "firms", "model": {"recall@5", "precision@5", "ndcg@5", …},
   * "popularity": {…}, "need_match": {…}, "uplift": {"push_build_id", "push_date", "outcomes_to",
   * "programs": [{"program_id", "treated_basis" ("ledger": delivered contacts; "list": the list's
   * flags, no contacts recorded), "treated", "treated_applied", "holdout", "holdout_applied",
   * "treated_rate", "holdout_rate", "uplift", "ci95": [lo, hi]}]}, "uplift_ranking": {"campaigns",
   * "members", "planted", "note", "uplift": {"qini", "incremental_top10", …}, "propensity": {…},
   * "propensity_prior": {…}}, "metric_rows", "seconds"}}.
   */
  public String toJson() {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("as_of", asOf.toString());
    root.put("horizon_days", horizonDays);
    root.put("horizon_complete", horizonComplete);
    root.put("evaluation_id", evaluationId);
    root.put("model_id", modelId);
    root.put("candidate_programs", candidatePrograms);
    root.put("firms", firms);
    methods.forEach(
        (method, metrics) -> {
          ObjectNode m = root.putObject(method);
          metrics.forEach((name, value) -> m.put(name, round(value)));
        });
    ObjectNode u = root.putObject("uplift");
    u.put("push_build_id", uplift.pushBuildId());
    u.put("push_date", uplift.pushDate() == null ? null : uplift.pushDate().toString());
    u.put("outcomes_to", uplift.outcomesTo() == null ? null : uplift.outcomesTo().toString());
    ArrayNode programs = u.putArray("programs");
    for (UpliftReadout.ProgramUplift p : uplift.programs()) {
      ObjectNode n = programs.addObject();
      var e = p.estimate();
      n.put("program_id", p.programId());
      n.put("treated_basis", p.basis());
      n.put("treated", e.treated());
      n.put("treated_applied", e.treatedApplied());
      n.put("holdout", e.holdout());
      n.put("holdout_applied", e.holdoutApplied());
      n.put("treated_rate", round(e.treatedRate()));
      n.put("holdout_rate", round(e.holdoutRate()));
      n.put("uplift", round(e.difference()));
      n.putArray("ci95").add(round(e.lower())).add(round(e.upper()));
    }
    ObjectNode ur = root.putObject("uplift_ranking");
    ArrayNode cs = ur.putArray("campaigns");
    upliftRanking.campaigns().forEach(cs::add);
    ur.put("members", upliftRanking.members());
    ur.put("planted", upliftRanking.planted());
    ur.put("note", upliftRanking.note());
    upliftRanking
        .methods()
        .forEach(
            (method, metrics) -> {
              ObjectNode m = ur.putObject(method);
              metrics.forEach(
                  (name, value) -> {
                    if (Double.isFinite(value)) {
                      m.put(name, round(value));
                    } else {
                      m.putNull(name);
                    }
                  });
            });
    root.put("metric_rows", metricRows);
    root.put("seconds", Math.round(seconds * 1000) / 1000.0);
    try {
      return mapper.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the evaluation result as JSON", e);
    }
  }

  private static double round(double v) {
    return Math.round(v * 1e6) / 1e6;
  }
}
