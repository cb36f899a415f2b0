package org.policyreach.pipelines.recommend;

import java.util.Objects;
import org.policyreach.models.ranking.ProgramRanker;
import org.policyreach.models.uplift.UpliftModel;

/**
 * What the recommendations stage hands to the targets stage of the same build: the trained ranker
 * (model, peers of the build date, reasons, diversifier), its registry id, the ranking inputs and,
 * when the campaign history sufficed, the uplift model and its id (both null otherwise).
 */
public record RankingRun(
    ProgramRanker ranker,
    String modelId,
    RankingInputs inputs,
    UpliftModel uplift,
    String upliftModelId) {
  public RankingRun {
    Objects.requireNonNull(ranker, "ranker is null");
    Objects.requireNonNull(modelId, "modelId is null");
    Objects.requireNonNull(inputs, "inputs is null");
    if ((uplift == null) != (upliftModelId == null)) {
      throw new IllegalArgumentException("an uplift model and its id come together");
    }
  }

  /** A run without an uplift model. */
  public RankingRun(ProgramRanker ranker, String modelId, RankingInputs inputs) {
    this(ranker, modelId, inputs, null, null);
  }

  /** Passes a {@link RankingRun} from one stage to the next within one build. */
  public static final class Handoff {
    private RankingRun run;

    public synchronized void put(RankingRun r) {
      this.run = Objects.requireNonNull(r, "run is null");
    }

    /** The run of this build, or a failure that says which stage must come first. */
    public synchronized RankingRun take(String stage) {
      if (run == null) {
        throw org.policyreach.pipelines.PipelineException.failure(
            "Cannot run build stage '"
                + stage
                + "': the recommendations stage has not run in this build; put it first"
                + " (see RecommendStages.all())");
      }
      return run;
    }

    /** Forgets the run and releases its cached frame. */
    public synchronized void release() {
      if (run != null) {
        run.inputs().release();
        run = null;
      }
    }
  }
}
