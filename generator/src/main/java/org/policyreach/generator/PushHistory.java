package org.policyreach.generator;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.policyreach.core.Eligibility;

/**
 * Past push campaigns with a planted effect (opt-in, {@link GeneratorConfig#pushHistory()}). For
 * each program whose window was open 14 days after it opened and at least {@link #MIN_OUTCOME_DAYS}
 * before the as-of date, one campaign {@code cmp-hist-<program>} pushed that day: a random {@link
 * #AUDIENCE_SHARE} of the firms active, eligible and not yet applied to the program then; each held
 * out with probability {@link #HOLDOUT_SHARE}. A treated firm that would not have applied applies,
 * with probability {@link #EFFECT}, within 30 days of the push (an induced application like its
 * organic ones). Written: {@code contacts/contacts.jsonl} (INPUT-FORMATS §7, one line per audience
 * firm, treated by post with status delivered, holdout without channel) and {@code
 * truth/push_campaigns.csv}: per campaign the audience, arms and the true effect — the mean over
 * the audience of Y(1) − Y(0), application with versus without the push, both known here — which
 * {@code push report} should recover within its interval.
 */
final class PushHistory {
  static final double AUDIENCE_SHARE = 0.3;
  static final double HOLDOUT_SHARE = 0.5;
  static final double EFFECT = 0.08;
  static final int PUSH_AFTER_OPENS_DAYS = 14;
  static final int MIN_OUTCOME_DAYS = 120;
  static final int INDUCED_WITHIN_DAYS = 30;

  static final Outputs.FileSpec FILE =
      new Outputs.FileSpec("contacts/contacts.jsonl", StandardCharsets.UTF_8, null, "\n", 1);
  static final String TRUTH_PATH = "truth/push_campaigns.csv";

  /** One simulated campaign. */
  record Campaign(int slot, String id, ProgramBook.Entry program, LocalDate pushDate) {}

  /** Per campaign: audience, treated, holdout, firms whose application the push caused. */
  static final int COUNTS = 4;

  private final long seed;
  private final List<Campaign> campaigns = new ArrayList<>();

  PushHistory(long seed, LocalDate asOf, ProgramBook book) {
    this.seed = seed;
    for (ProgramBook.Entry e : book.entries()) {
      LocalDate push = e.program().window().opens().plusDays(PUSH_AFTER_OPENS_DAYS);
      if (!push.isAfter(e.program().window().closes().minusDays(7))
          && !push.isAfter(asOf.minusDays(MIN_OUTCOME_DAYS))) {
        campaigns.add(new Campaign(campaigns.size(), "cmp-hist-" + e.program().id(), e, push));
      }
    }
  }

  List<Campaign> campaigns() {
    return campaigns;
  }

  /**
   * Simulates the campaigns for one firm: adds induced applications to {@code apps} (in place),
   * writes its contact lines and adds to {@code counts} ({@code [slot * COUNTS + k]}).
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
    SplittableRandom rng = Seeds.rng(seed, Seeds.Purpose.PUSH, f.index());
    for (Campaign c : campaigns) {
      double pick = rng.nextDouble();
      double arm = rng.nextDouble();
      double effect = rng.nextDouble();
      long when = rng.nextLong();
      String program = c.program().program().id();
      if (pick >= AUDIENCE_SHARE
          || f.established().isAfter(c.pushDate())
          || !Eligibility.evaluate(c.program().program(), f.facts(), c.pushDate()).eligible()
          || appliedBy(apps, program, c.pushDate())) {
        continue;
      }
      boolean holdout = arm < HOLDOUT_SHARE;
      boolean organic = appliedAfter(apps, program, c.pushDate());
      boolean caused = !organic && effect < EFFECT;
      int k = c.slot() * COUNTS;
      counts[k]++;
      counts[k + (holdout ? 2 : 1)]++;
      if (caused) {
        counts[k + 3]++;
      }
      if (caused && !holdout && apps.size() < 99) {
        long span =
            Math.min(
                INDUCED_WITHIN_DAYS,
                ChronoUnit.DAYS.between(c.pushDate(), c.program().program().window().closes()));
        LocalDate day = c.pushDate().plusDays(1 + Math.floorMod(when, Math.max(1, span)));
        apps.add(
            planner.induced(
                f, c.program(), strengths, day, summary, apps.size(), new SplittableRandom(when)));
      }
      line(out, c, f, holdout, sb);
    }
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
          .append(
              audience == 0
                  ? ""
                  : String.format(java.util.Locale.ROOT, "%.6f", (double) counts[k + 3] / audience))
          .append(',')
          .append(EFFECT)
          .append('\n');
    }
    return sb.toString();
  }
}
