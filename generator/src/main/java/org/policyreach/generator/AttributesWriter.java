package org.policyreach.generator;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

/**
 * gBizINFO-like firm attributes, JSON Lines: capital, employees, industry, establishment date,
 * business summary. Most firms have a record; any field but the corporate number may be missing or
 * null.
 */
final class AttributesWriter {
  static final Outputs.FileSpec FILE =
      new Outputs.FileSpec(
          "firm_attributes/firm_attributes.jsonl", StandardCharsets.UTF_8, null, "\n", 1);

  static final List<FaultKind> FAULTS =
      List.of(
          FaultKind.BAD_CHECK_DIGIT,
          FaultKind.MALFORMED,
          FaultKind.DUPLICATE,
          FaultKind.IMPOSSIBLE_DATE,
          FaultKind.NEGATIVE_AMOUNT,
          FaultKind.MOJIBAKE);

  private final long seed;
  private final LocalDate asOf;
  private final FaultInjector faults;

  AttributesWriter(long seed, LocalDate asOf, FaultInjector faults) {
    this.seed = seed;
    this.asOf = asOf;
    this.faults = faults;
  }

  /** Writes the firm's record if it has one; returns whether it did. */
  boolean write(Emitter out, Firm f, String summary, SplittableRandom faultRng, StringBuilder sb) {
    SplittableRandom rng = Seeds.rng(seed, Seeds.Purpose.ATTRIBUTES, f.index());
    if (rng.nextInt(100) >= (f.active() ? 85 : 40)) {
      return false;
    }
    FaultKind fault = faults.draw(faultRng, FAULTS);
    String cn = f.cn().value();
    String detail = null;
    if (fault == FaultKind.BAD_CHECK_DIGIT) {
      cn = FaultInjector.badCheckDigit(cn, faultRng);
      detail = cn;
    }
    sb.setLength(0);
    sb.append('{');
    Json.str(Json.key(sb, "corporate_number", true), cn);
    long capital = f.capitalYen();
    if (fault == FaultKind.NEGATIVE_AMOUNT) {
      capital = -Math.max(1_000_000, capital);
      detail = "capital_stock " + capital;
      Json.field(sb, "capital_stock", capital);
    } else {
      optional(sb, "capital_stock", rng, () -> Long.toString(f.capitalYen()));
    }
    optional(sb, "employee_number", rng, () -> Integer.toString(f.employees()));
    optionalString(sb, "jsic_division", rng, f.jsic().letter());
    optionalString(sb, "jsic_major", rng, f.jsicMajor());
    if (fault == FaultKind.IMPOSSIBLE_DATE) {
      String bad = FaultInjector.impossibleIsoDate(f.established(), faultRng);
      detail = "date_of_establishment " + bad;
      Json.field(sb, "date_of_establishment", bad);
    } else {
      optionalString(sb, "date_of_establishment", rng, f.established().toString());
    }
    if (fault == FaultKind.MOJIBAKE) {
      detail = "business_summary";
      Json.field(sb, "business_summary", FaultInjector.mojibake(summary, false, faultRng));
    } else {
      optionalString(sb, "business_summary", rng, summary);
    }
    LocalDate updated = asOf.minusDays(1 + rng.nextInt(700));
    Json.field(sb, "update_date", updated.toString());
    sb.append('}');
    CharSequence line = sb;
    if (fault == FaultKind.MALFORMED) {
      line = FaultInjector.truncateJson(sb.toString(), faultRng);
      detail = "truncated JSON";
    }
    out.line(FILE, 0, line, fault, f.cn().value(), null, detail);
    return true;
  }

  /** 87% present, 8% missing, 5% null. */
  private static void optional(
      StringBuilder sb, String key, SplittableRandom rng, java.util.function.Supplier<String> raw) {
    int r = rng.nextInt(100);
    if (r < 87) {
      Json.key(sb, key, false).append(raw.get());
    } else if (r >= 95) {
      Json.key(sb, key, false).append("null");
    }
  }

  private static void optionalString(
      StringBuilder sb, String key, SplittableRandom rng, String value) {
    int r = rng.nextInt(100);
    if (r < 87) {
      Json.field(sb, key, value);
    } else if (r >= 95) {
      Json.key(sb, key, false).append("null");
    }
  }
}
