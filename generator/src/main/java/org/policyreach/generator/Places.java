package org.policyreach.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.policyreach.core.Prefecture;

/**
 * Where firms are: prefecture weights (2020 census population, in 10,000s), regions, a handful of
 * cities per prefecture with their JIS X 0402 codes and post-code prefixes, the legal affairs
 * bureau code used in corporate numbers, and telephone area codes.
 */
final class Places {
  private Places() {}

  /** A city (or ward of a designated city). */
  record City(String nameJa, String code, String postPrefix, String nameEn, double weight) {}

  /** Regions used to cluster firms' needs. */
  enum Region {
    HOKKAIDO,
    TOHOKU,
    KANTO,
    CHUBU,
    KINKI,
    CHUGOKU,
    SHIKOKU,
    KYUSHU_OKINAWA
  }

  private static final Prefecture[] PREFECTURES = Prefecture.values();

  /** Population in 10,000s (令和2年国勢調査), index = JIS code − 1. */
  private static final double[] POPULATION = {
    522, 124, 121, 230, 96, 107, 183, 287, 193, 194, 734, 628, 1405, 924, 220, 103, 113, 77, 81,
    205, 198, 363, 754, 177, 141, 258, 884, 547, 132, 92, 55, 67, 189, 280, 134, 72, 95, 133, 69,
    514, 81, 131, 174, 112, 107, 159, 147
  };

  /**
   * Firms concentrate in the big cities more than people do (Tokyo holds ~17% of corporations but
   * 11% of the population): a mild boost on top of population.
   */
  private static final double[] FIRM_BOOST = new double[47];

  static {
    java.util.Arrays.fill(FIRM_BOOST, 1.0);
    FIRM_BOOST[12] = 1.45; // Tokyo
    FIRM_BOOST[26] = 1.15; // Osaka
    FIRM_BOOST[22] = 1.05; // Aichi
    FIRM_BOOST[39] = 1.05; // Fukuoka
  }

  private static final WeightedChoice PREFECTURE_CHOICE;

  static {
    double[] w = new double[47];
    for (int i = 0; i < 47; i++) {
      w[i] = POPULATION[i] * FIRM_BOOST[i];
    }
    PREFECTURE_CHOICE = new WeightedChoice(w);
  }

  /** First two digits of the 4-digit 登記所 code (legal affairs bureau) per prefecture. */
  private static final int[] BUREAU = {
    43, 42, 40, 37, 41, 39, 38, 5, 6, 7, 3, 4, 1, 2, 11, 23, 22, 21, 9, 10, 20, 8, 18, 19, 16, 13,
    12, 14, 15, 17, 27, 28, 26, 24, 25, 48, 47, 50, 49, 29, 30, 31, 33, 32, 35, 34, 36
  };

  /** Telephone area code of the main city per prefecture. */
  private static final String[] PHONE_AREA = {
    "011", "017", "019", "022", "018", "023", "024", "029", "028", "027", "048", "043", "03",
    "045", "025", "076", "076", "0776", "055", "026", "058", "054", "052", "059", "077", "075",
    "06", "078", "0742", "073", "0857", "0852", "086", "082", "083", "088", "087", "089", "088",
    "092", "0952", "095", "096", "097", "0985", "099", "098"
  };

  private static final List<List<City>> CITIES = new ArrayList<>();
  private static final List<WeightedChoice> CITY_CHOICE = new ArrayList<>();

