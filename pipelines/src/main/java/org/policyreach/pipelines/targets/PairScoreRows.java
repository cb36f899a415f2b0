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
import org.policyreach.models.ranking.PairFeatures;
import org.policyreach.models.ranking.PeerStats;
import org.policyreach.models.ranking.ProgramRanker;
import org.policyreach.models.ranking.ProgramSignals;
import org.policyreach.models.uplift.UpliftModel;
import org.policyreach.pipelines.recommend.FirmInput;
import org.policyreach.pipelines.recommend.LazyIterator;
import org.policyreach.pipelines.recommend.ProgramSpec;
import org.policyreach.pipelines.recommend.UpliftTraining;

/**
 * Every eligible (firm, open program) pair with the ranker's score, in Spark tasks: the candidates
 * of the target lists. The holdout draw is made here, per pair, from the seed (see {@link
 * Holdout}). {@code rank_score} orders the lists: with an uplift model the expected incremental
 * application {@code uplift} = P(apply | pushed) − P(apply | not pushed); without one the ranker's
 * propensity, multiplied by {@code 1 + neverReachedPrior} for a firm that never applied.
 */
final class PairScoreRows implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  static final StructType SCHEMA =
      new StructType()
          .add("program_id", DataTypes.StringType, false)
          .add("corporate_number", DataTypes.StringType, false)
          .add("score", DataTypes.DoubleType, false)
          .add("uplift", DataTypes.DoubleType, true)
          .add("rank_score", DataTypes.DoubleType, false)
          .add("reached", DataTypes.BooleanType, false)
          .add("prefecture_code", DataTypes.StringType, true)
          .add("size_class", DataTypes.StringType, true)
          .add("contacts", DataTypes.IntegerType, false)
          .add("holdout", DataTypes.BooleanType, false);

  private final Broadcast<ProgramRanker> broadcast;
  private final List<ProgramSpec> open;
  private final Map<String, String> familyOf;
  private final LocalDate day;
  private final Holdout holdout;
  private final Broadcast<UpliftModel> uplift;
  private final double neverReachedPrior;

  /**
   * @param uplift the uplift model, or null to rank by propensity with the prior
   * @param neverReachedPrior without an uplift model, a never-reached firm's score × (1 + this)
   */
  PairScoreRows(
      Broadcast<ProgramRanker> ranker,
      List<ProgramSpec> open,
      Map<String, String> familyOf,
      LocalDate day,
      Holdout holdout,
      Broadcast<UpliftModel> uplift,
      double neverReachedPrior) {
    this.uplift = uplift;
    this.neverReachedPrior = neverReachedPrior;
    this.broadcast = ranker;
    this.open = List.copyOf(open);
    this.familyOf = Map.copyOf(familyOf);
    this.day = day;
    this.holdout = holdout;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> firms) {
    ProgramRanker ranker = broadcast.value();
    UpliftModel model = uplift == null ? null : uplift.value();
    Map<String, ProgramSignals> signals = new HashMap<>();
    for (ProgramSpec p : open) {
      signals.put(p.id(), p.signals(day));
    }
    double[] buffer = new double[PairFeatures.COUNT];
    return new LazyIterator<>(
        firms,
        row -> {
          FirmInput firm = FirmInput.of(row, familyOf);
          List<ProgramSpec> eligible = firm.eligible(open, day);
          List<Row> out = new ArrayList<>(eligible.size());
          PeerStats.PeerGroup group = ranker.peerGroup(firm.signals().peerKey());
          for (ProgramSpec p : eligible) {
            double score = ranker.score(firm.signals(), signals.get(p.id()), group, buffer);
            Double lift =
                model == null ? null : model.uplift(buffer); // buffer: the pair's features
            double rankScore =
                lift != null
                    ? lift
                    : UpliftTraining.priorScore(score, !firm.reached(), neverReachedPrior);
            out.add(
                RowFactory.create(
                    p.id(),
                    firm.corporateNumber(),
                    score,
                    lift,
                    rankScore,
                    firm.reached(),
                    firm.prefectureCode(),
                    firm.sizeClass(),
                    firm.contacts(),
                    holdout.isHeldOut(p.id(), firm.corporateNumber())));
          }
          return out;
        });
  }
}
