package org.policyreach.pipelines.recommend;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.policyreach.core.ApplicationStatus;
import org.policyreach.pipelines.build.AsOfSilver;

/**
 * One row per firm active on a date and known to the registry, with what ranking and eligibility
 * need: the profile (need scores, history, reach, opt-out) of that date, the registry facts core's
 * {@code Eligibility} checks, the programs the firm has won or has pending ({@code excluded}) and
 * its recent contacts ({@link ContactCounts}: portal impressions and pushes on every channel within
 * the contact window).
 */
public final class FirmFrame {
  public static final String CN = "corporate_number";
  public static final String EXCLUDED = "excluded";
  public static final String CONTACTS = "contacts";

  /** Profile columns carried into the frame (gold.firm_profiles names). */
  static final List<String> PROFILE_COLUMNS =
      List.of(
          CN,
          "name",
          "prefecture_code",
          "jsic_division",
          "size_class",
          "firm_age_years",
          "capital_yen",
          "employees",
          "established",
          "reached",
          "applications",
          "awards",
          "programs_applied",
          "need_scores",
          "opted_out");

  /** Application statuses that take a program out of a firm's list for that round. */
  public static final List<String> EXCLUDING_STATUSES =
      Arrays.stream(ApplicationStatus.values())
          .filter(s -> s.isWon() || s.isPending())
          .map(ApplicationStatus::code)
          .toList();

  private FirmFrame() {}

  /**
   * Builds and caches the frame.
   *
   * @param profiles {@code gold.firm_profiles} as of {@code silver.asOf()}
   * @param contactWindowDays contacts on the last this many days (as-of day included) count
   */
  public static Dataset<Row> build(
      AsOfSilver silver, Dataset<Row> profiles, int contactWindowDays) {
    // only firms the registry knows: a firm seen only in attributes or applications might be
    // closed, and a push must never reach a closed firm
    Dataset<Row> facts =
        silver
            .activeFirms()
            .filter(col("status").isNotNull())
            .select(col(CN), col("jsic_major"))
            .dropDuplicates(CN);
    Dataset<Row> excluded =
        silver
            .applications()
            .filter(col("status").isin(EXCLUDING_STATUSES.toArray()))
            .groupBy(CN)
            .agg(collect_set("program_id").as(EXCLUDED));
    Dataset<Row> contacts = ContactCounts.recent(silver, contactWindowDays);
    return profiles
        .select(
            PROFILE_COLUMNS.stream().map(c -> col(c)).toArray(org.apache.spark.sql.Column[]::new))
        .join(facts, Spark.seq(CN))
        .join(excluded, Spark.seq(CN), "left")
        .join(contacts, Spark.seq(CN), "left")
        .persist(StorageLevel.MEMORY_AND_DISK());
  }
}
