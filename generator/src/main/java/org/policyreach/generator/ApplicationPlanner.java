package org.policyreach.generator;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.policyreach.core.ApplicationStatus;
import org.policyreach.core.Eligibility;
import org.policyreach.core.FirmFacts;
import org.policyreach.core.Need;
import org.policyreach.core.SizeClass;

/**
 * Decides which programs a firm applies to, when, and what happens to each application. A firm
 * applies only to rounds it is eligible for on the day it applies, inside the window, with a
 * probability that grows with its latent need for what the program funds; most firms never apply.
 * Decisions depend on the need match too, so outcomes carry signal.
 */
final class ApplicationPlanner {
  /** Share of active firms that ever apply, by size class. */
  private static final double APPLIER_SMALL = 0.33;

  private static final double APPLIER_SME = 0.50;
  private static final double APPLIER_LARGE = 0.25;

  /** Scales application probabilities; tuned for ~5 JSONL lines per firm on the catalog. */
  static final double INTENSITY = 0.8;

  private static final int MAX_APPLICATIONS = 99;

  private final long seed;
  private final LocalDate asOf;
  private final LocalDate legacyCutoff;
  private final ProgramBook programs;
  private final List<Need> needs;
  private final PurposeText purposes;

  ApplicationPlanner(long seed, LocalDate asOf, ProgramBook programs, List<Need> needs) {
    this.seed = seed;
    this.asOf = asOf;
    this.legacyCutoff = asOf.minusYears(2);
    this.programs = programs;
    this.needs = needs;
    this.purposes = new PurposeText(needs);
  }

  List<PlannedApplication> plan(Firm firm, double[] strengths, String summary) {
    if (!firm.active()) {
      return List.of();
    }
    SplittableRandom rng = Seeds.rng(seed, Seeds.Purpose.APPLICATIONS, firm.index());
    double applier =
        firm.sizeClass() == SizeClass.SMALL_SCALE
            ? APPLIER_SMALL
            : firm.sizeClass() == SizeClass.SME ? APPLIER_SME : APPLIER_LARGE;
    if (rng.nextDouble() >= applier) {
      return List.of();
    }
    double activity = INTENSITY * Math.exp(0.6 * rng.nextGaussian());
    FirmFacts facts = firm.facts();
    List<PlannedApplication> out = new ArrayList<>();
    for (ProgramBook.Entry e : programs.entries()) {
      LocalDate earliest = max(e.program().window().opens(), firm.established().plusDays(30));
      LocalDate latest = min(e.program().window().closes(), asOf);
      double u = rng.nextDouble();
      double when = rng.nextDouble();
      if (earliest.isAfter(latest)) {
        continue;
      }
      int best = bestNeed(e, strengths);
      double match = strengths[best];
      if (u >= Math.min(0.9, activity * match * match)) {
        continue;
      }
      // Most applications arrive in the second half of a window.
      long span = ChronoUnit.DAYS.between(earliest, latest);
      LocalDate day = earliest.plusDays((long) (span * Math.sqrt(when)));
      if (!Eligibility.evaluate(e.program(), facts, day).eligible()) {
        continue;
      }
      out.add(application(firm, e, best, match, strengths, day, summary, out.size(), rng));
      if (out.size() == MAX_APPLICATIONS) {
        break;
      }
    }
    return out;
  }

  /**
   * An application a push caused: to {@code e} on {@code day}, like an organic one of the firm (its
   * best need for the program, its statuses and amounts), with a fresh ordinal.
   */
  PlannedApplication induced(
      Firm firm,
      ProgramBook.Entry e,
      double[] strengths,
      LocalDate day,
      String summary,
      int ordinal,
      SplittableRandom rng) {
    int best = bestNeed(e, strengths);
    return application(firm, e, best, strengths[best], strengths, day, summary, ordinal, rng);
  }

