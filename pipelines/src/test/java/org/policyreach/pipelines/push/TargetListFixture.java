package org.policyreach.pipelines.push;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.policyreach.core.PolicyReachConfig;
import org.policyreach.core.Program;
import org.policyreach.ingestion.Lakehouse;
import org.policyreach.ingestion.spark.ScalaValues;
import org.policyreach.pipelines.publish.Publisher;
import org.policyreach.pipelines.recommend.RecommendationTables;
import org.policyreach.pipelines.targets.Holdout;

/**
 * A published target list without a build, for the push tests and the push benchmark: every firm of
 * {@code silver.firms} on one program's list, ranked by corporate number, holdout by the
 * configuration's seeded hash, {@code reached} from {@code silver.applications}; written to {@code
 * gold.program_targets} with build {@code b-<name>} and model {@code ranker-<name>}, then
 * published.
 */
final class TargetListFixture {
  private TargetListFixture() {}

  /** Publishes the list; returns the firms in rank order: cn, prefecture, size class, status. */
  static List<Row> publish(
      SparkSession spark,
      Lakehouse lakehouse,
      PolicyReachConfig config,
      Program program,
      LocalDate asOf,
      Clock clock,
      String name) {
    List<Row> firms =
        spark
            .read()
            .format("delta")
            .load(lakehouse.path("silver", "firms"))
            .select("corporate_number", "prefecture_code", "size_class", "status")
            .orderBy("corporate_number")
            .collectAsList();
    Set<String> applicants =
        spark
            .read()
            .format("delta")
            .load(lakehouse.path("silver", "applications"))
            .select("corporate_number")
            .distinct()
            .collectAsList()
            .stream()
            .map(r -> r.getString(0))
            .collect(Collectors.toSet());
    Holdout holdout = new Holdout(config.targets().holdoutShare(), config.targets().holdoutSeed());
    Row reason = RowFactory.create("NEED_MATCH", "「設備投資」のニーズが高い（過去の申請より）");
    List<Row> targets = new ArrayList<>(firms.size());
    for (Row f : firms) {
      String cn = f.getString(0);
      int rank = targets.size() + 1;
      targets.add(
          RowFactory.create(
              program.id(),
              cn,
              rank,
              1.0 / rank,
              ScalaValues.seq(List.of(reason)),
              applicants.contains(cn),
              holdout.isHeldOut(program.id(), cn),
              f.getString(1),
              f.getString(2),
              Date.valueOf(asOf),
              "ranker-" + name,
              "b-" + name));
    }
    spark
        .createDataFrame(targets, RecommendationTables.PROGRAM_TARGETS_SCHEMA)
        .write()
        .format("delta")
        .save(lakehouse.path("gold", RecommendationTables.PROGRAM_TARGETS));
    new Publisher(spark, lakehouse, clock).publish("b-" + name, asOf);
    return firms;
  }
}
