package org.policyreach.pipelines.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.policyreach.ingestion.Lakehouse;
import org.policyreach.ingestion.Tables;
import org.policyreach.models.metrics.UpliftEstimate;
import org.policyreach.pipelines.build.AsOfSilver;
import org.policyreach.pipelines.recommend.RecommendationTables;
import org.policyreach.pipelines.recommend.Spark;

/**
 * Reads out a push experiment: the target lists of the latest build pushed on or before the
 * evaluation date (stored in {@code gold.program_targets} with their holdout flags) against the
 * applications to each program in (push date, push date + horizon]: the application rate of treated
 * firms versus the holdout, with a 95% interval for the difference ({@link UpliftEstimate}).
 *
 * <p>Treated means delivered when the contact ledger ({@code silver.contacts}) records a push of
 * the program on or after the push date: a listed firm counts as treated only with a treated
 * contact whose status is {@code sent} or {@code delivered} (a bounce, a returned letter or a firm
 * no campaign reached is not treated), as {@code push report} counts. A program without such
 * contacts is read from the list's flags alone (every listed firm outside the holdout taken as
 * notified), and its {@link ProgramUplift#basis()} says so.
 */
public final class UpliftReadout {
  private UpliftReadout() {}

  /** What "treated" rests on: delivered contacts of the ledger, or the list's holdout flags. */
  public static final String BASIS_LEDGER = "ledger";

  public static final String BASIS_LIST = "list";

  /** One program's comparison; {@code basis} is {@link #BASIS_LEDGER} or {@link #BASIS_LIST}. */
  public record ProgramUplift(
      String programId, String modelId, UpliftEstimate estimate, String basis) {}

  /** The readout of one push; empty programs when no stored list qualifies. */
  public record Result(
      String pushBuildId, LocalDate pushDate, LocalDate outcomesTo, List<ProgramUplift> programs) {
    static Result none() {
      return new Result(null, null, null, List.of());
    }
  }

  /**
   * Treated-versus-holdout counts of a push list: per group, {@code treated, treated_applied,
   * holdout, holdout_applied} (after the group columns, in that order). The push readouts of {@code
   * evaluate} (target lists) and {@code push report} (campaigns) both count with it.
   *
   * @param list one row per firm pushed or held out, with the join keys and the group columns
   * @param applied the distinct join keys of firms that applied, with {@code applied = true}
   * @param heldOut true for a holdout row, false for a treated one
   */
  public static Dataset<Row> armCounts(
      Dataset<Row> list,
      Dataset<Row> applied,
      List<String> joinKeys,
      Column heldOut,
      String... groupBy) {
    Column didApply = col("applied").equalTo(true);
    return list.withColumn("_held_out", heldOut)
        .join(applied, Spark.seq(joinKeys.toArray(String[]::new)), "left")
        .groupBy(Arrays.stream(groupBy).map(c -> col(c)).toArray(Column[]::new))
        .agg(
            sum(when(col("_held_out").equalTo(false), 1).otherwise(0)).cast("long").as("treated"),
            sum(when(col("_held_out").equalTo(false).and(didApply), 1).otherwise(0))
                .cast("long")
                .as("treated_applied"),
            sum(when(col("_held_out"), 1).otherwise(0)).cast("long").as("holdout"),
            sum(when(col("_held_out").and(didApply), 1).otherwise(0))
                .cast("long")
                .as("holdout_applied"));
  }

  /**
   * The uplift estimate of an {@link #armCounts} row whose counts start at column {@code first};
   * empty when either arm is empty (no rate to compare).
   */
  public static Optional<UpliftEstimate> estimate(Row r, int first) {
    long treated = r.getLong(first);
    long holdout = r.getLong(first + 2);
    if (treated == 0 || holdout == 0) {
      return Optional.empty();
    }
    return Optional.of(
        UpliftEstimate.of(treated, r.getLong(first + 1), holdout, r.getLong(first + 3)));
  }

