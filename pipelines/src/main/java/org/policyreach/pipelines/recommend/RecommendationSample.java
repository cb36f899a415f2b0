package org.policyreach.pipelines.recommend;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.policyreach.ingestion.Lakehouse;

/**
 * A readable sample of a build's recommendations for the console: one firm's top five with their
 * reasons, in Japanese. The firm is chosen deterministically — preferably one the ministry never
 * reached (the point of push-type policy), with at least five programs, highest first score.
 */
public final class RecommendationSample {
  public static final int SIZE = 5;

  private RecommendationSample() {}

  /**
   * The sample's lines, or empty when the build has no recommendations.
   *
   * @param programNames program id → Japanese name
   */
  public static Optional<List<String>> lines(
      SparkSession spark, Lakehouse lakehouse, String buildId, Map<String, String> programNames) {
    if (!lakehouse.exists(spark, "gold", RecommendationTables.RECOMMENDATIONS)
        || !lakehouse.exists(spark, "gold", "firm_profiles")) {
      return Optional.empty();
    }
    Dataset<Row> recs =
        spark
            .read()
            .format("delta")
            .load(lakehouse.path("gold", RecommendationTables.RECOMMENDATIONS))
            .filter(col("build_id").equalTo(buildId));
    Dataset<Row> profiles =
        spark
            .read()
            .format("delta")
            .load(lakehouse.path("gold", "firm_profiles"))
            .select(col(FirmFrame.CN), col("name"), col("reached"));
    List<Row> pick =
        recs.groupBy(FirmFrame.CN)
            .agg(count("*").as("n"), max("score").as("top"))
            .join(profiles, Spark.seq(FirmFrame.CN))
            .orderBy(
                col("n").geq(SIZE).desc(),
                col("reached").asc(),
                col("top").desc(),
                col(FirmFrame.CN).asc())
            .limit(1)
            .collectAsList();
    if (pick.isEmpty()) {
      return Optional.empty();
    }
    Row firm = pick.get(0);
    String cn = firm.getAs(FirmFrame.CN);
    boolean reached = firm.getAs("reached");
    List<String> out = new ArrayList<>();
    out.add(
        "おすすめの例: "
            + (firm.getAs("name") == null ? "" : firm.<String>getAs("name") + " ")
            + "（法人番号 "
            + cn
            + (reached ? "）" : "、これまで支援策を利用していない企業）"));
    for (Row r :
        recs.filter(col(FirmFrame.CN).equalTo(cn))
            .filter(col("rank").leq(SIZE))
            .orderBy("rank")
            .collectAsList()) {
      String id = r.getAs("program_id");
      int daysLeft = r.getAs("days_left");
      out.add(
          String.format(
              Locale.ROOT,
              "  %d. %s [%s] スコア %.3f  締切 %s（あと%d日）",
              r.<Integer>getAs("rank"),
              programNames.getOrDefault(id, id),
              id,
              r.<Double>getAs("score"),
              r.<Date>getAs("deadline").toLocalDate(),
              daysLeft));
      for (Row reason : r.<Row>getList(r.fieldIndex("reasons"))) {
        out.add("       ・" + reason.getString(1) + " (" + reason.getString(0) + ")");
      }
    }
    return Optional.of(out);
  }
}
