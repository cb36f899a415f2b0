package org.policyreach.models.ranking;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.policyreach.models.ModelException;

/**
 * Ranks a firm's eligible programs: pair features → model score → diversified top-K → reasons for
 * the chosen ones. Eligibility is the caller's job (core's {@code Eligibility}); this class only
 * orders what it is given. Immutable and thread-safe; broadcast it to Spark executors.
 */
public final class ProgramRanker implements Serializable {
  private static final long serialVersionUID = 1L;

  private final RankingModel model;
  private final PeerStats peers;
  private final ReasonBuilder reasons;
  private final Diversifier diversifier;

  public ProgramRanker(
      RankingModel model, PeerStats peers, ReasonBuilder reasons, Diversifier diversifier) {
    this.model = Objects.requireNonNull(model, "model is null");
    this.peers = Objects.requireNonNull(peers, "peers is null");
    this.reasons = Objects.requireNonNull(reasons, "reasons is null");
    this.diversifier = Objects.requireNonNull(diversifier, "diversifier is null");
    ModelException.check(
        model.featureSet().equals(PairFeatures.VERSION)
            && model.featureNames().equals(PairFeatures.names()),
        "rank programs",
        "the model uses feature set %s %s but this build computes %s %s; re-train the ranker",
        model.featureSet(),
        model.featureNames(),
        PairFeatures.VERSION,
        PairFeatures.names());
  }

  /** The firm's top {@code k} programs among {@code eligible}, with reasons. */
  public List<RankedProgram> rank(FirmSignals firm, List<ProgramSignals> eligible, int k) {
    PeerStats.PeerGroup group = peers.resolve(firm.peerKey());
    double[] x = new double[PairFeatures.COUNT];
    PairFeatures.computeFirm(firm, x);
    Map<String, ProgramSignals> byId = new HashMap<>();
    List<Diversifier.Candidate> candidates = new ArrayList<>(eligible.size());
    for (ProgramSignals program : eligible) {
      if (byId.put(program.programId(), program) != null) {
        throw new ModelException(
            "Cannot rank programs for firm "
                + firm.firmId()
                + ": program "
                + program.programId()
                + " is listed twice");
      }
      PairFeatures.computePair(firm, program, group, x);
      candidates.add(
          Diversifier.Candidate.of(
              program.programId(), program.family(), program.needs(), model.score(x)));
    }
    List<RankedProgram> ranked = new ArrayList<>();
    for (Diversifier.Candidate chosen : diversifier.select(candidates, k)) {
      ProgramSignals program = byId.get(chosen.programId());
      ranked.add(
          new RankedProgram(
              program.programId(),
              ranked.size() + 1,
              chosen.score(),
              reasonsFor(firm, program, group)));
    }
    return List.copyOf(ranked);
  }

  /** The score of one pair; {@code buffer} (length {@link PairFeatures#COUNT}) is reused. */
  public double score(
      FirmSignals firm, ProgramSignals program, PeerStats.PeerGroup group, double[] buffer) {
    PairFeatures.compute(firm, program, group, buffer);
    return model.score(buffer);
  }

  /** Score and reasons of one pair (for target lists). */
  public ScoredPair explain(FirmSignals firm, ProgramSignals program, PeerStats.PeerGroup group) {
    double[] x = PairFeatures.compute(firm, program, group);
    Explanation e = model.explain(x);
    return new ScoredPair(
        firm.firmId(),
        program.programId(),
        e.score(),
        reasons.build(e, firm, program, group.uptake(program.family())));
  }

  private List<Reason> reasonsFor(
      FirmSignals firm, ProgramSignals program, PeerStats.PeerGroup group) {
    Explanation e = model.explain(PairFeatures.compute(firm, program, group));
    return reasons.build(e, firm, program, group.uptake(program.family()));
  }

  public PeerStats.PeerGroup peerGroup(PeerKey key) {
    return peers.resolve(key);
  }

  public RankingModel model() {
    return model;
  }
}
