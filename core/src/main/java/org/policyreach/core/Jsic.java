package org.policyreach.core;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Japan Standard Industrial Classification (Rev. 14) divisions A–T. {@link #byName} accepts the
 * official name and the short forms people write on forms (製造業, 卸売業, 小売業, 飲食業, サービス業 …).
 */
public enum Jsic {
  A("農業，林業", "Agriculture and forestry", List.of("農業", "林業", "農林業")),
  B("漁業", "Fisheries", List.of("水産業", "漁業・水産養殖業")),
  C("鉱業，採石業，砂利採取業", "Mining and quarrying of stone and gravel", List.of("鉱業", "採石業")),
  D("建設業", "Construction", List.of("建築業", "工事業")),
  E("製造業", "Manufacturing", List.of("ものづくり")),
  F(
      "電気・ガス・熱供給・水道業",
      "Electricity, gas, heat supply and water",
      List.of("電気業", "ガス業", "水道業", "電気・ガス業")),
  G("情報通信業", "Information and communications", List.of("情報通信", "IT", "通信業", "情報サービス業")),
  H("運輸業，郵便業", "Transport and postal activities", List.of("運輸業", "郵便業", "物流", "運送業", "運輸")),
  I("卸売業，小売業", "Wholesale and retail trade", List.of("卸売業", "小売業", "卸・小売業", "卸売・小売業", "商業")),
  J("金融業，保険業", "Finance and insurance", List.of("金融業", "保険業", "金融・保険業")),
  K("不動産業，物品賃貸業", "Real estate and goods rental and leasing", List.of("不動産業", "物品賃貸業", "不動産")),
  L(
      "学術研究，専門・技術サービス業",
      "Scientific research, professional and technical services",
      List.of("学術研究", "専門・技術サービス業", "専門サービス業", "技術サービス業")),
  M(
      "宿泊業，飲食サービス業",
      "Accommodations, eating and drinking services",
      List.of("宿泊業", "飲食サービス業", "飲食業", "飲食店", "宿泊・飲食業", "旅館業")),
  N(
      "生活関連サービス業，娯楽業",
      "Living-related and personal services and amusement services",
      List.of("生活関連サービス業", "娯楽業")),
  O("教育，学習支援業", "Education, learning support", List.of("教育", "学習支援業", "教育業")),
  P("医療，福祉", "Medical, health care and welfare", List.of("医療", "福祉", "医療・福祉", "介護")),
  Q("複合サービス事業", "Compound services", List.of("複合サービス")),
  R("サービス業（他に分類されないもの）", "Services, not elsewhere classified", List.of("サービス業", "その他のサービス業")),
  S("公務（他に分類されるものを除く）", "Government, except elsewhere classified", List.of("公務")),
  T("分類不能の産業", "Industries unable to classify", List.of("分類不能", "その他"));

  private static final Map<String, Jsic> BY_NAME = new HashMap<>();

  static {
    for (Jsic j : values()) {
      BY_NAME.put(key(j.nameJa), j);
      BY_NAME.put(key(j.nameEn), j);
      for (String alias : j.aliases) {
        BY_NAME.putIfAbsent(key(alias), j);
      }
    }
  }

  private final String nameJa;
  private final String nameEn;
  private final List<String> aliases;

  Jsic(String nameJa, String nameEn, List<String> aliases) {
    this.nameJa = nameJa;
    this.nameEn = nameEn;
    this.aliases = aliases;
  }

  /** First and last two-digit major group (中分類) code of each division, A..T. */
  private static final int[][] MAJORS = {
    {1, 2},
    {3, 4},
    {5, 5},
    {6, 8},
    {9, 32},
    {33, 36},
    {37, 41},
    {42, 49},
    {50, 61},
    {62, 67},
    {68, 70},
    {71, 74},
    {75, 77},
    {78, 80},
    {81, 82},
    {83, 85},
    {86, 87},
    {88, 96},
    {97, 98},
    {99, 99},
  };

  /** The division letter, {@code "A"} .. {@code "T"}. */
  public String letter() {
    return name();
  }

  /** Official Japanese name, for example 製造業, 卸売業，小売業. */
  public String nameJa() {
    return nameJa;
  }

  /** Official English name. */
  public String nameEn() {
    return nameEn;
  }

  /**
   * By letter (case-insensitive, full-width accepted).
   *
   * @throws DomainException {@code JSIC_UNKNOWN}
   */
  public static Jsic ofLetter(String letter) {
    String l = JapaneseText.nfkcTrim(letter);
    if (l != null && l.length() == 1) {
      char c = Character.toUpperCase(l.charAt(0));
      if (c >= 'A' && c <= 'T') {
        return values()[c - 'A'];
      }
    }
    throw new DomainException(
        "JSIC_UNKNOWN",
        "Unknown JSIC division letter "
            + JapaneseText.quote(letter)
            + ": use one letter A..T (for example E for 製造業, I for 卸売業，小売業)");
  }

  /** By official name (English or Japanese) or a common short form; spaces and width ignored. */
  public static Optional<Jsic> byName(String name) {
    String k = key(name);
    if (k == null || k.isEmpty()) {
      return Optional.empty();
    }
    return Optional.ofNullable(BY_NAME.get(k));
  }

  /**
   * A letter or a name.
   *
   * @throws DomainException {@code JSIC_UNKNOWN}
   */
  public static Jsic parse(String letterOrName) {
    String n = JapaneseText.nfkcTrim(letterOrName);
    if (n != null && n.length() == 1) {
      return ofLetter(n);
    }
    return byName(n)
        .orElseThrow(
            () ->
                new DomainException(
                    "JSIC_UNKNOWN",
                    "Unknown industry "
                        + JapaneseText.quote(letterOrName)
                        + ": give a JSIC division letter A..T or a name such as 製造業, 建設業,"
                        + " 卸売業, 小売業, 情報通信業, 飲食業, サービス業"));
  }

  /** First two-digit major group (中分類) code of this division, for example 9 for E. */
  public int firstMajor() {
    return MAJORS[ordinal()][0];
  }

  /** Last two-digit major group (中分類) code of this division, for example 32 for E. */
  public int lastMajor() {
    return MAJORS[ordinal()][1];
  }

  /** True if the JSIC code (major 2 digits, minor 3, detail 4) lies inside this division. */
  public boolean contains(String jsicCode) {
    int major = majorOf(jsicCode);
    return major >= firstMajor() && major <= lastMajor();
  }

  /**
   * The division of a JSIC code: a major group (2 digits, {@code "09"}), minor group (3, {@code
   * "091"}) or detail (4); full-width digits accepted.
   *
   * @throws DomainException {@code JSIC_CODE_INVALID}
   */
  public static Jsic ofMajor(String jsicCode) {
    int major = majorOf(jsicCode);
    for (Jsic j : values()) {
      if (major >= j.firstMajor() && major <= j.lastMajor()) {
        return j;
      }
    }
    throw invalidCode(jsicCode);
  }

  /** Normalised 2..4 digit JSIC code (NFKC, trimmed), or an exception naming the input. */
  static String normalizeCode(String jsicCode) {
    String c = JapaneseText.nfkcTrim(jsicCode);
    if (c == null
        || c.length() < 2
        || c.length() > 4
        || !c.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
      throw invalidCode(jsicCode);
    }
    int major = Integer.parseInt(c.substring(0, 2));
    if (major < 1 || major > 99) {
      throw invalidCode(jsicCode);
    }
    return c;
  }

  private static int majorOf(String jsicCode) {
    return Integer.parseInt(normalizeCode(jsicCode).substring(0, 2));
  }

  private static DomainException invalidCode(String jsicCode) {
    return new DomainException(
        "JSIC_CODE_INVALID",
        "Invalid JSIC code "
            + JapaneseText.quote(jsicCode)
            + ": give a major group as two digits 01..99 (for example 09 for 食料品製造業),"
            + " optionally followed by the minor group or detail digits (091, 0911)");
  }

  private static String key(String s) {
    String n = JapaneseText.nfkc(s);
    if (n == null) {
      return null;
    }
    // NFKC turns the official full-width comma into ',' and （） into (); drop spaces and
    // unify the separators people use between the parts of a name.
    return n.replaceAll("\\s+", "").replace('、', ',').replace('･', '・').toLowerCase(Locale.ROOT);
  }
}
