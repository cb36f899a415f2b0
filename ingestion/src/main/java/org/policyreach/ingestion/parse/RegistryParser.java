package org.policyreach.ingestion.parse;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.policyreach.core.Prefecture;
import org.policyreach.ingestion.Source;
import org.policyreach.ingestion.Tables;

/**
 * The NTA corporate-number download (30 columns, no header; INPUT-FORMATS §1), UTF-8 or Shift_JIS.
 * Each row becomes a registry record: identity, address and status of one firm as of its update
 * date.
 */
public final class RegistryParser implements LineParser {
  private static final long serialVersionUID = 1L;

  public static final int COLUMNS = 30;

  /** {@code silver.registry_history} without the batch id. */
  public static final StructType SCHEMA = recordSchemaOf(Tables.REGISTRY_HISTORY_SCHEMA);

  static final int SOURCE_FILE = SCHEMA.fieldIndex("source_file");
  static final int SOURCE_LINE = SCHEMA.fieldIndex("source_line");

  static final Set<String> PROCESSES =
      Set.of("01", "11", "12", "13", "21", "22", "71", "72", "81", "99");

  private static StructType recordSchemaOf(StructType history) {
    List<StructField> fields = new ArrayList<>();
    for (StructField f : history.fields()) {
      if (!f.name().equals("batch_id")) {
        fields.add(f);
      }
    }
    return new StructType(fields.toArray(StructField[]::new));
  }

  @Override
  public Source source() {
    return Source.REGISTRY;
  }

  @Override
  public StructType recordSchema() {
    return SCHEMA;
  }

  @Override
  public ParsedLine parse(String fileName, long number, String text) {
    FieldChecks checks = new FieldChecks();
    List<String> f = CsvLine.split(text);
    if (f == null) {
      checks.reject("PARSE_ERROR", "unclosed quote: the line is not valid CSV");
      return ParsedLine.rejected(checks.reasons(), text);
    }
    if (f.size() != COLUMNS) {
      checks.reject("COLUMN_COUNT", "expected " + COLUMNS + " columns, got " + f.size());
      return ParsedLine.rejected(checks.reasons(), text);
    }
    checks.noControlCharacters("the line", text);
    if (Mojibake.looksGarbled(text)) {
      checks.reject("MOJIBAKE", "the line contains garbled characters (wrong encoding?)");
    }
    Long sequence = sequence(f.get(0), checks);
    String cn = checks.corporateNumber("corporateNumber", f.get(1), true);
    String process = FieldChecks.text(f.get(2));
    if (process == null || !PROCESSES.contains(process)) {
      checks.reject(
          "PROCESS_UNKNOWN",
          "process '"
              + (process == null ? "" : process)
              + "' is not an NTA process code "
              + PROCESSES);
    }
    Boolean correct = "1".equals(FieldChecks.text(f.get(3)));
    Date updateDate = checks.date("updateDate", f.get(4), true);
    Date changeDate = checks.date("changeDate", f.get(5), false);
    String name = FieldChecks.text(f.get(6));
    String kind = FieldChecks.text(f.get(8));
    String prefecture = checks.prefecture("prefectureCode", f.get(13));
    if (prefecture == null && FieldChecks.text(f.get(13)) == null) {
      prefecture = Prefecture.byName(f.get(9)).map(Prefecture::code).orElse(null);
    }
    String city = FieldChecks.text(f.get(10));
    String postCode = postCode(f.get(15));
    Date closeDate = checks.date("closeDate", f.get(18), false);
    String closeCause = FieldChecks.text(f.get(19));
    String successor = checks.corporateNumber("successorCorporateNumber", f.get(20), false);
    Date assignmentDate = checks.date("assignmentDate", f.get(22), false);
    Boolean latest =
        FieldChecks.text(f.get(23)) == null ? null : "1".equals(FieldChecks.text(f.get(23)));
    String furigana = FieldChecks.text(f.get(28));
    if (!checks.ok()) {
      return ParsedLine.rejected(checks.reasons(), text);
    }
    Object[] record = {
      cn,
      sequence,
      process,
      correct,
      updateDate,
      changeDate,
      name,
      furigana,
      kind,
      prefecture,
      city,
      postCode,
      status(process, closeDate, closeCause),
      closeDate,
      closeCause,
      successor,
      assignmentDate,
      latest,
      fileName,
      number
    };
    return ParsedLine.accepted(
        record, cn, Fingerprint.of(record, SOURCE_FILE, SOURCE_LINE), checks.findings());
  }

  /** {@code active}, {@code closed}, {@code merged} or {@code deleted}. */
  static String status(String process, Date closeDate, String closeCause) {
    if ("99".equals(process)) {
      return "deleted";
    }
    if ("71".equals(process) || "11".equals(closeCause)) {
      return "merged";
    }
    if (closeDate != null || "21".equals(process)) {
      return "closed";
    }
    return "active";
  }

  private static Long sequence(String raw, FieldChecks checks) {
    String s = FieldChecks.text(raw);
    if (s == null || !s.chars().allMatch(Character::isDigit) || s.length() > 18) {
      checks.reject(
          "FIELD_INVALID", "sequenceNumber '" + (s == null ? "" : s) + "' is not a number");
      return null;
    }
    return Long.parseLong(s);
  }

  private static String postCode(String raw) {
    String s = FieldChecks.text(raw);
    if (s == null) {
      return null;
    }
    String digits = s.replace("-", "");
    return digits.length() == 7 && digits.chars().allMatch(Character::isDigit) ? digits : s;
  }
}
