package org.policyreach.ingestion.parse;

import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Timestamp;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.types.StructType;
import org.policyreach.core.DomainException;
import org.policyreach.core.EventType;
import org.policyreach.ingestion.Source;

/**
 * Engagement events from the portal (JSON Lines, INPUT-FORMATS §5). An event id seen again is a
 * duplicate, whatever the rest of the line says: events are facts that happened once.
 */
public final class EventParser implements LineParser {
  private static final long serialVersionUID = 1L;

  public static final StructType SCHEMA =
      createStructType(
          List.of(
              createStructField("event_id", StringType, false),
              createStructField("corporate_number", StringType, false),
              createStructField("program_id", StringType, true),
              createStructField("type", StringType, false),
              createStructField("at", TimestampType, false),
              createStructField("channel", StringType, true),
              createStructField("source_file", StringType, false),
              createStructField("source_line", LongType, false)));

  private final ProgramRules programs;

  public EventParser(ProgramRules programs) {
    this.programs = Objects.requireNonNull(programs, "programs is null");
  }

  @Override
  public Source source() {
    return Source.EVENTS;
  }

  @Override
  public StructType recordSchema() {
    return SCHEMA;
  }

  @Override
  public ParsedLine parse(String fileName, long number, String text) {
    FieldChecks checks = new FieldChecks();
    ObjectNode json = JsonLine.parse(text, checks);
    if (json == null) {
      return ParsedLine.rejected(checks.reasons(), text);
    }
    if (Mojibake.looksGarbled(text)) {
      checks.reject("MOJIBAKE", "the line contains garbled characters (wrong encoding?)");
    }
    String eventId = checks.required("event_id", JsonLine.text(json, "event_id", checks));
    String cn =
        checks.corporateNumber(
            "corporate_number", JsonLine.text(json, "corporate_number", checks), true);
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
    String type = null;
    String rawType = checks.required("type", JsonLine.text(json, "type", checks));
    if (rawType != null) {
      try {
        type = EventType.parse(rawType).code();
      } catch (DomainException e) {
        checks.reject(e.code(), "type: " + e.getMessage());
      }
    }
    Timestamp at = checks.timestamp("at", JsonLine.text(json, "at", checks), true);
    String channel = FieldChecks.text(JsonLine.text(json, "channel", checks));
    if (!checks.ok()) {
      return ParsedLine.rejected(checks.reasons(), text);
    }
    Object[] record = {eventId, cn, programId, type, at, channel, fileName, number};
    return ParsedLine.accepted(record, eventId, eventId, checks.findings());
  }
}
