package org.policyreach.pipelines.recommend;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.policyreach.models.ranking.ProgramRanker;
import org.policyreach.models.ranking.ProgramSignals;
import org.policyreach.models.ranking.RankedProgram;

/**
 * Scores firms in Spark tasks: eligibility first (core), then the broadcast ranker's diversified
 * top K with reasons; one {@code gold.recommendations} row per chosen program.
 */
final class RecommendationRows implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<ProgramRanker> broadcast;
  private final List<ProgramSpec> candidates;
  private final Map<String, String> familyOf;
  private final LocalDate day;
  private final int k;
  private final String modelId;
  private final String buildId;

  RecommendationRows(
      Broadcast<ProgramRanker> ranker,
      RankingInputs inputs,
      int k,
      String modelId,
      String buildId) {
    this.broadcast = ranker;
    this.candidates = List.copyOf(inputs.candidates());
    this.familyOf = Map.copyOf(inputs.familyOf());
    this.day = inputs.day();
    this.k = k;
    this.modelId = modelId;
    this.buildId = buildId;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> firms) {
    ProgramRanker ranker = broadcast.value();
    Map<String, ProgramSignals> signals = new HashMap<>();
    Map<String, ProgramSpec> specs = new HashMap<>();
    for (ProgramSpec p : candidates) {
      signals.put(p.id(), p.signals(day));
      specs.put(p.id(), p);
    }
    return new LazyIterator<>(
        firms,
        row -> {
          FirmInput firm = FirmInput.of(row, familyOf);
          List<ProgramSpec> eligible = firm.eligible(candidates, day);
          if (eligible.isEmpty()) {
            return List.of();
          }
          List<ProgramSignals> offered = new ArrayList<>(eligible.size());
          for (ProgramSpec p : eligible) {
            offered.add(signals.get(p.id()));
          }
          List<RankedProgram> ranked = ranker.rank(firm.signals(), offered, k);
          List<Row> out = new ArrayList<>(ranked.size());
          for (RankedProgram r : ranked) {
            ProgramSpec p = specs.get(r.programId());
            out.add(
                RowFactory.create(
                    firm.corporateNumber(),
                    r.programId(),
                    r.rank(),
                    r.score(),
                    RecommendationTables.reasonRows(r.reasons()),
                    Date.valueOf(p.closes()),
                    p.daysLeft(day),
                    modelId,
                    buildId));
          }
          return out;
        });
  }
}