  static Result read(
      SparkSession spark, Lakehouse lakehouse, LocalDate asOf, int horizonDays, LocalDate dataEnd) {
    if (!lakehouse.exists(spark, "gold", RecommendationTables.PROGRAM_TARGETS)) {
      return Result.none();
    }
    Dataset<Row> targets =
        spark
            .read()
            .format("delta")
            .load(lakehouse.path("gold", RecommendationTables.PROGRAM_TARGETS))
            .filter(col("as_of").leq(lit(Date.valueOf(asOf))));
    Row latest = targets.agg(max("as_of")).head();
    if (latest.isNullAt(0)) {
      return Result.none();
    }
    LocalDate push = latest.getDate(0).toLocalDate();
    Optional<String> build =
        targets
            .filter(col("as_of").equalTo(lit(Date.valueOf(push))))
            .select("build_id")
            .distinct()
            .collectAsList()
            .stream()
            .map(r -> r.getString(0))
            .max(String::compareTo);
    LocalDate full = push.plusDays(horizonDays);
    LocalDate to = full.isAfter(dataEnd) ? dataEnd : full;
    Dataset<Row> list =
        delivered(spark, lakehouse, targets.filter(col("build_id").equalTo(build.get())), push, to);
    Dataset<Row> applied =
        new AsOfSilver(spark, lakehouse, to)
            .applications()
            .filter(col("submitted_date").gt(lit(Date.valueOf(push))))
            .select(col("corporate_number"), col("program_id"))
            .distinct()
            .withColumn("applied", lit(true));
    List<ProgramUplift> programs = new ArrayList<>();
    for (Row r :
        armCounts(
                list,
                applied,
                List.of("corporate_number", "program_id"),
                col("holdout"),
                "program_id",
                "model_id",
                "_basis")
            .orderBy("program_id")
            .collectAsList()) {
      estimate(r, 3)
          .ifPresent(
              e ->
                  programs.add(
                      new ProgramUplift(r.getString(0), r.getString(1), e, r.getString(2))));
    }
    return new Result(build.get(), push, to, programs);
  }

  /**
   * The list with a {@code _basis} column, and, for the programs the ledger has pushes of in [push
   * date, outcomes end], without the listed non-holdout firms that no delivered contact reached.
   */
  private static Dataset<Row> delivered(
      SparkSession spark, Lakehouse lakehouse, Dataset<Row> list, LocalDate push, LocalDate to) {
    if (!lakehouse.exists(spark, Tables.SILVER, Tables.CONTACTS)) {
      return list.withColumn("_basis", lit(BASIS_LIST));
    }
    Dataset<Row> pushes =
        spark
            .read()
            .format("delta")
            .load(lakehouse.path(Tables.SILVER, Tables.CONTACTS))
            .filter(
                col("sent_at")
                    .geq(lit(Timestamp.valueOf(push.atStartOfDay())))
                    .and(col("sent_at").lt(lit(Timestamp.valueOf(to.plusDays(1).atStartOfDay()))))
                    .and(col("program_id").isNotNull()));
    Dataset<Row> ledgerPrograms =
        pushes.select("program_id").distinct().withColumn("_ledger", lit(true));
    Dataset<Row> reached =
        pushes
            .filter(col("arm").equalTo("treated").and(col("status").isin("sent", "delivered")))
            .select("corporate_number", "program_id")
            .distinct()
            .withColumn("_delivered", lit(true));
    return list.join(ledgerPrograms, Spark.seq("program_id"), "left")
        .join(reached, Spark.seq("corporate_number", "program_id"), "left")
        .filter(
            col("holdout")
                .equalTo(true)
                .or(col("_ledger").isNull())
                .or(col("_delivered").equalTo(true)))
        .withColumn("_basis", when(col("_ledger"), lit(BASIS_LEDGER)).otherwise(lit(BASIS_LIST)))
        .drop("_ledger", "_delivered");
  }
}
