package org.policyreach.pipelines.targets;

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
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.policyreach.models.ranking.PeerStats;
import org.policyreach.models.ranking.ProgramRanker;
import org.policyreach.models.ranking.ScoredPair;
import org.policyreach.pipelines.recommend.FirmInput;
import org.policyreach.pipelines.recommend.LazyIterator;
import org.policyreach.pipelines.recommend.ProgramSpec;
import org.policyreach.pipelines.recommend.RecommendationTables;
import org.policyreach.pipelines.recommend.Spark;

/**
 * Reasons for chosen target pairs, from the same ranker and reason builder as the firm's own
 * recommendations: input rows are frame rows with a {@code programs} array of the firm's chosen
 * programs.
 */
final class ExplainRows implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  static final String PROGRAMS = "programs";

  static final StructType SCHEMA =
      new StructType()
          .add("corporate_number", DataTypes.StringType, false)
          .add("program_id", DataTypes.StringType, false)
          .add("reasons", RecommendationTables.REASONS, false);

  private final Broadcast<ProgramRanker> broadcast;
  private final List<ProgramSpec> programs;
  private final Map<String, String> familyOf;
  private final LocalDate day;

  ExplainRows(
      Broadcast<ProgramRanker> ranker,
      List<ProgramSpec> programs,
      Map<String, String> familyOf,
      LocalDate day) {
    this.broadcast = ranker;
    this.programs = List.copyOf(programs);
    this.familyOf = Map.copyOf(familyOf);
    this.day = day;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> firms) {
    ProgramRanker ranker = broadcast.value();
    Map<String, ProgramSpec> byId = new HashMap<>();
    for (ProgramSpec p : programs) {
      byId.put(p.id(), p);
    }
    return new LazyIterator<>(
        firms,
        row -> {
          FirmInput firm = FirmInput.of(row, familyOf);
          PeerStats.PeerGroup group = ranker.peerGroup(firm.signals().peerKey());
          List<Row> out = new ArrayList<>();
          for (Object id : Spark.<Object>list(row, PROGRAMS)) {
            ProgramSpec p = byId.get(String.valueOf(id));
            ScoredPair pair = ranker.explain(firm.signals(), p.signals(day), group);
            out.add(
                RowFactory.create(
                    firm.corporateNumber(),
                    p.id(),
                    RecommendationTables.reasonRows(pair.reasons())));
          }
          return out;
        });
  }
}
