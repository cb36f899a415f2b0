package org.policyreach.pipelines.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.policyreach.ingestion.Lakehouse;
import org.policyreach.models.metrics.UpliftEstimate;
import org.policyreach.pipelines.build.AsOfSilver;
import org.policyreach.pipelines.recommend.RecommendationTables;
import org.policyreach.pipelines.recommend.Spark;

/**
 * Reads out a push experiment: the target lists of the latest build pushed on or before the
 * evaluation date (stored in {@code gold.program_targets} with their holdout flags) against the
 * applications to each program in (push date, push date + horizon]: the application rate of
 * notified firms versus the holdout, with a 95% interval for the difference ({@link
 * UpliftEstimate}).
 */
public final class UpliftReadout {
  private UpliftReadout() {}

  /** One program's comparison. */
  public record ProgramUplift(String programId, String modelId, UpliftEstimate estimate) {}

  /** The readout of one push; empty programs when no stored list qualifies. */
  public record Result(
      String pushBuildId, LocalDate pushDate, LocalDate outcomesTo, List<ProgramUplift> programs) {
    static Result none() {
      return new Result(null, null, null, List.of());
    }
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
    Dataset<Row> list = targets.filter(col("build_id").equalTo(build.get()));
    Dataset<Row> applied =
        new AsOfSilver(spark, lakehouse, to)
            .applications()
            .filter(col("submitted_date").gt(lit(Date.valueOf(push))))
            .select(col("corporate_number"), col("program_id"))
            .distinct()
            .withColumn("applied", lit(true));
    List<ProgramUplift> programs = new ArrayList<>();
    for (Row r :
        list.join(applied, Spark.seq("corporate_number", "program_id"), "left")
            .groupBy("program_id", "model_id")
            .agg(
                sum(when(col("holdout").equalTo(false), 1).otherwise(0)).as("treated"),
                sum(when(col("holdout").equalTo(false).and(col("applied").equalTo(true)), 1)
                        .otherwise(0))
                    .as("treated_applied"),
                sum(when(col("holdout"), 1).otherwise(0)).as("holdout"),
                sum(when(col("holdout").and(col("applied").equalTo(true)), 1).otherwise(0))
                    .as("holdout_applied"),
                count(lit(1)).as("n"))
            .orderBy("program_id")
            .collectAsList()) {
      long treated = r.getLong(2);
      long holdout = r.getLong(4);
      if (treated == 0 || holdout == 0) {
        continue;
      }
      programs.add(
          new ProgramUplift(
              r.getString(0),
              r.getString(1),
              UpliftEstimate.of(treated, r.getLong(3), holdout, r.getLong(5))));
    }
    return new Result(build.get(), push, to, programs);
  }
}
