package org.policyreach.ingestion.parse;

import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Timestamp;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.sql.types.StructType;
import org.policyreach.ingestion.Source;

/**
 * Delivery receipts and push history (JSON Lines, INPUT-FORMATS §7): one line per delivery attempt
 * of a campaign; a later line for the same {@code contact_id} updates its status. A treated line
 * names its channel, send time and status; a holdout line records a firm deliberately not contacted
 * and has neither channel nor status. No address or name belongs on these lines: any that arrives
 * stays in bronze and is masked in the quarantine.
 */
public final class ContactParser implements LineParser {
  private static final long serialVersionUID = 1L;

  public static final Set<String> CHANNELS = Set.of("inbox", "email", "post");
  public static final Set<String> ARMS = Set.of("treated", "holdout");

  /** {@code sent}: handed over (SMTP accepted, letter to the printer); the others are receipts. */
  public static final Set<String> STATUSES = Set.of("sent", "delivered", "bounced", "returned");

  public static final StructType SCHEMA =
      createStructType(
          List.of(
              createStructField("contact_id", StringType, false),
              createStructField("campaign_id", StringType, false),
              createStructField("program_id", StringType, true),
              createStructField("corporate_number", StringType, false),
              createStructField("channel", StringType, true),
              createStructField("arm", StringType, false),
              createStructField("sent_at", TimestampType, true),
              createStructField("status", StringType, true),
              createStructField("status_at", TimestampType, true),
              createStructField("source_file", StringType, false),
              createStructField("source_line", LongType, false)));

  private static final int SOURCE_FILE = 9;
  private static final int SOURCE_LINE = 10;

  private final ProgramRules programs;

  public ContactParser(ProgramRules programs) {
    this.programs = Objects.requireNonNull(programs, "programs is null");
  }

  @Override
  public Source source() {
    return Source.CONTACTS;
  }

  @Override
  public StructType recordSchema() {
    return SCHEMA;
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
      return ParsedLine.rejected(checks.reasons(), redact(text));
    }
    if (Mojibake.looksGarbled(text)) {
      checks.reject("MOJIBAKE", "the line contains garbled characters (wrong encoding?)");
    }
    String contactId = checks.required("contact_id", JsonLine.text(json, "contact_id", checks));
    String campaignId = checks.required("campaign_id", JsonLine.text(json, "campaign_id", checks));
    String programId = FieldChecks.text(JsonLine.text(json, "program_id", checks));
    if (programId != null && !programs.knows(programId)) {
      checks.reject(
          "UNKNOWN_PROGRAM",
          "program_id "
              + programId
              + " is not in the programs catalog (version "
              + programs.version()
              + "); add it to conf/programs and replay the quarantine");
    }
    String cn =
        checks.corporateNumber(
            "corporate_number", JsonLine.text(json, "corporate_number", checks), true);
    String arm = oneOf(checks, "arm", JsonLine.text(json, "arm", checks), ARMS, true);
    boolean treated = "treated".equals(arm);
    String channel =
        oneOf(checks, "channel", JsonLine.text(json, "channel", checks), CHANNELS, treated);
    String status =
        oneOf(checks, "status", JsonLine.text(json, "status", checks), STATUSES, treated);
    Timestamp sentAt = checks.timestamp("sent_at", JsonLine.text(json, "sent_at", checks), treated);
    Timestamp statusAt =
        checks.timestamp("status_at", JsonLine.text(json, "status_at", checks), false);
    if ("holdout".equals(arm) && (channel != null || status != null)) {
      checks.reject(
          "FIELD_INVALID",
          "a holdout line records a firm that was not contacted: it has no channel and no status"
              + " (got channel "
              + channel
              + ", status "
              + status
              + ")");
    }
    if (sentAt != null && statusAt != null && statusAt.before(sentAt)) {
      checks.reject(
          "DATE_ORDER",
          "status_at " + statusAt.toInstant() + " is before sent_at " + sentAt.toInstant());
    }
    if (!checks.ok()) {
      return ParsedLine.rejected(checks.reasons(), redact(text));
    }
    if (statusAt == null && status != null) {
      statusAt = sentAt;
    }
    Object[] record = {
      contactId, campaignId, programId, cn, channel, arm, sentAt, status, statusAt, fileName, number
    };
    return ParsedLine.accepted(
        record, contactId, Fingerprint.of(record, SOURCE_FILE, SOURCE_LINE), checks.findings());
  }

  private static String oneOf(
      FieldChecks checks, String field, String raw, Set<String> allowed, boolean required) {
    String s = FieldChecks.text(raw);
    if (s == null) {
      if (required) {
        checks.reject("MISSING_FIELD", field + " is missing or empty");
      }
      return null;
    }
    String v = s.toLowerCase(Locale.ROOT);
    if (!allowed.contains(v)) {
      checks.reject(
          "FIELD_INVALID",
          field
              + " '"
              + s
              + "' is not one of "
              + String.join(", ", allowed.stream().sorted().toList()));
      return null;
    }
    return v;
  }
}
