package org.policyreach.models.uplift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.models.ModelException;
import org.policyreach.models.metrics.UpliftMetrics;
import org.policyreach.models.ranking.PairFeatures;
import org.policyreach.models.ranking.RankingModel;
import org.policyreach.models.ranking.SyntheticPairs;
import org.policyreach.models.registry.ModelArtifact;
import org.policyreach.models.registry.ModelKind;
import org.policyreach.models.registry.ModelRegistry;
import org.policyreach.models.registry.TrainingInfo;

class UpliftModelTest {
  static final double TREATED_SHARE = 0.7;

  /**
   * A campaign with a planted heterogeneous effect. The baseline propensity {@code p0(x) = σ(−3.2 +
   * 1.6·log_applications + 4·peer_uptake + deadline_proximity)} is highest for active applicants,
   * who were all reached; a push adds {@code e(x) = 0.6·not_yet_reached·max(0, need_match − 0.5)}
   * (up to 0.3) only for unreached firms with a strong need match.
   */
  static final class Campaign {
    final double[][] x;
    final boolean[] treated;
    final int[] y;
    final double[] effect;

    Campaign(int n, long seed) {
      Random r = new Random(seed);
      x = new double[n][];
      treated = new boolean[n];
      y = new int[n];
      effect = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = SyntheticPairs.row(r);
        treated[i] = r.nextDouble() < TREATED_SHARE;
        double p0 = baseline(x[i]);
        effect[i] = effect(x[i]);
        y[i] = r.nextDouble() < p0 + (treated[i] ? effect[i] : 0) ? 1 : 0;
      }
    }

    static double baseline(double[] x) {
      double logit =
          -3.2
              + 1.6 * x[PairFeatures.LOG_APPLICATIONS]
              + 4.0 * x[PairFeatures.PEER_UPTAKE]
              + 1.0 * x[PairFeatures.DEADLINE_PROXIMITY];
      return 1 / (1 + Math.exp(-logit));
    }

