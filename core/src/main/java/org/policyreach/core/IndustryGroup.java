package org.policyreach.core;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;

/**
 * The industry rows of the SME Basic Act (中小企業基本法 第2条) plus the industries its government decree
 * (政令) treats differently. Each row gives the capital and employee limits of an SME (either
 * suffices) and the employee limit of a small-scale firm (小規模事業者).
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>group</th><th>capital ≤</th><th>employees ≤</th><th>small-scale ≤</th></tr>
 *   <tr><td>MANUFACTURING_AND_OTHER</td><td>¥300M</td><td>300</td><td>20</td></tr>
 *   <tr><td>WHOLESALE</td><td>¥100M</td><td>100</td><td>5</td></tr>
 *   <tr><td>RETAIL</td><td>¥50M</td><td>50</td><td>5</td></tr>
 *   <tr><td>SERVICES</td><td>¥50M</td><td>100</td><td>5</td></tr>
 *   <tr><td>ACCOMMODATION_ENTERTAINMENT</td><td>¥50M</td><td>100</td><td>20</td></tr>
 *   <tr><td>RUBBER_PRODUCTS (decree)</td><td>¥300M</td><td>900</td><td>20</td></tr>
 *   <tr><td>SOFTWARE_IT (decree)</td><td>¥300M</td><td>300</td><td>5</td></tr>
 *   <tr><td>RYOKAN (decree)</td><td>¥50M</td><td>200</td><td>20</td></tr>
 * </table>
 *
 * <p>Mapping from JSIC, following the SME Agency's correspondence table (codes are JSIC major
 * groups 中分類 with 2 digits, minor groups 小分類 with 3):
 *
 * <ul>
 *   <li>WHOLESALE: division I, majors 50–55.
 *   <li>RETAIL: division I, majors 56–61; and division M majors 76 (飲食店) and 77 (持ち帰り・配達飲食 サービス業) —
 *       the Act counts restaurants as retail.
 *   <li>SERVICES: G majors 38 (放送業) and 39 (情報サービス業, but see SOFTWARE_IT), G minors 411, 412, 415,
 *       416; K major 70 (物品賃貸業) and minor 693 (駐車場業); all of L, O, P, Q, R; N except 80 (娯楽業, see
 *       below) and minor 791 (旅行業, which falls to "other").
 *   <li>ACCOMMODATION_ENTERTAINMENT: M major 75 (宿泊業) and N major 80 (娯楽業) — services whose
 *       small-scale limit is 20.
 *   <li>SOFTWARE_IT: G major 39 (情報サービス業 = 391 ソフトウェア業 + 392 情報処理・提供サービス業).
 *   <li>RYOKAN: M minor 751 (旅館，ホテル).
 *   <li>RUBBER_PRODUCTS: E major 19 minors 192 and 199, and 193 details other than 1931 (tyres 191
 *       and industrial belts 1931 are excluded by the decree).
 *   <li>MANUFACTURING_AND_OTHER: everything else — A–F, H, J, S, T, G 37, 40, 413, 414, K 68 and 69
 *       (except 693), N 791.
 * </ul>
 *
 * <p>When the code given is not precise enough to decide (no major, or a major that the table
 * splits), {@link #candidates} lists every row it could be and {@link #of} returns the strictest of
 * them (lowest limits on every axis), so a firm is never called an SME or small-scale when it might
 * not be one.
 */
public enum IndustryGroup {
  MANUFACTURING_AND_OTHER("製造業その他", 300_000_000L, 300, 20),
  WHOLESALE("卸売業", 100_000_000L, 100, 5),
  RETAIL("小売業", 50_000_000L, 50, 5),
  SERVICES("サービス業", 50_000_000L, 100, 5),
  ACCOMMODATION_ENTERTAINMENT("宿泊業・娯楽業", 50_000_000L, 100, 20),
  RUBBER_PRODUCTS("ゴム製品製造業（政令）", 300_000_000L, 900, 20),
  SOFTWARE_IT("ソフトウェア業・情報処理サービス業（政令）", 300_000_000L, 300, 5),
  RYOKAN("旅館業（政令）", 50_000_000L, 200, 20);

  private static final Comparator<IndustryGroup> STRICTEST_FIRST =
      Comparator.comparingLong(IndustryGroup::capitalLimitYen)
          .thenComparingInt(IndustryGroup::employeeLimit)
          .thenComparingInt(IndustryGroup::smallScaleEmployeeLimit);

  private final String labelJa;
  private final long capitalLimitYen;
  private final int employeeLimit;
  private final int smallScaleEmployeeLimit;

  IndustryGroup(String labelJa, long capitalLimitYen, int employeeLimit, int smallScale) {
    this.labelJa = labelJa;
    this.capitalLimitYen = capitalLimitYen;
    this.employeeLimit = employeeLimit;
    this.smallScaleEmployeeLimit = smallScale;
  }

  public String labelJa() {
    return labelJa;
  }

  /** An SME has capital (資本金又は出資の総額) at most this many yen, or … */
  public long capitalLimitYen() {
    return capitalLimitYen;
  }

  /** … at most this many regular employees (常時使用する従業員). */
  public int employeeLimit() {
    return employeeLimit;
  }

  /** A small-scale firm (小規模事業者) has at most this many employees. */
  public int smallScaleEmployeeLimit() {
    return smallScaleEmployeeLimit;
  }

