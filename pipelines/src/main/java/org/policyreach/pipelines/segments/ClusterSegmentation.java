package org.policyreach.pipelines.segments;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.policyreach.core.Need;
import org.policyreach.models.segment.KScore;
import org.policyreach.models.segment.SegmentLabel;
import org.policyreach.models.segment.SegmentLabeler;
import org.policyreach.models.segment.SegmentModel;
import org.policyreach.models.segment.Segmenter;
import org.policyreach.pipelines.PipelineException;

/**
 * Discovered segments: fit the models module's {@link Segmenter} (k-means, k by mean silhouette) on
 * a seeded sample of profiles, label the segments in Japanese, and assign every firm in Spark with
 * the broadcast model.
 *
 * <p>The sample is chosen by a hash of the corporate number and the seed, and sorted by corporate
 * number before fitting, so the same profiles and seed always give the same model, whatever the
 * partitioning.
 */
final class ClusterSegmentation {

  static final String ID_PREFIX = "cluster:";

  static final StructType ASSIGNMENT =
      new StructType()
          .add("segment_id", DataTypes.StringType, false)
          .add("corporate_number", DataTypes.StringType, false);

  /** One discovered segment. */
  record Cluster(String segmentId, String labelJa, String labelEn, String definition) {}

  /** The fitted model, its segments and every firm's assignment. */
  record Result(SegmentModel model, List<Cluster> clusters, Dataset<Row> assignment) {}

  private final Segmenter.Options options;

  ClusterSegmentation(Segmenter.Options options) {
    this.options = options;
  }

  Result run(Dataset<Row> profiles, long firms, List<Need> needs) {
    ClusterFeatures features = new ClusterFeatures(needs);
    Dataset<Row> narrow = profiles.select(features.columns());
    double fraction = Math.min(1.0, (options.maxFitRows() * 1.25) / Math.max(1, firms));
    long threshold = (long) Math.ceil(fraction * 1_000_000L);
    List<Row> sampled =
        new ArrayList<>(
            narrow
                .filter(
                    pmod(xxhash64(col("corporate_number"), lit(options.seed())), lit(1_000_000L))
                        .lt(threshold))
                .collectAsList());
    sampled.sort(Comparator.comparing((Row r) -> r.getString(0)));
    if (sampled.size() < options.minK() * 2) {
      throw PipelineException.badInput(
          "Cannot discover segments: only "
              + sampled.size()
              + " active firms were sampled, at least "
              + options.minK() * 2
              + " are needed; ingest more firms");
    }
    List<double[]> raw = new ArrayList<>();
    for (Row r : sampled) {
      raw.add(features.raw(r));
    }
    double[][] rows = features.fitImputation(raw);
    SegmentModel model = Segmenter.fit(features.features(), rows, options);
    List<SegmentLabel> labels = SegmentLabeler.label(model);

    List<Cluster> clusters = new ArrayList<>();
    KScore chosen =
        model.scores().stream().filter(s -> s.k() == model.k()).findFirst().orElseThrow();
    for (SegmentLabel l : labels) {
      clusters.add(
          new Cluster(
              segmentId(l.segment()),
              l.labelJa(),
              l.labelEn(),
              String.format(
                  Locale.ROOT,
                  "k-means k=%d of %d..%d by %s=%.3f, seed %d, fit on %d firms; features: %s",
                  model.k(),
                  options.minK(),
                  options.maxK(),
                  SegmentModel.CRITERION,
                  chosen.silhouette(),
                  options.seed(),
                  rows.length,
                  String.join(", ", l.features()))));
    }

    Broadcast<SegmentModel> shared =
        JavaSparkContext.fromSparkContext(profiles.sparkSession().sparkContext()).broadcast(model);
    Dataset<Row> assignment = narrow.map(new Assign(shared, features), Encoders.row(ASSIGNMENT));
    return new Result(model, clusters, assignment);
  }

  static String segmentId(int segment) {
    return String.format(Locale.ROOT, "%s%02d", ID_PREFIX, segment + 1);
  }

  /** Nearest centroid for every firm, with the broadcast model. */
  private static final class Assign implements MapFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<SegmentModel> model;
    private final ClusterFeatures features;

    Assign(Broadcast<SegmentModel> model, ClusterFeatures features) {
      this.model = model;
      this.features = features;
    }

    @Override
    public Row call(Row row) {
      int segment = model.value().assign(features.impute(features.raw(row)));
      return RowFactory.create(segmentId(segment), row.getString(0));
    }
  }
}
