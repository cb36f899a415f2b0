package org.policyreach.generator;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.policyreach.core.Eligibility;

/**
 * Past push campaigns with a planted, heterogeneous effect (opt-in, {@link
 * GeneratorConfig#pushHistory()}). For each program whose window was open 14 days after it opened
 * and at least {@link #MIN_OUTCOME_DAYS} before the as-of date, one campaign {@code
 * cmp-hist-<program>} pushed that day: a random {@link #AUDIENCE_SHARE} of the firms active,
 * eligible and not yet applied to the program then; each held out with probability {@link
 * #HOLDOUT_SHARE}.
 *
 * <p>The effect differs by firm and campaign, so that an uplift model has something to learn. Once
 * per firm (its own stream, independent of the campaign draws) the firm is a responder with
 * probability {@link #RESPONDER_SHARE}, with a sensitivity {@code s} uniform in [{@link
 * #SENSITIVITY_MIN}, {@link #SENSITIVITY_MAX}]; other firms never respond. Per campaign, {@code
 * need_match} {@code m} is the firm's greatest latent need strength among the program's needs (0 if
 * it lists none) and {@code never_reached} says the firm had submitted no application, to any
 * program, on or before the push day (campaigns are simulated in push-date order, so an earlier
 * campaign's induced application counts). The effect probability is {@code tau = min(}{@link
 * #MAX_EFFECT}{@code , s × (}{@link #BASE_EFFECT}{@code + }{@link #NEED_EFFECT}{@code × m) × (1 if
 * never reached, else }{@link #REACHED_FACTOR}{@code ))} for a responder, 0 otherwise. A firm that
 * would not have applied to the program after the push (no organic application) is caused to apply
 * when its campaign draw {@code u < tau}: Y(1) − Y(0) = 1, known for both arms; for a treated firm
 * the induced application is added, within {@link #INDUCED_WITHIN_DAYS} days of the push and
 * written like its organic ones.
 *
 * <p>Written: {@code contacts/contacts.jsonl} (INPUT-FORMATS §7, one line per audience firm,
 * treated by post with status delivered, holdout without channel); {@code truth/push_campaigns.csv}
 * per campaign the audience, arms, caused firms, the true effect — the mean over the audience of
 * Y(1) − Y(0), application with versus without the push — which {@code push report} should recover
 * within its interval, and the mean effect probability; and {@code truth/push_effects.csv}, one row
 * per audience firm of each campaign with its arm, never_reached, need_match, effect probability
 * and caused (its Y(1) − Y(0)).
 */
final class PushHistory {
  static final double AUDIENCE_SHARE = 0.3;
  static final double HOLDOUT_SHARE = 0.5;
  static final double RESPONDER_SHARE = 0.3;
  static final double SENSITIVITY_MIN = 0.5;
  static final double SENSITIVITY_MAX = 1.5;
  static final double BASE_EFFECT = 0.04;
  static final double NEED_EFFECT = 0.30;
  static final double REACHED_FACTOR = 0.35;
  static final double MAX_EFFECT = 0.6;
  static final int PUSH_AFTER_OPENS_DAYS = 14;
  static final int MIN_OUTCOME_DAYS = 120;
  static final int INDUCED_WITHIN_DAYS = 30;

  static final Outputs.FileSpec FILE =
      new Outputs.FileSpec("contacts/contacts.jsonl", StandardCharsets.UTF_8, null, "\n", 1);
  static final Outputs.FileSpec EFFECTS_FILE =
      new Outputs.FileSpec(
          "truth/push_effects.csv",
          StandardCharsets.UTF_8,
          "campaign_id,program_id,corporate_number,push_date,arm,never_reached,need_match,"
              + "effect_probability,caused",
          "\n",
          1);
  static final String TRUTH_PATH = "truth/push_campaigns.csv";

  /** One simulated campaign. */
  record Campaign(int slot, String id, ProgramBook.Entry program, LocalDate pushDate) {}

  /**
   * Per campaign: audience, treated, holdout, firms whose application the push caused, and the sum
   * of the audience's effect probabilities in units of {@link #TAU_UNIT} (a long, so that the sum
   * does not depend on how firms are split between threads).
   */
  static final int COUNTS = 5;

  private static final double TAU_UNIT = 1e-9;

  private final long seed;
  private final List<Campaign> campaigns = new ArrayList<>();

  /** The campaigns by push date (then slot): the order in which a firm lives through them. */
  private final List<Campaign> byPushDate;

