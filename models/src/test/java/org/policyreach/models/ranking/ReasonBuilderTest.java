package org.policyreach.models.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.policyreach.models.ranking.PairFeatures.*;

import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.policyreach.models.ModelException;

class ReasonBuilderTest {
  static final ReasonBuilder REASONS =
      new ReasonBuilder(Fixtures.NEED_LABELS, ReasonBuilder.Options.defaults());

  static final RankingModel MODEL =
      Fixtures.model(
          -3,
          Fixtures.weights(
              NEED_MATCH,
              1.0,
              MAX_NEED_SCORE,
              0.5,
              PEER_UPTAKE,
              0.8,
              DEADLINE_PROXIMITY,
              1.0,
              NOVELTY,
              -0.4,
              NOT_YET_REACHED,
              -0.6,
              SIZE_MATCH,
              0.5,
              INDUSTRY_TARGETED,
              0.7,
              REGION_TARGETED,
              0.2));

  /** A reached firm with a strong equipment need, a program it applied to before. */
  static double[] features() {
    double[] x = new double[COUNT];
    x[NEED_MATCH] = 0.9; // z 0.8 → 0.8
    x[MAX_NEED_SCORE] = 0.9; // z 0.8 → 0.4
    x[PEER_UPTAKE] = 1.5; // z 2 → 1.6
    x[DEADLINE_PROXIMITY] = Math.exp(-12 / 30.0); // z 0.34 → 0.34
    x[NOVELTY] = 0; // z −1 → +0.4, but the firm did apply to this family: no reason
    x[NOT_YET_REACHED] = 0; // z −1 → +0.6, but the firm was reached: no reason
    x[SIZE_MATCH] = 1; // z 1 → 0.5
    x[INDUSTRY_TARGETED] = 1; // z 1 → 0.7
    x[REGION_TARGETED] = 0; // z −1 → −0.2
    return x;
  }

  static final FirmSignals FIRM =
      Fixtures.firm(Map.of("equipment", 0.9), true, 2, 1, Set.of("monozukuri"));
  static final ProgramSignals PROGRAM =
      new ProgramSignals(
          "monozukuri-2026", "monozukuri", List.of("equipment"), 0, 12, 1, true, false, 12_500_000);
  static final PeerUptake PEERS = new PeerUptake(0.2, PeerLevel.INDUSTRY_SIZE_REGION, 40);

