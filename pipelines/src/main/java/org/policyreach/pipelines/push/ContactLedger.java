package org.policyreach.pipelines.push;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.policyreach.ingestion.DeltaWrites;
import org.policyreach.ingestion.Lakehouse;
import org.policyreach.ingestion.Tables;

/**
 * The contact ledger {@code silver.contacts} as {@code push send} writes it: one row per delivery
 * attempt, keyed by a contact id derived from (campaign, firm). Rows are inserted with a MERGE that
 * skips ids already there, so recording the same attempt twice (a re-run after a crash) leaves one
 * row.
 */
final class ContactLedger {
  private final SparkSession spark;
  private final String path;

  ContactLedger(SparkSession spark, Lakehouse lakehouse) {
    this.spark = spark;
    this.path = lakehouse.path(Tables.SILVER, Tables.CONTACTS);
  }

  /** The contact id of a campaign's attempt on a firm: {@code c-<campaign>-<firm>}. */
  static String contactId(String campaignId, String corporateNumber) {
    String c = campaignId.startsWith("cmp-") ? campaignId.substring(4) : campaignId;
    return "c-" + c + "-" + corporateNumber;
  }

  Dataset<Row> table() {
    ensure();
    return spark.read().format("delta").load(path);
  }

  Dataset<Row> ofCampaign(String campaignId) {
    return table().filter(col("campaign_id").equalTo(campaignId));
  }

  /** Inserts the rows (in {@code Tables.CONTACTS_SCHEMA}) whose contact id is not recorded yet. */
  void record(List<Row> rows) {
    if (rows.isEmpty()) {
      return;
    }
    DeltaTable table = ensure();
    Dataset<Row> source = spark.createDataFrame(rows, Tables.CONTACTS_SCHEMA);
    table
        .as("t")
        .merge(source.as("s"), "t.contact_id = s.contact_id")
        .whenNotMatched()
        .insertAll()
        .execute();
  }

  private DeltaTable ensure() {
    return DeltaWrites.ensure(spark, path, Tables.CONTACTS_SCHEMA);
  }
}
