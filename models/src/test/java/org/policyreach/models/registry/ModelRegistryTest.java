package org.policyreach.models.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.models.ModelException;
import org.policyreach.models.Standardizer;
import org.policyreach.models.ranking.PairFeatures;
import org.policyreach.models.ranking.PeerKey;
import org.policyreach.models.ranking.PeerStats;
import org.policyreach.models.ranking.RankingModel;
import org.policyreach.models.segment.SegmentFeature;
import org.policyreach.models.segment.SegmentModel;
import org.policyreach.models.segment.Segmenter;

class ModelRegistryTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final TrainingInfo TRAINING =
      new TrainingInfo(
          LocalDate.of(2026, 8, 28),
          LocalDate.of(2026, 11, 26),
          Map.of("rows", 200_000L, "positives", 3_100L),
          Map.of("horizon_days", "90", "lambda", "1.0"));

  @TempDir Path root;

  static RankingModel ranker() {
    Random r = new Random(3);
    double[] mean = new double[PairFeatures.COUNT];
    double[] sd = new double[PairFeatures.COUNT];
    double[] w = new double[PairFeatures.COUNT];
    for (int j = 0; j < w.length; j++) {
      mean[j] = r.nextDouble();
      sd[j] = 0.1 + r.nextDouble();
      w[j] = r.nextGaussian() / 3; // full-precision doubles survive the JSON round trip
    }
    return new RankingModel(
        PairFeatures.VERSION,
        PairFeatures.names(),
        new Standardizer(mean, sd),
        -3.7123456789,
        w,
        1.0);
  }

  @Test
  void rankerRoundTripsAndScoresIdentically() {
    ModelRegistry registry = new ModelRegistry(root);
    RankingModel model = ranker();
    ModelArtifact<RankingModel> saved =
        registry.save(ModelKind.RANKER, model, TRAINING, Map.of("recall@5", 0.31, "auc", 0.74));

    assertThat(saved.modelId()).matches("ranker-20261126-[0-9a-f]{8}");
    assertThat(root.resolve("ranker").resolve(saved.modelId() + ".json")).exists();

    ModelArtifact<RankingModel> loaded = registry.load(ModelKind.RANKER, saved.modelId());
    assertThat(loaded.model()).isEqualTo(model);
    assertThat(loaded.training()).isEqualTo(TRAINING);
    assertThat(loaded.metrics()).isEqualTo(Map.of("recall@5", 0.31, "auc", 0.74));
    assertThat(loaded.createdAt()).isEqualTo(saved.createdAt());
    double[] x = new double[PairFeatures.COUNT];
    Arrays.fill(x, 0.3);
    assertThat(loaded.model().score(x)).isEqualTo(model.score(x));
    assertThat(registry.load(saved.modelId()).model()).isEqualTo(model);

    // the same content gives the same id, and saving again changes nothing
    assertThat(
            registry
                .save(ModelKind.RANKER, model, TRAINING, Map.of("auc", 0.74, "recall@5", 0.31))
                .modelId())
        .isEqualTo(saved.modelId());
    assertThat(registry.list(ModelKind.RANKER)).containsExactly(saved.modelId());
  }

  @Test
  void segmenterAndPeerStatsRoundTrip() {
    ModelRegistry registry = new ModelRegistry(root);
    Random r = new Random(1);
    double[][] rows = new double[400][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new double[] {i % 4 * 10 + r.nextGaussian(), i % 2, r.nextDouble()};
    }
    SegmentModel segments =
        Segmenter.fit(
            List.of(
                SegmentFeature.numeric("firm_age_years", "老舗", "old", "創業間もない", "young"),
                SegmentFeature.category("jsic_E", "industry", "製造業", "manufacturing")
                    .withWeight(0.5),
                SegmentFeature.need("equipment", "設備投資", "equipment investment")),
            rows,
            Segmenter.Options.defaults(5));
    ModelArtifact<SegmentModel> s =
        registry.save(ModelKind.SEGMENTER, segments, TRAINING, Map.of());
    assertThat(registry.load(ModelKind.SEGMENTER, s.modelId()).model()).isEqualTo(segments);

    PeerStats peers =
        PeerStats.builder(List.of("equipment", "sales"), new PeerStats.Options(5, 2.5))
            .addFirm(new PeerKey("E", "sme", "13"), Map.of("equipment", 0.7), Set.of("mono", "it"))
            .addFirm(new PeerKey(null, "sme", "01"), Map.of("sales", 0.1), Set.of())
            .build();
    ModelArtifact<PeerStats> p = registry.save(ModelKind.PEER_STATS, peers, TRAINING, Map.of());
    assertThat(p.modelId()).startsWith("peer-stats-20261126-");
    assertThat(registry.load(ModelKind.PEER_STATS, p.modelId()).model()).isEqualTo(peers);
  }

  @Test
  void latestIsTheNewestDataDateThenTheNewestSave() throws Exception {
    ModelRegistry registry = new ModelRegistry(root);
    assertThat(registry.latest(ModelKind.RANKER)).isEmpty();
    TrainingInfo older = new TrainingInfo(null, LocalDate.of(2026, 10, 1), Map.of(), Map.of());
    String first =
        registry.save(ModelKind.RANKER, ranker(), TRAINING, Map.of("auc", 0.7)).modelId();
    Thread.sleep(5);
    String second =
        registry.save(ModelKind.RANKER, ranker(), TRAINING, Map.of("auc", 0.8)).modelId();
    registry.save(ModelKind.RANKER, ranker(), older, Map.of()); // a backtest model, saved last

    assertThat(registry.list(ModelKind.RANKER)).hasSize(3);
    assertThat(registry.latest(ModelKind.RANKER).orElseThrow().modelId())
        .isEqualTo(second)
        .isNotEqualTo(first);
    assertThat(registry.latest(ModelKind.SEGMENTER)).isEmpty();
  }

  @Test
  void explainsIdsThatDoNotFit() {
    ModelRegistry registry = new ModelRegistry(root);
    String id = registry.save(ModelKind.RANKER, ranker(), TRAINING, Map.of()).modelId();

    assertThatThrownBy(() -> registry.load("ranker-latest"))
        .isInstanceOf(ModelException.class)
        .hasMessage(
            "Cannot load model \"ranker-latest\": a model id looks like ranker-20261126-1a2b3c4d"
                + " (<kind>-<yyyyMMdd>-<hash8>)");
    assertThatThrownBy(() -> registry.load("gbm-20261126-0000abcd"))
        .hasMessage(
            "Cannot load model gbm-20261126-0000abcd: unknown kind gbm; known kinds are [ranker,"
                + " segmenter, peer-stats, uplift]");
    assertThatThrownBy(() -> registry.load(ModelKind.SEGMENTER, id))
        .hasMessage("Cannot load " + id + " as a segmenter model: it is a ranker model");
    assertThatThrownBy(() -> registry.load(ModelKind.RANKER, "ranker-20260101-0000abcd"))
        .hasMessageStartingWith(
            "Cannot load ranker model ranker-20260101-0000abcd: no artifact at ")
        .hasMessageEndingWith("; saved ranker models: [" + id + "]");
  }

  @Test
  void refusesUnknownVersionsFeatureSetsAndEditedArtifacts() throws Exception {
    ModelRegistry registry = new ModelRegistry(root);
    String id = registry.save(ModelKind.RANKER, ranker(), TRAINING, Map.of()).modelId();
    Path file = root.resolve("ranker").resolve(id + ".json");
    String original = Files.readString(file);

    edit(file, original, doc -> doc.put("format_version", 2));
    assertThatThrownBy(() -> registry.load(ModelKind.RANKER, id))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining(
            ": artifact format_version 2 is not supported by this build (it reads version 1);"
                + " re-train the model with this build or use the policyreach version that wrote it");

    edit(
        file,
        original,
        doc -> {
          ObjectNode model = (ObjectNode) doc.get("model");
          model.put("feature_set", "pair-v0");
          ((ArrayNode) model.get("feature_names")).remove(14);
        });
    assertThatThrownBy(() -> registry.load(ModelKind.RANKER, id))
        .hasMessageContaining(": it was trained on feature set pair-v0 [need_match,")
        .hasMessageContaining(
            "but this build computes pair-v1 [need_match, max_need_score, peer_uptake,")
        .hasMessageEndingWith(
            "; re-train the ranker with this build (policyreach build) or run the policyreach"
                + " version that trained it");

    edit(file, original, doc -> ((ObjectNode) doc.get("model")).put("intercept", 0.0));
    assertThatThrownBy(() -> registry.load(ModelKind.RANKER, id))
        .hasMessageMatching(
            ".*: its content hashes to [0-9a-f]{8}, not to the id; the artifact was edited or"
                + " damaged, re-train the model");

    edit(file, original, doc -> ((ObjectNode) doc.get("model")).remove("weights"));
    assertThatThrownBy(() -> registry.load(ModelKind.RANKER, id))
        .hasMessageEndingWith(": field \"weights\" is missing; the artifact is damaged");

    Files.writeString(file, "{not json", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> registry.load(ModelKind.RANKER, id))
        .hasMessageContaining(": not valid JSON (");
  }

  private static void edit(
      Path file, String original, java.util.function.Consumer<ObjectNode> change) throws Exception {
    ObjectNode doc = (ObjectNode) JSON.readTree(original);
    change.accept(doc);
    Files.writeString(file, JSON.writeValueAsString(doc), StandardCharsets.UTF_8);
  }
}
