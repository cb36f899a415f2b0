package org.policyreach.generator;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Decides which records get a fault and produces the faulty values. A record gets a fault with
 * probability {@code rate}; the kind is uniform among those that make sense for the record. Faulty
 * values are built so that a correct validator necessarily rejects them (a wrong check digit is
 * never the right one, a truncated JSON object never parses, …).
 */
final class FaultInjector {
  /** A fault as recorded before assembly (positions are translated to physical lines later). */
  record Recorded(
      Outputs.Position position,
      FaultKind kind,
      String corporateNumber,
      String applicationId,
      String detail) {}

  private final double rate;
  private final Set<String> programIds;

  FaultInjector(double rate, Set<String> programIds) {
    this.rate = rate;
    this.programIds = programIds;
  }

  /**
   * A fault kind for the next record, or null (one draw when no fault, so streams stay aligned).
   */
  FaultKind draw(SplittableRandom rng, List<FaultKind> applicable) {
    if (rng.nextDouble() >= rate || applicable.isEmpty()) {
      return null;
    }
    return applicable.get(rng.nextInt(applicable.size()));
  }

  static List<FaultKind> without(List<FaultKind> kinds, FaultKind removed) {
    List<FaultKind> l = new ArrayList<>(kinds);
    l.remove(removed);
    return l;
  }

  /** The number with its check digit replaced by another digit 1..9. */
  static String badCheckDigit(String cn, SplittableRandom rng) {
    int correct = cn.charAt(0) - '0';
    int wrong = 1 + (correct + rng.nextInt(8)) % 9;
    return (char) ('0' + wrong) + cn.substring(1);
  }

  /** An id that looks like a real program's but is not in the catalog. */
  String unknownProgram(String realId, String family, SplittableRandom rng) {
    String[] candidates = {
      realId.replace('-', '_'),
      family + "-2019",
      realId + "-old",
      realId.toUpperCase(java.util.Locale.ROOT)
    };
    int start = rng.nextInt(candidates.length);
    for (int i = 0; i < candidates.length; i++) {
      String c = candidates[(start + i) % candidates.length];
      if (!programIds.contains(c)) {
        return c;
      }
    }
    StringBuilder sb = new StringBuilder("prog-");
    Seeds.appendHex(sb, rng.nextLong());
    return sb.toString();
  }

  /** A prefix of a JSON line that cannot parse (the closing brace is always cut off). */
  static String truncateJson(String line, SplittableRandom rng) {
    int cut = (int) (line.length() * (0.3 + 0.6 * rng.nextDouble()));
    cut = Math.max(1, Math.min(cut, line.length() - 1));
    if (Character.isHighSurrogate(line.charAt(cut - 1))) {
      cut--;
    }
    return line.substring(0, cut);
  }

  /** An ISO date that does not exist, in the year of {@code near}. */
  static String impossibleIsoDate(LocalDate near, SplittableRandom rng) {
    int y = near.getYear();
    return switch (rng.nextInt(4)) {
      case 0 -> y + "-02-30";
      case 1 -> y + "-04-31";
      case 2 -> y + "-13-01";
      default -> y + "-06-31";
    };
  }

  /** A wareki or Western date as written on a form that cannot be a real date. */
  static String impossibleFormDate(LocalDate near, SplittableRandom rng) {
    int reiwa = near.getYear() - 2018;
    return switch (rng.nextInt(6)) {
      case 0 -> "令和0年" + near.getMonthValue() + "月" + near.getDayOfMonth() + "日";
      case 1 -> "令和" + reiwa + "年2月30日";
      case 2 -> "R" + reiwa + ".2.30";
      case 3 -> near.getYear() + "/02/30";
      case 4 -> "令和元年4月1日"; // 令和 began on 2019-05-01
      default -> "令和" + reiwa + "年13月1日";
    };
  }

  /**
   * Mojibake of {@code text}: UTF-8 bytes read as CP932, or (for UTF-8 targets only) CP932 bytes
   * read as UTF-8. For a CP932 file the result is kept encodable, as a converter would leave it.
   */
  static String mojibake(String text, boolean cp932Target, SplittableRandom rng) {
    if (cp932Target) {
      return Text.cp932Safe(Text.utf8ReadAsCp932(text));
    }
    return rng.nextInt(3) == 0 ? Text.cp932ReadAsUtf8(text) : Text.utf8ReadAsCp932(text);
  }
}