  @Test
  void givesTheStrongestTrueDriversWithOneEligibilityReason() {
    List<Reason> reasons = REASONS.build(MODEL.explain(features()), FIRM, PROGRAM, PEERS);

    assertThat(reasons)
        .extracting(Reason::code)
        .containsExactly(
            ReasonCode.PEER_UPTAKE, ReasonCode.NEED_MATCH, ReasonCode.ELIGIBLE_INDUSTRY);
    assertThat(reasons)
        .extracting(Reason::message)
        .containsExactly("同業・同規模・同地域の企業の利用が多い", "「設備投資」のニーズが高い（過去の申請より）", "対象となる業種です");
    assertThat(reasons.get(1).contribution())
        .isCloseTo(1.2, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void withMoreRoomStillOnlyPositiveTrueDriversAndOneEligibilityReason() {
    ReasonBuilder wide =
        new ReasonBuilder(Fixtures.NEED_LABELS, new ReasonBuilder.Options(0.1, 10, 30));
    List<Reason> reasons = wide.build(MODEL.explain(features()), FIRM, PROGRAM, PEERS);

    assertThat(reasons)
        .extracting(Reason::code)
        .containsExactly(
            ReasonCode.PEER_UPTAKE,
            ReasonCode.NEED_MATCH,
            ReasonCode.ELIGIBLE_INDUSTRY,
            ReasonCode.DEADLINE_SOON);
    assertThat(reasons.get(3).message()).isEqualTo("締切まであと12日");
  }

  @Test
  void factsDecideTheWording() {
    FirmSignals unreached = Fixtures.firm(Map.of("equipment", 0.9), false, 0, 0, Set.of());
    RankingModel m =
        Fixtures.model(
            -3,
            Fixtures.weights(NEED_MATCH, 1.0, NOT_YET_REACHED, 0.5, NOVELTY, 0.3, OPENS_SOON, 0.4));
    double[] x = features();
    x[NOT_YET_REACHED] = 1;
    x[NOVELTY] = 1;
    x[OPENS_SOON] = 1;
    ProgramSignals opensIn5 =
        new ProgramSignals("p", "f", List.of("equipment"), 5, 40, 0, false, false, 0);
    ReasonBuilder wide =
        new ReasonBuilder(Fixtures.NEED_LABELS, new ReasonBuilder.Options(0.1, 10, 30));

    assertThat(wide.build(m.explain(x), unreached, opensIn5, PEERS))
        .extracting(Reason::message)
        .containsExactly(
            "「設備投資」のニーズが見込まれる（同業の企業の傾向より）",
            "これまで支援策を利用していません",
            "まもなく公募開始（あと5日）",
            "まだ申請したことのない支援策です");
  }

  @Test
  void aDeadlineFarAwayIsNoReasonEvenIfItHelps() {
    RankingModel m = Fixtures.model(-3, Fixtures.weights(DEADLINE_PROXIMITY, 5.0));
    double[] x = new double[COUNT];
    x[DEADLINE_PROXIMITY] = Math.exp(-45 / 30.0) + 0.5; // above the mean
    ProgramSignals far = new ProgramSignals("p", "f", List.of(), 0, 45, 0, false, false, 0);
    assertThat(REASONS.build(m.explain(x), FIRM, far, PEERS)).isEmpty();
  }

  @Test
  void formatsAmountsTheJapaneseWay() {
    assertThat(ReasonBuilder.yen(12_500_000)).isEqualTo("1,250万円");
    assertThat(ReasonBuilder.yen(150_000_000)).isEqualTo("1.5億円");
    assertThat(ReasonBuilder.yen(9_000)).isEqualTo("9,000円");
  }

  @Test
  void aNeedWithoutLabelIsAClearError() {
    ReasonBuilder noLabels = new ReasonBuilder(Map.of(), ReasonBuilder.Options.defaults());
    assertThatThrownBy(() -> noLabels.build(MODEL.explain(features()), FIRM, PROGRAM, PEERS))
        .isInstanceOf(ModelException.class)
        .hasMessageStartingWith(
            "Cannot write the NEED_MATCH reason: need equipment has no Japanese label; pass every"
                + " need of conf/needs.yaml to ReasonBuilder");
  }

  @Property(tries = 300)
  void reasonsAreAlwaysPositiveTrueDriversAtMostThreeAndOneEligibility(
      @ForAll @Size(value = COUNT) List<@DoubleRange(min = -2, max = 2) Double> weights,
      @ForAll @Size(value = COUNT) List<@DoubleRange(min = 0, max = 1) Double> values,
      @ForAll boolean reached,
      @ForAll boolean appliedToFamily) {
    double[] w = weights.stream().mapToDouble(Double::doubleValue).toArray();
    double[] x = values.stream().mapToDouble(Double::doubleValue).toArray();
    RankingModel m = Fixtures.model(-2, w);
    FirmSignals firm =
        Fixtures.firm(
            Map.of("equipment", x[MAX_NEED_SCORE]),
            reached,
            reached ? 3 : 0,
            reached ? 1 : 0,
            appliedToFamily ? Set.of("monozukuri") : Set.of());
    Explanation e = m.explain(x);
    List<Reason> reasons = REASONS.build(e, firm, PROGRAM, PEERS);

    assertThat(reasons.size()).isLessThanOrEqualTo(3);
    assertThat(reasons.stream().filter(r -> r.code().isEligibility()).count())
        .isLessThanOrEqualTo(1);
    for (int i = 0; i < reasons.size(); i++) {
      Reason r = reasons.get(i);
      assertThat(r.contribution()).isGreaterThan(0.1);
      if (i > 0) {
        assertThat(r.contribution()).isLessThanOrEqualTo(reasons.get(i - 1).contribution());
      }
      // the code's positive, above-average features add up to what the reason claims
      double sum = 0;
      for (FeatureSpec spec : PairFeatures.specs()) {
        if (spec.reason().equals(java.util.Optional.of(r.code()))
            && e.standardized()[spec.index()] > 0) {
          sum += e.contributions()[spec.index()];
        }
      }
      assertThat(r.contribution()).isEqualTo(sum);
    }
    assertThat(reasons).extracting(Reason::code).doesNotHaveDuplicates();
    if (reached) {
      assertThat(reasons).extracting(Reason::code).doesNotContain(ReasonCode.NOT_YET_REACHED);
    }
    if (appliedToFamily) {
      assertThat(reasons).extracting(Reason::code).doesNotContain(ReasonCode.NOVEL_PROGRAM);
    }
  }
}
