package org.policyreach.serving.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.policyreach.core.ApplicationChecks;
import org.policyreach.core.CorporateNumber;
import org.policyreach.core.DomainException;
import org.policyreach.core.Eligibility;
import org.policyreach.core.EligibilityResult;
import org.policyreach.core.FirmFacts;
import org.policyreach.core.Jsic;
import org.policyreach.core.Prefecture;
import org.policyreach.core.Program;
import org.policyreach.core.RuleCheck;
import org.policyreach.core.WarekiDate;
import org.policyreach.serving.http.ApiRequest;
import org.policyreach.serving.http.ApiResponse;
import org.policyreach.serving.http.Json;
import org.policyreach.serving.snapshot.FirmTable;
import org.policyreach.serving.snapshot.Snapshot;

/**
 * {@code POST /v1/applications/validate}: checks a draft in the applications format (INPUT-FORMATS
 * §3) before it is submitted, with the rules ingestion applies: the corporate number's check digit,
 * the program and its window, core's eligibility rules, required attachments, the maximum amount,
 * and the declared attributes against the registry (once-only). A malformed body is a 400; a
 * well-formed draft always gets 200 with its findings ({@code valid} = no error).
 */
public final class ValidationApi {
  private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

  private final ServingContext ctx;

  public ValidationApi(ServingContext ctx) {
    this.ctx = ctx;
  }

  /** A draft application: every field optional, unknown fields refused. */
  public record Draft(
      @JsonProperty("application_id") String applicationId,
      @JsonProperty("program_id") String programId,
      @JsonProperty("submitted_at") String submittedAt,
      @JsonProperty("status") String status,
      @JsonProperty("decided_at") String decidedAt,
      @JsonProperty("applicant") Applicant applicant,
      @JsonProperty("requested_amount_yen") Long requestedAmountYen,
      @JsonProperty("awarded_amount_yen") Long awardedAmountYen,
      @JsonProperty("purpose") String purpose,
      @JsonProperty("purpose_tags") List<String> purposeTags,
      @JsonProperty("attachments") List<Attachment> attachments,
      @JsonProperty("contact") Contact contact) {}

  public record Applicant(
      @JsonProperty("corporate_number") String corporateNumber,
      @JsonProperty("name") String name,
      @JsonProperty("prefecture_code") String prefectureCode,
      @JsonProperty("city") String city,
      @JsonProperty("address") String address,
      @JsonProperty("jsic_division") String jsicDivision,
      @JsonProperty("capital_yen") Long capitalYen,
      @JsonProperty("employees") Integer employees,
      @JsonProperty("established") String established) {}

  public record Attachment(
      @JsonProperty("type") String type,
      @JsonProperty("file_name") String fileName,
      @JsonProperty("sha256") String sha256) {}

  /** Accepted so that a full export validates; never stored, logged or echoed. */
  public record Contact(
      @JsonProperty("name") String name,
      @JsonProperty("email") String email,
      @JsonProperty("phone") String phone) {}

  public ApiResponse validate(ApiRequest r) {
    Draft d = Json.read(r.body(), Draft.class);
    Snapshot s = r.snapshot();
    List<Map<String, Object>> findings = new ArrayList<>();
    Applicant a = d.applicant();

    CorporateNumber cn = null;
    if (a == null || a.corporateNumber() == null || a.corporateNumber().isBlank()) {
      r.touched(null);
      findings.add(
          finding(
              "MISSING_FIELD",
              "error",
              "applicant.corporate_number",
              "法人番号が入力されていません（13桁の法人番号を入力してください）"));
    } else {
      try {
        cn = CorporateNumber.parse(a.corporateNumber());
        r.touched(cn.value());
      } catch (DomainException e) {
        r.touched(null);
        Map<String, Object> f =
            finding(
                "INVALID_CORPORATE_NUMBER",
                "error",
                "applicant.corporate_number",
                "法人番号が正しくありません: " + e.getMessage());
        f.put("detail_code", e.code());
        findings.add(f);
      }
    }

    Program program = null;
    if (d.programId() == null || d.programId().isBlank()) {
      findings.add(
          finding("MISSING_FIELD", "error", "program_id", "申請する支援策（program_id）が指定されていません"));
    } else {
      program = ctx.programs().find(d.programId()).orElse(null);
      if (program == null) {
        findings.add(
            finding(
                "UNKNOWN_PROGRAM",
                "error",
                "program_id",
                "支援策「" + d.programId() + "」は公募カタログにありません（/v1/programs を確認してください）"));
      }
    }

    LocalDate onDate = submissionDate(d, r.today(), findings);
    Declared declared = declared(a, findings);

    int slot = -1;
    if (cn != null) {
      slot = s.firms().slotOf(cn.value());
      if (slot < 0) {
        findings.add(
            finding(
                "FIRM_UNKNOWN",
                "warning",
                "applicant.corporate_number",
                "この法人番号の登録情報がありません。申請内容の属性で確認しました"));
      } else {
        compareWithRegistry(s.firms(), slot, declared, findings);
      }
    }

    if (program != null) {
      checkWindow(program, onDate, findings);
      checkAttachments(program, d.attachments(), findings);
      checkAmount(program, d.requestedAmountYen(), findings);
      if (cn != null) {
        checkEligibility(program, facts(cn, s.firms(), slot, declared), onDate, findings);
      }
    }

    boolean valid = findings.stream().noneMatch(f -> "error".equals(f.get("severity")));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("publication", s.publicationId());
    body.put("valid", valid);
    body.put("corporate_number", cn == null ? null : cn.value());
    body.put("program_id", d.programId());
    body.put("checked_on", onDate.toString());
    body.put("findings", findings);
    return ApiResponse.ok(body);
  }

