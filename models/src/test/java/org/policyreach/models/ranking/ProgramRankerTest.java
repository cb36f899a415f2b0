package org.policyreach.models.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.policyreach.models.ranking.PairFeatures.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.policyreach.models.ModelException;
import org.policyreach.models.Standardizer;

class ProgramRankerTest {
  static final RankingModel MODEL =
      Fixtures.model(
          -2, Fixtures.weights(NEED_MATCH, 2.0, PEER_UPTAKE, 1.0, DEADLINE_PROXIMITY, 0.5));

  static ProgramRanker ranker() {
    return new ProgramRanker(
        MODEL,
        ColdStartRankerTest.peers(),
        new ReasonBuilder(Fixtures.NEED_LABELS, ReasonBuilder.Options.defaults()),
        Diversifier.defaults());
  }

  @Test
  void ranksByScoreKeepingOneProgramPerFamilyWithReasons() {
    FirmSignals firm =
        Fixtures.firm(Map.of("equipment", 0.9, "digital", 0.6), true, 1, 0, Set.of("jizokuka"));
    List<RankedProgram> ranked = ranker().rank(firm, ColdStartRankerTest.PROGRAMS, 10);

    assertThat(ranked)
        .extracting(RankedProgram::programId)
        .containsExactly("mono-2025b", "it-2026", "jizokuka-17");
    assertThat(ranked).extracting(RankedProgram::rank).containsExactly(1, 2, 3);
    assertThat(ranked).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
    assertThat(ranked.get(0).reasons())
        .extracting(Reason::code)
        .contains(ReasonCode.NEED_MATCH, ReasonCode.DEADLINE_SOON);

    ProgramSignals mono = ColdStartRankerTest.PROGRAMS.get(1);
    ScoredPair pair = ranker().explain(firm, mono, ranker().peerGroup(firm.peerKey()));
    assertThat(pair.score()).isEqualTo(ranked.get(0).score());
    assertThat(pair.reasons()).isEqualTo(ranked.get(0).reasons());
    double[] buffer = new double[COUNT];
    assertThat(ranker().score(firm, mono, ranker().peerGroup(firm.peerKey()), buffer))
        .isEqualTo(pair.score());
  }

  @Test
  void rejectsDuplicatesAndForeignFeatureSets() {
    FirmSignals firm = Fixtures.firm(Map.of(), false, 0, 0, Set.of());
    List<ProgramSignals> twice = new ArrayList<>(ColdStartRankerTest.PROGRAMS);
    twice.add(ColdStartRankerTest.PROGRAMS.get(0));
    assertThatThrownBy(() -> ranker().rank(firm, twice, 3))
        .isInstanceOf(ModelException.class)
        .hasMessage(
            "Cannot rank programs for firm 4010401098455: program mono-2026 is listed twice");

    RankingModel foreign =
        new RankingModel(
            "pair-v0",
            List.of("a"),
            new Standardizer(new double[] {0}, new double[] {1}),
            0,
            new double[] {1},
            1);
    assertThatThrownBy(
            () ->
                new ProgramRanker(
                    foreign,
                    ColdStartRankerTest.peers(),
                    new ReasonBuilder(Fixtures.NEED_LABELS, ReasonBuilder.Options.defaults()),
                    Diversifier.defaults()))
        .hasMessageStartingWith(
            "Cannot rank programs: the model uses feature set pair-v0 [a] but this build computes pair-v1");
  }

  @Test
  void pairFeaturesFollowTheDocumentedDefinitions() {
    FirmSignals firm =
        new FirmSignals(
            "x",
            Fixtures.MAKER_TOKYO,
            Map.of("equipment", 0.8, "sales", 0.2),
            true,
            4,
            1,
            Double.NaN,
            Set.of("mono"));
    ProgramSignals p =
        new ProgramSignals(
            "p", "mono", List.of("equipment", "sales"), 0, 15, 2, true, false, 4_500_000);
    PeerStats.PeerGroup group = ColdStartRankerTest.peers().resolve(Fixtures.MAKER_TOKYO);
    double[] x = PairFeatures.compute(firm, p, group);

    assertThat(x[NEED_MATCH]).isEqualTo(0.5);
    assertThat(x[MAX_NEED_SCORE]).isEqualTo(0.8);
    assertThat(x[PEER_UPTAKE]).isEqualTo(group.share("mono"));
    assertThat(x[PROGRAM_POPULARITY]).isEqualTo(0.2);
    assertThat(x[DEADLINE_PROXIMITY]).isEqualTo(Math.exp(-0.5));
    assertThat(x[OPENS_SOON]).isZero();
    assertThat(x[NOVELTY]).isZero();
    assertThat(x[NOT_YET_REACHED]).isZero();
    assertThat(x[LOG_APPLICATIONS]).isEqualTo(Math.log(5));
    assertThat(x[AWARD_RATE]).isEqualTo(0.25);
    assertThat(x[SIZE_MATCH]).isEqualTo(0.5);
    assertThat(x[INDUSTRY_TARGETED]).isEqualTo(1);
    assertThat(x[REGION_TARGETED]).isZero();
    assertThat(x[LOG_FIRM_AGE]).isZero();
    assertThat(x[LOG_MAX_AMOUNT]).isEqualTo(Math.log1p(4.5));
    assertThat(PairFeatures.names()).hasSize(COUNT).doesNotHaveDuplicates();
  }
}
