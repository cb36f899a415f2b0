package org.policyreach.models.ranking;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.policyreach.models.ModelException;

/**
 * Ranks eligible programs for a firm known only by industry, size and prefecture (a new firm, or
 * one the profiles do not cover yet):
 *
 * <pre>score = needWeight · needPrior + peerWeight · peerShare / max(peerShare over candidates)
 * </pre>
 *
 * where {@code needPrior} is the peers' mean need score averaged over the program's needs and
 * {@code peerShare} the peers' uptake of the program's family, both with {@link PeerStats}'
 * back-off. A component of at least {@code minComponent} gives a reason (NEED_MATCH, and
 * PEER_UPTAKE or, when only the global level had enough firms, POPULAR_PROGRAM).
 */
public final class ColdStartRanker implements Serializable {
  private static final long serialVersionUID = 1L;

  public record Options(double needWeight, double peerWeight, double minComponent, int maxReasons)
      implements Serializable {
    public Options {
      ModelException.check(
          needWeight >= 0 && peerWeight >= 0 && needWeight + peerWeight > 0 && maxReasons >= 1,
          "configure cold-start ranker",
          "weights (%s, %s) must be ≥ 0 and not both 0; maxReasons (%d) ≥ 1",
          needWeight,
          peerWeight,
          maxReasons);
    }

    public static Options defaults() {
      return new Options(0.5, 0.5, 0.1, 3);
    }
  }

  private final PeerStats peers;
  private final Map<String, String> needLabelsJa;
  private final Map<String, Integer> needIndex = new HashMap<>();
  private final Diversifier diversifier;
  private final Options options;

  public ColdStartRanker(
      PeerStats peers, Map<String, String> needLabelsJa, Diversifier diversifier, Options options) {
    this.peers = Objects.requireNonNull(peers, "peers is null");
    this.needLabelsJa = Map.copyOf(needLabelsJa);
    this.diversifier = Objects.requireNonNull(diversifier, "diversifier is null");
    this.options = Objects.requireNonNull(options, "options is null");
    for (int i = 0; i < peers.needIds().size(); i++) {
      needIndex.put(peers.needIds().get(i), i);
    }
  }

  public List<RankedProgram> rank(PeerKey key, List<ProgramSignals> eligible, int k) {
    PeerStats.PeerGroup group = peers.resolve(key);
    int n = eligible.size();
    double[] needPrior = new double[n];
    PeerUptake[] uptake = new PeerUptake[n];
    double maxShare = 0;
    for (int i = 0; i < n; i++) {
      ProgramSignals p = eligible.get(i);
      needPrior[i] = needPrior(group, p);
      uptake[i] = group.uptake(p.family());
      maxShare = Math.max(maxShare, uptake[i].share());
    }
    Map<String, Integer> byId = new HashMap<>();
    List<Diversifier.Candidate> candidates = new ArrayList<>(n);
    double[] needPart = new double[n];
    double[] peerPart = new double[n];
    for (int i = 0; i < n; i++) {
      ProgramSignals p = eligible.get(i);
      ModelException.check(
          byId.put(p.programId(), i) == null,
          "rank programs for a new firm " + key,
          "program %s is listed twice",
          p.programId());
      needPart[i] = options.needWeight() * needPrior[i];
      peerPart[i] = maxShare > 0 ? options.peerWeight() * uptake[i].share() / maxShare : 0.0;
      candidates.add(
          Diversifier.Candidate.of(
              p.programId(), p.family(), p.needs(), needPart[i] + peerPart[i]));
    }
    List<RankedProgram> ranked = new ArrayList<>();
    for (Diversifier.Candidate chosen : diversifier.select(candidates, k)) {
      int i = byId.get(chosen.programId());
      ranked.add(
          new RankedProgram(
              chosen.programId(),
              ranked.size() + 1,
              chosen.score(),
              reasons(group, eligible.get(i), uptake[i], needPart[i], peerPart[i])));
    }
    return List.copyOf(ranked);
  }

  private double needPrior(PeerStats.PeerGroup group, ProgramSignals program) {
    if (program.needs().isEmpty()) {
      return 0.0;
    }
    double sum = 0;
    for (String need : program.needs()) {
      Integer index = needIndex.get(need);
      sum += index == null ? 0.0 : group.meanNeedScore(index);
    }
    return sum / program.needs().size();
  }

  private List<Reason> reasons(
      PeerStats.PeerGroup group,
      ProgramSignals program,
      PeerUptake uptake,
      double needPart,
      double peerPart) {
    List<Reason> reasons = new ArrayList<>();
    String topNeed = null;
    double topScore = 0;
    for (String need : program.needs()) {
      Integer index = needIndex.get(need);
      double score = index == null ? 0.0 : group.meanNeedScore(index);
      if (score > topScore) {
        topScore = score;
        topNeed = need;
      }
    }
    if (needPart >= options.minComponent() && topNeed != null) {
      String label = needLabelsJa.get(topNeed);
      if (label == null) {
        throw new ModelException(
            "Cannot write the NEED_MATCH reason: need "
                + topNeed
                + " has no Japanese label; pass every need of conf/needs.yaml to"
                + " ColdStartRanker");
      }
      reasons.add(
          new Reason(ReasonCode.NEED_MATCH, "「" + label + "」のニーズが見込まれる（同業の企業の傾向より）", needPart));
    }
    if (peerPart >= options.minComponent()) {
      reasons.add(
          uptake.level() == PeerLevel.ALL
              ? new Reason(ReasonCode.POPULAR_PROGRAM, "多くの企業が利用している支援策です", peerPart)
              : new Reason(
                  ReasonCode.PEER_UPTAKE, uptake.level().labelJa() + "の企業の利用が多い", peerPart));
    }
    return ReasonBuilder.pick(reasons, options.maxReasons());
  }
}
