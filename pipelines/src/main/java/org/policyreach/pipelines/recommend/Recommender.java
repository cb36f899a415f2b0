package org.policyreach.pipelines.recommend;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.policyreach.core.Need;
import org.policyreach.core.PolicyReachConfig;
import org.policyreach.models.ranking.Diversifier;
import org.policyreach.models.ranking.ProgramRanker;
import org.policyreach.models.ranking.RankingModel;
import org.policyreach.models.ranking.ReasonBuilder;
import org.policyreach.models.registry.ModelArtifact;
import org.policyreach.models.registry.ModelKind;
import org.policyreach.models.registry.ModelRegistry;
import org.policyreach.models.registry.TrainingInfo;
import org.policyreach.pipelines.build.AsOfSilver;
import org.policyreach.pipelines.build.BuildContext;

/**
 * Trains the ranker for a date T and assembles the {@link ProgramRanker} that scores that date: for
 * each training origin (see {@link RankerTraining}) the features come from a {@link ScratchBuild}
 * (the profiles stage run as of the origin; a caller may supply them instead, e.g. {@code evaluate}
 * reusing those of a date across runs) and the labels from the applications visible at the end of
 * its label window, never after T. The model and the peer statistics it scores with are saved in
 * the model registry.
 */
public final class Recommender {
  /** Near-duplicate programs (same need set) lose half their score per one already chosen. */
  public static final double DUPLICATE_PENALTY = 0.5;

  /**
   * @param ranker scores the date of the inputs it was built for
   * @param modelId registry id of the ranking model
   * @param peerStatsId registry id of the peer statistics of the scoring date
   * @param uplift the uplift model's training (its model null when the campaign history is not
   *     enough)
   * @param upliftModelId registry id of the uplift model; null without one
   */
  public record Trained(
      ProgramRanker ranker,
      String modelId,
      String peerStatsId,
      RankerTraining.Result training,
      UpliftTraining.Result uplift,
      String upliftModelId) {

    /** How target lists of this training are ranked: {@link UpliftTraining#BY_UPLIFT} or not. */
    public String rankedBy() {
      return uplift.trained() ? UpliftTraining.BY_UPLIFT : UpliftTraining.BY_PROPENSITY_PRIOR;
    }
  }

  private Recommender() {}

  /**
   * @param ctx the context of date T (its silver gives the labels)
   * @param inputs ranking inputs of date T (their peers go into the ranker)
   */
  public static Trained train(BuildContext ctx, RankingInputs inputs) {
    return train(ctx, inputs, ModelStore.open(ctx.spark(), ctx.lakehouse()));
  }

  /** As {@link #train(BuildContext, RankingInputs)}, saving into {@code store}. */
  public static Trained train(BuildContext ctx, RankingInputs inputs, ModelStore store) {
    return train(ctx, inputs, store, null);
  }

  /**
   * As {@link #train(BuildContext, RankingInputs, ModelStore)}, with the features of each training
   * origin from {@code featuresAt} (ranking inputs as of the origin's feature date, owned and
   * released by the caller, who may reuse them across trainings); null for a {@link ScratchBuild}
   * per origin, released once the origin's rows are collected.
   */
  public static Trained train(
      BuildContext ctx,
      RankingInputs inputs,
      ModelStore store,
      Function<LocalDate, RankingInputs> featuresAt) {
    ModelRegistry registry = store.registry();
    LocalDate t = ctx.asOf();
    PolicyReachConfig.Ranker config = ctx.config().ranker();
    int perOrigin = Math.max(1, config.trainFirms() / config.trainOrigins());
    List<RankerTraining.Origin> origins = new ArrayList<>();
    long t0 = System.nanoTime();
    // One set of silver versions for every origin's features, so the origins see the same silver.
    Map<String, Long> pinned = featuresAt != null ? null : ScratchBuild.pin(ctx);
    UpliftHistory history = UpliftHistory.of(ctx);
    try {
      for (int i = 0; i < config.trainOrigins(); i++) {
        LocalDate labelsTo = t.minusDays((long) i * config.originStepDays());
        LocalDate from = labelsTo.minusDays(config.labelDays());
        AsOfSilver labels = i == 0 ? ctx.silver() : ctx.silverAt(labelsTo);
        if (featuresAt != null) {
          RankingInputs features = featuresAt.apply(from);
          origins.add(RankerTraining.collect(features, labels, perOrigin, config.trainSeed()));
          history.collect(features, from);
          continue;
        }
        try (ScratchBuild past = ScratchBuild.of(ctx, pinned, from, "features-" + i)) {
          RankingInputs features = RankingInputs.at(past.context(), past.profiles());
          try {
            origins.add(RankerTraining.collect(features, labels, perOrigin, config.trainSeed()));
            history.collect(features, from);
          } finally {
            features.release();
          }
        }
      }
    } finally {
      history.release();
    }
    UpliftTraining.Result uplift = history.fit();
    RankerTraining.Result result =
        RankerTraining.fit(
            origins,
            t,
            config.trainSeed(),
            RankingModel.Options.defaults(),
            (System.nanoTime() - t0) / 1e9);
    Map<String, Long> peerSizes = new LinkedHashMap<>();
    peerSizes.put("firms", inputs.peers().totalFirms());
    peerSizes.put("groups", (long) inputs.peers().groups().size());
    ModelArtifact<?> peers =
        registry.save(
            ModelKind.PEER_STATS,
            inputs.peers(),
            new TrainingInfo(null, t, peerSizes, Map.of("source", "gold.firm_profiles")),
            Map.of());
    Map<String, String> details = new LinkedHashMap<>(result.info().details());
    details.put("scoring_peer_stats", peers.modelId());
    TrainingInfo info =
        new TrainingInfo(
            result.info().dataFrom(), result.info().dataTo(), result.info().sampleSizes(), details);
    ModelArtifact<RankingModel> model =
        registry.save(ModelKind.RANKER, result.model(), info, result.metrics());
    String upliftId = null;
    if (uplift.trained()) {
      upliftId =
          registry
              .save(
                  ModelKind.UPLIFT,
                  uplift.model(),
                  new TrainingInfo(
                      history.firstPush(),
                      t,
                      uplift.sizes(),
                      Map.of(
                          "feature_set",
                          uplift.model().featureSet(),
                          "campaigns",
                          history.campaignIds(),
                          "outcome_days",
                          Integer.toString(ctx.config().uplift().outcomeDays()))),
                  uplift.metrics())
              .modelId();
    }
    store.push();
    ProgramRanker ranker =
        new ProgramRanker(
            result.model(),
            inputs.peers(),
            new ReasonBuilder(needLabels(ctx), ReasonBuilder.Options.defaults()),
            new Diversifier(ctx.config().recommend().perFamilyMax(), DUPLICATE_PENALTY));
    return new Trained(ranker, model.modelId(), peers.modelId(), result, uplift, upliftId);
  }

  /** Need id → Japanese label, for reason texts. */
  public static Map<String, String> needLabels(BuildContext ctx) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (Need n : ctx.needs().needs()) {
      labels.put(n.id(), n.labelJa());
    }
    return labels;
  }
}
