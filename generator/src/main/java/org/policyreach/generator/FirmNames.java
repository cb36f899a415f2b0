package org.policyreach.generator;

import java.util.SplittableRandom;
import org.policyreach.core.Jsic;

/**
 * Realistic Japanese trade names: a stem (family name, auspicious kanji pair or katakana word) plus
 * an industry word, with the legal form before (前株) or after (後株). Each piece carries its reading
 * (for the NTA furigana column) and romanisation (for the rare English name).
 */
final class FirmNames {
  private FirmNames() {}

  /** A word with its katakana reading and romanisation. */
  record Word(String text, String kana, String roman) {}

  /** A generated name. */
  record Name(String name, String furigana, String enName) {}

  private static Word[] words(String... triples) {
    Word[] w = new Word[triples.length / 3];
    for (int i = 0; i < w.length; i++) {
      w[i] = new Word(triples[3 * i], triples[3 * i + 1], triples[3 * i + 2]);
    }
    return w;
  }

  private static final Word[] STEMS =
      words(
          "山田",
          "ヤマダ",
          "Yamada",
          "田中",
          "タナカ",
          "Tanaka",
          "佐藤",
          "サトウ",
          "Sato",
          "鈴木",
          "スズキ",
          "Suzuki",
          "高橋",
          "タカハシ",
          "Takahashi",
          "伊藤",
          "イトウ",
          "Ito",
          "渡辺",
          "ワタナベ",
          "Watanabe",
          "中村",
          "ナカムラ",
          "Nakamura",
          "小林",
          "コバヤシ",
          "Kobayashi",
          "加藤",
          "カトウ",
          "Kato",
          "松本",
          "マツモト",
          "Matsumoto",
          "井上",
          "イノウエ",
          "Inoue",
          "木村",
          "キムラ",
          "Kimura",
          "清水",
          "シミズ",
          "Shimizu",
          "山口",
          "ヤマグチ",
          "Yamaguchi",
          "池田",
          "イケダ",
          "Ikeda",
          "橋本",
          "ハシモト",
          "Hashimoto",
          "石川",
          "イシカワ",
          "Ishikawa",
          "前田",
          "マエダ",
          "Maeda",
          "藤田",
          "フジタ",
          "Fujita",
          "岡田",
          "オカダ",
          "Okada",
          "後藤",
          "ゴトウ",
          "Goto",
          "長谷川",
          "ハセガワ",
          "Hasegawa",
          "村上",
          "ムラカミ",
          "Murakami",
          "近藤",
          "コンドウ",
          "Kondo",
          "坂本",
          "サカモト",
          "Sakamoto",
          "遠藤",
          "エンドウ",
          "Endo",
          "青木",
          "アオキ",
          "Aoki",
          "西村",
          "ニシムラ",
          "Nishimura",
          "福田",
          "フクダ",
          "Fukuda",
          "太田",
          "オオタ",
          "Ota",
          "三浦",
          "ミウラ",
          "Miura",
          "藤井",
          "フジイ",
          "Fujii",
          "岡本",
          "オカモト",
          "Okamoto",
          "松田",
          "マツダ",
          "Matsuda",
          "中川",
          "ナカガワ",
          "Nakagawa",
          "原田",
          "ハラダ",
          "Harada",
          "小川",
          "オガワ",
          "Ogawa",
          "竹内",
          "タケウチ",
          "Takeuchi",
          "金子",
          "カネコ",
          "Kaneko",
          "和田",
          "ワダ",
          "Wada",
          "中島",
          "ナカジマ",
          "Nakajima",
          "石井",
          "イシイ",
          "Ishii",
          "上田",
          "ウエダ",
          "Ueda",
          "森田",
          "モリタ",
          "Morita",
          "丸山",
          "マルヤマ",
          "Maruyama",
          "東邦",
          "トウホウ",
          "Toho",
          "大和",
          "ダイワ",
          "Daiwa",
          "三協",
          "サンキョウ",
          "Sankyo",
          "日進",
          "ニッシン",
          "Nisshin",
          "共栄",
          "キョウエイ",
          "Kyoei",
          "北斗",
          "ホクト",
          "Hokuto",
          "旭",
          "アサヒ",
          "Asahi",
          "富士",
          "フジ",
          "Fuji",
          "新和",
          "シンワ",
          "Shinwa",
          "昭和",
          "ショウワ",
          "Showa",
          "平和",
          "ヘイワ",
          "Heiwa",
          "大成",
          "タイセイ",
          "Taisei",
          "中央",
          "チュウオウ",
          "Chuo",
          "第一",
          "ダイイチ",
          "Daiichi",
          "双葉",
          "フタバ",
          "Futaba",
          "東洋",
          "トウヨウ",
          "Toyo",
          "協和",
          "キョウワ",
          "Kyowa",
          "栄光",
          "エイコウ",
          "Eiko",
          "朝日",
          "アサヒ",
          "Asahi",
          "千代田",
          "チヨダ",
          "Chiyoda",
          "若葉",
          "ワカバ",
          "Wakaba",
          "三和",
          "サンワ",
          "Sanwa",
          "太陽",
          "タイヨウ",
          "Taiyo",
          "誠和",
          "セイワ",
          "Seiwa",
          "信和",
          "シンワ",
          "Shinwa",
          "丸和",
          "マルワ",
          "Maruwa",
          "山栄",
          "ヤマエイ",
          "Yamaei",
          "光陽",
          "コウヨウ",
          "Koyo",
          "菱和",
          "リョウワ",
          "Ryowa",
          "日栄",
          "ニチエイ",
          "Nichiei",
          "新栄",
          "シンエイ",
          "Shin-ei",
          "大洋",
          "タイヨウ",
          "Taiyo",
          "明和",
          "メイワ",
          "Meiwa",
          "北陽",
          "ホクヨウ",
          "Hokuyo",
          "南海",
          "ナンカイ",
          "Nankai",
          "西日本",
          "ニシニホン",
          "Nishinihon",
          "東日本",
          "ヒガシニホン",
          "Higashinihon",
          "日本",
          "ニホン",
          "Nihon",
          "みどり",
          "ミドリ",
          "Midori",
          "さくら",
          "サクラ",
          "Sakura",
          "ひかり",
          "ヒカリ",
          "Hikari");