  PushHistory(long seed, LocalDate asOf, ProgramBook book) {
    this.seed = seed;
    for (ProgramBook.Entry e : book.entries()) {
      LocalDate push = e.program().window().opens().plusDays(PUSH_AFTER_OPENS_DAYS);
      if (!push.isAfter(e.program().window().closes().minusDays(7))
          && !push.isAfter(asOf.minusDays(MIN_OUTCOME_DAYS))) {
        campaigns.add(new Campaign(campaigns.size(), "cmp-hist-" + e.program().id(), e, push));
      }
    }
    List<Campaign> sorted = new ArrayList<>(campaigns);
    sorted.sort(Comparator.comparing(Campaign::pushDate).thenComparingInt(Campaign::slot));
    this.byPushDate = List.copyOf(sorted);
  }

  List<Campaign> campaigns() {
    return campaigns;
  }

  /** A firm's response to pushes, drawn once per firm. */
  record Response(boolean responder, double sensitivity) {}

  /** The firm's response, from its own stream (independent of the per-campaign draws). */
  Response response(Firm f) {
    SplittableRandom rng = Seeds.rng(seed, Seeds.Purpose.PUSH, ~(long) f.index());
    boolean responder = rng.nextDouble() < RESPONDER_SHARE;
    double s = SENSITIVITY_MIN + (SENSITIVITY_MAX - SENSITIVITY_MIN) * rng.nextDouble();
    return new Response(responder, responder ? s : 0.0);
  }

  /** The firm's greatest latent need strength among the program's needs; 0 if it lists none. */
  static double needMatch(ProgramBook.Entry program, double[] strengths) {
    double m = 0.0;
    for (int k : program.needIndexes()) {
      m = Math.max(m, strengths[k]);
    }
    return m;
  }

  /** The probability that a push causes an application (see the class comment). */
  static double effectProbability(Response r, double needMatch, boolean neverReached) {
    if (!r.responder()) {
      return 0.0;
    }
    return Math.min(
        MAX_EFFECT,
        r.sensitivity()
            * (BASE_EFFECT + NEED_EFFECT * needMatch)
            * (neverReached ? 1.0 : REACHED_FACTOR));
  }

  /**
   * Simulates the campaigns for one firm: adds induced applications to {@code apps} (in place),
   * writes its contact and push-effect lines and adds to {@code counts} ({@code [slot * COUNTS +
   * k]}).
   */
  void simulate(
      Firm f,
      double[] strengths,
      String summary,
      List<PlannedApplication> apps,
      ApplicationPlanner planner,
      Emitter out,
      long[] counts,
      StringBuilder sb) {
    if (!f.active()) {
      return;
    }
    // the per-campaign draws, in campaign (slot) order whatever the order of simulation
    SplittableRandom rng = Seeds.rng(seed, Seeds.Purpose.PUSH, f.index());
    int n = campaigns.size();
    double[] pick = new double[n];
    double[] arm = new double[n];
    double[] effect = new double[n];
    long[] when = new long[n];
    for (int i = 0; i < n; i++) {
      pick[i] = rng.nextDouble();
      arm[i] = rng.nextDouble();
      effect[i] = rng.nextDouble();
      when[i] = rng.nextLong();
    }
    Response response = response(f);
    for (Campaign c : byPushDate) {
      int i = c.slot();
      String program = c.program().program().id();
      if (pick[i] >= AUDIENCE_SHARE
          || f.established().isAfter(c.pushDate())
          || !Eligibility.evaluate(c.program().program(), f.facts(), c.pushDate()).eligible()
          || appliedBy(apps, program, c.pushDate())) {
        continue;
      }
      boolean holdout = arm[i] < HOLDOUT_SHARE;
      boolean neverReached = !appliedAnyBy(apps, c.pushDate());
      double needMatch = needMatch(c.program(), strengths);
      double tau = effectProbability(response, needMatch, neverReached);
      boolean organic = appliedAfter(apps, program, c.pushDate());
      boolean caused = !organic && effect[i] < tau;
      int k = i * COUNTS;
      counts[k]++;
      counts[k + (holdout ? 2 : 1)]++;
      if (caused) {
        counts[k + 3]++;
      }
      counts[k + 4] += Math.round(tau / TAU_UNIT);
      if (caused && !holdout && apps.size() < 99) {
        long span =
            Math.min(
                INDUCED_WITHIN_DAYS,
                ChronoUnit.DAYS.between(c.pushDate(), c.program().program().window().closes()));
        LocalDate day = c.pushDate().plusDays(1 + Math.floorMod(when[i], Math.max(1, span)));
        apps.add(
            planner.induced(
                f,
                c.program(),
                strengths,
                day,
                summary,
                apps.size(),
                new SplittableRandom(when[i])));
      }
      line(out, c, f, holdout, sb);
      effectLine(out, c, f, holdout, neverReached, needMatch, tau, caused, sb);
    }
  }