  /**
   * The row for a JSIC division and optional JSIC code (major 2 digits, minor 3, detail 4); the
   * strictest candidate when the code does not decide.
   *
   * @throws DomainException {@code JSIC_CODE_INVALID} if the code is malformed or not inside the
   *     division
   */
  public static IndustryGroup of(Jsic division, String jsicMajorOrNull) {
    requireNonNull(division, "division is null");
    return candidates(division, jsicMajorOrNull).stream().min(STRICTEST_FIRST).orElseThrow();
  }

  /**
   * Every row the firm could belong to; one element when the code decides. {@code division} null
   * means "unknown industry" and gives every row.
   */
  public static Set<IndustryGroup> candidates(Jsic division, String jsicMajorOrNull) {
    if (division == null) {
      return Collections.unmodifiableSet(EnumSet.allOf(IndustryGroup.class));
    }
    String code = jsicMajorOrNull == null ? null : Jsic.normalizeCode(jsicMajorOrNull);
    if (code != null && !division.contains(code)) {
      throw new DomainException(
          "JSIC_CODE_INVALID",
          "JSIC code "
              + JapaneseText.quote(jsicMajorOrNull)
              + " is not in division "
              + division.letter()
              + " ("
              + division.nameJa()
              + "), whose majors are "
              + String.format("%02d..%02d", division.firstMajor(), division.lastMajor())
              + ": correct the division or the code");
    }
    return Collections.unmodifiableSet(rows(division, code));
  }

  private static EnumSet<IndustryGroup> rows(Jsic division, String code) {
    int major = code == null ? -1 : Integer.parseInt(code.substring(0, 2));
    String minor = code != null && code.length() >= 3 ? code.substring(0, 3) : null;
    switch (division) {
      case E:
        if (major != 19 && major != -1) {
          return EnumSet.of(MANUFACTURING_AND_OTHER);
        }
        if (minor == null) {
          return EnumSet.of(MANUFACTURING_AND_OTHER, RUBBER_PRODUCTS);
        }
        if (minor.equals("192") || minor.equals("199")) {
          return EnumSet.of(RUBBER_PRODUCTS);
        }
        if (minor.equals("193")) {
          if (code.length() == 4) {
            return EnumSet.of(code.equals("1931") ? MANUFACTURING_AND_OTHER : RUBBER_PRODUCTS);
          }
          return EnumSet.of(MANUFACTURING_AND_OTHER, RUBBER_PRODUCTS);
        }
        return EnumSet.of(MANUFACTURING_AND_OTHER);
      case G:
        switch (major) {
          case -1:
            return EnumSet.of(SERVICES, SOFTWARE_IT, MANUFACTURING_AND_OTHER);
          case 38:
            return EnumSet.of(SERVICES);
          case 39:
            return EnumSet.of(SOFTWARE_IT);
          case 41:
            if (minor == null) {
              return EnumSet.of(SERVICES, MANUFACTURING_AND_OTHER);
            }
            return EnumSet.of(
                minor.equals("413") || minor.equals("414") ? MANUFACTURING_AND_OTHER : SERVICES);
          default:
            return EnumSet.of(MANUFACTURING_AND_OTHER);
        }
      case I:
        if (major == -1) {
          return EnumSet.of(WHOLESALE, RETAIL);
        }
        return EnumSet.of(major <= 55 ? WHOLESALE : RETAIL);
      case K:
        if (major == 70) {
          return EnumSet.of(SERVICES);
        }
        if (major == 69) {
          if (minor == null) {
            return EnumSet.of(SERVICES, MANUFACTURING_AND_OTHER);
          }
          return EnumSet.of(minor.equals("693") ? SERVICES : MANUFACTURING_AND_OTHER);
        }
        if (major == 68) {
          return EnumSet.of(MANUFACTURING_AND_OTHER);
        }
        return EnumSet.of(SERVICES, MANUFACTURING_AND_OTHER);
      case M:
        if (major == 75) {
          if (minor == null) {
            return EnumSet.of(ACCOMMODATION_ENTERTAINMENT, RYOKAN);
          }
          return EnumSet.of(minor.equals("751") ? RYOKAN : ACCOMMODATION_ENTERTAINMENT);
        }
        if (major == 76 || major == 77) {
          return EnumSet.of(RETAIL);
        }
        return EnumSet.of(ACCOMMODATION_ENTERTAINMENT, RYOKAN, RETAIL);
      case N:
        if (major == 80) {
          return EnumSet.of(ACCOMMODATION_ENTERTAINMENT);
        }
        if (major == 78) {
          return EnumSet.of(SERVICES);
        }
        if (major == 79) {
          if (minor == null) {
            return EnumSet.of(SERVICES, MANUFACTURING_AND_OTHER);
          }
          return EnumSet.of(minor.equals("791") ? MANUFACTURING_AND_OTHER : SERVICES);
        }
        return EnumSet.of(SERVICES, ACCOMMODATION_ENTERTAINMENT, MANUFACTURING_AND_OTHER);
      case L:
      case O:
      case P:
      case Q:
      case R:
        return EnumSet.of(SERVICES);
      default:
        return EnumSet.of(MANUFACTURING_AND_OTHER);
    }
  }
}