  /** The first stems are family names (山田 … 丸山); contact persons take theirs from them. */
  private static final int FAMILY_NAMES = 46;

  private static final Word[] KATAKANA_STEMS =
      words(
          "サンワ",
          "サンワ",
          "Sanwa",
          "ミライ",
          "ミライ",
          "Mirai",
          "アオバ",
          "アオバ",
          "Aoba",
          "コスモ",
          "コスモ",
          "Cosmo",
          "エース",
          "エース",
          "Ace",
          "ワコウ",
          "ワコウ",
          "Wako",
          "アルファ",
          "アルファ",
          "Alpha",
          "ライズ",
          "ライズ",
          "Rise",
          "ネクスト",
          "ネクスト",
          "Next",
          "グリーン",
          "グリーン",
          "Green",
          "ユニオン",
          "ユニオン",
          "Union",
          "オリエント",
          "オリエント",
          "Orient",
          "パシフィック",
          "パシフィック",
          "Pacific",
          "フロンティア",
          "フロンティア",
          "Frontier",
          "ホープ",
          "ホープ",
          "Hope",
          "スマイル",
          "スマイル",
          "Smile",
          "ブライト",
          "ブライト",
          "Bright",
          "トラスト",
          "トラスト",
          "Trust",
          "リンク",
          "リンク",
          "Link",
          "アーク",
          "アーク",
          "Arc",
          "ソレイユ",
          "ソレイユ",
          "Soleil",
          "プラス",
          "プラス",
          "Plus",
          "ワイズ",
          "ワイズ",
          "Wise",
          "エム・ケイ",
          "エムケイ",
          "MK",
          "ケイ・エス",
          "ケイエス",
          "KS",
          "ティー・エム",
          "ティーエム",
          "TM");

