package org.policyreach.generator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.policyreach.core.Jsic;
import org.policyreach.core.Need;

/**
 * The 申請目的 (purpose) text of an application, in Japanese, from the need the application serves and
 * sometimes a second need of the firm. Phrases are stored with verbs in dictionary form and
 * conjugated per template (更新し / 更新して / 更新することで; 高める / 高めたい / 高めることを目指す / 高めます), so recovering the
 * need takes morphological analysis, not string matching. Needs without a phrase bank fall back to
 * their catalog keywords.
 */
final class PurposeText {

  /** A clause: text before the verb, the verb in dictionary form, and its conjugation class. */
  record Phrase(String head, String verb, char type) {

    static Phrase parse(String spec) {
      String[] p = spec.split("\\|");
      return p.length == 1 ? new Phrase(p[0], null, 'x') : new Phrase(p[0], p[1], p[2].charAt(0));
    }

    private String stem() {
      return switch (type) {
        case 's' -> verb.substring(0, verb.length() - 2) + "し";
        case '1' -> verb.substring(0, verb.length() - 1);
        default -> verb.substring(0, verb.length() - 1) + iRow(verb.charAt(verb.length() - 1));
      };
    }

    private String te() {
      return switch (type) {
        case 's' -> stem() + "て";
        case '1' -> stem() + "て";
        default -> {
          String body = verb.substring(0, verb.length() - 1);
          char last = verb.charAt(verb.length() - 1);
          yield switch (last) {
            case 'く' -> verb.endsWith("行く") ? body + "って" : body + "いて";
            case 'ぐ' -> body + "いで";
            case 'す' -> body + "して";
            case 'ぬ', 'ぶ', 'む' -> body + "んで";
            default -> body + "って";
          };
        }
      };
    }

    String clause(String object, int form) {
      String h = head.replace("{o}", object);
      if (verb == null) {
        return h;
      }
      return switch (form) {
        case 0 -> h + stem();
        case 1 -> h + te();
        case 2 -> h + verb + "ことで";
        default -> h + verb + "とともに";
      };
    }

    String ending(String object, int form) {
      String h = head.replace("{o}", object);
      if (verb == null) {
        return h;
      }
      return switch (form) {
        case 0 -> h + verb;
        case 1 -> h + stem() + "たい";
        case 2 -> h + stem() + "たいと考えている";
        case 3 -> h + verb + "ことを目指す";
        default -> h + stem() + "ます";
      };
    }

    String purposeClause(String object) {
      return head.replace("{o}", object) + (verb == null ? "" : verb + "ため");
    }

    private static char iRow(char u) {
      return switch (u) {
        case 'う' -> 'い';
        case 'く' -> 'き';
        case 'ぐ' -> 'ぎ';
        case 'す' -> 'し';
        case 'つ' -> 'ち';
        case 'ぬ' -> 'に';
        case 'ぶ' -> 'び';
        case 'む' -> 'み';
        default -> 'り';
      };
    }
  }

  private record Bank(Phrase[] reasons, Phrase[] goals) {}

  private static final Map<String, Bank> BANKS = new HashMap<>();

  private static void bank(String need, String[] reasons, String[] goals) {
    BANKS.put(need, new Bank(phrases(reasons), phrases(goals)));
  }

  private static Phrase[] phrases(String[] specs) {
    Phrase[] p = new Phrase[specs.length];
    for (int i = 0; i < specs.length; i++) {
      p[i] = Phrase.parse(specs[i]);
    }
    return p;
  }