  private PlannedApplication application(
      Firm firm,
      ProgramBook.Entry e,
      int best,
      double match,
      double[] strengths,
      LocalDate day,
      String summary,
      int ordinal,
      SplittableRandom rng) {
    LocalDateTime submitted = day.atTime(officeHour(rng), rng.nextInt(60), rng.nextInt(60));
    List<PlannedApplication.Step> steps = new ArrayList<>(3);
    steps.add(new PlannedApplication.Step(ApplicationStatus.SUBMITTED, submitted));
    LocalDateTime decidedAt = null;
    Long awarded = null;
    long max = e.program().maxAmountYen();
    double f = Math.max(0.02, Math.exp(-Math.abs(rng.nextGaussian()) * 0.9));
    long requested = Math.max(100_000L, Math.round(max * f / 1000.0) * 1000L);
    requested = Math.min(requested, max);

    LocalDate decisionDay = e.decisionDate().plusDays(rng.nextInt(8));
    double r = rng.nextDouble();
    double fate = rng.nextDouble();
    if (r < 0.03) {
      LocalDate w = day.plusDays(3 + rng.nextInt(40));
      if (w.isBefore(decisionDay) && !w.isAfter(asOf)) {
        steps.add(step(ApplicationStatus.WITHDRAWN, w, rng));
      }
    } else if (!decisionDay.isAfter(asOf)) {
      decidedAt = decisionDay.atTime(10 + rng.nextInt(7), rng.nextInt(60), 0);
      boolean accepted = r < 0.03 + 0.30 + 0.5 * match;
      if (!accepted) {
        steps.add(new PlannedApplication.Step(ApplicationStatus.REJECTED, decidedAt));
      } else {
        steps.add(new PlannedApplication.Step(ApplicationStatus.ACCEPTED, decidedAt));
        if (fate < 0.88) {
          LocalDate a = decisionDay.plusDays(20 + rng.nextInt(40));
          if (!a.isAfter(asOf)) {
            steps.add(step(ApplicationStatus.AWARDED, a, rng));
            awarded =
                rng.nextInt(10) < 6
                    ? requested
                    : Math.round(requested * (0.8 + 0.2 * rng.nextDouble()) / 1000.0) * 1000L;
          }
        } else if (fate < 0.95) {
          LocalDate w = decisionDay.plusDays(10 + rng.nextInt(80));
          if (!w.isAfter(asOf)) {
            steps.add(step(ApplicationStatus.WITHDRAWN, w, rng));
          }
        }
      }
    }

    String needId = needs.get(best).id();
    String second = null;
    if (rng.nextInt(3) == 0) {
      int k = strongestOther(strengths, best);
      if (strengths[k] >= 0.45) {
        second = needs.get(k).id();
      }
    }
    String purpose = purposes.purpose(firm, needId, second, summary, rng);
    List<String> tags = null;
    int tagMode = rng.nextInt(10);
    if (tagMode < 5) {
      tags = new ArrayList<>();
      tags.add(needId);
      if (second != null && e.program().needs().contains(second)) {
        tags.add(second);
      }
    } else if (tagMode < 6) {
      tags = List.of();
    }
    List<String> attachments = new ArrayList<>(e.program().requiredAttachments());
    if (rng.nextInt(4) == 0 && !attachments.contains("financial_statements")) {
      attachments.add("financial_statements");
    } else if (rng.nextInt(8) == 0) {
      attachments.add("other");
    }
    boolean legacy = day.isBefore(legacyCutoff) ? rng.nextInt(100) < 45 : rng.nextInt(100) < 2;
    String id = applicationId(firm.index(), ordinal, day.getYear(), legacy);
    return new PlannedApplication(
        id,
        e,
        needId,
        match,
        List.copyOf(steps),
        decidedAt,
        requested,
        awarded,
        purpose,
        tags,
        List.copyOf(attachments),
        legacy);
  }

  private static PlannedApplication.Step step(
      ApplicationStatus s, LocalDate d, SplittableRandom rng) {
    return new PlannedApplication.Step(
        s, d.atTime(officeHour(rng), rng.nextInt(60), rng.nextInt(60)));
  }

  /** Mostly office hours, some evenings (people file after work). */
  private static int officeHour(SplittableRandom rng) {
    return rng.nextInt(6) == 0 ? 18 + rng.nextInt(5) : 9 + rng.nextInt(9);
  }

  /**
   * A unique id: the serial is a bijection of (firm index × 100 + ordinal) modulo 10^9, so ids look
   * random and never collide (firms < 10^7, ordinals < 100).
   */
  static String applicationId(int firmIndex, int ordinal, int year, boolean legacy) {
    long x = (long) firmIndex * 100 + ordinal;
    long serial = (x * 738_273_019L + 12_345L) % 1_000_000_000L;
    String s = Long.toString(serial);
    StringBuilder sb = new StringBuilder(18);
    sb.append(legacy ? "L-" : "A-").append(year).append('-');
    sb.append("000000000", 0, 9 - s.length()).append(s);
    return sb.toString();
  }

  private static int bestNeed(ProgramBook.Entry e, double[] strengths) {
    int best = e.needIndexes()[0];
    for (int k : e.needIndexes()) {
      if (strengths[k] > strengths[best]) {
        best = k;
      }
    }
    return best;
  }

  private static int strongestOther(double[] s, int except) {
    int best = except == 0 ? 1 : 0;
    for (int k = 0; k < s.length; k++) {
      if (k != except && s[k] > s[best]) {
        best = k;
      }
    }
    return best;
  }

  private static LocalDate max(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }

  private static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }
}