    static double effect(double[] x) {
      return 0.6 * x[PairFeatures.NOT_YET_REACHED] * Math.max(0, x[PairFeatures.NEED_MATCH] - 0.5);
    }
  }

  static Campaign train;
  static Campaign test;
  static UpliftModel model;

  @BeforeAll
  static void fit() {
    train = new Campaign(20_000, 7);
    test = new Campaign(20_000, 8);
    model = UpliftModel.fit(train.x, train.treated, train.y, RankingModel.Options.defaults());
  }

  @Test
  void upliftRankingFindsThePlantedEffectWherePropensityDoesNot() {
    // the propensity baseline: one model on treated and control rows alike, and the control model
    RankingModel pooled = RankingModel.fit(train.x, train.y, RankingModel.Options.defaults());
    int n = test.x.length;
    double[] uplift = new double[n];
    double[] propensity = new double[n];
    double[] control = new double[n];
    for (int i = 0; i < n; i++) {
      uplift[i] = model.uplift(test.x[i]);
      propensity[i] = pooled.score(test.x[i]);
      control[i] = model.controlScore(test.x[i]);
    }

    double upliftCapture = UpliftMetrics.plantedCapture(uplift, test.effect, 0.1);
    double propensityCapture = UpliftMetrics.plantedCapture(propensity, test.effect, 0.1);
    double controlCapture = UpliftMetrics.plantedCapture(control, test.effect, 0.1);
    double bestCapture = UpliftMetrics.plantedCapture(test.effect, test.effect, 0.1);
    double upliftAuuc = UpliftMetrics.plantedAuuc(uplift, test.effect);
    double propensityAuuc = UpliftMetrics.plantedAuuc(propensity, test.effect);
    double upliftQini = UpliftMetrics.qiniCoefficient(uplift, test.treated, test.y);
    double propensityQini = UpliftMetrics.qiniCoefficient(propensity, test.treated, test.y);
    System.out.printf(
        "uplift synthetic (20,000 train / 20,000 held-out rows): capture@10%% uplift %.4f,"
            + " pooled propensity %.4f, control propensity %.4f, perfect %.4f; planted AUUC"
            + " uplift %.4f, propensity %.4f; Qini uplift %.2f, propensity %.2f%n",
        upliftCapture,
        propensityCapture,
        controlCapture,
        bestCapture,
        upliftAuuc,
        propensityAuuc,
        upliftQini,
        propensityQini);

    assertThat(upliftCapture)
        .isGreaterThan(0.1)
        .isGreaterThan(propensityCapture)
        .isGreaterThan(controlCapture)
        .isLessThanOrEqualTo(bestCapture);
    assertThat(upliftAuuc).isGreaterThan(propensityAuuc).isPositive();
    assertThat(upliftQini).isGreaterThan(propensityQini);

    // the effect lives in not_yet_reached and need_match: the treated model weighs them more
    double[] wt = model.treated().weights();
    double[] wc = model.control().weights();
    assertThat(wt[PairFeatures.NEED_MATCH]).isGreaterThan(wc[PairFeatures.NEED_MATCH]);
    assertThat(wt[PairFeatures.NOT_YET_REACHED]).isGreaterThan(wc[PairFeatures.NOT_YET_REACHED]);
  }

  @Test
  void upliftIsTreatedMinusControl() {
    for (int i = 0; i < 50; i++) {
      double[] x = test.x[i];
      assertThat(model.treatedScore(x)).isEqualTo(model.treated().score(x));
      assertThat(model.controlScore(x)).isEqualTo(model.control().score(x));
      assertThat(model.uplift(x)).isEqualTo(model.treatedScore(x) - model.controlScore(x));
    }
    assertThat(model.featureSet()).isEqualTo(UpliftModel.FEATURE_SET).isEqualTo("uplift-v1");
    assertThat(model.featureNames()).isEqualTo(PairFeatures.names());
    assertThat(model.treated().featureSet()).isEqualTo(PairFeatures.VERSION);
    // each arm is fitted on its own rows only
    double[][] controlX = new double[(int) count(train.treated, false)][];
    int[] controlY = new int[controlX.length];
    for (int i = 0, c = 0; i < train.x.length; i++) {
      if (!train.treated[i]) {
        controlX[c] = train.x[i];
        controlY[c++] = train.y[i];
      }
    }
    assertThat(model.control())
        .isEqualTo(RankingModel.fit(controlX, controlY, RankingModel.Options.defaults()));
  }

  @Test
  void refusesAnArmWithTooFewPositivesOrNegatives() {
    int[] noControlPositives = train.y.clone();
    for (int i = 0; i < noControlPositives.length; i++) {
      if (!train.treated[i]) {
        noControlPositives[i] = 0;
      }
    }
    long controlRows = count(train.treated, false);
    assertThatThrownBy(
            () ->
                UpliftModel.fit(
                    train.x, train.treated, noControlPositives, RankingModel.Options.defaults()))
        .isInstanceOf(ModelException.class)
        .hasMessage(
            "Cannot fit uplift model: the control arm (holdout firms) has "
                + controlRows
                + " rows, 0 applied and "
                + controlRows
                + " did not; each arm needs at least 2 of each (use more campaign history or a"
                + " larger holdout share)");

    // the treated arm: one negative only
    double[][] x = Arrays.copyOf(train.x, 10);
    boolean[] treated = {true, true, true, true, true, false, false, false, false, false};
    int[] y = {1, 1, 1, 1, 0, 1, 1, 0, 0, 0};
    assertThatThrownBy(() -> UpliftModel.fit(x, treated, y, RankingModel.Options.defaults()))
        .hasMessage(
            "Cannot fit uplift model: the treated arm (pushed firms) has 5 rows, 4 applied and 1"
                + " did not; each arm needs at least 2 of each (use more campaign history)");
    // no holdout at all
    Arrays.fill(treated, true);
    assertThatThrownBy(() -> UpliftModel.fit(x, treated, y, RankingModel.Options.defaults()))
        .hasMessageContaining("the control arm (holdout firms) has 0 rows, 0 applied");
  }

  @Test
  void explainsMisshapenInput() {
    assertThatThrownBy(
            () ->
                UpliftModel.fit(train.x, new boolean[3], train.y, RankingModel.Options.defaults()))
        .isInstanceOf(ModelException.class)
        .hasMessage(
            "Cannot fit uplift model: 3 treatment flags for 20000 rows; give one flag (pushed or"
                + " holdout) per row");
    assertThatThrownBy(
            () ->
                UpliftModel.fit(
                    new double[][] {{1, 2}},
                    new boolean[1],
                    new int[1],
                    RankingModel.Options.defaults()))
        .hasMessage(
            "Cannot fit uplift model: the training matrix row 0 has 2 values, expected 15 (one per"
                + " feature)");
    RankingModel other =
        RankingModel.fit(
            "other-v1",
            PairFeatures.names(),
            Arrays.copyOf(train.x, 200),
            Arrays.copyOf(train.y, 200),
            RankingModel.Options.defaults());
    assertThatThrownBy(() -> new UpliftModel(model.treated(), other))
        .hasMessageStartingWith(
            "Cannot create uplift model: the control model was trained on feature set other-v1");
  }

  @Test
  void roundTripsThroughTheRegistry(@TempDir Path root) throws Exception {
    ModelRegistry registry = new ModelRegistry(root);
    TrainingInfo info =
        new TrainingInfo(
            LocalDate.of(2026, 8, 28),
            LocalDate.of(2026, 11, 26),
            Map.of("rows", (long) train.x.length, "treated", count(train.treated, true)),
            Map.of("lambda", "1.0"));
    ModelArtifact<UpliftModel> saved =
        registry.save(ModelKind.UPLIFT, model, info, Map.of("qini", 12.5));

    assertThat(saved.modelId()).matches("uplift-20261126-[0-9a-f]{8}");
    Path file = root.resolve("uplift").resolve(saved.modelId() + ".json");
    assertThat(file).exists();
    ModelArtifact<UpliftModel> loaded = registry.load(ModelKind.UPLIFT, saved.modelId());
    assertThat(loaded.model()).isEqualTo(model);
    assertThat(loaded.training()).isEqualTo(info);
    assertThat(loaded.metrics()).isEqualTo(Map.of("qini", 12.5));
    for (double[] x : test.x) {
      assertThat(loaded.model().uplift(x)).isEqualTo(model.uplift(x));
    }
    assertThat(registry.load(saved.modelId()).model()).isEqualTo(model);
    assertThat(registry.latest(ModelKind.UPLIFT).orElseThrow().modelId())
        .isEqualTo(saved.modelId());
    assertThat(registry.list(ModelKind.RANKER)).isEmpty();
    assertThat(ModelKind.byId("uplift")).contains(ModelKind.UPLIFT);

    ObjectMapper json = new ObjectMapper();
    ObjectNode doc = (ObjectNode) json.readTree(Files.readString(file));
    assertThat(doc.get("kind").asText()).isEqualTo("uplift");
    assertThat(doc.get("model").get("feature_set").asText()).isEqualTo("uplift-v1");
    assertThat(doc.get("model").get("treated").get("feature_set").asText()).isEqualTo("pair-v1");
    assertThat(doc.get("model").get("control").get("weights")).hasSize(PairFeatures.COUNT);

    ((ObjectNode) doc.get("model")).put("feature_set", "uplift-v0");
    Files.writeString(file, json.writeValueAsString(doc), StandardCharsets.UTF_8);
    assertThatThrownBy(() -> registry.load(ModelKind.UPLIFT, saved.modelId()))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining(
            ": its feature set is uplift-v0, this build reads uplift-v1; re-train the uplift model"
                + " with this build or run the policyreach version that trained it");
  }

  @Test
  void survivesJavaSerialization() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(model);
    }
    Object copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = in.readObject();
    }
    assertThat(copy).isEqualTo(model);
    assertThat(((UpliftModel) copy).uplift(test.x[0])).isEqualTo(model.uplift(test.x[0]));
    assertThat(List.of(copy).hashCode()).isEqualTo(List.of(model).hashCode());
  }

  static long count(boolean[] flags, boolean value) {
    long c = 0;
    for (boolean f : flags) {
      c += f == value ? 1 : 0;
    }
    return c;
  }
}