  static {
    city(1, "札幌市中央区", "101", "060", "Sapporo-shi Chuo-ku", 5);
    city(1, "札幌市北区", "102", "001", "Sapporo-shi Kita-ku", 2);
    city(1, "旭川市", "204", "070", "Asahikawa-shi", 2);
    city(1, "函館市", "202", "040", "Hakodate-shi", 1.5);
    city(1, "帯広市", "207", "080", "Obihiro-shi", 1);
    city(2, "青森市", "201", "030", "Aomori-shi", 3);
    city(2, "八戸市", "203", "031", "Hachinohe-shi", 2);
    city(2, "弘前市", "202", "036", "Hirosaki-shi", 1.5);
    city(3, "盛岡市", "201", "020", "Morioka-shi", 3);
    city(3, "一関市", "209", "021", "Ichinoseki-shi", 1);
    city(3, "奥州市", "215", "023", "Oshu-shi", 1);
    city(4, "仙台市青葉区", "101", "980", "Sendai-shi Aoba-ku", 4);
    city(4, "仙台市宮城野区", "102", "983", "Sendai-shi Miyagino-ku", 2);
    city(4, "石巻市", "202", "986", "Ishinomaki-shi", 1);
    city(5, "秋田市", "201", "010", "Akita-shi", 3);
    city(5, "横手市", "203", "013", "Yokote-shi", 1);
    city(6, "山形市", "201", "990", "Yamagata-shi", 3);
    city(6, "鶴岡市", "203", "997", "Tsuruoka-shi", 1);
    city(6, "米沢市", "202", "992", "Yonezawa-shi", 1);
    city(7, "福島市", "201", "960", "Fukushima-shi", 2);
    city(7, "郡山市", "203", "963", "Koriyama-shi", 2);
    city(7, "いわき市", "204", "970", "Iwaki-shi", 2);
    city(8, "水戸市", "201", "310", "Mito-shi", 2);
    city(8, "つくば市", "220", "305", "Tsukuba-shi", 2);
    city(8, "日立市", "202", "317", "Hitachi-shi", 1.5);
    city(9, "宇都宮市", "201", "320", "Utsunomiya-shi", 3);
    city(9, "小山市", "208", "323", "Oyama-shi", 1);
    city(9, "足利市", "202", "326", "Ashikaga-shi", 1);
    city(10, "前橋市", "201", "371", "Maebashi-shi", 2);
    city(10, "高崎市", "202", "370", "Takasaki-shi", 2);
    city(10, "太田市", "205", "373", "Ota-shi", 1.5);
    city(11, "さいたま市大宮区", "103", "330", "Saitama-shi Omiya-ku", 3);
    city(11, "川口市", "203", "332", "Kawaguchi-shi", 2.5);
    city(11, "川越市", "201", "350", "Kawagoe-shi", 1.5);
    city(11, "所沢市", "208", "359", "Tokorozawa-shi", 1.5);
    city(12, "千葉市中央区", "101", "260", "Chiba-shi Chuo-ku", 3);
    city(12, "船橋市", "204", "273", "Funabashi-shi", 2);
    city(12, "柏市", "217", "277", "Kashiwa-shi", 1.5);
    city(12, "市川市", "203", "272", "Ichikawa-shi", 1.5);
    city(13, "千代田区", "101", "100", "Chiyoda-ku", 4);
    city(13, "中央区", "102", "104", "Chuo-ku", 4);
    city(13, "港区", "103", "105", "Minato-ku", 5);
    city(13, "新宿区", "104", "160", "Shinjuku-ku", 3);
    city(13, "渋谷区", "113", "150", "Shibuya-ku", 3);
    city(13, "品川区", "109", "141", "Shinagawa-ku", 2);
    city(13, "台東区", "106", "110", "Taito-ku", 1.5);
    city(13, "墨田区", "107", "130", "Sumida-ku", 1.5);
    city(13, "大田区", "111", "144", "Ota-ku", 2);
    city(13, "足立区", "121", "120", "Adachi-ku", 1.5);
    city(13, "江戸川区", "123", "132", "Edogawa-ku", 1.5);
    city(13, "八王子市", "201", "192", "Hachioji-shi", 1.5);
    city(14, "横浜市中区", "104", "231", "Yokohama-shi Naka-ku", 3);
    city(14, "横浜市西区", "103", "220", "Yokohama-shi Nishi-ku", 2);
    city(14, "川崎市川崎区", "131", "210", "Kawasaki-shi Kawasaki-ku", 2);
    city(14, "相模原市中央区", "152", "252", "Sagamihara-shi Chuo-ku", 1.5);
    city(14, "藤沢市", "205", "251", "Fujisawa-shi", 1.5);
    city(14, "厚木市", "212", "243", "Atsugi-shi", 1);
    city(15, "新潟市中央区", "103", "951", "Niigata-shi Chuo-ku", 3);
    city(15, "長岡市", "202", "940", "Nagaoka-shi", 1.5);
    city(15, "上越市", "222", "943", "Joetsu-shi", 1);
    city(16, "富山市", "201", "930", "Toyama-shi", 3);
    city(16, "高岡市", "202", "933", "Takaoka-shi", 1.5);
    city(17, "金沢市", "201", "920", "Kanazawa-shi", 3);
    city(17, "小松市", "203", "923", "Komatsu-shi", 1);
    city(18, "福井市", "201", "910", "Fukui-shi", 3);
    city(18, "敦賀市", "202", "914", "Tsuruga-shi", 1);
    city(19, "甲府市", "201", "400", "Kofu-shi", 3);
    city(19, "富士吉田市", "202", "403", "Fujiyoshida-shi", 1);
    city(20, "長野市", "201", "380", "Nagano-shi", 2.5);
    city(20, "松本市", "202", "390", "Matsumoto-shi", 2);
    city(20, "上田市", "203", "386", "Ueda-shi", 1);
    city(21, "岐阜市", "201", "500", "Gifu-shi", 2.5);
    city(21, "大垣市", "202", "503", "Ogaki-shi", 1.5);
    city(21, "多治見市", "204", "507", "Tajimi-shi", 1);
    city(22, "静岡市葵区", "101", "420", "Shizuoka-shi Aoi-ku", 2.5);
    city(22, "浜松市中央区", "138", "430", "Hamamatsu-shi Chuo-ku", 2.5);
    city(22, "沼津市", "203", "410", "Numazu-shi", 1);
    city(22, "富士市", "210", "416", "Fuji-shi", 1);
    city(23, "名古屋市中区", "106", "460", "Nagoya-shi Naka-ku", 4);
    city(23, "名古屋市中村区", "105", "450", "Nagoya-shi Nakamura-ku", 2);
    city(23, "豊田市", "211", "471", "Toyota-shi", 1.5);
    city(23, "岡崎市", "202", "444", "Okazaki-shi", 1.5);
    city(23, "一宮市", "203", "491", "Ichinomiya-shi", 1.5);
    city(23, "豊橋市", "201", "440", "Toyohashi-shi", 1.5);
    city(24, "津市", "201", "514", "Tsu-shi", 2);
    city(24, "四日市市", "202", "510", "Yokkaichi-shi", 2);
    city(24, "鈴鹿市", "207", "513", "Suzuka-shi", 1);
    city(25, "大津市", "201", "520", "Otsu-shi", 2);
    city(25, "草津市", "206", "525", "Kusatsu-shi", 1.5);
    city(25, "彦根市", "202", "522", "Hikone-shi", 1);
    city(26, "京都市中京区", "104", "604", "Kyoto-shi Nakagyo-ku", 3);
    city(26, "京都市下京区", "106", "600", "Kyoto-shi Shimogyo-ku", 2.5);
    city(26, "宇治市", "204", "611", "Uji-shi", 1);
    city(26, "福知山市", "201", "620", "Fukuchiyama-shi", 0.7);
    city(27, "大阪市北区", "127", "530", "Osaka-shi Kita-ku", 4);
    city(27, "大阪市中央区", "128", "541", "Osaka-shi Chuo-ku", 4);
    city(27, "大阪市西区", "106", "550", "Osaka-shi Nishi-ku", 2);
    city(27, "堺市堺区", "141", "590", "Sakai-shi Sakai-ku", 1.5);
    city(27, "東大阪市", "227", "577", "Higashiosaka-shi", 2);
    city(27, "豊中市", "203", "560", "Toyonaka-shi", 1);
    city(27, "吹田市", "205", "564", "Suita-shi", 1);
    city(28, "神戸市中央区", "110", "650", "Kobe-shi Chuo-ku", 3);
    city(28, "姫路市", "201", "670", "Himeji-shi", 2);
    city(28, "尼崎市", "202", "660", "Amagasaki-shi", 1.5);
    city(28, "西宮市", "204", "662", "Nishinomiya-shi", 1.5);
    city(29, "奈良市", "201", "630", "Nara-shi", 3);
    city(29, "橿原市", "205", "634", "Kashihara-shi", 1);
    city(30, "和歌山市", "201", "640", "Wakayama-shi", 3);
    city(30, "田辺市", "206", "646", "Tanabe-shi", 1);
    city(31, "鳥取市", "201", "680", "Tottori-shi", 2);
    city(31, "米子市", "202", "683", "Yonago-shi", 1.5);
    city(32, "松江市", "201", "690", "Matsue-shi", 2);
    city(32, "出雲市", "203", "693", "Izumo-shi", 1.5);
    city(33, "岡山市北区", "101", "700", "Okayama-shi Kita-ku", 3);
    city(33, "倉敷市", "202", "710", "Kurashiki-shi", 2);
    city(34, "広島市中区", "101", "730", "Hiroshima-shi Naka-ku", 3);
    city(34, "福山市", "207", "720", "Fukuyama-shi", 2);
    city(34, "呉市", "202", "737", "Kure-shi", 1);
    city(35, "山口市", "203", "753", "Yamaguchi-shi", 1.5);
    city(35, "下関市", "201", "750", "Shimonoseki-shi", 1.5);
    city(35, "周南市", "215", "745", "Shunan-shi", 1);
    city(36, "徳島市", "201", "770", "Tokushima-shi", 3);
    city(36, "阿南市", "204", "774", "Anan-shi", 1);
    city(37, "高松市", "201", "760", "Takamatsu-shi", 3);
    city(37, "丸亀市", "202", "763", "Marugame-shi", 1);
    city(38, "松山市", "201", "790", "Matsuyama-shi", 3);
    city(38, "今治市", "202", "794", "Imabari-shi", 1);
    city(38, "新居浜市", "205", "792", "Niihama-shi", 1);
    city(39, "高知市", "201", "780", "Kochi-shi", 3);
    city(39, "南国市", "204", "783", "Nankoku-shi", 1);
    city(40, "福岡市博多区", "132", "812", "Fukuoka-shi Hakata-ku", 3);
    city(40, "福岡市中央区", "133", "810", "Fukuoka-shi Chuo-ku", 3);
    city(40, "北九州市小倉北区", "106", "802", "Kitakyushu-shi Kokurakita-ku", 2);
    city(40, "久留米市", "203", "830", "Kurume-shi", 1);
    city(41, "佐賀市", "201", "840", "Saga-shi", 2);
    city(41, "唐津市", "202", "847", "Karatsu-shi", 1);
    city(42, "長崎市", "201", "850", "Nagasaki-shi", 2);
    city(42, "佐世保市", "202", "857", "Sasebo-shi", 1.5);
    city(43, "熊本市中央区", "101", "860", "Kumamoto-shi Chuo-ku", 3);
    city(43, "八代市", "202", "866", "Yatsushiro-shi", 1);
    city(44, "大分市", "201", "870", "Oita-shi", 3);
    city(44, "別府市", "202", "874", "Beppu-shi", 1);
    city(45, "宮崎市", "201", "880", "Miyazaki-shi", 3);
    city(45, "都城市", "202", "885", "Miyakonojo-shi", 1);
    city(46, "鹿児島市", "201", "890", "Kagoshima-shi", 3);
    city(46, "霧島市", "218", "899", "Kirishima-shi", 1);
    city(47, "那覇市", "201", "900", "Naha-shi", 3);
    city(47, "沖縄市", "211", "904", "Okinawa-shi", 1);
    city(47, "浦添市", "208", "901", "Urasoe-shi", 1);
    for (List<City> cities : CITIES) {
      double[] w = new double[cities.size()];
      for (int i = 0; i < w.length; i++) {
        w[i] = cities.get(i).weight();
      }
      CITY_CHOICE.add(new WeightedChoice(w));
    }
  }

