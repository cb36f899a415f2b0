package org.policyreach.generator;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.policyreach.core.Jsic;

/**
 * Industry mix of Japanese corporations (経済センサス: many in construction, manufacturing,
 * wholesale/retail, real estate; few in utilities, finance, public service), JSIC majors inside
 * each division, and short business descriptions for gBizINFO-like summaries.
 */
final class Industries {
  private Industries() {}

  private static final Jsic[] DIVISIONS = Jsic.values();

  /** Share of corporations per division A..T, in percent. */
  private static final double[] DIVISION_WEIGHT = {
    1.0, 0.2, 0.1, 15.5, 12.0, 0.3, 3.5, 3.5, 23.0, 1.5, 11.0, 6.0, 5.0, 3.5, 1.3, 6.0, 0.05, 6.0,
    0.01, 0.5
  };

  private static final WeightedChoice DIVISION_CHOICE = new WeightedChoice(DIVISION_WEIGHT);

  private record Majors(String[] codes, WeightedChoice choice) {}

  private static final Map<Jsic, Majors> MAJORS = new EnumMap<>(Jsic.class);

  static {
    majors(Jsic.A, "01", 85, "02", 15);
    majors(Jsic.B, "03", 60, "04", 40);
    majors(Jsic.C, "05", 100);
    majors(Jsic.D, "06", 45, "07", 30, "08", 25);
    majors(
        Jsic.E, "09", 12, "10", 2, "11", 6, "12", 3, "13", 3, "14", 2, "15", 6, "16", 3, "17", 0.5,
        "18", 6, "19", 1, "20", 1, "21", 4, "22", 2, "23", 1, "24", 14, "25", 4, "26", 9, "27", 3,
        "28", 2, "29", 4, "30", 1, "31", 4, "32", 5);
    majors(Jsic.F, "33", 60, "34", 10, "35", 5, "36", 25);
    majors(Jsic.G, "37", 5, "38", 3, "39", 65, "40", 12, "41", 15);
    majors(Jsic.H, "42", 1, "43", 12, "44", 60, "45", 3, "46", 1, "47", 8, "48", 15);
    majors(
        Jsic.I, "50", 1, "51", 4, "52", 8, "53", 9, "54", 11, "55", 8, "56", 1, "57", 8, "58", 15,
        "59", 12, "60", 17, "61", 6);
    majors(Jsic.J, "62", 1, "63", 2, "64", 20, "65", 15, "66", 12, "67", 50);
    majors(Jsic.K, "68", 35, "69", 55, "70", 10);
    majors(Jsic.L, "71", 5, "72", 45, "73", 10, "74", 40);
    majors(Jsic.M, "75", 15, "76", 75, "77", 10);
    majors(Jsic.N, "78", 45, "79", 35, "80", 20);
    majors(Jsic.O, "81", 15, "82", 85);
    majors(Jsic.P, "83", 50, "84", 5, "85", 45);
    majors(Jsic.Q, "86", 30, "87", 70);
    majors(Jsic.R, "88", 15, "89", 15, "90", 10, "91", 15, "92", 35, "93", 5, "94", 3, "95", 2);
    majors(Jsic.S, "97", 50, "98", 50);
    majors(Jsic.T, "99", 100);
  }

  private static void majors(Jsic division, Object... codeWeight) {
    String[] codes = new String[codeWeight.length / 2];
    double[] weights = new double[codes.length];
    for (int i = 0; i < codes.length; i++) {
      codes[i] = (String) codeWeight[2 * i];
      weights[i] = ((Number) codeWeight[2 * i + 1]).doubleValue();
    }
    MAJORS.put(division, new Majors(codes, new WeightedChoice(weights)));
  }

  static Jsic division(SplittableRandom rng) {
    return DIVISIONS[DIVISION_CHOICE.pick(rng)];
  }

  static String major(Jsic division, SplittableRandom rng) {
    Majors m = MAJORS.get(division);
    return m.codes()[m.choice().pick(rng)];
  }

  /** What a firm of this JSIC major does, in one sentence (gBizINFO 事業概要). */
  static String summary(String major, SplittableRandom rng) {
    String[] options = SUMMARIES.getOrDefault(major, GENERIC_SUMMARY);
    return options[rng.nextInt(options.length)];
  }

  private static final String[] GENERIC_SUMMARY = {"各種サービスの提供", "地域密着型の各種事業"};

