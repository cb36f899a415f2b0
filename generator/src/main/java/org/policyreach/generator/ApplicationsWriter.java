package org.policyreach.generator;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.policyreach.core.ApplicationStatus;

/**
 * The e-application system's export, JSON Lines: one line per status change of an application,
 * ordered by month of the change, so an application re-appears later in the file with its newer
 * status. Sometimes a newer status is written before the older one (out of order), as happens when
 * exports overlap.
 */
final class ApplicationsWriter {
  static final String PATH = "applications/applications.jsonl";

  static final List<FaultKind> FAULTS = List.of(FaultKind.values());

  /** Share of status updates written before the status they replace. */
  static final int OUT_OF_ORDER_PERCENT = 4;

  private final Outputs.FileSpec file;
  private final YearMonth firstMonth;
  private final FaultInjector faults;
  private final List<FaultKind> faultsWithoutAttachment;

  ApplicationsWriter(YearMonth firstMonth, YearMonth lastMonth, FaultInjector faults) {
    this.firstMonth = firstMonth;
    int buckets = (int) ChronoUnit.MONTHS.between(firstMonth, lastMonth) + 1;
    this.file = new Outputs.FileSpec(PATH, StandardCharsets.UTF_8, null, "\n", buckets);
    this.faults = faults;
    this.faultsWithoutAttachment = FaultInjector.without(FAULTS, FaultKind.MISSING_ATTACHMENT);
  }

  Outputs.FileSpec file() {
    return file;
  }

  private record Emission(int bucket, LocalDateTime sortAt, int app, int step) {}

  private static final Comparator<Emission> ORDER =
      Comparator.comparingInt(Emission::bucket)
          .thenComparing(Emission::sortAt)
          .thenComparingInt(Emission::app)
          .thenComparingInt(Emission::step);

  /** Writes every status line of the firm's (non-legacy) applications; returns lines written. */
  int write(
      Emitter out,
      Firm f,
      List<PlannedApplication> apps,
      FirmNames.Contact contact,
      SplittableRandom rng,
      SplittableRandom faultRng,
      StringBuilder sb) {
    List<Emission> emissions = new ArrayList<>();
    for (int a = 0; a < apps.size(); a++) {
      PlannedApplication app = apps.get(a);
      if (app.legacy()) {
        continue;
      }
      int previousBucket = -1;
      LocalDateTime previousAt = null;
      for (int s = 0; s < app.steps().size(); s++) {
        LocalDateTime at = app.steps().get(s).at();
        int bucket = bucket(at);
        boolean outOfOrder = s > 0 && rng.nextInt(100) < OUT_OF_ORDER_PERCENT;
        if (outOfOrder) {
          emissions.add(new Emission(previousBucket, previousAt.minusSeconds(1), a, s));
        } else {
          emissions.add(new Emission(bucket, at, a, s));
        }
        previousBucket = bucket;
        previousAt = at;
      }
    }
    emissions.sort(ORDER);
    // The applicant, contact and tail (purpose … attachments) fragments repeat on every status
    // line: build them once unless a fault changes them.
    String applicant = applicant(f, f.cn().value(), f.name().name(), new StringBuilder(400));
    String contactJson = contact(contact, new StringBuilder(120));
    String[] tails = new String[apps.size()];
    for (Emission e : emissions) {
      PlannedApplication app = apps.get(e.app());
      boolean hasRequired = !app.program().program().requiredAttachments().isEmpty();
      FaultKind fault = faults.draw(faultRng, hasRequired ? FAULTS : faultsWithoutAttachment);
      if (tails[e.app()] == null) {
        tails[e.app()] = tail(app, app.purpose(), app.attachments(), new StringBuilder(800));
      }
      line(
          out,
          e.bucket(),
          f,
          app,
          e.step(),
          applicant,
          tails[e.app()],
          contactJson,
          fault,
          faultRng,
          sb);
    }
    return emissions.size();
  }

  private int bucket(LocalDateTime at) {
    return (int) ChronoUnit.MONTHS.between(firstMonth, YearMonth.from(at));
  }

