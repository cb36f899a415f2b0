package org.policyreach.pipelines.segments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.policyreach.core.Need;
import org.policyreach.ingestion.spark.SparkSessions;
import org.policyreach.models.segment.Segmenter;

class SegmentClusteringTest {

  static final List<Need> NEEDS =
      List.of(
          new Need("equipment_investment", "設備投資", "Equipment investment", List.of("設備")),
          new Need("digitalization", "デジタル化・IT導入", "Digitalization", List.of("IT")),
          new Need("succession", "事業承継・M&A", "Succession", List.of("承継")));

  static Dataset<Row> profiles;

  /** Three planted groups: small manufacturers investing, IT firms digitalizing, old firms. */
  @BeforeAll
  static void profiles() {
    SparkSession spark = SparkSessions.shared();
    StructType schema =
        new StructType()
            .add("corporate_number", DataTypes.StringType)
            .add("need_scores", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType))
            .add("size_class", DataTypes.StringType)
            .add("jsic_division", DataTypes.StringType)
            .add("employees", DataTypes.IntegerType)
            .add("firm_age_years", DataTypes.IntegerType)
            .add("reached", DataTypes.BooleanType);
    Random r = new Random(5);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      int g = i % 3;
      Map<String, Double> s = new LinkedHashMap<>();
      s.put("equipment_investment", clamp((g == 0 ? 0.8 : 0.15) + r.nextGaussian() * 0.08));
      s.put("digitalization", clamp((g == 1 ? 0.8 : 0.15) + r.nextGaussian() * 0.08));
      s.put("succession", clamp((g == 2 ? 0.8 : 0.1) + r.nextGaussian() * 0.08));
      rows.add(
          RowFactory.create(
              String.format("%013d", 1_000_000_000L + i),
              scala.jdk.javaapi.CollectionConverters.asScala(s),
              g == 0 ? "small_scale" : "sme",
              g == 0 ? "E" : g == 1 ? "G" : "I",
              g == 0
                  ? Integer.valueOf(5 + r.nextInt(10))
                  : i % 17 == 0 ? (Integer) null : Integer.valueOf(30 + r.nextInt(50)),
              g == 2 ? 40 + r.nextInt(20) : 5 + r.nextInt(15),
              r.nextBoolean()));
    }
    profiles = spark.createDataFrame(rows, schema);
  }

  static double clamp(double v) {
    return Math.max(0, Math.min(1, v));
  }

  static List<String> assign(Dataset<Row> input, long seed) {
    ClusterSegmentation.Result result =
        new ClusterSegmentation(new Segmenter.Options(2, 5, 2, 50, 400, 400, seed))
            .run(input, input.count(), NEEDS);
    List<String> out = new ArrayList<>();
    for (Row row : result.assignment().orderBy("corporate_number").collectAsList()) {
      out.add(row.getString(1) + "=" + row.getString(0));
    }
    result.clusters().forEach(c -> out.add(c.segmentId() + ":" + c.labelJa()));
    return out;
  }

  @Test
  void sameSeedGivesTheSameSegmentsWhateverThePartitioning() {
    List<String> first = assign(profiles.repartition(1), 17);
    List<String> second = assign(profiles.repartition(3), 17);
    assertThat(second).isEqualTo(first);
  }

  @Test
  void findsThePlantedGroupsAndNamesThemInJapanese() {
    ClusterSegmentation.Result result =
        new ClusterSegmentation(new Segmenter.Options(2, 5, 2, 50, 400, 400, 17))
            .run(profiles, 600, NEEDS);
    assertThat(result.model().k()).isEqualTo(3);
    assertThat(result.clusters())
        .extracting(ClusterSegmentation.Cluster::labelJa)
        .anyMatch(l -> l.contains("製造業") && l.contains("設備投資志向"))
        .anyMatch(l -> l.contains("情報通信業") && l.contains("デジタル化・IT導入志向"))
        .anyMatch(l -> l.contains("事業承継・M&A志向"));
    assertThat(result.clusters().get(0).definition())
        .contains("k-means k=3 of 2..5 by mean_silhouette=", "seed 17");
  }
}