  private static Map<String, Object> finding(
      String code, String severity, String field, String message) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("code", code);
    f.put("severity", severity);
    f.put("field", field);
    f.put("message", message);
    return f;
  }

  private static LocalDate submissionDate(
      Draft d, LocalDate today, List<Map<String, Object>> findings) {
    if (d.submittedAt() == null) {
      return today;
    }
    try {
      return OffsetDateTime.parse(d.submittedAt()).atZoneSameInstant(JAPAN).toLocalDate();
    } catch (DateTimeParseException e) {
      findings.add(
          finding(
              "INVALID_FIELD",
              "error",
              "submitted_at",
              "申請日時の形式が正しくありません（例: 2026-04-01T10:15:00+09:00）"));
      return today;
    }
  }

  /** The applicant's declared attributes, parsed with core's rules. */
  private record Declared(
      Prefecture prefecture,
      Jsic jsic,
      Long capitalYen,
      Integer employees,
      LocalDate established) {}

  private static Declared declared(Applicant a, List<Map<String, Object>> findings) {
    if (a == null) {
      return new Declared(null, null, null, null, null);
    }
    Prefecture pref = null;
    if (a.prefectureCode() != null) {
      try {
        pref = Prefecture.parse(a.prefectureCode());
      } catch (DomainException e) {
        findings.add(
            finding(
                "INVALID_FIELD",
                "error",
                "applicant.prefecture_code",
                "都道府県が正しくありません: " + e.getMessage()));
      }
    }
    Jsic jsic = null;
    if (a.jsicDivision() != null) {
      try {
        jsic = Jsic.parse(a.jsicDivision());
      } catch (DomainException e) {
        findings.add(
            finding(
                "INVALID_FIELD",
                "error",
                "applicant.jsic_division",
                "業種が正しくありません: " + e.getMessage()));
      }
    }
    LocalDate est = null;
    if (a.established() != null) {
      try {
        est = WarekiDate.parse(a.established()).date();
      } catch (DomainException e) {
        findings.add(
            finding(
                "INVALID_FIELD",
                "error",
                "applicant.established",
                "設立年月日が正しくありません: " + e.getMessage()));
      }
    }
    if (a.capitalYen() != null && a.capitalYen() < 0) {
      findings.add(finding("INVALID_FIELD", "error", "applicant.capital_yen", "資本金は0以上で入力してください"));
    }
    if (a.employees() != null && a.employees() < 0) {
      findings.add(finding("INVALID_FIELD", "error", "applicant.employees", "従業員数は0以上で入力してください"));
    }
    return new Declared(
        pref,
        jsic,
        a.capitalYen() != null && a.capitalYen() >= 0 ? a.capitalYen() : null,
        a.employees() != null && a.employees() >= 0 ? a.employees() : null,
        est);
  }

  /** The registry value wins where the build has one (once-only); the declaration fills gaps. */
  private static FirmFacts facts(CorporateNumber cn, FirmTable f, int slot, Declared d) {
    Prefecture pref = d.prefecture();
    Jsic jsic = d.jsic();
    String major = null;
    Long capital = d.capitalYen();
    Integer employees = d.employees();
    LocalDate est = d.established();
    if (slot >= 0) {
      if (f.prefectureCode(slot) != null) {
        pref = Prefecture.ofCode(f.prefectureCode(slot));
      }
      if (f.jsicDivision(slot) != null) {
        jsic = Jsic.ofLetter(f.jsicDivision(slot));
        major = f.jsicMajor(slot);
        if (major != null && !jsic.contains(major)) {
          major = null;
        }
      }
      capital = f.capitalYen(slot) != null ? f.capitalYen(slot) : capital;
      employees = f.employees(slot) != null ? f.employees(slot) : employees;
      est = f.established(slot) != null ? f.established(slot) : est;
    }
    return new FirmFacts(cn, pref, jsic, major, capital, employees, est);
  }

  private static void compareWithRegistry(
      FirmTable f, int slot, Declared d, List<Map<String, Object>> findings) {
    mismatch(
        findings,
        "applicant.prefecture_code",
        "都道府県",
        d.prefecture() == null ? null : d.prefecture().code(),
        f.prefectureCode(slot));
    mismatch(
        findings,
        "applicant.jsic_division",
        "業種",
        d.jsic() == null ? null : d.jsic().letter(),
        f.jsicDivision(slot));
    mismatch(findings, "applicant.capital_yen", "資本金", d.capitalYen(), f.capitalYen(slot));
    mismatch(findings, "applicant.employees", "従業員数", d.employees(), f.employees(slot));
    mismatch(findings, "applicant.established", "設立年月日", d.established(), f.established(slot));
  }

  private static void mismatch(
      List<Map<String, Object>> findings,
      String field,
      String labelJa,
      Object declared,
      Object registry) {
    if (declared == null || registry == null || Objects.equals(declared, registry)) {
      return;
    }
    Map<String, Object> f =
        finding(
            "MISMATCH_WITH_REGISTRY",
            "warning",
            field,
            labelJa + "が登録情報と異なります（申請: " + declared + "、登録: " + registry + "）。最新の情報を確認してください");
    f.put("declared", declared.toString());
    f.put("registry", registry.toString());
    findings.add(f);
  }

  private static void checkWindow(Program p, LocalDate on, List<Map<String, Object>> findings) {
    if (p.window().isOpenOn(on)) {
      return;
    }
    boolean closed = p.window().isClosedOn(on);
    Map<String, Object> f =
        finding(
            closed ? "WINDOW_CLOSED" : "WINDOW_NOT_OPEN",
            "error",
            "submitted_at",
            closed
                ? "公募期間は終了しています（締切: " + ProfileApi.wareki(p.window().closes()) + "）"
                : "公募はまだ始まっていません（開始: " + ProfileApi.wareki(p.window().opens()) + "）");
    f.put("opens", p.window().opens().toString());
    f.put("closes", p.window().closes().toString());
    findings.add(f);
  }

  private static void checkAttachments(
      Program p, List<Attachment> attachments, List<Map<String, Object>> findings) {
    List<String> given = new ArrayList<>();
    if (attachments != null) {
      for (Attachment a : attachments) {
        if (a != null) {
          given.add(a.type());
        }
      }
    }
    for (String required : ApplicationChecks.missingAttachments(p.requiredAttachments(), given)) {
      Map<String, Object> f =
          finding("MISSING_ATTACHMENT", "error", "attachments", "必要書類（" + required + "）が添付されていません");
      f.put("attachment_type", required);
      findings.add(f);
    }
  }

  private static void checkAmount(Program p, Long requested, List<Map<String, Object>> findings) {
    if (requested == null) {
      findings.add(
          finding(
              "MISSING_FIELD",
              "warning",
              "requested_amount_yen",
              "申請額（requested_amount_yen）が入力されていません"));
      return;
    }
    if (requested <= 0) {
      findings.add(finding("INVALID_FIELD", "error", "requested_amount_yen", "申請額は1円以上で入力してください"));
      return;
    }
    if (ApplicationChecks.amountOverMax(requested, p.maxAmountYen())) {
      Map<String, Object> f =
          finding(
              "AMOUNT_OVER_MAX",
              "error",
              "requested_amount_yen",
              "申請額が補助上限額を超えています（申請: "
                  + String.format("%,d円", requested)
                  + "、上限: "
                  + String.format("%,d円", p.maxAmountYen())
                  + "）");
      f.put("requested_amount_yen", requested);
      f.put("max_amount_yen", p.maxAmountYen());
      findings.add(f);
    }
  }

  private static void checkEligibility(
      Program p, FirmFacts facts, LocalDate on, List<Map<String, Object>> findings) {
    EligibilityResult result = Eligibility.evaluate(p, facts, on);
    for (RuleCheck c : result.failures()) {
      Map<String, Object> f = finding("NOT_ELIGIBLE", "error", "applicant", c.messageJa());
      f.put("rule", c.rule());
      f.put("expected", c.expected());
      f.put("actual", c.actual());
      findings.add(f);
    }
  }
}
