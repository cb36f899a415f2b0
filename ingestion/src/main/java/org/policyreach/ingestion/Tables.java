package org.policyreach.ingestion;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createMapType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.List;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The schemas of the tables ingestion owns, exactly as {@code docs/architecture.md} lists them.
 * Every table is created from these (never inferred).
 */
public final class Tables {

  public static final String BRONZE = "bronze";
  public static final String SILVER = "silver";
  public static final String QUARANTINE = "quarantine";
  public static final String META = "meta";

  public static final String FIRMS = "firms";
  public static final String REGISTRY_HISTORY = "registry_history";
  public static final String APPLICATIONS = "applications";
  public static final String EVENTS = "events";
  public static final String CONTACTS = "contacts";
  public static final String PROGRAMS = "programs";
  public static final String RECORDS = "records";
  public static final String BATCHES = "batches";

  // Delta enforces NOT NULL only on top-level columns: nested fields are all nullable.

  /** {@code ARRAY<STRUCT<code, detail>>}: quarantine reasons and record findings. */
  public static final ArrayType REASONS =
      createArrayType(
          createStructType(
              List.of(field("code", StringType, true), field("detail", StringType, true))),
          true);

  /** {@code MAP<STRING, STRUCT<source, as_of>>}: which source gave each firm attribute. */
  public static final DataType FIELD_SOURCES =
      createMapType(
          StringType,
          createStructType(
              List.of(field("source", StringType, true), field("as_of", DateType, true))),
          true);

  public static final ArrayType STATUS_HISTORY =
      createArrayType(
          createStructType(
              List.of(
                  field("status", StringType, true),
                  field("at", TimestampType, true),
                  field("batch_id", StringType, true))),
          true);

  private static final ArrayType STRINGS = createArrayType(StringType, true);

  /** {@code bronze.<source>}: every line as received. */
  public static final StructType BRONZE_SCHEMA =
      schema(
          field("batch_id", StringType, false),
          field("source_file", StringType, false),
          field("line", LongType, false),
          field("raw", StringType, false),
          field("encoding", StringType, false),
          field("ingested_at", TimestampType, false));

  public static final StructType FIRMS_SCHEMA =
      schema(
          field("corporate_number", StringType, false),
          field("name", StringType, true),
          field("name_kana", StringType, true),
          field("kind", StringType, true),
          field("prefecture_code", StringType, true),
          field("city", StringType, true),
          field("post_code", StringType, true),
          field("status", StringType, true),
          field("close_date", DateType, true),
          field("close_cause", StringType, true),
          field("successor_corporate_number", StringType, true),
          field("assignment_date", DateType, true),
          field("jsic_division", StringType, true),
          field("jsic_major", StringType, true),
          field("capital_yen", LongType, true),
          field("employees", IntegerType, true),
          field("established", DateType, true),
          field("size_class", StringType, true),
          field("field_sources", FIELD_SOURCES, false),
          field("registry_update_date", DateType, true),
          field("updated_batch_id", StringType, false));

  /** Every accepted registry row, for the history of a firm's identity and status. */
  public static final StructType REGISTRY_HISTORY_SCHEMA =
      schema(
          field("corporate_number", StringType, false),
          field("sequence_number", LongType, false),
          field("process", StringType, false),
          field("correct", BooleanType, true),
          field("update_date", DateType, false),
          field("change_date", DateType, true),
          field("name", StringType, true),
          field("name_kana", StringType, true),
          field("kind", StringType, true),
          field("prefecture_code", StringType, true),
          field("city", StringType, true),
          field("post_code", StringType, true),
          field("status", StringType, false),
          field("close_date", DateType, true),
          field("close_cause", StringType, true),
          field("successor_corporate_number", StringType, true),
          field("assignment_date", DateType, true),
          field("latest", BooleanType, true),
          field("batch_id", StringType, false),
          field("source_file", StringType, false),
          field("source_line", LongType, false));

