package org.policyreach.models.ranking;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.policyreach.models.ModelException;

/**
 * Turns a pair's {@link Explanation} and facts into at most {@code maxReasons} reasons.
 *
 * <p>A reason code's weight is the sum of the contributions of its features whose value is above
 * the training average (standardized value > 0), so a reason always states something true of the
 * pair that raised its score. Codes below {@code minContribution} logit units, or whose fact does
 * not hold (e.g. a deadline more than {@code deadlineSoonDays} away), give no reason. Reasons are
 * ordered by weight, with at most one eligibility reason ({@code ELIGIBLE_*}).
 */
public final class ReasonBuilder implements Serializable {
  private static final long serialVersionUID = 1L;

  public record Options(double minContribution, int maxReasons, int deadlineSoonDays)
      implements Serializable {
    public Options {
      ModelException.check(
          minContribution >= 0 && maxReasons >= 1 && deadlineSoonDays >= 0,
          "configure reasons",
          "minContribution (%s) must be ≥ 0, maxReasons (%d) ≥ 1, deadlineSoonDays (%d) ≥ 0",
          minContribution,
          maxReasons,
          deadlineSoonDays);
    }

    /** 0.1 logit units, 3 reasons, deadlines within 30 days. */
    public static Options defaults() {
      return new Options(0.1, 3, 30);
    }
  }

  private static final ReasonCode[] CODES = ReasonCode.values();

  private final Map<String, String> needLabelsJa;
  private final Options options;

  /**
   * @param needLabelsJa need id → Japanese label ({@code label_ja} of {@code conf/needs.yaml})
   */
  public ReasonBuilder(Map<String, String> needLabelsJa, Options options) {
    this.needLabelsJa = Map.copyOf(needLabelsJa);
    this.options = options;
  }

  public Options options() {
    return options;
  }

  public List<Reason> build(
      Explanation explanation, FirmSignals firm, ProgramSignals program, PeerUptake peer) {
    double[] weight = new double[CODES.length];
    for (FeatureSpec spec : PairFeatures.specs()) {
      if (spec.reason().isPresent() && explanation.standardized()[spec.index()] > 0) {
        weight[spec.reason().get().ordinal()] += explanation.contributions()[spec.index()];
      }
    }
    List<Reason> candidates = new ArrayList<>();
    for (ReasonCode code : CODES) {
      double w = weight[code.ordinal()];
      if (w > options.minContribution() && holds(code, firm, program, peer)) {
        candidates.add(new Reason(code, "", w));
      }
    }
    List<Reason> chosen = pick(candidates, options.maxReasons());
    List<Reason> reasons = new ArrayList<>(chosen.size());
    for (Reason r : chosen) { // messages only for the reasons shown
      reasons.add(new Reason(r.code(), message(r.code(), firm, program, peer), r.contribution()));
    }
    return List.copyOf(reasons);
  }

  /** The strongest reasons first, at most one eligibility reason, at most {@code max}. */
  static List<Reason> pick(List<Reason> candidates, int max) {
    List<Reason> sorted = new ArrayList<>(candidates);
    sorted.sort(
        Comparator.comparingDouble(Reason::contribution)
            .reversed()
            .thenComparing(r -> r.code().ordinal()));
    List<Reason> chosen = new ArrayList<>();
    boolean eligibility = false;
    for (Reason r : sorted) {
      if (chosen.size() == max) {
        break;
      }
      if (r.code().isEligibility()) {
        if (eligibility) {
          continue;
        }
        eligibility = true;
      }
      chosen.add(r);
    }
    return List.copyOf(chosen);
  }

  private boolean holds(
      ReasonCode code, FirmSignals firm, ProgramSignals program, PeerUptake peer) {
    return switch (code) {
      case NEED_MATCH -> PairFeatures.topNeed(firm, program).isPresent();
      case PEER_UPTAKE -> peer.level() != PeerLevel.ALL;
      case POPULAR_PROGRAM -> true;
      case DEADLINE_SOON -> program.isOpen() && program.daysLeft() <= options.deadlineSoonDays();
      case OPENS_SOON -> !program.isOpen();
      case NOVEL_PROGRAM -> !firm.familiesApplied().contains(program.family());
      case NOT_YET_REACHED -> !firm.reached();
      case ACTIVE_APPLICANT -> firm.applications() > 0;
      case PAST_AWARDS -> firm.awards() > 0;
      case ELIGIBLE_SIZE -> program.admittedSizeClasses() > 0;
      case ELIGIBLE_INDUSTRY -> program.industryTargeted();
      case ELIGIBLE_REGION -> program.regionTargeted();
      case LARGE_AMOUNT -> program.maxAmountYen() > 0;
    };
  }

  private String message(
      ReasonCode code, FirmSignals firm, ProgramSignals program, PeerUptake peer) {
    return switch (code) {
      case NEED_MATCH -> {
        String label = needLabel(PairFeatures.topNeed(firm, program).orElseThrow());
        yield firm.applications() > 0
            ? "「" + label + "」のニーズが高い（過去の申請より）"
            : "「" + label + "」のニーズが見込まれる（同業の企業の傾向より）";
      }
      case PEER_UPTAKE -> peer.level().labelJa() + "の企業の利用が多い";
      case POPULAR_PROGRAM -> "多くの企業が利用している支援策です";
      case DEADLINE_SOON ->
          program.daysLeft() == 0 ? "本日締切です" : "締切まであと" + program.daysLeft() + "日";
      case OPENS_SOON -> "まもなく公募開始（あと" + program.daysUntilOpen() + "日）";
      case NOVEL_PROGRAM -> "まだ申請したことのない支援策です";
      case NOT_YET_REACHED -> "これまで支援策を利用していません";
      case ACTIVE_APPLICANT -> "これまでに" + firm.applications() + "件の申請実績があります";
      case PAST_AWARDS -> "過去に採択された実績があります";
      case ELIGIBLE_SIZE -> "対象となる企業規模です";
      case ELIGIBLE_INDUSTRY -> "対象となる業種です";
      case ELIGIBLE_REGION -> "対象地域の企業向けの支援策です";
      case LARGE_AMOUNT -> "補助上限額が大きい（最大" + yen(program.maxAmountYen()) + "）";
    };
  }

  String needLabel(String needId) {
    String label = needLabelsJa.get(needId);
    if (label == null) {
      throw new ModelException(
          "Cannot write the NEED_MATCH reason: need "
              + needId
              + " has no Japanese label; pass every need of conf/needs.yaml to ReasonBuilder"
              + " (known: "
              + needLabelsJa.keySet()
              + ")");
    }
    return label;
  }

  /** ¥12,500,000 → "1,250万円"; ¥150,000,000 → "1.5億円"; below ¥10,000 → "9,000円". */
  static String yen(long amount) {
    if (amount >= 100_000_000L) {
      java.math.BigDecimal oku =
          java.math.BigDecimal.valueOf(amount)
              .divide(java.math.BigDecimal.valueOf(100_000_000L), 2, java.math.RoundingMode.DOWN)
              .stripTrailingZeros();
      return oku.toPlainString() + "億円";
    }
    if (amount >= 10_000L) {
      return String.format("%,d万円", amount / 10_000L);
    }
    return String.format("%,d円", amount);
  }
}
