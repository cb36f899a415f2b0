package org.policyreach.models.ranking;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fixed feature vector of a (firm, program) pair, version {@value #VERSION}. Training rows
 * (features as of T−h) and scoring rows (features as of T) must both come from {@link #compute}.
 *
 * <table>
 *   <caption>Features</caption>
 *   <tr><th>#</th><th>name</th><th>value</th><th>reason</th></tr>
 *   <tr><td>0</td><td>need_match</td><td>mean firm need score over the program's needs (0 if
 *       it lists none)</td><td>NEED_MATCH</td></tr>
 *   <tr><td>1</td><td>max_need_score</td><td>largest firm need score among the program's
 *       needs</td><td>NEED_MATCH</td></tr>
 *   <tr><td>2</td><td>peer_uptake</td><td>share of peers (industry × size × region, backed
 *       off) that applied to the program's family</td><td>PEER_UPTAKE</td></tr>
 *   <tr><td>3</td><td>program_popularity</td><td>share of all firms that applied to the
 *       family</td><td>POPULAR_PROGRAM</td></tr>
 *   <tr><td>4</td><td>deadline_proximity</td><td>exp(−days_left / 30) when open, else
 *       0</td><td>DEADLINE_SOON</td></tr>
 *   <tr><td>5</td><td>opens_soon</td><td>1 when the window opens after the scoring
 *       date</td><td>OPENS_SOON</td></tr>
 *   <tr><td>6</td><td>novelty</td><td>1 when the firm never applied to this
 *       family</td><td>NOVEL_PROGRAM</td></tr>
 *   <tr><td>7</td><td>not_yet_reached</td><td>1 when the firm was never reached</td>
 *       <td>NOT_YET_REACHED</td></tr>
 *   <tr><td>8</td><td>log_applications</td><td>ln(1 + applications)</td>
 *       <td>ACTIVE_APPLICANT</td></tr>
 *   <tr><td>9</td><td>award_rate</td><td>awards / applications (0 with none)</td>
 *       <td>PAST_AWARDS</td></tr>
 *   <tr><td>10</td><td>size_match</td><td>1 / number of admitted size classes (0 without a
 *       size rule): how specifically the program targets the firm's size</td>
 *       <td>ELIGIBLE_SIZE</td></tr>
 *   <tr><td>11</td><td>industry_targeted</td><td>1 when the program is limited to some JSIC
 *       divisions (the firm's among them)</td><td>ELIGIBLE_INDUSTRY</td></tr>
 *   <tr><td>12</td><td>region_targeted</td><td>1 when the program is limited to some
 *       prefectures (the firm's among them)</td><td>ELIGIBLE_REGION</td></tr>
 *   <tr><td>13</td><td>log_firm_age</td><td>ln(1 + years since establishment), 0 when
 *       unknown</td><td>—</td></tr>
 *   <tr><td>14</td><td>log_max_amount</td><td>ln(1 + max grant in ¥ million)</td>
 *       <td>LARGE_AMOUNT</td></tr>
 * </table>
 */
public final class PairFeatures {
  public static final String VERSION = "pair-v1";

  public static final int NEED_MATCH = 0;
  public static final int MAX_NEED_SCORE = 1;
  public static final int PEER_UPTAKE = 2;
  public static final int PROGRAM_POPULARITY = 3;
  public static final int DEADLINE_PROXIMITY = 4;
  public static final int OPENS_SOON = 5;
  public static final int NOVELTY = 6;
  public static final int NOT_YET_REACHED = 7;
  public static final int LOG_APPLICATIONS = 8;
  public static final int AWARD_RATE = 9;
  public static final int SIZE_MATCH = 10;
  public static final int INDUSTRY_TARGETED = 11;
  public static final int REGION_TARGETED = 12;
  public static final int LOG_FIRM_AGE = 13;
  public static final int LOG_MAX_AMOUNT = 14;
  public static final int COUNT = 15;

  /** Days over which the deadline proximity decays by a factor e. */
  public static final double DEADLINE_SCALE_DAYS = 30.0;

  private static final List<FeatureSpec> SPECS = specs0();
  private static final List<String> NAMES = SPECS.stream().map(FeatureSpec::name).toList();

  private PairFeatures() {}

  public static List<FeatureSpec> specs() {
    return SPECS;
  }

  public static List<String> names() {
    return NAMES;
  }

  public static double[] compute(
      FirmSignals firm, ProgramSignals program, PeerStats.PeerGroup peers) {
    double[] out = new double[COUNT];
    compute(firm, program, peers, out);
    return out;
  }

  /** Writes the features of one pair into {@code out} (length {@link #COUNT}); no allocation. */
  public static void compute(
      FirmSignals firm, ProgramSignals program, PeerStats.PeerGroup peers, double[] out) {
    computeFirm(firm, out);
    computePair(firm, program, peers, out);
  }

  /**
   * Writes only the columns that depend on the firm alone (not_yet_reached, log_applications,
   * award_rate, log_firm_age); with {@link #computePair} this lets a caller that scores many
   * programs for one firm compute them once.
   */
  public static void computeFirm(FirmSignals firm, double[] out) {
    out[NOT_YET_REACHED] = firm.reached() ? 0.0 : 1.0;
    out[LOG_APPLICATIONS] = Math.log1p(firm.applications());
    out[AWARD_RATE] = firm.applications() == 0 ? 0.0 : (double) firm.awards() / firm.applications();
    out[LOG_FIRM_AGE] =
        Double.isFinite(firm.firmAgeYears()) ? Math.log1p(Math.max(0, firm.firmAgeYears())) : 0.0;
  }

  /** Writes every column except the firm-only ones of {@link #computeFirm}. */
  public static void computePair(
      FirmSignals firm, ProgramSignals program, PeerStats.PeerGroup peers, double[] out) {
    List<String> needs = program.needs();
    double sum = 0;
    double max = 0;
    for (int i = 0; i < needs.size(); i++) {
      double score = firm.needScore(needs.get(i));
      sum += score;
      max = Math.max(max, score);
    }
    out[NEED_MATCH] = needs.isEmpty() ? 0.0 : sum / needs.size();
    out[MAX_NEED_SCORE] = max;
    int family = peers.familyIndex(program.family());
    out[PEER_UPTAKE] = peers.share(family);
    out[PROGRAM_POPULARITY] = peers.popularity(family);
    out[DEADLINE_PROXIMITY] =
        program.isOpen() ? Math.exp(-program.daysLeft() / DEADLINE_SCALE_DAYS) : 0.0;
    out[OPENS_SOON] = program.isOpen() ? 0.0 : 1.0;
    out[NOVELTY] = firm.familiesApplied().contains(program.family()) ? 0.0 : 1.0;
    out[SIZE_MATCH] =
        program.admittedSizeClasses() == 0 ? 0.0 : 1.0 / program.admittedSizeClasses();
    out[INDUSTRY_TARGETED] = program.industryTargeted() ? 1.0 : 0.0;
    out[REGION_TARGETED] = program.regionTargeted() ? 1.0 : 0.0;
    out[LOG_MAX_AMOUNT] = Math.log1p(program.maxAmountYen() / 1_000_000.0);
  }

  /** The feature of a program's needs with the highest firm score (for the reason text). */
  public static Optional<String> topNeed(FirmSignals firm, ProgramSignals program) {
    String best = null;
    double bestScore = 0;
    for (String need : program.needs()) {
      double score = firm.needScore(need);
      if (score > bestScore) {
        bestScore = score;
        best = need;
      }
    }
    return Optional.ofNullable(best);
  }

  private static List<FeatureSpec> specs0() {
    List<FeatureSpec> specs = new ArrayList<>();
    add(
        specs,
        NEED_MATCH,
        "need_match",
        "mean firm need score over the program's needs",
        ReasonCode.NEED_MATCH);
    add(
        specs,
        MAX_NEED_SCORE,
        "max_need_score",
        "largest firm need score among the program's needs",
        ReasonCode.NEED_MATCH);
    add(
        specs,
        PEER_UPTAKE,
        "peer_uptake",
        "share of peers (industry x size x region, backed off) that applied to the family",
        ReasonCode.PEER_UPTAKE);
    add(
        specs,
        PROGRAM_POPULARITY,
        "program_popularity",
        "share of all firms that applied to the family",
        ReasonCode.POPULAR_PROGRAM);
    add(
        specs,
        DEADLINE_PROXIMITY,
        "deadline_proximity",
        "exp(-days_left/30) when open, else 0",
        ReasonCode.DEADLINE_SOON);
    add(
        specs,
        OPENS_SOON,
        "opens_soon",
        "1 when the window opens after the scoring date",
        ReasonCode.OPENS_SOON);
    add(
        specs,
        NOVELTY,
        "novelty",
        "1 when the firm never applied to this family",
        ReasonCode.NOVEL_PROGRAM);
    add(
        specs,
        NOT_YET_REACHED,
        "not_yet_reached",
        "1 when the firm was never reached",
        ReasonCode.NOT_YET_REACHED);
    add(
        specs,
        LOG_APPLICATIONS,
        "log_applications",
        "ln(1 + applications)",
        ReasonCode.ACTIVE_APPLICANT);
    add(
        specs,
        AWARD_RATE,
        "award_rate",
        "awards / applications, 0 with none",
        ReasonCode.PAST_AWARDS);
    add(
        specs,
        SIZE_MATCH,
        "size_match",
        "1 / admitted size classes, 0 without a size rule",
        ReasonCode.ELIGIBLE_SIZE);
    add(
        specs,
        INDUSTRY_TARGETED,
        "industry_targeted",
        "1 when limited to some JSIC divisions",
        ReasonCode.ELIGIBLE_INDUSTRY);
    add(
        specs,
        REGION_TARGETED,
        "region_targeted",
        "1 when limited to some prefectures",
        ReasonCode.ELIGIBLE_REGION);
    add(specs, LOG_FIRM_AGE, "log_firm_age", "ln(1 + firm age in years), 0 when unknown", null);
    add(
        specs,
        LOG_MAX_AMOUNT,
        "log_max_amount",
        "ln(1 + max grant in JPY million)",
        ReasonCode.LARGE_AMOUNT);
    return List.copyOf(specs);
  }

  private static void add(
      List<FeatureSpec> specs, int index, String name, String description, ReasonCode reason) {
    if (specs.size() != index) {
      throw new IllegalStateException("feature " + name + " out of order");
    }
    specs.add(new FeatureSpec(index, name, description, Optional.ofNullable(reason)));
  }
}
