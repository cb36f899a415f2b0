package org.policyreach.ingestion.parse;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.types.StructType;
import org.policyreach.core.Jsic;
import org.policyreach.ingestion.Source;

/**
 * Firm attributes like gBizINFO's records (JSON Lines, INPUT-FORMATS §2): capital, employees,
 * industry, founding date as of an update date. Any field but the corporate number may be missing.
 */
public final class FirmAttributesParser implements LineParser {
  private static final long serialVersionUID = 1L;

  public static final StructType SCHEMA =
      createStructType(
          List.of(
              createStructField("corporate_number", StringType, false),
              createStructField("capital_yen", LongType, true),
              createStructField("employees", IntegerType, true),
              createStructField("jsic_division", StringType, true),
              createStructField("jsic_major", StringType, true),
              createStructField("established", DateType, true),
              createStructField("update_date", DateType, true),
              createStructField("source_file", StringType, false),
              createStructField("source_line", LongType, false)));

  static final int SOURCE_FILE = SCHEMA.fieldIndex("source_file");
  static final int SOURCE_LINE = SCHEMA.fieldIndex("source_line");

  @Override
  public Source source() {
    return Source.FIRM_ATTRIBUTES;
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
    String cn =
        checks.corporateNumber(
            "corporate_number", JsonLine.text(json, "corporate_number", checks), true);
    Long capital =
        checks.amountYen(
            "capital_stock",
            JsonLine.text(json, "capital_stock", checks),
            FieldChecks.ABSURD_CAPITAL_YEN);
    Integer employees =
        checks.count(
            "employee_number",
            JsonLine.text(json, "employee_number", checks),
            FieldChecks.ABSURD_EMPLOYEES);
    String division = checks.jsic("jsic_division", JsonLine.text(json, "jsic_division", checks));
    String major =
        checks.jsicMajor("jsic_major", JsonLine.text(json, "jsic_major", checks), division);
    if (division == null && major != null) {
      division = Jsic.ofMajor(major).letter(); // the major group decides the division
    }
    Date established =
        checks.date(
            "date_of_establishment", JsonLine.text(json, "date_of_establishment", checks), false);
    Date updateDate = checks.date("update_date", JsonLine.text(json, "update_date", checks), false);
    if (!checks.ok()) {
      return ParsedLine.rejected(checks.reasons(), text);
    }
    Object[] record = {
      cn, capital, employees, division, major, established, updateDate, fileName, number
    };
    return ParsedLine.accepted(
        record, cn, Fingerprint.of(record, SOURCE_FILE, SOURCE_LINE), checks.findings());
  }
}
