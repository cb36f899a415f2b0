package org.policyreach.pipelines.build;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The silver columns the build reads (a subset of the contract in docs/architecture.md). Used to
 * stand in an empty table for a source that was never ingested, and by tests that hand-build silver
 * tables.
 */
public final class SilverSchemas {
  private SilverSchemas() {}

  private static final DataType STRING = DataTypes.StringType;
  private static final ArrayType STRINGS = DataTypes.createArrayType(STRING);

  public static final StructType FIRMS =
      new StructType()
          .add("corporate_number", STRING)
          .add("name", STRING)
          .add("prefecture_code", STRING)
          .add("status", STRING)
          .add("close_date", DataTypes.DateType)
          .add("assignment_date", DataTypes.DateType)
          .add("jsic_division", STRING)
          .add("jsic_major", STRING)
          .add("capital_yen", DataTypes.LongType)
          .add("employees", DataTypes.IntegerType)
          .add("established", DataTypes.DateType)
          .add("size_class", STRING)
          .add("registry_update_date", DataTypes.DateType)
          .add(
              "field_sources",
              DataTypes.createMapType(
                  DataTypes.StringType,
                  new StructType().add("source", STRING).add("as_of", DataTypes.DateType)));

  /** Columns a silver table may lack (older ingests, hand-built tables): read as null. */
  public static final java.util.Set<String> OPTIONAL = java.util.Set.of("field_sources");

  public static final StructType STATUS_CHANGE =
      new StructType()
          .add("status", STRING)
          .add("at", DataTypes.TimestampType)
          .add("batch_id", STRING);

  public static final StructType APPLICATIONS =
      new StructType()
          .add("application_id", STRING)
          .add("program_id", STRING)
          .add("corporate_number", STRING)
          .add("source", STRING)
          .add("submitted_at", DataTypes.TimestampType)
          .add("submitted_date", DataTypes.DateType)
          .add("status", STRING)
          .add("decided_at", DataTypes.TimestampType)
          .add("status_history", DataTypes.createArrayType(STATUS_CHANGE))
          .add("purpose", STRING)
          .add("purpose_tags", STRINGS);

  public static final StructType EVENTS =
      new StructType()
          .add("event_id", STRING)
          .add("corporate_number", STRING)
          .add("program_id", STRING)
          .add("type", STRING)
          .add("at", DataTypes.TimestampType)
          .add("channel", STRING);

  /** The contact-ledger columns the build and push campaigns read (silver.contacts). */
  public static final StructType CONTACTS =
      new StructType()
          .add("contact_id", STRING)
          .add("campaign_id", STRING)
          .add("program_id", STRING)
          .add("corporate_number", STRING)
          .add("channel", STRING)
          .add("arm", STRING)
          .add("sent_at", DataTypes.TimestampType)
          .add("status", STRING)
          .add("status_at", DataTypes.TimestampType);
}
