package org.policyreach.core;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The 47 prefectures with their JIS X 0401 codes ({@code "01"} 北海道 … {@code "47"} 沖縄県, the same as
 * ISO 3166-2:JP without the {@code JP-} prefix).
 */
public enum Prefecture {
  HOKKAIDO("01", "北海道", "Hokkaido"),
  AOMORI("02", "青森県", "Aomori"),
  IWATE("03", "岩手県", "Iwate"),
  MIYAGI("04", "宮城県", "Miyagi"),
  AKITA("05", "秋田県", "Akita"),
  YAMAGATA("06", "山形県", "Yamagata"),
  FUKUSHIMA("07", "福島県", "Fukushima"),
  IBARAKI("08", "茨城県", "Ibaraki"),
  TOCHIGI("09", "栃木県", "Tochigi"),
  GUNMA("10", "群馬県", "Gunma"),
  SAITAMA("11", "埼玉県", "Saitama"),
  CHIBA("12", "千葉県", "Chiba"),
  TOKYO("13", "東京都", "Tokyo"),
  KANAGAWA("14", "神奈川県", "Kanagawa"),
  NIIGATA("15", "新潟県", "Niigata"),
  TOYAMA("16", "富山県", "Toyama"),
  ISHIKAWA("17", "石川県", "Ishikawa"),
  FUKUI("18", "福井県", "Fukui"),
  YAMANASHI("19", "山梨県", "Yamanashi"),
  NAGANO("20", "長野県", "Nagano"),
  GIFU("21", "岐阜県", "Gifu"),
  SHIZUOKA("22", "静岡県", "Shizuoka"),
  AICHI("23", "愛知県", "Aichi"),
  MIE("24", "三重県", "Mie"),
  SHIGA("25", "滋賀県", "Shiga"),
  KYOTO("26", "京都府", "Kyoto"),
  OSAKA("27", "大阪府", "Osaka"),
  HYOGO("28", "兵庫県", "Hyogo"),
  NARA("29", "奈良県", "Nara"),
  WAKAYAMA("30", "和歌山県", "Wakayama"),
  TOTTORI("31", "鳥取県", "Tottori"),
  SHIMANE("32", "島根県", "Shimane"),
  OKAYAMA("33", "岡山県", "Okayama"),
  HIROSHIMA("34", "広島県", "Hiroshima"),
  YAMAGUCHI("35", "山口県", "Yamaguchi"),
  TOKUSHIMA("36", "徳島県", "Tokushima"),
  KAGAWA("37", "香川県", "Kagawa"),
  EHIME("38", "愛媛県", "Ehime"),
  KOCHI("39", "高知県", "Kochi"),
  FUKUOKA("40", "福岡県", "Fukuoka"),
  SAGA("41", "佐賀県", "Saga"),
  NAGASAKI("42", "長崎県", "Nagasaki"),
  KUMAMOTO("43", "熊本県", "Kumamoto"),
  OITA("44", "大分県", "Oita"),
  MIYAZAKI("45", "宮崎県", "Miyazaki"),
  KAGOSHIMA("46", "鹿児島県", "Kagoshima"),
  OKINAWA("47", "沖縄県", "Okinawa");

  private static final Map<String, Prefecture> BY_NAME = new HashMap<>();

  static {
    for (Prefecture p : values()) {
      BY_NAME.put(p.nameJa, p);
      BY_NAME.put(p.shortNameJa(), p);
      BY_NAME.put(p.nameEn.toLowerCase(Locale.ROOT), p);
    }
  }

  private final String code;
  private final String nameJa;
  private final String nameEn;

  Prefecture(String code, String nameJa, String nameEn) {
    this.code = code;
    this.nameJa = nameJa;
    this.nameEn = nameEn;
  }

  /** Two-digit JIS X 0401 code, for example {@code "13"}. */
  public String code() {
    return code;
  }

  /** Official Japanese name with its suffix, for example 東京都, 北海道. */
  public String nameJa() {
    return nameJa;
  }

  /** Romanised name, for example Tokyo. */
  public String nameEn() {
    return nameEn;
  }

  /**
   * The name without 都/府/県 (東京, 大阪, 京都, 神奈川); 北海道 is kept whole because 道 is part of its name as
   * people write it.
   */
  public String shortNameJa() {
    if (this == HOKKAIDO) {
      return nameJa;
    }
    return nameJa.substring(0, nameJa.length() - 1);
  }

  /**
   * By JIS code; one-digit codes ({@code "1"}) and full-width digits are accepted and padded.
   *
   * @throws DomainException {@code PREFECTURE_UNKNOWN} if the code is not 01..47
   */
  public static Prefecture ofCode(String code) {
    String c = JapaneseText.nfkcTrim(code);
    if (c != null && c.length() == 1) {
      c = "0" + c;
    }
    if (c != null
        && c.length() == 2
        && Character.isDigit(c.charAt(0))
        && Character.isDigit(c.charAt(1))) {
      int n = Integer.parseInt(c);
      if (n >= 1 && n <= 47) {
        return values()[n - 1];
      }
    }
    throw new DomainException(
        "PREFECTURE_UNKNOWN",
        "Unknown prefecture code "
            + JapaneseText.quote(code)
            + ": use the two-digit JIS X 0401 code 01 (北海道) .. 47 (沖縄県), for example 13 for 東京都");
  }

  /**
   * By name, with or without the 都/道/府/県 suffix (東京都, 東京, 北海道, 大阪), or the romanised name
   * (case-insensitive); surrounding spaces and full-width forms are normalised.
   */
  public static Optional<Prefecture> byName(String name) {
    String n = JapaneseText.nfkcTrim(name);
    if (n == null || n.isEmpty()) {
      return Optional.empty();
    }
    Prefecture p = BY_NAME.get(n);
    if (p == null) {
      p = BY_NAME.get(n.toLowerCase(Locale.ROOT));
    }
    if (p == null && n.equals("北海")) {
      p = HOKKAIDO;
    }
    return Optional.ofNullable(p);
  }

  /**
   * A JIS code or a name.
   *
   * @throws DomainException {@code PREFECTURE_UNKNOWN}
   */
  public static Prefecture parse(String codeOrName) {
    String n = JapaneseText.nfkcTrim(codeOrName);
    if (n != null && !n.isEmpty() && n.chars().allMatch(Character::isDigit)) {
      return ofCode(n);
    }
    return byName(n)
        .orElseThrow(
            () ->
                new DomainException(
                    "PREFECTURE_UNKNOWN",
                    "Unknown prefecture "
                        + JapaneseText.quote(codeOrName)
                        + ": give a JIS code 01..47 or a name such as 東京都, 東京 or 北海道"));
  }
}
