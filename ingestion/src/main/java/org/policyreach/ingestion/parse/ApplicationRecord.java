package org.policyreach.ingestion.parse;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;
import static org.policyreach.ingestion.spark.ScalaValues.seq;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.policyreach.core.ApplicationChecks;
import org.policyreach.core.ApplicationStatus;
import org.policyreach.ingestion.Tables;

/**
 * The normalized form of one application line (JSON export or legacy form): the columns of {@code
 * silver.applications} without history and batch, plus the status time and the declared firm
 * identity used as a fallback in {@code silver.firms}.
 */
public final class ApplicationRecord {

  public static final StructType SCHEMA =
      createStructType(
          List.of(
              createStructField("application_id", StringType, false),
              createStructField("program_id", StringType, false),
              createStructField("corporate_number", StringType, false),
              createStructField("source", StringType, false),
              createStructField("submitted_at", TimestampType, true),
              createStructField("submitted_date", DateType, true),
              createStructField("status", StringType, false),
              createStructField("decided_at", TimestampType, true),
              createStructField("status_at", TimestampType, true),
              createStructField("status_rank", IntegerType, false),
              createStructField("requested_amount_yen", LongType, true),
              createStructField("awarded_amount_yen", LongType, true),
              createStructField("purpose", StringType, true),
              createStructField("purpose_tags", createArrayType(StringType, true), false),
              createStructField("attachments", createArrayType(StringType, true), false),
              createStructField("declared_prefecture_code", StringType, true),
              createStructField("declared_jsic_division", StringType, true),
              createStructField("declared_jsic_major", StringType, true),
              createStructField("declared_capital_yen", LongType, true),
              createStructField("declared_employees", IntegerType, true),
              createStructField("declared_established", DateType, true),
              createStructField("declared_name", StringType, true),
              createStructField("declared_city", StringType, true),
              createStructField("findings", Tables.REASONS, false),
              createStructField("source_file", StringType, false),
              createStructField("source_line", LongType, false)));

  /** Positions of the source-file and line columns (left out of the fingerprint). */
  static final int SOURCE_FILE = SCHEMA.fieldIndex("source_file");

  static final int SOURCE_LINE = SCHEMA.fieldIndex("source_line");
  static final int FINDINGS = SCHEMA.fieldIndex("findings");

  private ApplicationRecord() {}

  /**
   * Order of statuses at the same instant: a decision outranks the submission, so a later arrival
   * of "submitted" never hides "awarded".
   */
  public static int rank(ApplicationStatus status) {
    return switch (status) {
      case SUBMITTED -> 0;
      case ACCEPTED -> 1;
      case REJECTED, AWARDED, WITHDRAWN -> 2;
    };
  }

  /** Values shared by the JSON and the legacy parser, in {@link #SCHEMA} order. */
  static Object[] values(
      String applicationId,
      String programId,
      String corporateNumber,
      String source,
      Timestamp submittedAt,
      Date submittedDate,
      ApplicationStatus status,
      Timestamp decidedAt,
      Timestamp updatedAt,
      Long requested,
      Long awarded,
      String purpose,
      List<String> purposeTags,
      List<String> attachments,
      String prefecture,
      String jsic,
      String jsicMajor,
      Long capital,
      Integer employees,
      Date established,
      String name,
      String city,
      List<Reason> findings,
      String sourceFile,
      long sourceLine) {
    Timestamp statusAt =
        updatedAt != null
            ? updatedAt
            : !status.isPending() && decidedAt != null ? decidedAt : submittedAt;
    return new Object[] {
      applicationId,
      programId,
      corporateNumber,
      source,
      submittedAt,
      submittedDate,
      status.code(),
      decidedAt,
      statusAt,
      rank(status),
      requested,
      awarded,
      purpose,
      seq(purposeTags),
      seq(attachments),
      prefecture,
      jsic,
      jsicMajor,
      capital,
      employees,
      established,
      name,
      city,
      seq(findingRows(findings)),
      sourceFile,
      sourceLine
    };
  }

  /** The catalog checks that flag (never reject) an application. */
  static void checkAgainstProgram(
      ProgramRules.Rules rules, Long requested, List<String> attachments, FieldChecks checks) {
    List<String> missing =
        ApplicationChecks.missingAttachments(rules.requiredAttachments(), attachments);
    if (!missing.isEmpty()) {
      checks.find("MISSING_ATTACHMENT", "missing " + String.join(", ", missing));
    }
    if (ApplicationChecks.amountOverMax(requested, rules.maxAmountYen())) {
      checks.find(
          "AMOUNT_OVER_MAX",
          "requested " + requested + " yen > max " + rules.maxAmountYen() + " yen");
    }
  }

  static List<Row> findingRows(List<Reason> findings) {
    List<Row> rows = new ArrayList<>(findings.size());
    for (Reason r : findings) {
      rows.add(RowFactory.create(r.code(), r.detail()));
    }
    return rows;
  }
}