  static {
    bank(
        "equipment_investment",
        new String[] {
          "老朽化した{o}を|更新する|s", "老朽化が進む{o}を|入れ替える|1", "新型の{o}を|導入する|s",
          "{o}を|増設する|s", "最新の{o}を|購入する|s", "{o}と搬送ロボットを|導入する|s"
        },
        new String[] {
          "生産性を|高める|1", "生産性を|向上させる|1", "生産能力を|拡大する|s", "省力化を|図る|5",
          "加工時間を|短縮する|s", "作業の自動化を|進める|1", "品質の安定を|図る|5", "人手に頼る工程を|減らす|5"
        });
    bank(
        "digitalization",
        new String[] {
          "紙で行っていた受発注を|電子化する|s",
          "{o}を|導入する|s",
          "クラウド型の{o}に|切り替える|1",
          "会計ソフトとインボイス対応の請求システムを|導入する|s",
          "在庫管理をシステムで|一元化する|s",
          "キャッシュレス決済の端末を|設置する|s"
        },
        new String[] {
          "業務効率化を|進める|1", "ペーパーレス化を|図る|5", "事務作業の時間を|減らす|5",
          "データを活用した経営を|実現する|s", "インボイス制度に|対応する|s", "情報セキュリティを|強化する|s",
          "DXを|推進する|s"
        });
    bank(
        "sales_channels",
        new String[] {
          "ホームページを|刷新する|s", "ECサイトを|開設する|s", "展示会に|出展する|s", "新商品を|開発する|s",
          "チラシや広告を|活用する|s", "店舗を|改装する|s", "SNSで情報を|発信する|s", "看板を|新調する|s"
        },
        new String[] {
          "新規顧客を|獲得する|s",
          "販路を|広げる|1",
          "集客を|強化する|s",
          "売上を|伸ばす|5",
          "ブランド力を|高める|1",
          "商談の機会を|増やす|5",
          "ネット販売を|拡大する|s"
        });
    bank(
        "succession",
        new String[] {
          "代表者の高齢化に伴い", "後継者への事業承継を|控える|1", "親族内承継を円滑に|進める|1",
          "事業譲渡による引継ぎに|向ける|1", "M&Aで同業他社を|買収する|s", "従業員承継に|取り組む|5"
        },
        new String[] {
          "経営基盤を|引き継ぐ|5",
          "承継後の経営改善を|図る|5",
          "統合後の業務を|整理する|s",
          "従業員の雇用を|守る|5",
          "専門家の支援を受けて株式譲渡を|進める|1",
          "事業を次の世代に|つなぐ|5"
        });
    bank(
        "overseas_expansion",
        new String[] {
          "海外の展示会に|出展する|s",
          "越境ECを|立ち上げる|1",
          "現地法人を|設立する|s",
          "海外市場の調査を|行う|5",
          "輸出に必要な認証を|取得する|s",
          "外国語のカタログを|作成する|s"
        },
        new String[] {
          "海外への輸出を|拡大する|s", "海外販路を|開拓する|s", "インバウンド需要を|取り込む|5", "外国の取引先を|増やす|5", "アジア市場に|進出する|s"
        });
    bank(
        "energy_gx",
        new String[] {
          "高効率な空調設備に|入れ替える|1",
          "LED照明を|導入する|s",
          "太陽光発電と蓄電池を|設置する|s",
          "老朽化したボイラーを|更新する|s",
          "エネルギー使用量を|見える化する|s"
        },
        new String[] {
          "電気代を|削減する|s", "CO2排出を|減らす|5", "脱炭素経営に|取り組む|5", "省エネを|推進する|s", "カーボンニュートラルを|目指す|5"
        });
    bank(
        "hiring_training",
        new String[] {
          "人手不足が深刻なため", "若手従業員の定着を|図る|5", "熟練者の技能を若手に|伝える|1", "新たに人材を|採用する|s", "従業員の資格取得を|支援する|s"
        },
        new String[] {
          "研修体制を|整える|1", "人材育成に|取り組む|5", "処遇改善と賃上げを|実現する|s", "リスキリングを|進める|1", "採用を|強化する|s"
        });
    bank(
        "cash_flow",
        new String[] {
          "原材料価格の高騰で売上減少が続き", "取引先の支払遅延により", "運転資金が不足しているため", "借入の返済負担が重いため", "季節による売上の変動が大きいため"
        },
        new String[] {
          "資金繰りを|安定させる|1", "手元資金を|確保する|s", "借換により返済負担を|軽くする|s", "金融機関からの資金調達を|円滑にする|s"
        });
    bank(
        "rnd",
        new String[] {
          "大学との共同研究を|進める|1", "新技術の試作を|行う|5", "産学連携により要素技術を|確立する|s", "自社の特許技術を|活用する|s", "評価試験を|重ねる|1"
        },
        new String[] {"新製品を|開発する|s", "技術開発を|加速する|s", "研究開発の成果を|事業化する|s", "実証を経て量産に|つなげる|1"});
    bank(
        "new_business",
        new String[] {
          "既存事業の需要が減少しているため", "コロナ禍で売上が落ち込んだため", "新分野への進出に|向ける|1", "業態転換を|図る|5", "本業で培った技術を|活かす|5"
        },
        new String[] {
          "新事業を|立ち上げる|1", "事業再構築に|取り組む|5", "新サービスを|展開する|s", "多角化を|進める|1", "新市場に|参入する|s"
        });
    bank(
        "startup",
        new String[] {"創業から間もないため", "独立して|開業する|s", "個人事業の法人化を機に", "新規開業に|当たる|5"},
        new String[] {"事業の基盤を|整える|1", "開店の準備を|進める|1", "創業計画を|実行する|s", "早期に黒字化を|達成する|s"});
    bank(
        "resilience_bcp",
        new String[] {"地震や水害に|備える|1", "台風による停電を|想定する|s", "事業継続力強化計画を|策定する|s", "災害時にも事業を|継続する|s"},
        new String[] {
          "非常用電源を|整備する|s", "自家発電設備を|導入する|s", "BCPに基づき備蓄を|進める|1", "復旧体制を|整える|1", "工場の耐震化を|進める|1"
        });
  }