  public static final StructType APPLICATIONS_SCHEMA =
      schema(
          field("application_id", StringType, false),
          field("program_id", StringType, false),
          field("corporate_number", StringType, false),
          field("source", StringType, false),
          field("submitted_at", TimestampType, true),
          field("submitted_date", DateType, true),
          field("status", StringType, false),
          field("decided_at", TimestampType, true),
          field("status_history", STATUS_HISTORY, false),
          field("requested_amount_yen", LongType, true),
          field("awarded_amount_yen", LongType, true),
          field("purpose", StringType, true),
          field("purpose_tags", STRINGS, false),
          field("attachments", STRINGS, false),
          field("declared_prefecture_code", StringType, true),
          field("declared_jsic_division", StringType, true),
          field("declared_capital_yen", LongType, true),
          field("declared_employees", IntegerType, true),
          field("declared_established", DateType, true),
          field("findings", REASONS, false),
          field("batch_id", StringType, false),
          field("source_file", StringType, false),
          field("source_line", LongType, false));

  public static final StructType EVENTS_SCHEMA =
      schema(
          field("event_id", StringType, false),
          field("corporate_number", StringType, false),
          field("program_id", StringType, true),
          field("type", StringType, false),
          field("at", TimestampType, false),
          field("channel", StringType, true),
          field("batch_id", StringType, false));

  /**
   * {@code silver.contacts}, the contact ledger: one row per delivery attempt of a push campaign
   * (written by {@code push send}, updated by {@code ingest --source contacts}). Never an address:
   * {@code address_sha256} is a salted hash of the e-mail address an e-mail went to.
   */
  public static final StructType CONTACTS_SCHEMA =
      schema(
          field("contact_id", StringType, false),
          field("campaign_id", StringType, false),
          field("program_id", StringType, true),
          field("corporate_number", StringType, false),
          field("channel", StringType, true),
          field("arm", StringType, false),
          field("sent_at", TimestampType, true),
          field("status", StringType, true),
          field("status_at", TimestampType, true),
          field("address_sha256", StringType, true),
          field("message", StringType, true),
          field("batch_id", StringType, false));

  public static final StructType PROGRAMS_SCHEMA =
      schema(
          field("program_id", StringType, false),
          field("name", StringType, false),
          field("name_en", StringType, true),
          field("family", StringType, false),
          field("needs", STRINGS, false),
          field("opens", DateType, false),
          field("closes", DateType, false),
          field("size_classes", STRINGS, false),
          field("jsic_divisions", STRINGS, false),
          field("prefectures", STRINGS, false),
          field("min_years_established", IntegerType, true),
          field("max_employees", IntegerType, true),
          field("max_capital_yen", LongType, true),
          field("required_attachments", STRINGS, false),
          field("max_amount_yen", LongType, false),
          field("subsidy_rate", DoubleType, false),
          field("url", StringType, false),
          field("catalog_version", StringType, false));

  public static final StructType QUARANTINE_SCHEMA =
      schema(
          field("batch_id", StringType, false),
          field("source", StringType, false),
          field("source_file", StringType, false),
          field("line", LongType, false),
          field("raw", StringType, false),
          field("reasons", REASONS, false),
          field("quarantined_at", TimestampType, false),
          field("replayed_batch_id", StringType, true));

  public static final StructType BATCHES_SCHEMA =
      schema(
          field("batch_id", StringType, false),
          field("source", StringType, false),
          field("source_file", StringType, false),
          field("content_sha256", StringType, false),
          field("status", StringType, false),
          field("read", LongType, true),
          field("accepted", LongType, true),
          field("quarantined", LongType, true),
          field("duplicates", LongType, true),
          field("findings", createMapType(StringType, LongType, true), true),
          field("versions", createMapType(StringType, LongType, true), true),
          field("started_at", TimestampType, false),
          field("committed_at", TimestampType, true));

  private Tables() {}

  static StructField field(String name, DataType type, boolean nullable) {
    return createStructField(name, type, nullable);
  }

  static StructType schema(StructField... fields) {
    return createStructType(fields);
  }
}