  private static final Word[] CONSTRUCTION =
      words(
          "建設",
          "ケンセツ",
          "Kensetsu",
          "工務店",
          "コウムテン",
          "Komuten",
          "組",
          "グミ",
          "Gumi",
          "土木",
          "ドボク",
          "Doboku",
          "工業",
          "コウギョウ",
          "Kogyo",
          "設備",
          "セツビ",
          "Setsubi",
          "電設",
          "デンセツ",
          "Densetsu",
          "塗装",
          "トソウ",
          "Tosou",
          "住建",
          "ジュウケン",
          "Juken",
          "ハウス",
          "ハウス",
          "House");
  private static final Word[] MANUFACTURING =
      words(
          "工業",
          "コウギョウ",
          "Kogyo",
          "製作所",
          "セイサクショ",
          "Seisakusho",
          "精機",
          "セイキ",
          "Seiki",
          "精工",
          "セイコウ",
          "Seiko",
          "化学",
          "カガク",
          "Kagaku",
          "鉄工所",
          "テッコウショ",
          "Tekkosho",
          "産業",
          "サンギョウ",
          "Sangyo",
          "電機",
          "デンキ",
          "Denki",
          "金属",
          "キンゾク",
          "Kinzoku",
          "製作",
          "セイサク",
          "Seisaku",
          "技研",
          "ギケン",
          "Giken");
  private static final Word[] FOOD_MAKER =
      words(
          "食品",
          "ショクヒン",
          "Shokuhin",
          "製菓",
          "セイカ",
          "Seika",
          "酒造",
          "シュゾウ",
          "Shuzo",
          "水産",
          "スイサン",
          "Suisan",
          "フーズ",
          "フーズ",
          "Foods");
  private static final Word[] PRINTING = words("印刷", "インサツ", "Insatsu", "紙工", "シコウ", "Shiko");
  private static final Word[] UTILITIES =
      words("電力", "デンリョク", "Denryoku", "エナジー", "エナジー", "Energy", "ガス", "ガス", "Gas");
  private static final Word[] IT =
      words(
          "システム",
          "システム",
          "System",
          "ソフト",
          "ソフト",
          "Soft",
          "情報システム",
          "ジョウホウシステム",
          "Joho System",
          "テック",
          "テック",
          "Tech",
          "ネットワークス",
          "ネットワークス",
          "Networks",
          "ソリューションズ",
          "ソリューションズ",
          "Solutions",
          "デジタル",
          "デジタル",
          "Digital");
  private static final Word[] MEDIA =
      words("企画", "キカク", "Kikaku", "プロダクション", "プロダクション", "Production", "デザイン", "デザイン", "Design");
  private static final Word[] TRANSPORT =
      words(
          "運輸",
          "ウンユ",
          "Unyu",
          "物流",
          "ブツリュウ",
          "Butsuryu",
          "運送",
          "ウンソウ",
          "Unso",
          "交通",
          "コウツウ",
          "Kotsu",
          "急送",
          "キュウソウ",
          "Kyuso",
          "倉庫",
          "ソウコ",
          "Soko",
          "ロジスティクス",
          "ロジスティクス",
          "Logistics");
  private static final Word[] WHOLESALE =
      words(
          "商事", "ショウジ", "Shoji", "商会", "ショウカイ", "Shokai", "物産", "ブッサン", "Bussan", "通商", "ツウショウ",
          "Tsusho", "産業", "サンギョウ", "Sangyo", "興業", "コウギョウ", "Kogyo");
  private static final Word[] RETAIL =
      words(
          "商店",
          "ショウテン",
          "Shoten",
          "屋",
          "ヤ",
          "Ya",
          "ストアー",
          "ストアー",
          "Store",
          "薬局",
          "ヤッキョク",
          "Yakkyoku",
          "自動車",
          "ジドウシャ",
          "Jidosha",
          "電器",
          "デンキ",
          "Denki",
          "酒店",
          "サケテン",
          "Saketen");
  private static final Word[] FINANCE =
      words(
          "ファイナンス",
          "ファイナンス",
          "Finance",
          "保険サービス",
          "ホケンサービス",
          "Hoken Service",
          "キャピタル",
          "キャピタル",
          "Capital");
  private static final Word[] REAL_ESTATE =
      words(
          "不動産", "フドウサン", "Fudosan", "地所", "ジショ", "Jisho", "興産", "コウサン", "Kosan", "住宅", "ジュウタク",
          "Jutaku", "エステート", "エステート", "Estate", "ハウジング", "ハウジング", "Housing", "リース", "リース", "Lease",
          "管理", "カンリ", "Kanri");
  private static final Word[] PROFESSIONAL =
      words(
          "設計",
          "セッケイ",
          "Sekkei",
          "技研",
          "ギケン",
          "Giken",
          "コンサルティング",
          "コンサルティング",
          "Consulting",
          "測量",
          "ソクリョウ",
          "Sokuryo",
          "研究所",
          "ケンキュウショ",
          "Kenkyusho",
          "デザイン",
          "デザイン",
          "Design",
          "企画",
          "キカク",
          "Kikaku");
  private static final Word[] FOOD_SERVICE =
      words(
          "フーズ", "フーズ", "Foods", "ダイニング", "ダイニング", "Dining", "食堂", "ショクドウ", "Shokudo", "亭", "テイ",
          "Tei", "観光", "カンコウ", "Kanko", "ホテル", "ホテル", "Hotel", "旅館", "リョカン", "Ryokan");
  private static final Word[] PERSONAL =
      words(
          "美容",
          "ビヨウ",
          "Biyo",
          "クリーニング",
          "クリーニング",
          "Cleaning",
          "サービス",
          "サービス",
          "Service",
          "トラベル",
          "トラベル",
          "Travel",
          "企画",
          "キカク",
          "Kikaku",
          "エンタープライズ",
          "エンタープライズ",
          "Enterprise");
  private static final Word[] EDUCATION =
      words(
          "学院", "ガクイン", "Gakuin", "教育", "キョウイク", "Kyoiku", "スクール", "スクール", "School", "アカデミー",
          "アカデミー", "Academy");
  private static final Word[] MEDICAL =
      words(
          "メディカル",
          "メディカル",
          "Medical",
          "ケアサービス",
          "ケアサービス",
          "Care Service",
          "福祉サービス",
          "フクシサービス",
          "Fukushi Service",
          "ヘルスケア",
          "ヘルスケア",
          "Healthcare");
  private static final Word[] OTHER_SERVICES =
      words(
          "サービス",
          "サービス",
          "Service",
          "ビルメンテナンス",
          "ビルメンテナンス",
          "Building Maintenance",
          "環境",
          "カンキョウ",
          "Kankyo",
          "総業",
          "ソウギョウ",
          "Sogyo",
          "整備",
          "セイビ",
          "Seibi",
          "警備保障",
          "ケイビホショウ",
          "Keibi Hosho");
  private static final Word[] PRIMARY =
      words(
          "農園", "ノウエン", "Noen", "ファーム", "ファーム", "Farm", "農産", "ノウサン", "Nosan", "水産", "スイサン",
          "Suisan", "林業", "リンギョウ", "Ringyo", "砕石", "サイセキ", "Saiseki");
  private static final Word[] GENERIC =
      words(
          "産業",
          "サンギョウ",
          "Sangyo",
          "企画",
          "キカク",
          "Kikaku",
          "ホールディングス",
          "ホールディングス",
          "Holdings",
          "興産",
          "コウサン",
          "Kosan");

