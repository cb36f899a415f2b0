package org.policyreach.ingestion.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.types.StructType;
import org.policyreach.core.ApplicationStatus;
import org.policyreach.core.ContactMask;
import org.policyreach.core.DomainException;
import org.policyreach.ingestion.Source;

/**
 * Applications exported by the e-application system (JSON Lines, INPUT-FORMATS §3). The {@code
 * contact} object is never read: it stays in bronze only.
 */
public final class ApplicationParser implements LineParser {
  private static final long serialVersionUID = 1L;

  private final ProgramRules programs;

  public ApplicationParser(ProgramRules programs) {
    this.programs = Objects.requireNonNull(programs, "programs is null");
  }

  @Override
  public Source source() {
    return Source.APPLICATIONS;
  }

  @Override
  public StructType recordSchema() {
    return ApplicationRecord.SCHEMA;
  }

  @Override
  public String redact(String text) {
    return JsonLine.maskContacts(text);
  }

  @Override
  public ParsedLine parse(String fileName, long number, String text) {
    FieldChecks checks = new FieldChecks();
    ObjectNode json = JsonLine.parse(text, checks);
    if (json == null) {
      return ParsedLine.rejected(checks.reasons(), JsonLine.withoutContact(text, null));
    }
    String applicationId =
        checks.required("application_id", JsonLine.text(json, "application_id", checks));
    String programId = checks.required("program_id", JsonLine.text(json, "program_id", checks));
    ProgramRules.Rules rules = null;
    if (programId != null) {
      rules = programs.find(programId).orElse(null);
      if (rules == null) {
        checks.reject(
            "UNKNOWN_PROGRAM",
            "program_id "
                + programId
                + " is not in the programs catalog (version "
                + programs.version()
                + "); add it to conf/programs and replay the quarantine");
      }
    }
    Timestamp submittedAt =
        checks.timestamp("submitted_at", JsonLine.text(json, "submitted_at", checks), true);
    ApplicationStatus status = status(JsonLine.text(json, "status", checks), checks);
    Timestamp decidedAt =
        checks.timestamp("decided_at", JsonLine.text(json, "decided_at", checks), false);
    Timestamp updatedAt =
        checks.timestamp("updated_at", JsonLine.text(json, "updated_at", checks), false);
    if (submittedAt != null && decidedAt != null && decidedAt.before(submittedAt)) {
      checks.reject(
          "DATE_ORDER",
          "decided_at "
              + decidedAt.toInstant()
              + " is before submitted_at "
              + submittedAt.toInstant());
    }
    JsonNode applicant = JsonLine.object(json, "applicant", checks);
    String cn =
        checks.corporateNumber(
            "applicant.corporate_number",
            JsonLine.text(applicant, "corporate_number", checks),
            true);
    String prefecture =
        checks.prefecture(
            "applicant.prefecture_code", JsonLine.text(applicant, "prefecture_code", checks));
    String jsic =
        checks.jsic("applicant.jsic_division", JsonLine.text(applicant, "jsic_division", checks));
    String jsicMajor =
        checks.jsicMajor(
            "applicant.jsic_major", JsonLine.text(applicant, "jsic_major", checks), jsic);
    Long capital =
        checks.amountYen(
            "applicant.capital_yen",
            JsonLine.text(applicant, "capital_yen", checks),
            FieldChecks.ABSURD_CAPITAL_YEN);
    Integer employees =
        checks.count(
            "applicant.employees",
            JsonLine.text(applicant, "employees", checks),
            FieldChecks.ABSURD_EMPLOYEES);
    Date established =
        checks.date(
            "applicant.established", JsonLine.text(applicant, "established", checks), false);
    Long requested =
        checks.amountYen(
            "requested_amount_yen",
            JsonLine.text(json, "requested_amount_yen", checks),
            FieldChecks.ABSURD_AMOUNT_YEN);
    Long awarded =
        checks.amountYen(
            "awarded_amount_yen",
            JsonLine.text(json, "awarded_amount_yen", checks),
            FieldChecks.ABSURD_AMOUNT_YEN);
    List<String> tags = masked(JsonLine.strings(json, "purpose_tags", null, checks));
    List<String> attachments = JsonLine.strings(json, "attachments", "type", checks);
    // free text: an applicant may type a phone number or e-mail address into it
    String purpose = ContactMask.mask(FieldChecks.text(JsonLine.text(json, "purpose", checks)));
    String name = FieldChecks.text(JsonLine.text(applicant, "name", checks));
    String city = FieldChecks.text(JsonLine.text(applicant, "city", checks));
    if (Mojibake.looksGarbled(text)) {
      checks.reject("MOJIBAKE", "the line contains garbled characters (wrong encoding?)");
    }
    if (!checks.ok()) {
      return ParsedLine.rejected(checks.reasons(), JsonLine.withoutContact(text, json));
    }
    ApplicationRecord.checkAgainstProgram(rules, requested, attachments, checks);
    Object[] record =
        ApplicationRecord.values(
            applicationId,
            programId,
            cn,
            Source.APPLICATIONS.id(),
            submittedAt,
            submittedAt == null ? null : FieldChecks.tokyoDate(submittedAt),
            status,
            decidedAt,
            updatedAt,
            requested,
            awarded,
            purpose,
            tags,
            attachments,
            prefecture,
            jsic,
            jsicMajor,
            capital,
            employees,
            established,
            name,
            city,
            checks.findings(),
            fileName,
            number);
    return ParsedLine.accepted(
        record,
        applicationId,
        Fingerprint.of(record, ApplicationRecord.SOURCE_FILE, ApplicationRecord.SOURCE_LINE),
        checks.findings());
  }

  static ApplicationStatus status(String raw, FieldChecks checks) {
    String s = checks.required("status", raw);
    if (s == null) {
      return null;
    }
    try {
      return ApplicationStatus.parse(s);
    } catch (DomainException e) {
      checks.reject(e.code(), "status: " + e.getMessage());
      return null;
    }
  }

  private static List<String> masked(List<String> values) {
    if (values == null) {
      return null;
    }
    List<String> out = new java.util.ArrayList<>(values.size());
    for (String v : values) {
      out.add(ContactMask.mask(v));
    }
    return out;
  }
}
