package org.policyreach.pipelines.segments;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.policyreach.core.Need;
import org.policyreach.models.segment.Segmenter;
import org.policyreach.pipelines.build.BuildContext;
import org.policyreach.pipelines.build.BuildStage;
import org.policyreach.pipelines.build.GoldTables;
import org.policyreach.pipelines.build.StageOutput;
import org.policyreach.pipelines.segments.expr.SegmentFields;

/**
 * Builds {@code gold.segments} and {@code gold.segment_membership} for this build: the rule
 * segments of {@code conf/segments.yaml} and the discovered (k-means) segments. Rows of earlier
 * builds are kept, so builds can be compared.
 */
public final class SegmentStage implements BuildStage {

  public static final String SEGMENTS = "segments";
  public static final String MEMBERSHIP = "segment_membership";

  /** Seed of the clustering (sample, initialization, silhouette sample). */
  public static final long DEFAULT_SEED = 20261126L;

  public static final StructType SEGMENTS_SCHEMA =
      new StructType()
          .add("segment_id", DataTypes.StringType, false)
          .add("kind", DataTypes.StringType, false)
          .add("label_ja", DataTypes.StringType, false)
          .add("label_en", DataTypes.StringType)
          .add("definition", DataTypes.StringType)
          .add("size", DataTypes.LongType, false)
          .add("build_id", DataTypes.StringType, false)
          .add("built_at", DataTypes.TimestampType, false);

  private final Segmenter.Options options;

  public SegmentStage() {
    this(Segmenter.Options.defaults(DEFAULT_SEED).withK(4, 10));
  }

  public SegmentStage(Segmenter.Options options) {
    this.options = options;
  }

  @Override
  public String name() {
    return "segments";
  }

  @Override
  public StageOutput run(BuildContext ctx) {
    Dataset<Row> profiles = ctx.dataset(BuildContext.PROFILES);
    List<Need> needs = ctx.needs().needs();
    SegmentFields fields = new SegmentFields(ctx.needs().ids());
    List<RuleSegment> rules = SegmentDefinitions.loadFrom(ctx.confDir(), fields);
    long firms = profiles.count();

    Dataset<Row> ruleMembership = ruleMembership(profiles, rules, fields);
    ClusterSegmentation.Result clusters =
        new ClusterSegmentation(options).run(profiles, firms, needs);
    Dataset<Row> membership =
        (ruleMembership == null
                ? clusters.assignment()
                : ruleMembership.unionByName(clusters.assignment()))
            .withColumn("build_id", lit(ctx.buildId()));
    long memberships = GoldTables.replaceBuild(ctx, MEMBERSHIP, membership);

    Dataset<Row> written =
        ctx.spark()
            .read()
            .format("delta")
            .load(ctx.lakehouse().path("gold", MEMBERSHIP))
            .filter(col("build_id").equalTo(ctx.buildId()))
            .select("segment_id", "corporate_number")
            .persist(StorageLevel.MEMORY_AND_DISK());
    ctx.publish(BuildContext.MEMBERSHIP, written);
    Map<String, Long> sizes = new LinkedHashMap<>();
    for (Row r : written.groupBy("segment_id").count().collectAsList()) {
      sizes.put(r.getString(0), r.getLong(1));
    }

    Timestamp builtAt = Timestamp.from(ctx.startedAt());
    List<Row> segments = new ArrayList<>();
    for (RuleSegment r : rules) {
      segments.add(
          RowFactory.create(
              r.segmentId(),
              "rule",
              r.labelJa(),
              r.labelEn(),
              r.where().text().strip(),
              sizes.getOrDefault(r.segmentId(), 0L),
              ctx.buildId(),
              builtAt));
    }
    for (ClusterSegmentation.Cluster c : clusters.clusters()) {
      segments.add(
          RowFactory.create(
              c.segmentId(),
              "cluster",
              c.labelJa(),
              c.labelEn(),
              c.definition(),
              sizes.getOrDefault(c.segmentId(), 0L),
              ctx.buildId(),
              builtAt));
    }
    long segmentRows =
        GoldTables.replaceBuild(
            ctx, SEGMENTS, ctx.spark().createDataFrame(segments, SEGMENTS_SCHEMA));

    Map<String, Object> details = new LinkedHashMap<>();
    details.put("rule_segments", rules.size());
    details.put("clusters", clusters.model().k());
    details.put("k_criterion", "mean_silhouette");
    details.put(
        "silhouette_by_k",
        clusters.model().scores().stream()
            .collect(
                java.util.stream.Collectors.toMap(
                    s -> Integer.toString(s.k()),
                    s -> Math.round(s.silhouette() * 1000) / 1000.0,
                    (a, b) -> a,
                    LinkedHashMap::new)));
    Map<String, Long> rows = new LinkedHashMap<>();
    rows.put("gold." + SEGMENTS, segmentRows);
    rows.put("gold." + MEMBERSHIP, memberships);
    return new StageOutput(rows, details);
  }

  /** {@code (segment_id, corporate_number)} for every rule segment, in one pass; null if none. */
  private static Dataset<Row> ruleMembership(
      Dataset<Row> profiles, List<RuleSegment> rules, SegmentFields fields) {
    if (rules.isEmpty()) {
      return null;
    }
    Column[] matches = new Column[rules.size()];
    for (int i = 0; i < rules.size(); i++) {
      RuleSegment r = rules.get(i);
      matches[i] = when(r.where().toColumn(fields), lit(r.segmentId()));
    }
    return profiles
        .select(col("corporate_number"), explode(array(matches)).as("segment_id"))
        .filter(col("segment_id").isNotNull())
        .select("segment_id", "corporate_number");
  }
}
