package org.policyreach.generator;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.policyreach.core.ApplicationStatus;
import org.policyreach.core.Jsic;
import org.policyreach.core.WarekiDate;

/**
 * Digitized paper applications: CP932 CSV with a Japanese header, written the way forms are filled
 * in — Japanese-era dates in several notations, full-width digits and separators, hyphenated or
 * spaced corporate numbers, industry as a letter or a name, Japanese statuses. One row per
 * application with its status when the form was digitized.
 */
final class LegacyWriter {
  static final String HEADER = "受付番号,施策コード,申請日,法人番号,法人名,都道府県,資本金,従業員数,業種,申請額,申請目的,添付書類,状態";
  static final int COLUMNS = 13;
  static final Outputs.FileSpec FILE =
      new Outputs.FileSpec("legacy/legacy_applications.csv", Text.CP932, HEADER, "\r\n", 1);

  static final List<FaultKind> FAULTS = List.of(FaultKind.values());

  /** Pre-printed forms still say 平成: 平成36年 is 2024 (converted and flagged by the reader). */
  private static final int HEISEI_OFFSET = 1988;

  private final FaultInjector faults;
  private final List<FaultKind> faultsWithoutAttachment;

  LegacyWriter(FaultInjector faults) {
    this.faults = faults;
    this.faultsWithoutAttachment = FaultInjector.without(FAULTS, FaultKind.MISSING_ATTACHMENT);
  }

  /** Writes the firm's paper applications; returns rows written. */
  int write(
      Emitter out,
      Firm f,
      List<PlannedApplication> apps,
      SplittableRandom rng,
      SplittableRandom faultRng) {
    int rows = 0;
    for (PlannedApplication app : apps) {
      if (!app.legacy()) {
        continue;
      }
      boolean hasRequired = !app.program().program().requiredAttachments().isEmpty();
      FaultKind fault = faults.draw(faultRng, hasRequired ? FAULTS : faultsWithoutAttachment);
      row(out, f, app, fault, rng, faultRng);
      rows++;
    }
    return rows;
  }

  private void row(
      Emitter out,
      Firm f,
      PlannedApplication app,
      FaultKind fault,
      SplittableRandom rng,
      SplittableRandom faultRng) {
    LocalDate day = app.submittedAt().toLocalDate();
    String[] r = new String[COLUMNS];
    r[0] = app.id();
    r[1] = app.program().program().id();
    r[2] = formDate(day, rng);
    r[3] = corporateNumber(f.cn().value(), rng);
    r[4] = f.name().name();
    r[5] = rng.nextInt(4) == 0 ? f.prefecture().shortNameJa() : f.prefecture().nameJa();
    r[6] = amount(f.capitalYen(), rng);
    r[7] = count(f.employees(), rng);
    r[8] = industry(f, rng);
    r[9] = amount(app.requestedYen(), rng);
    r[10] = app.purpose();
    List<String> attachments = app.attachments();
    r[12] = status(app.finalStatus(), rng);
    String detail = null;
    if (fault != null) {
      switch (fault) {
        case BAD_CHECK_DIGIT -> {
          String bad = FaultInjector.badCheckDigit(f.cn().value(), faultRng);
          r[3] = corporateNumber(bad, rng);
          detail = bad;
        }
        case UNKNOWN_PROGRAM ->
            detail = r[1] = faults.unknownProgram(r[1], app.program().program().family(), faultRng);
        case MISSING_ATTACHMENT -> {
          List<String> required = app.program().program().requiredAttachments();
          String dropped = required.get(faultRng.nextInt(required.size()));
          attachments = new ArrayList<>(attachments);
          attachments.remove(dropped);
          detail = dropped;
        }
        case IMPOSSIBLE_DATE -> detail = r[2] = FaultInjector.impossibleFormDate(day, faultRng);
        case AMOUNT_OVER_MAX -> {
          long max = app.program().program().maxAmountYen();
          long over =
              max
                  + 1000L
                      * (1 + faultRng.nextInt((int) Math.min(100_000, Math.max(1, max / 2000))));
          r[9] = amount(over, rng);
          detail = "requested " + over + " > max " + max;
        }
        case NEGATIVE_AMOUNT -> {
          String[] sign = {"-", "△", "▲", "－"};
          r[9] = sign[faultRng.nextInt(sign.length)] + Text.grouped(app.requestedYen());
          detail = "requested " + r[9];
        }
        case MOJIBAKE -> {
          if (faultRng.nextBoolean()) {
            r[4] = FaultInjector.mojibake(r[4], true, faultRng);
            detail = "法人名";
          } else {
            r[10] = FaultInjector.mojibake(r[10], true, faultRng);
            detail = "申請目的";
          }
        }
        default -> {}
      }
    }
    r[11] = String.join(";", attachments);
    if (fault == FaultKind.MALFORMED) {
      r = Csv.wrongColumnCount(r, faultRng);
      detail = r.length + " columns";
    }
    out.line(FILE, 0, Csv.join(r, null), fault, f.cn().value(), app.id(), detail);
  }

