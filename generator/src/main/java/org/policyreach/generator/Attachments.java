package org.policyreach.generator;

import java.util.Map;

/** File names applicants give to each attachment type. */
final class Attachments {
  private Attachments() {}

  private static final Map<String, String> JAPANESE =
      Map.ofEntries(
          Map.entry("business_plan", "事業計画書"),
          Map.entry("financial_statements", "決算書"),
          Map.entry("quote", "見積書"),
          Map.entry("tax_certificate", "納税証明書"),
          Map.entry("certified_support_letter", "認定支援機関確認書"),
          Map.entry("wage_plan", "賃金引上げ計画書"),
          Map.entry("support_form_chamber", "事業支援計画書_様式4"),
          Map.entry("succession_evidence", "事業承継計画"),
          Map.entry("energy_audit", "省エネ診断報告書"),
          Map.entry("it_vendor_confirmation", "IT導入支援事業者確認書"),
          Map.entry("registry_certificate", "履歴事項全部証明書"),
          Map.entry("startup_support_certificate", "特定創業支援等事業証明書"),
          Map.entry("training_plan", "職業訓練実施計画"),
          Map.entry("wage_ledger", "賃金台帳"),
          Map.entry("attendance_records", "出勤簿"),
          Map.entry("collaboration_agreement", "共同研究契約書"),
          Map.entry("cash_flow_plan", "資金繰り表"),
          Map.entry("damage_certificate", "罹災証明書"),
          Map.entry("bcp_plan", "事業継続力強化計画認定書"),
          Map.entry("other", "その他資料"));

  /** A file name for an attachment, Japanese or type-based, chosen by {@code variant}. */
  static String fileName(String type, int variant) {
    String ja = JAPANESE.get(type);
    return switch (variant % 3) {
      case 0 -> (ja != null ? ja : type) + ".pdf";
      case 1 -> type + ".pdf";
      default -> (ja != null ? ja : type) + (variant % 2 == 0 ? ".xlsx" : ".pdf");
    };
  }
}
