package org.policyreach.ingestion.parse;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.types.StructType;
import org.policyreach.core.ApplicationStatus;
import org.policyreach.core.ContactMask;
import org.policyreach.core.JapaneseText;
import org.policyreach.ingestion.IngestionException;
import org.policyreach.ingestion.Source;

/**
 * Digitized paper application forms: CSV with a Japanese header, usually CP932 (INPUT-FORMATS §4).
 * Wareki dates, full-width numbers, hyphenated corporate numbers, JSIC names and Japanese statuses
 * are normalized through core.
 */
public final class LegacyParser implements LineParser {
  private static final long serialVersionUID = 1L;

  public static final List<String> HEADER =
      List.of(
          "受付番号", "施策コード", "申請日", "法人番号", "法人名", "都道府県", "資本金", "従業員数", "業種", "申請額", "申請目的", "添付書類",
          "状態");

  private final ProgramRules programs;

  public LegacyParser(ProgramRules programs) {
    this.programs = Objects.requireNonNull(programs, "programs is null");
  }

  @Override
  public Source source() {
    return Source.LEGACY;
  }

  @Override
  public StructType recordSchema() {
    return ApplicationRecord.SCHEMA;
  }

  @Override
  public boolean hasHeader() {
    return true;
  }

  @Override
  public void checkHeader(String fileName, String firstLine) {
    List<String> fields = firstLine == null ? null : CsvLine.split(firstLine.replace("\uFEFF", ""));
    List<String> normalized = new ArrayList<>();
    if (fields != null) {
      for (String f : fields) {
        normalized.add(JapaneseText.nfkcTrim(f));
      }
    }
    if (!normalized.equals(HEADER)) {
      String garbled =
          Mojibake.looksGarbled(firstLine)
              ? " It looks garbled: the file is probably not CP932; re-run with --encoding UTF-8 (or the file's real encoding)."
              : "";
      throw IngestionException.badInput(
          "Cannot ingest legacy file "
              + fileName
              + ": its first line is not the legacy header "
              + String.join(",", HEADER)
              + " (got '"
              + (firstLine == null ? "" : abbreviate(firstLine))
              + "')."
              + garbled
              + " Check that --source legacy is right for this file.");
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 120 ? s.substring(0, 117) + "..." : s;
  }

  @Override
  public ParsedLine parse(String fileName, long number, String text) {
    FieldChecks checks = new FieldChecks();
    List<String> f = CsvLine.split(text);
    if (f == null) {
      checks.reject("PARSE_ERROR", "unclosed quote: the line is not valid CSV");
      return ParsedLine.rejected(checks.reasons(), text);
    }
    if (f.size() != HEADER.size()) {
      checks.reject("COLUMN_COUNT", "expected " + HEADER.size() + " columns, got " + f.size());
      return ParsedLine.rejected(checks.reasons(), text);
    }
    checks.noControlCharacters("the line", text);
    if (Mojibake.looksGarbled(text)) {
      checks.reject("MOJIBAKE", "the line contains garbled characters (wrong encoding?)");
    }
    String applicationId = checks.required("受付番号", f.get(0));
    String programId = checks.required("施策コード", f.get(1));
    ProgramRules.Rules rules = null;
    if (programId != null) {
      rules = programs.find(programId).orElse(null);
      if (rules == null) {
        checks.reject(
            "UNKNOWN_PROGRAM",
            "施策コード "
                + programId
                + " is not in the programs catalog (version "
                + programs.version()
                + "); add it to conf/programs and replay the quarantine");
      }
    }
    LocalDate submitted = checks.localDate("申請日", f.get(2), true);
    String cn = checks.corporateNumber("法人番号", f.get(3), true);
    String name = FieldChecks.text(f.get(4));
    String prefecture = checks.prefecture("都道府県", f.get(5));
    Long capital = checks.amountYen("資本金", f.get(6), FieldChecks.ABSURD_CAPITAL_YEN);
    Integer employees = checks.count("従業員数", f.get(7), FieldChecks.ABSURD_EMPLOYEES);
    String jsic = checks.jsic("業種", f.get(8));
    Long requested = checks.amountYen("申請額", f.get(9), FieldChecks.ABSURD_AMOUNT_YEN);
    // free text: an applicant may type a phone number or e-mail address into it
    String purpose = ContactMask.mask(FieldChecks.text(f.get(10)));
    List<String> attachments = attachments(f.get(11));
    ApplicationStatus status = ApplicationParser.status(f.get(12), checks);
    if (!checks.ok()) {
      return ParsedLine.rejected(checks.reasons(), text);
    }
    ApplicationRecord.checkAgainstProgram(rules, requested, attachments, checks);
    Timestamp submittedAt = Timestamp.from(submitted.atStartOfDay(FieldChecks.TOKYO).toInstant());
    Object[] record =
        ApplicationRecord.values(
            applicationId,
            programId,
            cn,
            Source.LEGACY.id(),
            submittedAt,
            Date.valueOf(submitted),
            status,
            null,
            null,
            requested,
            null,
            purpose,
            List.of(),
            attachments,
            prefecture,
            jsic,
            null,
            capital,
            employees,
            null,
            name,
            null,
            checks.findings(),
            fileName,
            number);
    return ParsedLine.accepted(
        record,
        applicationId,
        Fingerprint.of(record, ApplicationRecord.SOURCE_FILE, ApplicationRecord.SOURCE_LINE),
        checks.findings());
  }

  private static List<String> attachments(String raw) {
    List<String> out = new ArrayList<>();
    String s = FieldChecks.text(raw);
    if (s == null) {
      return out;
    }
    for (String part : s.split("[;、,]")) {
      String t = FieldChecks.text(part);
      if (t != null) {
        out.add(t);
      }
    }
    return out;
  }
}
