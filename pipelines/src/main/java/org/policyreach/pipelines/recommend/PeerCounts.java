package org.policyreach.pipelines.recommend;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.policyreach.models.ranking.PeerKey;
import org.policyreach.models.ranking.PeerStats;

/**
 * Aggregates profiles into {@link PeerStats} in Spark: per peer group (industry × size × region)
 * the number of firms, how many applied to each program family, and their need score sums. Only the
 * group totals reach the driver.
 */
public final class PeerCounts {
  private PeerCounts() {}

  private static final String[] KEY = {"pj", "ps", "pp"};

  public static PeerStats of(
      SparkSession spark,
      Dataset<Row> profiles,
      List<String> needIds,
      Map<String, String> familyOf) {
    Dataset<Row> keyed =
        profiles.select(
            col(FirmFrame.CN),
            col("jsic_division").as("pj"),
            col("size_class").as("ps"),
            col("prefecture_code").as("pp"),
            col("need_scores"),
            col("programs_applied"));
    Map<PeerKey, Long> firms = new LinkedHashMap<>();
    for (Row r : keyed.groupBy(KEY[0], KEY[1], KEY[2]).agg(count("*")).collectAsList()) {
      firms.merge(key(r), r.getLong(3), Long::sum);
    }
    Map<PeerKey, Map<String, Double>> needs = new HashMap<>();
    for (Row r :
        keyed
            .select(col("pj"), col("ps"), col("pp"), explode(col("need_scores")))
            .filter(col("key").isin(needIds.toArray()).and(col("value").isNotNull()))
            .groupBy("pj", "ps", "pp", "key")
            .agg(sum("value"))
            .collectAsList()) {
      needs
          .computeIfAbsent(key(r), k -> new HashMap<>())
          .merge(r.getString(3), r.getDouble(4), Double::sum);
    }
    Map<PeerKey, Map<String, Long>> families = new HashMap<>();
    for (Row r :
        keyed
            .select(
                col(FirmFrame.CN),
                col("pj"),
                col("ps"),
                col("pp"),
                explode(col("programs_applied")).as("program_id"))
            .join(broadcast(familyTable(spark, familyOf)), Spark.seq("program_id"), "left")
            .select(
                col(FirmFrame.CN),
                col("pj"),
                col("ps"),
                col("pp"),
                coalesce(col("family"), col("program_id")).as("family"))
            .distinct()
            .groupBy("pj", "ps", "pp", "family")
            .agg(count("*"))
            .collectAsList()) {
      families
          .computeIfAbsent(key(r), k -> new HashMap<>())
          .merge(r.getString(3), r.getLong(4), Long::sum);
    }
    List<PeerStats.GroupCounts> groups = new ArrayList<>();
    firms.forEach(
        (key, n) ->
            groups.add(
                new PeerStats.GroupCounts(
                    key,
                    n,
                    families.getOrDefault(key, Map.of()),
                    needs.getOrDefault(key, Map.of()))));
    return PeerStats.of(needIds, PeerStats.Options.defaults(), groups);
  }

  /** {@code (program_id, family)} of the catalog. */
  static Dataset<Row> familyTable(SparkSession spark, Map<String, String> familyOf) {
    List<Row> rows = new ArrayList<>();
    familyOf.forEach((id, family) -> rows.add(RowFactory.create(id, family)));
    StructType schema =
        new StructType()
            .add("program_id", DataTypes.StringType)
            .add("family", DataTypes.StringType);
    return spark.createDataFrame(rows, schema);
  }

  private static PeerKey key(Row r) {
    return new PeerKey(r.getString(0), r.getString(1), r.getString(2));
  }
}