  /** 令和6年4月1日, 令和６年４月１日, R6.4.1, R6/4/1, 2024/04/01, 2024年4月1日 or 平成36年4月1日. */
  static String formDate(LocalDate d, SplittableRandom rng) {
    int r = rng.nextInt(100);
    if (r < 35) {
      return WarekiDate.format(d);
    } else if (r < 45) {
      return Text.fullWidth(WarekiDate.format(d));
    } else if (r < 63) {
      return WarekiDate.formatShort(d);
    } else if (r < 68) {
      return WarekiDate.formatShort(d).replace('.', '/');
    } else if (r < 88) {
      return d.toString().replace('-', '/');
    } else if (r < 95) {
      return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }
    return "平成"
        + (d.getYear() - HEISEI_OFFSET)
        + "年"
        + d.getMonthValue()
        + "月"
        + d.getDayOfMonth()
        + "日";
  }

  /** 4010401098455, 4-0104-0109-8455, 4 0104 0109 8455 or full-width digits. */
  static String corporateNumber(String cn, SplittableRandom rng) {
    int r = rng.nextInt(100);
    if (r < 50) {
      return cn;
    }
    if (r < 85) {
      String sep = r < 72 ? "-" : r < 80 ? " " : "－";
      return cn.charAt(0)
          + sep
          + cn.substring(1, 5)
          + sep
          + cn.substring(5, 9)
          + sep
          + cn.substring(9);
    }
    return Text.fullWidth(cn);
  }

  /** 10000000, 10,000,000, １０，０００，０００, 10,000,000円 or 1,000万円. */
  static String amount(long yen, SplittableRandom rng) {
    int r = rng.nextInt(100);
    if (r < 30) {
      return Long.toString(yen);
    } else if (r < 60) {
      return Text.grouped(yen);
    } else if (r < 75) {
      return Text.fullWidth(Text.grouped(yen));
    } else if (r < 90 || yen % 10_000 != 0 || yen < 10_000) {
      return Text.grouped(yen) + "円";
    }
    return Text.grouped(yen / 10_000) + "万円";
  }

  private static String count(int n, SplittableRandom rng) {
    int r = rng.nextInt(10);
    return r < 6 ? Integer.toString(n) : r < 8 ? Text.fullWidth(Integer.toString(n)) : n + "人";
  }

  private static String industry(Firm f, SplittableRandom rng) {
    int r = rng.nextInt(10);
    if (r < 4) {
      return f.jsic().letter();
    }
    if (r < 7 || f.jsic() != Jsic.I) {
      return r < 7 ? f.jsic().nameJa() : shortIndustryName(f);
    }
    return Integer.parseInt(f.jsicMajor()) <= 55 ? "卸売業" : "小売業";
  }

  private static String shortIndustryName(Firm f) {
    return switch (f.jsic()) {
      case M -> f.jsicMajor().equals("75") ? "宿泊業" : "飲食サービス業";
      case K -> "不動産業";
      case P -> "医療・福祉";
      case H -> "運輸業";
      case G -> "情報通信業";
      case R -> "サービス業";
      default -> f.jsic().nameJa();
    };
  }

  private static String status(ApplicationStatus s, SplittableRandom rng) {
    if (rng.nextInt(10) == 0) {
      return switch (s) {
        case WITHDRAWN -> "取り下げ";
        case ACCEPTED -> "採択済";
        case SUBMITTED -> "審査中";
        case AWARDED -> "交付決定済";
        default -> s.labelJa();
      };
    }
    return s.labelJa();
  }
}
