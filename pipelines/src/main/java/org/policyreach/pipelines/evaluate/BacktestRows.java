package org.policyreach.pipelines.evaluate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.policyreach.models.metrics.RankingMetrics;
import org.policyreach.models.metrics.ScoredItem;
import org.policyreach.models.ranking.Diversifier;
import org.policyreach.models.ranking.PairFeatures;
import org.policyreach.models.ranking.PeerStats;
import org.policyreach.models.ranking.ProgramRanker;
import org.policyreach.models.ranking.ProgramSignals;
import org.policyreach.pipelines.recommend.FirmInput;
import org.policyreach.pipelines.recommend.LazyIterator;
import org.policyreach.pipelines.recommend.ProgramSpec;
import org.policyreach.pipelines.recommend.Spark;

/**
 * Per firm and method, in Spark tasks: the diversified top-k list among the firm's eligible
 * programs as of T and its metrics against the programs it applied to in (T, T + horizon] ({@code
 * relevant}) — restricted to programs it was eligible for at T, the only ones any method could have
 * recommended.
 */
final class BacktestRows implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  static final String RELEVANT = "relevant";

  static final StructType SCHEMA =
      new StructType()
          .add("corporate_number", DataTypes.StringType, false)
          .add("method", DataTypes.StringType, false)
          .add("reached", DataTypes.BooleanType, false)
          .add("evaluated", DataTypes.BooleanType, false)
          .add("precision", DataTypes.DoubleType, false)
          .add("recall", DataTypes.DoubleType, false)
          .add("ndcg", DataTypes.DoubleType, false)
          .add("hit", DataTypes.DoubleType, false)
          .add("applied_to_listed", DataTypes.BooleanType, false)
          .add("items", DataTypes.createArrayType(DataTypes.StringType, false), false);

  private final Broadcast<ProgramRanker> broadcast;
  private final Diversifier diversifier;
  private final List<ProgramSpec> candidates;
  private final Map<String, String> familyOf;
  private final LocalDate day;
  private final int k;

  BacktestRows(
      Broadcast<ProgramRanker> ranker,
      Diversifier diversifier,
      List<ProgramSpec> candidates,
      Map<String, String> familyOf,
      LocalDate day,
      int k) {
    this.broadcast = ranker;
    this.diversifier = diversifier;
    this.candidates = List.copyOf(candidates);
    this.familyOf = Map.copyOf(familyOf);
    this.day = day;
    this.k = k;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> firms) {
    ProgramRanker ranker = broadcast.value();
    Map<String, ProgramSignals> signals = new HashMap<>();
    for (ProgramSpec p : candidates) {
      signals.put(p.id(), p.signals(day));
    }
    double[] x = new double[PairFeatures.COUNT];
    return new LazyIterator<>(
        firms,
        row -> {
          FirmInput firm = FirmInput.of(row, familyOf);
          List<ProgramSpec> eligible = firm.eligible(candidates, day);
          if (eligible.isEmpty()) {
            return List.of();
          }
          Set<String> applied = new HashSet<>();
          for (Object p : Spark.<Object>list(row, RELEVANT)) {
            applied.add(String.valueOf(p));
          }
          Set<String> relevant = new HashSet<>();
          PeerStats.PeerGroup group = ranker.peerGroup(firm.signals().peerKey());
          Map<Method, List<Diversifier.Candidate>> lists = new java.util.EnumMap<>(Method.class);
          for (Method m : Method.values()) {
            lists.put(m, new ArrayList<>(eligible.size()));
          }
          for (ProgramSpec p : eligible) {
            if (applied.contains(p.id())) {
              relevant.add(p.id());
            }
            ProgramSignals s = signals.get(p.id());
            double model = ranker.score(firm.signals(), s, group, x); // fills x
            add(lists, Method.MODEL, p, model);
            add(lists, Method.POPULARITY, p, group.popularity(p.family()));
            add(lists, Method.NEED_MATCH, p, x[PairFeatures.NEED_MATCH]);
          }
          List<Row> out = new ArrayList<>(Method.values().length);
          for (Method m : Method.values()) {
            out.add(row(firm, m, diversifier.select(lists.get(m), k), relevant));
          }
          return out;
        });
  }

  private static void add(
      Map<Method, List<Diversifier.Candidate>> lists, Method m, ProgramSpec p, double score) {
    lists.get(m).add(Diversifier.Candidate.of(p.id(), p.family(), p.needs(), score));
  }

  private Row row(
      FirmInput firm, Method method, List<Diversifier.Candidate> chosen, Set<String> relevant) {
    List<ScoredItem> items = new ArrayList<>(chosen.size());
    List<String> ids = new ArrayList<>(chosen.size());
    boolean appliedToListed = false;
    for (Diversifier.Candidate c : chosen) {
      items.add(new ScoredItem(c.programId(), c.score()));
      ids.add(c.programId());
      appliedToListed |= relevant.contains(c.programId());
    }
    double precision = 0;
    double recall = 0;
    double ndcg = 0;
    double hit = 0;
    boolean evaluated = !relevant.isEmpty();
    if (evaluated) {
      RankingMetrics.Result r =
          RankingMetrics.evaluate(
              Map.of(firm.corporateNumber(), items),
              Map.of(firm.corporateNumber(), relevant),
              k,
              Math.max(1, items.size()));
      precision = r.precision();
      recall = r.recall();
      ndcg = r.ndcg();
      hit = r.hitRate();
    }
    return RowFactory.create(
        firm.corporateNumber(),
        method.key(),
        firm.reached(),
        evaluated,
        precision,
        recall,
        ndcg,
        hit,
        appliedToListed,
        Spark.array(ids));
  }
}