  private void line(
      Emitter out,
      int bucket,
      Firm f,
      PlannedApplication app,
      int step,
      String applicant,
      String tail,
      String contactJson,
      FaultKind fault,
      SplittableRandom faultRng,
      StringBuilder sb) {
    PlannedApplication.Step st = app.steps().get(step);
    String detail = null;
    String programId = app.program().program().id();
    String submittedAt = Timestamps.iso(app.submittedAt());
    long requested = app.requestedYen();
    if (fault != null) {
      switch (fault) {
        case BAD_CHECK_DIGIT -> {
          detail = FaultInjector.badCheckDigit(f.cn().value(), faultRng);
          applicant = applicant(f, detail, f.name().name(), new StringBuilder(400));
        }
        case UNKNOWN_PROGRAM ->
            detail =
                programId =
                    faults.unknownProgram(programId, app.program().program().family(), faultRng);
        case MISSING_ATTACHMENT -> {
          List<String> required = app.program().program().requiredAttachments();
          String dropped = required.get(faultRng.nextInt(required.size()));
          List<String> attachments = new ArrayList<>(app.attachments());
          attachments.remove(dropped);
          tail = tail(app, app.purpose(), attachments, new StringBuilder(800));
          detail = dropped;
        }
        case IMPOSSIBLE_DATE -> {
          submittedAt =
              FaultInjector.impossibleIsoDate(app.submittedAt().toLocalDate(), faultRng)
                  + submittedAt.substring(10);
          detail = "submitted_at " + submittedAt;
        }
        case AMOUNT_OVER_MAX -> {
          long max = app.program().program().maxAmountYen();
          requested =
              max
                  + 1000L
                      * (1 + faultRng.nextInt((int) Math.min(100_000, Math.max(1, max / 2000))));
          detail = "requested " + requested + " > max " + max;
        }
        case NEGATIVE_AMOUNT -> {
          requested = -requested;
          detail = "requested " + requested;
        }
        case MOJIBAKE -> {
          if (faultRng.nextBoolean()) {
            String name = FaultInjector.mojibake(f.name().name(), false, faultRng);
            applicant = applicant(f, f.cn().value(), name, new StringBuilder(400));
            detail = "applicant.name";
          } else {
            String purpose = FaultInjector.mojibake(app.purpose(), false, faultRng);
            tail = tail(app, purpose, app.attachments(), new StringBuilder(800));
            detail = "purpose";
          }
        }
        default -> {}
      }
    }
    sb.setLength(0);
    sb.append('{');
    Json.str(Json.key(sb, "application_id", true), app.id());
    Json.field(sb, "program_id", programId);
    Json.field(sb, "submitted_at", submittedAt);
    Json.field(sb, "status", st.status().code());
    boolean decided =
        st.status() != ApplicationStatus.SUBMITTED
            && app.decidedAt() != null
            && !st.at().isBefore(app.decidedAt());
    Json.field(sb, "decided_at", decided ? Timestamps.iso(app.decidedAt()) : null);
    Json.field(sb, "updated_at", Timestamps.iso(st.at()));
    Json.key(sb, "applicant", false).append(applicant);
    Json.field(sb, "requested_amount_yen", requested);
    Json.field(
        sb,
        "awarded_amount_yen",
        st.status() == ApplicationStatus.AWARDED ? app.awardedYen() : null);
    sb.append(tail);
    Json.key(sb, "contact", false).append(contactJson);
    sb.append('}');
    CharSequence line = sb;
    if (fault == FaultKind.MALFORMED) {
      line = FaultInjector.truncateJson(sb.toString(), faultRng);
      detail = "truncated JSON";
    }
    out.line(file, bucket, line, fault, f.cn().value(), app.id(), detail);
  }

  private static String applicant(Firm f, String cn, String name, StringBuilder sb) {
    sb.append('{');
    Json.str(Json.key(sb, "corporate_number", true), cn);
    Json.field(sb, "name", name);
    Json.field(sb, "prefecture_code", f.prefecture().code());
    Json.field(sb, "city", f.city().nameJa());
    Json.field(sb, "address", f.addressAscii());
    Json.field(sb, "jsic_division", f.jsic().letter());
    Json.field(sb, "jsic_major", f.jsicMajor());
    Json.field(sb, "capital_yen", f.capitalYen());
    Json.field(sb, "employees", f.employees());
    Json.field(sb, "established", f.established().toString());
    return sb.append('}').toString();
  }

  private static String contact(FirmNames.Contact contact, StringBuilder sb) {
    sb.append('{');
    Json.str(Json.key(sb, "name", true), contact.name());
    Json.field(sb, "email", contact.email());
    Json.field(sb, "phone", contact.phone());
    return sb.append('}').toString();
  }

  /** {@code ,"purpose":…,"purpose_tags":[…],"attachments":[…]} */
  private static String tail(
      PlannedApplication app, String purpose, List<String> attachments, StringBuilder sb) {
    Json.field(sb, "purpose", purpose);
    if (app.tags() != null) {
      Json.key(sb, "purpose_tags", false).append('[');
      for (int i = 0; i < app.tags().size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        Json.str(sb, app.tags().get(i));
      }
      sb.append(']');
    }
    Json.key(sb, "attachments", false).append('[');
    long h = Seeds.mix(app.id().hashCode());
    for (int i = 0; i < attachments.size(); i++) {
      String type = attachments.get(i);
      if (i > 0) {
        sb.append(',');
      }
      Json.str(Json.key(sb.append('{'), "type", true), type);
      Json.field(sb, "file_name", Attachments.fileName(type, (int) ((h >>> (i * 3)) & 0xF)));
      Json.key(sb, "sha256", false).append('"');
      long x = Seeds.mix(h + type.hashCode());
      for (int k = 0; k < 4; k++) {
        Seeds.appendHex(sb, x);
        x = Seeds.mix(x);
      }
      sb.append("\"}");
    }
    return sb.append(']').toString();
  }
}
