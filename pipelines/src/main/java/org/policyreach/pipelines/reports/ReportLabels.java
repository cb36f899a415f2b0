package org.policyreach.pipelines.reports;

import java.util.LinkedHashMap;
import java.util.Map;
import org.policyreach.core.Jsic;
import org.policyreach.core.Need;
import org.policyreach.core.NeedCatalog;
import org.policyreach.core.Prefecture;
import org.policyreach.core.Program;
import org.policyreach.core.ProgramCatalog;
import org.policyreach.core.SizeClass;

/** Japanese labels for report sections, dimensions and keys. */
public final class ReportLabels {
  private final Map<String, String> needs = new LinkedHashMap<>();
  private final Map<String, String> programs = new LinkedHashMap<>();

  public ReportLabels(NeedCatalog needCatalog, ProgramCatalog programCatalog) {
    for (Need n : needCatalog.needs()) {
      needs.put(n.id(), n.labelJa());
    }
    for (Program p : programCatalog.programs()) {
      programs.put(p.id(), p.name());
    }
  }

  public String section(String section) {
    return switch (section) {
      case "size" -> "企業数";
      case "distribution" -> "分布";
      case "reach" -> "接触状況";
      case "needs" -> "ニーズスコア平均";
      case "uptake" -> "施策の利用";
      case "underused" -> "利用の少ない施策";
      default -> section;
    };
  }

  public String dimension(String dimension) {
    return switch (dimension) {
      case "firms" -> "企業数";
      case "jsic" -> "業種（日本標準産業分類）";
      case "prefecture" -> "都道府県";
      case "size_class" -> "企業規模";
      case "reached" -> "申請経験";
      case "mean_score" -> "平均スコア";
      case "applied" -> "申請企業数";
      case "awarded" -> "採択企業数";
      case "program" -> "施策（全体比の利用率）";
      default -> dimension;
    };
  }

  public String key(String dimension, String key) {
    if (key.equals("unknown")) {
      return "不明";
    }
    try {
      return switch (dimension) {
        case "firms" -> "合計";
        case "jsic" -> key + " " + Jsic.ofLetter(key).nameJa();
        case "prefecture" -> Prefecture.ofCode(key).nameJa();
        case "size_class" -> SizeClass.ofId(key).labelJa();
        case "reached" -> key.equals("reached") ? "申請経験あり" : "未接触（申請なし）";
        case "mean_score" -> needs.getOrDefault(key, key);
        case "applied", "awarded", "program" -> programs.getOrDefault(key, key);
        default -> key;
      };
    } catch (RuntimeException e) {
      return key; // a code core does not know: show it as stored
    }
  }

  public String need(String id) {
    return needs.getOrDefault(id, id);
  }

  public String kind(String kind) {
    return switch (kind) {
      case "rule" -> "定義済み";
      case "cluster" -> "自動抽出";
      default -> kind;
    };
  }
}