  private static final Map<String, String[]> EQUIPMENT_OBJECTS =
      Map.ofEntries(
          Map.entry(
              "E",
              new String[] {"加工機", "NC旋盤", "マシニングセンタ", "射出成形機", "プレス機", "生産ライン", "検査装置", "工作機械"}),
          Map.entry("E09", new String[] {"製造ライン", "冷凍設備", "包装機", "殺菌装置"}),
          Map.entry("D", new String[] {"重機", "ICT建機", "測量機器", "高所作業車"}),
          Map.entry("M", new String[] {"厨房機器", "食器洗浄機", "スチームコンベクションオーブン", "客室設備"}),
          Map.entry("H", new String[] {"フォークリフト", "冷蔵車両", "自動倉庫", "運行管理装置"}),
          Map.entry("I", new String[] {"冷蔵ショーケース", "POSレジ", "陳列設備"}),
          Map.entry("A", new String[] {"農業機械", "ビニールハウス", "選果機"}),
          Map.entry("*", new String[] {"設備", "業務用機械", "作業機械"}));

  private static final String[] DIGITAL_OBJECTS = {
    "受発注管理システム", "在庫管理システム", "勤怠管理システム", "顧客管理システム", "予約システム", "会計ソフト"
  };

  /** Banks for the catalog's needs; built once, read-only afterwards (shared by threads). */
  private final Map<String, Bank> banks = new HashMap<>();

  PurposeText(List<Need> needs) {
    for (Need n : needs) {
      Bank b = BANKS.get(n.id());
      banks.put(n.id(), b != null ? b : keywordBank(n));
    }
  }