  private static Word[] suffixes(Jsic division, String major) {
    return switch (division) {
      case A, B, C -> PRIMARY;
      case D -> CONSTRUCTION;
      case E ->
          switch (major) {
            case "09", "10" -> FOOD_MAKER;
            case "15" -> PRINTING;
            default -> MANUFACTURING;
          };
      case F -> UTILITIES;
      case G -> major.equals("41") ? MEDIA : IT;
      case H -> TRANSPORT;
      case I -> Integer.parseInt(major) <= 55 ? WHOLESALE : RETAIL;
      case J -> FINANCE;
      case K -> REAL_ESTATE;
      case L -> PROFESSIONAL;
      case M -> FOOD_SERVICE;
      case N -> PERSONAL;
      case O -> EDUCATION;
      case P -> MEDICAL;
      case R -> OTHER_SERVICES;
      default -> GENERIC;
    };
  }

  /** The Japanese legal form written in the trade name for an NTA kind code. */
  static String legalForm(int kind, Jsic division) {
    return switch (kind) {
      case 302 -> "有限会社";
      case 303 -> "合名会社";
      case 304 -> "合資会社";
      case 305 -> "合同会社";
      case 399 -> division == Jsic.P ? "一般社団法人" : "企業組合";
      default -> "株式会社";
    };
  }