  private static final Map<String, String[]> SUMMARIES =
      Map.ofEntries(
          Map.entry("01", new String[] {"野菜・果樹の栽培及び販売", "米穀の生産、農産物の直売"}),
          Map.entry("02", new String[] {"素材生産、森林整備"}),
          Map.entry("03", new String[] {"沿岸漁業及び水産物の販売"}),
          Map.entry("04", new String[] {"養殖業（ぶり・真鯛）", "かき養殖及び加工"}),
          Map.entry("05", new String[] {"砕石の採取・販売"}),
          Map.entry("06", new String[] {"土木工事・建築工事の請負", "住宅の新築・リフォーム工事"}),
          Map.entry("07", new String[] {"内装仕上工事", "塗装工事・防水工事", "とび・土工工事"}),
          Map.entry("08", new String[] {"電気設備工事", "給排水衛生設備・空調設備工事"}),
          Map.entry("09", new String[] {"和洋菓子の製造販売", "惣菜・弁当の製造", "水産加工品の製造"}),
          Map.entry("10", new String[] {"清酒の製造・販売", "清涼飲料の製造"}),
          Map.entry("11", new String[] {"婦人服の縫製", "繊維製品の製造"}),
          Map.entry("15", new String[] {"商業印刷・出版印刷", "パッケージ印刷"}),
          Map.entry("18", new String[] {"プラスチック成形品の製造", "樹脂部品の射出成形"}),
          Map.entry("24", new String[] {"金属部品の切削加工", "板金・溶接加工", "金属プレス加工"}),
          Map.entry("26", new String[] {"産業用機械の設計・製造", "省力化装置の製造"}),
          Map.entry("29", new String[] {"制御盤の製造", "電気機器部品の組立"}),
          Map.entry("31", new String[] {"自動車部品の製造", "船舶部品の製造"}),
          Map.entry("39", new String[] {"受託ソフトウェア開発", "業務システムの開発・保守", "クラウドサービスの提供"}),
          Map.entry("40", new String[] {"ウェブサイトの企画・制作", "ECサイトの運営"}),
          Map.entry("41", new String[] {"映像コンテンツの制作", "広告デザイン・出版物の制作"}),
          Map.entry("43", new String[] {"タクシー事業", "貸切バス事業"}),
          Map.entry("44", new String[] {"一般貨物自動車運送事業", "軽貨物配送"}),
          Map.entry("47", new String[] {"倉庫業、保管・流通加工"}),
          Map.entry("52", new String[] {"食品・酒類の卸売", "青果物の卸売"}),
          Map.entry("53", new String[] {"建築資材の卸売", "鋼材の販売"}),
          Map.entry("54", new String[] {"産業機械・工具の販売", "事務機器の卸売"}),
          Map.entry("57", new String[] {"衣料品の小売", "呉服の販売"}),
          Map.entry("58", new String[] {"食料品スーパーの運営", "鮮魚・精肉の小売", "酒類の小売"}),
          Map.entry("59", new String[] {"自動車の販売・整備", "家電製品の販売・修理"}),
          Map.entry("60", new String[] {"医薬品・化粧品の小売", "ホームセンターの運営", "書籍・文具の販売"}),
          Map.entry("61", new String[] {"インターネット通信販売"}),
          Map.entry("64", new String[] {"貸金業"}),
          Map.entry("67", new String[] {"損害保険代理業", "生命保険の募集代理"}),
          Map.entry("68", new String[] {"不動産の売買・仲介"}),
          Map.entry("69", new String[] {"賃貸マンションの管理", "不動産賃貸業", "駐車場の運営"}),
          Map.entry("70", new String[] {"建設機械のレンタル", "事務用機器のリース"}),
          Map.entry("72", new String[] {"税務・会計コンサルティング", "経営コンサルティング", "行政書士業務"}),
          Map.entry("74", new String[] {"建築設計・監理", "測量・地質調査", "製品検査・分析"}),
          Map.entry("75", new String[] {"旅館の経営", "ビジネスホテルの運営"}),
          Map.entry("76", new String[] {"飲食店の経営", "ラーメン店の運営", "居酒屋の経営", "カフェの運営"}),
          Map.entry("77", new String[] {"宅配弁当の製造販売", "仕出し料理"}),
          Map.entry("78", new String[] {"美容室の経営", "クリーニング業", "理容業"}),
          Map.entry("79", new String[] {"冠婚葬祭サービス", "旅行代理店", "写真撮影"}),
          Map.entry("80", new String[] {"フィットネスクラブの運営", "ゴルフ練習場の経営"}),
          Map.entry("82", new String[] {"学習塾の運営", "英会話教室", "音楽教室"}),
          Map.entry("83", new String[] {"歯科診療所の運営支援", "医療機関の経営支援"}),
          Map.entry("85", new String[] {"訪問介護事業", "デイサービスの運営", "障害福祉サービス"}),
          Map.entry("88", new String[] {"産業廃棄物の収集運搬", "リサイクル事業"}),
          Map.entry("89", new String[] {"自動車整備・車検"}),
          Map.entry("91", new String[] {"人材派遣・職業紹介"}),
          Map.entry("92", new String[] {"ビルメンテナンス", "警備業", "コールセンター業務"}));
}