  /**
   * One purpose text for a firm applying for {@code needId}, optionally also mentioning {@code
   * secondNeedId} (null for none).
   */
  String purpose(
      Firm firm, String needId, String secondNeedId, String summary, SplittableRandom rng) {
    StringBuilder sb = new StringBuilder(96);
    Bank bank = bank(needId);
    String object = object(firm, needId, rng);
    Phrase reason = bank.reasons()[rng.nextInt(bank.reasons().length)];
    Phrase goal = bank.goals()[rng.nextInt(bank.goals().length)];
    int template = rng.nextInt(6);
    if (reason.verb() == null) {
      // A fixed clause ("人手不足が深刻なため") only leads into the goal.
      if (template == 3) {
        sb.append("当社は").append(summary).append("を主な事業としているが、");
      }
      sb.append(reason.head())
          .append('、')
          .append(goal.ending(object, 1 + rng.nextInt(4)))
          .append('。');
    } else {
      switch (template) {
        case 0 ->
            sb.append(reason.clause(object, 0))
                .append('、')
                .append(goal.ending(object, 1))
                .append('。');
        case 1 -> sb.append(reason.clause(object, 1)).append(goal.ending(object, 0)).append('。');
        case 2 ->
            sb.append(reason.clause(object, 2))
                .append('、')
                .append(goal.ending(object, 2))
                .append('。');
        case 3 ->
            sb.append("当社は")
                .append(summary)
                .append("を主な事業としており、")
                .append(reason.clause(object, 1))
                .append(goal.ending(object, 1))
                .append('。');
        case 4 ->
            sb.append(goal.purposeClause(object))
                .append('、')
                .append(reason.ending(object, 0))
                .append('。');
        default ->
            sb.append(reason.clause(object, 3))
                .append('、')
                .append(goal.ending(object, rng.nextBoolean() ? 3 : 4))
                .append('。');
      }
    }
    if (secondNeedId != null && !secondNeedId.equals(needId)) {
      Bank second = bank(secondNeedId);
      Phrase r2 = second.reasons()[rng.nextInt(second.reasons().length)];
      Phrase g2 = second.goals()[rng.nextInt(second.goals().length)];
      String o2 = object(firm, secondNeedId, rng);
      sb.append(rng.nextBoolean() ? "あわせて、" : "また、")
          .append(r2.clause(o2, rng.nextInt(2)))
          .append('、')
          .append(g2.ending(o2, 1 + rng.nextInt(2)))
          .append('。');
    }
    // A few applicants type a phone number or e-mail address into the purpose (which ingestion
    // must mask). Decided from the text itself, not from rng, so every other value stays as it was.
    SplittableRandom contact =
        new SplittableRandom(sb.toString().hashCode() * 1_000_003L + firm.cn().value().hashCode());
    if (contact.nextInt(1000) < CONTACT_PER_MILLE) {
      sb.append(contactSentence(contact));
    }
    return sb.toString();
  }

  /** Purposes (per 1,000) that end with a contact sentence: a phone number or an e-mail address. */
  static final int CONTACT_PER_MILLE = 30;

  /** "ご不明点は担当（090-1234-5678）までご連絡ください。" in one of the forms people write. */
  static String contactSentence(SplittableRandom rng) {
    String four = String.format("%04d", rng.nextInt(10_000));
    String four2 = String.format("%04d", rng.nextInt(10_000));
    String mobile = new String[] {"90", "80", "70"}[rng.nextInt(3)];
    String contact =
        switch (rng.nextInt(6)) {
          case 0 -> "03-" + four + "-" + four2;
          case 1 -> "0" + mobile + "-" + four + "-" + four2;
          case 2 -> "0" + mobile + four + four2;
          case 3 -> "+81-" + mobile + "-" + four + "-" + four2;
          case 4 -> "(06)" + four + "-" + four2;
          default -> "tanto" + four + "@example.co.jp";
        };
    return switch (rng.nextInt(3)) {
      case 0 -> "ご不明点は担当（" + contact + "）までご連絡ください。";
      case 1 -> "連絡先：" + contact + "。";
      default -> "お問い合わせは" + contact + "までお願いします。";
    };
  }

  private Bank bank(String needId) {
    Bank b = banks.get(needId);
    if (b == null) {
      throw new IllegalArgumentException(
          "Cannot write a purpose: need " + needId + " is not in the catalog");
    }
    return b;
  }

  /** A bank for a need this class has no phrases for, from its catalog keywords. */
  private static Bank keywordBank(Need need) {
    List<String> reasons = new ArrayList<>();
    List<String> goals = new ArrayList<>();
    for (String k : need.keywords()) {
      reasons.add(k + "に関する取組を|進める|1");
      goals.add(k + "の強化を|図る|5");
    }
    return new Bank(phrases(reasons.toArray(String[]::new)), phrases(goals.toArray(String[]::new)));
  }

  private static String object(Firm firm, String needId, SplittableRandom rng) {
    String[] pool;
    if (needId.equals("digitalization")) {
      pool = DIGITAL_OBJECTS;
    } else {
      String key =
          firm.jsic() == Jsic.E && firm.jsicMajor().equals("09") ? "E09" : firm.jsic().letter();
      pool = EQUIPMENT_OBJECTS.getOrDefault(key, EQUIPMENT_OBJECTS.get("*"));
    }
    return pool[rng.nextInt(pool.length)];
  }
}