  private static String englishForm(int kind) {
    return switch (kind) {
      case 305 -> "G.K.";
      case 301 -> "Co., Ltd.";
      default -> "Ltd.";
    };
  }

  static Name name(Jsic division, String major, int kind, SplittableRandom rng) {
    Word stem =
        rng.nextInt(4) == 0
            ? KATAKANA_STEMS[rng.nextInt(KATAKANA_STEMS.length)]
            : STEMS[rng.nextInt(STEMS.length)];
    Word[] pool = suffixes(division, major);
    Word suffix = pool[rng.nextInt(pool.length)];
    String form = legalForm(kind, division);
    String body = stem.text() + suffix.text();
    boolean formFirst = kind == 399 || rng.nextInt(10) < 6;
    String name = formFirst ? form + body : body + form;
    String furigana = stem.kana() + suffix.kana();
    String enName = null;
    if (rng.nextInt(20) == 0) {
      enName = stem.roman() + " " + suffix.roman() + " " + englishForm(kind);
    }
    return new Name(name, furigana, enName);
  }

  // ---- people (contact persons) ----

  private static final Word[] GIVEN =
      words(
          "太郎", "タロウ", "taro", "花子", "ハナコ", "hanako", "健", "ケン", "ken", "誠", "マコト", "makoto", "翔太",
          "ショウタ", "shota", "美咲", "ミサキ", "misaki", "大輔", "ダイスケ", "daisuke", "直樹", "ナオキ", "naoki",
          "陽子", "ヨウコ", "yoko", "裕子", "ユウコ", "yuko", "浩二", "コウジ", "koji", "由美", "ユミ", "yumi", "拓也",
          "タクヤ", "takuya", "恵", "メグミ", "megumi", "亮", "リョウ", "ryo", "智子", "トモコ", "tomoko", "和也",
          "カズヤ", "kazuya", "真由美", "マユミ", "mayumi", "健太", "ケンタ", "kenta", "愛", "アイ", "ai", "修",
          "オサム", "osamu", "香織", "カオリ", "kaori", "隆", "タカシ", "takashi", "明美", "アケミ", "akemi");

  private static final String[] MAIL_DOMAINS = {
    "example.co.jp", "example.jp", "example.ne.jp", "example.com"
  };

  /** A fake contact person: name, e-mail on a reserved example domain, and a 0000 phone number. */
  record Contact(String name, String email, String phone) {}

  static Contact contact(String phoneArea, SplittableRandom rng) {
    Word family = STEMS[rng.nextInt(FAMILY_NAMES)];
    Word given = GIVEN[rng.nextInt(GIVEN.length)];
    String local =
        switch (rng.nextInt(3)) {
          case 0 -> given.roman() + "." + family.roman().toLowerCase(java.util.Locale.ROOT);
          case 1 ->
              family.roman().toLowerCase(java.util.Locale.ROOT) + "-" + given.roman().charAt(0);
          default -> given.roman().charAt(0) + family.roman().toLowerCase(java.util.Locale.ROOT);
        };
    String email = local + "@" + MAIL_DOMAINS[rng.nextInt(MAIL_DOMAINS.length)];
    StringBuilder phone = new StringBuilder(phoneArea).append('-');
    int middle = 6 - phoneArea.length();
    phone.append("0".repeat(middle)).append('-');
    int last = rng.nextInt(10_000);
    phone.append((char) ('0' + last / 1000)).append((char) ('0' + last / 100 % 10));
    phone.append((char) ('0' + last / 10 % 10)).append((char) ('0' + last % 10));
    String spacer = rng.nextInt(4) == 0 ? "\u3000" : "";
    return new Contact(family.text() + spacer + given.text(), email, phone.toString());
  }
}
