package org.policyreach.ingestion.parse;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import org.policyreach.core.DomainException;

/**
 * Why a record was quarantined, or a data-quality finding kept on an accepted record: a stable code
 * ({@code CN_CHECK_DIGIT}, {@code MISSING_ATTACHMENT}…) and a detail for people, Japanese label
 * first.
 */
public record Reason(String code, String detail) implements Serializable {

  private static final Map<String, String> LABELS_JA =
      Map.ofEntries(
          Map.entry("PARSE_ERROR", "読み取れない行"),
          Map.entry("ENCODING_ERROR", "文字コード不正（文字化け）"),
          Map.entry("MOJIBAKE", "文字化けの疑い"),
          Map.entry("COLUMN_COUNT", "列数が不正"),
          Map.entry("FIELD_TYPE", "項目の型が不正"),
          Map.entry("FIELD_INVALID", "項目の値が不正"),
          Map.entry("MISSING_FIELD", "必須項目なし"),
          Map.entry("CN_EMPTY", "法人番号なし"),
          Map.entry("CN_LENGTH", "法人番号の桁数誤り"),
          Map.entry("CN_NON_DIGIT", "法人番号に数字以外"),
          Map.entry("CN_CHECK_DIGIT", "法人番号のチェックデジット誤り"),
          Map.entry("UNKNOWN_PROGRAM", "施策コードが未登録"),
          Map.entry("DATE_INVALID", "日付が不正"),
          Map.entry("DATE_ERA_YEAR", "和暦の年が不正"),
          Map.entry("DATE_ORDER", "日付の前後関係が不正"),
          Map.entry("AMOUNT_INVALID", "金額・数値が不正"),
          Map.entry("AMOUNT_NEGATIVE", "金額・数値が負"),
          Map.entry("AMOUNT_ABSURD", "金額・数値が非現実的"),
          Map.entry("STATUS_UNKNOWN", "状態が不明"),
          Map.entry("EVENT_TYPE_UNKNOWN", "イベント種別が不明"),
          Map.entry("PREFECTURE_UNKNOWN", "都道府県が不明"),
          Map.entry("JSIC_UNKNOWN", "業種が不明"),
          Map.entry("JSIC_CODE_INVALID", "業種コードが不正"),
          Map.entry("PROCESS_UNKNOWN", "処理区分が不明"),
          Map.entry("MISSING_ATTACHMENT", "添付書類の不足"),
          Map.entry("AMOUNT_OVER_MAX", "申請額が上限超過"),
          Map.entry("SIZE_MISMATCH_WITH_REGISTRY", "申告規模が登録情報と不一致"),
          Map.entry("ERA_OVERFLOW", "元号の終了後の和暦"));

  public Reason {
    Objects.requireNonNull(code, "code is null");
    detail = detail == null ? "" : detail;
  }

  /** A reason whose detail starts with the code's Japanese label. */
  public static Reason labelled(String code, String detail) {
    String label = LABELS_JA.get(code);
    return new Reason(code, label == null ? detail : label + " — " + detail);
  }

  /** A reason from a core validation error, naming the field it concerns. */
  public static Reason of(String field, DomainException e) {
    return labelled(e.code(), field + ": " + e.getMessage());
  }

  /** The Japanese label of a code, or the code itself. */
  public static String labelJa(String code) {
    return LABELS_JA.getOrDefault(code, code);
  }
}