  private static void city(int pref, String ja, String code, String post, String en, double w) {
    while (CITIES.size() < pref) {
      CITIES.add(new ArrayList<>());
    }
    CITIES.get(pref - 1).add(new City(ja, code, post, en, w));
  }

  private static final String[] TOWNS = {
    "本町", "中町", "栄町", "緑町", "旭町", "幸町", "東町", "西町", "南町", "北町", "新町", "駅前", "大手町", "元町", "寿町", "錦町",
    "末広町", "昭和町", "宮前町", "若松町", "桜町", "松原", "柳町", "港町", "城東", "中央", "住吉町", "日吉町", "富士見町", "平和町"
  };

  static Prefecture prefecture(SplittableRandom rng) {
    return PREFECTURES[PREFECTURE_CHOICE.pick(rng)];
  }

  static City city(Prefecture p, SplittableRandom rng) {
    return CITIES.get(p.ordinal()).get(CITY_CHOICE.get(p.ordinal()).pick(rng));
  }

  static String town(SplittableRandom rng) {
    return TOWNS[rng.nextInt(TOWNS.length)];
  }

  static int bureauArea(Prefecture p) {
    return BUREAU[p.ordinal()];
  }

  static String phoneArea(Prefecture p) {
    return PHONE_AREA[p.ordinal()];
  }

  static Region region(Prefecture p) {
    int code = p.ordinal() + 1;
    if (code == 1) {
      return Region.HOKKAIDO;
    } else if (code <= 7) {
      return Region.TOHOKU;
    } else if (code <= 14) {
      return Region.KANTO;
    } else if (code <= 24) {
      return Region.CHUBU;
    } else if (code <= 30) {
      return Region.KINKI;
    } else if (code <= 35) {
      return Region.CHUGOKU;
    } else if (code <= 39) {
      return Region.SHIKOKU;
    }
    return Region.KYUSHU_OKINAWA;
  }
}