  private static boolean appliedAnyBy(List<PlannedApplication> apps, LocalDate day) {
    for (PlannedApplication a : apps) {
      if (!a.submittedAt().toLocalDate().isAfter(day)) {
        return true;
      }
    }
    return false;
  }

  private static boolean appliedBy(List<PlannedApplication> apps, String program, LocalDate day) {
    for (PlannedApplication a : apps) {
      if (a.program().program().id().equals(program)
          && !a.submittedAt().toLocalDate().isAfter(day)) {
        return true;
      }
    }
    return false;
  }

  private static boolean appliedAfter(
      List<PlannedApplication> apps, String program, LocalDate day) {
    for (PlannedApplication a : apps) {
      if (a.program().program().id().equals(program)
          && a.submittedAt().toLocalDate().isAfter(day)) {
        return true;
      }
    }
    return false;
  }

  private static void line(Emitter out, Campaign c, Firm f, boolean holdout, StringBuilder sb) {
    String cn = f.cn().value();
    String at = c.pushDate() + "T10:00:00+09:00";
    sb.setLength(0);
    sb.append("{\"contact_id\": \"c-hist-")
        .append(c.program().program().id())
        .append('-')
        .append(cn)
        .append("\", \"campaign_id\": \"")
        .append(c.id())
        .append("\", \"program_id\": \"")
        .append(c.program().program().id())
        .append("\", \"corporate_number\": \"")
        .append(cn)
        .append("\", \"channel\": ")
        .append(holdout ? "null" : "\"post\"")
        .append(", \"arm\": \"")
        .append(holdout ? "holdout" : "treated")
        .append("\", \"sent_at\": \"")
        .append(at)
        .append("\", \"status\": ")
        .append(holdout ? "null" : "\"delivered\"")
        .append(", \"status_at\": ")
        .append(holdout ? "null" : "\"" + at + "\"")
        .append('}');
    out.line(FILE, 0, sb);
  }

  private static void effectLine(
      Emitter out,
      Campaign c,
      Firm f,
      boolean holdout,
      boolean neverReached,
      double needMatch,
      double tau,
      boolean caused,
      StringBuilder sb) {
    sb.setLength(0);
    sb.append(c.id())
        .append(',')
        .append(c.program().program().id())
        .append(',')
        .append(f.cn().value())
        .append(',')
        .append(c.pushDate())
        .append(',')
        .append(holdout ? "holdout" : "treated")
        .append(',')
        .append(neverReached)
        .append(',');
    appendFourDecimals(sb, needMatch);
    sb.append(',');
    appendFourDecimals(sb, tau);
    sb.append(',').append(caused ? '1' : '0');
    out.line(EFFECTS_FILE, 0, sb);
  }

  /** {@code 0.0375}, {@code 1.0000}: a value in [0, 1] with four decimals, without a formatter. */
  static void appendFourDecimals(StringBuilder sb, double v) {
    long m = Math.round(Math.max(0.0, Math.min(1.0, v)) * 10_000);
    if (m >= 10_000) {
      sb.append("1.0000");
      return;
    }
    sb.append("0.");
    for (long p = 1000; p > 1 && m < p; p /= 10) {
      sb.append('0');
    }
    sb.append(m);
  }

  /** {@code truth/push_campaigns.csv} from the summed counts. */
  String truthCsv(long[] counts) {
    StringBuilder sb =
        new StringBuilder(
            "campaign_id,program_id,push_date,audience,treated,holdout,caused,true_effect,"
                + "effect_probability\n");
    for (Campaign c : campaigns) {
      int k = c.slot() * COUNTS;
      long audience = counts[k];
      sb.append(c.id())
          .append(',')
          .append(c.program().program().id())
          .append(',')
          .append(c.pushDate())
          .append(',')
          .append(audience)
          .append(',')
          .append(counts[k + 1])
          .append(',')
          .append(counts[k + 2])
          .append(',')
          .append(counts[k + 3])
          .append(',')
          .append(audience == 0 ? "" : sixDecimals((double) counts[k + 3] / audience))
          .append(',')
          .append(audience == 0 ? "" : sixDecimals(counts[k + 4] * TAU_UNIT / audience))
          .append('\n');
    }
    return sb.toString();
  }

  private static String sixDecimals(double v) {
    return String.format(Locale.ROOT, "%.6f", v);
  }
}
