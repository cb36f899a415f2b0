package org.policyreach.generator;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.policyreach.core.Eligibility;
import org.policyreach.core.EventType;
import org.policyreach.core.FirmFacts;

/**
 * Portal engagement events, JSON Lines, for the last {@value #DAYS} days: recommendations shown
 * (impressions of open programs the firm is eligible for, favouring its needs), clicks and
 * dismissals that follow the firm's need match, an {@code apply} event for each application filed
 * in the period, and opt-outs (a few percent, some opting in again later; no impressions while
 * opted out). Ordered by month.
 */
final class EventsWriter {
  static final int DAYS = 180;

  static final List<FaultKind> FAULTS =
      List.of(
          FaultKind.BAD_CHECK_DIGIT,
          FaultKind.UNKNOWN_PROGRAM,
          FaultKind.MALFORMED,
          FaultKind.DUPLICATE,
          FaultKind.IMPOSSIBLE_DATE);

  private static final List<FaultKind> FAULTS_NO_PROGRAM =
      FaultInjector.without(FAULTS, FaultKind.UNKNOWN_PROGRAM);

  private final long seed;
  private final LocalDate start;
  private final LocalDate asOf;
  private final YearMonth firstMonth;
  private final Outputs.FileSpec file;
  private final FaultInjector faults;
  private final List<ProgramBook.Entry> candidates = new ArrayList<>();

  EventsWriter(long seed, LocalDate asOf, ProgramBook programs, FaultInjector faults) {
    this.seed = seed;
    this.asOf = asOf;
    this.start = asOf.minusDays(DAYS);
    this.firstMonth = YearMonth.from(start);
    int buckets = (int) ChronoUnit.MONTHS.between(firstMonth, YearMonth.from(asOf)) + 1;
    this.file =
        new Outputs.FileSpec("events/events.jsonl", StandardCharsets.UTF_8, null, "\n", buckets);
    this.faults = faults;
    for (ProgramBook.Entry e : programs.entries()) {
      if (!e.program().window().closes().isBefore(start)) {
        candidates.add(e);
      }
    }
  }

  Outputs.FileSpec file() {
    return file;
  }

  private record Event(LocalDateTime at, EventType type, String programId, String channel) {}

  /** Writes the firm's events; returns the number written. */
  int write(
      Emitter out,
      Firm f,
      double[] strengths,
      List<PlannedApplication> apps,
      SplittableRandom faultRng,
      StringBuilder sb) {
    if (!f.active()) {
      return 0;
    }
    SplittableRandom rng = Seeds.rng(seed, Seeds.Purpose.EVENTS, f.index());
    boolean portalUser = rng.nextInt(100) < (apps.isEmpty() ? 18 : 55);
    if (!portalUser) {
      return 0;
    }
    List<Event> events = new ArrayList<>();
    LocalDateTime optOut = null;
    LocalDateTime optIn = null;
    if (rng.nextInt(100) < 4) {
      optOut = time(start.plusDays(rng.nextInt(DAYS)), rng);
      events.add(new Event(optOut, EventType.OPT_OUT, null, "portal"));
      if (rng.nextInt(4) == 0) {
        long left = ChronoUnit.DAYS.between(optOut.toLocalDate(), asOf);
        if (left > 1) {
          optIn = time(optOut.toLocalDate().plusDays(1 + rng.nextLong(left - 1)), rng);
          events.add(new Event(optIn, EventType.OPT_IN, null, "portal"));
        }
      }
    }
    FirmFacts facts = f.facts();
    int sessions = 1 + (int) (-Math.log(1 - rng.nextDouble()) * 1.5);
    for (int s = 0; s < sessions; s++) {
      LocalDate day = start.plusDays(1 + rng.nextInt(DAYS));
      LocalDateTime at = time(day, rng);
      if (optOut != null && at.isAfter(optOut) && (optIn == null || at.isBefore(optIn))) {
        continue;
      }
      String channel = rng.nextInt(5) == 0 ? "email" : "portal";
      int shown = 0;
      for (ProgramBook.Entry e : candidates) {
        if (shown == 3) {
          break;
        }
        if (!e.program().window().isOpenOrOpensWithin(day, 30)) {
          continue;
        }
        double match = 0;
        for (int k : e.needIndexes()) {
          match = Math.max(match, strengths[k]);
        }
        if (rng.nextDouble() >= 0.15 + 0.7 * match) {
          continue;
        }
        if (!Eligibility.evaluate(e.program(), facts, day).eligible()) {
          continue;
        }
        shown++;
        String id = e.program().id();
        LocalDateTime t = at.plusSeconds(rng.nextInt(30));
        events.add(new Event(t, EventType.IMPRESSION, id, channel));
        double r = rng.nextDouble();
        if (r < 0.08 + 0.5 * match) {
          events.add(new Event(t.plusSeconds(5 + rng.nextInt(300)), EventType.CLICK, id, channel));
        } else if (r < 0.08 + 0.5 * match + 0.12) {
          events.add(new Event(t.plusSeconds(3 + rng.nextInt(60)), EventType.DISMISS, id, channel));
        }
      }
    }
    for (PlannedApplication app : apps) {
      LocalDateTime submitted = app.submittedAt();
      if (!app.legacy() && submitted.toLocalDate().isAfter(start)) {
        events.add(new Event(submitted, EventType.APPLY, app.program().program().id(), "portal"));
      }
    }
    events.sort(Comparator.comparing(Event::at).thenComparing(Event::type));
    int n = 0;
    for (Event e : events) {
      line(out, f, e, n++, faultRng, sb);
    }
    return n;
  }

  private void line(
      Emitter out, Firm f, Event e, int ordinal, SplittableRandom faultRng, StringBuilder sb) {
    FaultKind fault = faults.draw(faultRng, e.programId() == null ? FAULTS_NO_PROGRAM : FAULTS);
    String cn = f.cn().value();
    String programId = e.programId();
    String at = Timestamps.iso(e.at());
    String detail = null;
    if (fault != null) {
      switch (fault) {
        case BAD_CHECK_DIGIT -> detail = cn = FaultInjector.badCheckDigit(cn, faultRng);
        case UNKNOWN_PROGRAM ->
            detail = programId = faults.unknownProgram(programId, programId, faultRng);
        case IMPOSSIBLE_DATE -> {
          at = FaultInjector.impossibleIsoDate(e.at().toLocalDate(), faultRng) + at.substring(10);
          detail = "at " + at;
        }
        default -> {}
      }
    }
    sb.setLength(0);
    sb.append('{');
    Json.key(sb, "event_id", true).append("\"e-");
    Seeds.appendHex(sb, Seeds.derive(seed, f.index(), ordinal));
    sb.append('"');
    Json.field(sb, "corporate_number", cn);
    Json.field(sb, "program_id", programId);
    Json.field(sb, "type", e.type().code());
    Json.field(sb, "at", at);
    Json.field(sb, "channel", e.channel());
    sb.append('}');
    CharSequence line = sb;
    if (fault == FaultKind.MALFORMED) {
      line = FaultInjector.truncateJson(sb.toString(), faultRng);
      detail = "truncated JSON";
    }
    int bucket = (int) ChronoUnit.MONTHS.between(firstMonth, YearMonth.from(e.at()));
    out.line(file, bucket, line, fault, f.cn().value(), null, detail);
  }

  private static LocalDateTime time(LocalDate day, SplittableRandom rng) {
    return day.atTime(8 + rng.nextInt(14), rng.nextInt(60), rng.nextInt(60));
  }
}
