package org.policyreach.models.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.policyreach.models.ModelException;
import org.policyreach.models.Standardizer;
import org.policyreach.models.ranking.PairFeatures;
import org.policyreach.models.ranking.PeerKey;
import org.policyreach.models.ranking.PeerStats;
import org.policyreach.models.ranking.RankingModel;
import org.policyreach.models.segment.KScore;
import org.policyreach.models.segment.SegmentFeature;
import org.policyreach.models.segment.SegmentModel;
import org.policyreach.models.uplift.UpliftModel;

/** JSON codecs of the model kinds; field names are snake_case and stable within a version. */
final class Codecs {
  private Codecs() {}

  /** Peer keys are industry × size × region (JSIC letter, size class id, prefecture code). */
  static final String PEER_SCHEME = "industry-size-region-v1";

  static final class Ranker implements ModelCodec<RankingModel> {
    @Override
    public void write(RankingModel model, ObjectNode out) {
      out.put("feature_set", model.featureSet());
      strings(out.putArray("feature_names"), model.featureNames());
      writeStandardizer(model.standardizer(), out.putObject("standardizer"));
      out.put("intercept", model.intercept());
      doubles(out.putArray("weights"), model.weights());
      out.put("lambda", model.lambda());
    }

    @Override
    public RankingModel read(JsonNode node, String where) {
      return readRanking(node, where, "re-train the ranker with this build (policyreach build)");
    }

    /** Reads a ranking model; {@code retrain} says what to re-train if its features are stale. */
    static RankingModel readRanking(JsonNode node, String where, String retrain) {
      String featureSet = text(node, "feature_set", where);
      List<String> names = stringList(node, "feature_names", where);
      if (!featureSet.equals(PairFeatures.VERSION) || !names.equals(PairFeatures.names())) {
        throw new ModelException(
            "Cannot load "
                + where
                + ": it was trained on feature set "
                + featureSet
                + " "
                + names
                + " but this build computes "
                + PairFeatures.VERSION
                + " "
                + PairFeatures.names()
                + "; "
                + retrain
                + " or run the policyreach version that trained it");
      }
      return new RankingModel(
          featureSet,
          names,
          readStandardizer(field(node, "standardizer", where), where),
          number(node, "intercept", where),
          doubleArray(field(node, "weights", where), where + " weights"),
          number(node, "lambda", where));
    }
  }

  /**
   * An uplift model: {@code feature_set} ({@value UpliftModel#FEATURE_SET}) and the two logistic
   * models {@code treated} and {@code control}, each in the ranker's JSON form.
   */
  static final class Uplift implements ModelCodec<UpliftModel> {
    private static final Ranker RANKER = new Ranker();

    @Override
    public void write(UpliftModel model, ObjectNode out) {
      out.put("feature_set", model.featureSet());
      RANKER.write(model.treated(), out.putObject("treated"));
      RANKER.write(model.control(), out.putObject("control"));
    }

    @Override
    public UpliftModel read(JsonNode node, String where) {
      String featureSet = text(node, "feature_set", where);
      String retrain = "re-train the uplift model with this build";
      if (!featureSet.equals(UpliftModel.FEATURE_SET)) {
        throw new ModelException(
            "Cannot load "
                + where
                + ": its feature set is "
                + featureSet
                + ", this build reads "
                + UpliftModel.FEATURE_SET
                + "; "
                + retrain
                + " or run the policyreach version that trained it");
      }
      return new UpliftModel(
          Ranker.readRanking(field(node, "treated", where), where + " (treated arm)", retrain),
          Ranker.readRanking(field(node, "control", where), where + " (control arm)", retrain));
    }
  }

  static final class Segmenter implements ModelCodec<SegmentModel> {
    @Override
    public void write(SegmentModel model, ObjectNode out) {
      out.put("criterion", SegmentModel.CRITERION);
      out.put("seed", model.seed());
      ArrayNode features = out.putArray("features");
      for (SegmentFeature f : model.features()) {
        ObjectNode o = features.addObject();
        o.put("name", f.name());
        o.put("kind", f.kind().name().toLowerCase(Locale.ROOT));
        o.put("group", f.group());
        o.put("label_ja", f.labelJa());
        o.put("label_en", f.labelEn());
        o.put("low_label_ja", f.lowLabelJa());
        o.put("low_label_en", f.lowLabelEn());
        o.put("weight", f.weight());
      }
      writeStandardizer(model.standardizer(), out.putObject("standardizer"));
      ArrayNode centroids = out.putArray("centroids");
      for (double[] c : model.centroids()) {
        doubles(centroids.addArray(), c);
      }
      ArrayNode sizes = out.putArray("sizes");
      for (int s : model.sizes()) {
        sizes.add(s);
      }
      ArrayNode scores = out.putArray("scores");
      for (KScore s : model.scores()) {
        ObjectNode o = scores.addObject();
        o.put("k", s.k());
        o.put("silhouette", s.silhouette());
        o.put("calinski_harabasz", s.calinskiHarabasz());
        o.put("wcss", s.wcss());
      }
    }

    @Override
    public SegmentModel read(JsonNode node, String where) {
      String criterion = text(node, "criterion", where);
      if (!criterion.equals(SegmentModel.CRITERION)) {
        throw new ModelException(
            "Cannot load "
                + where
                + ": k was chosen by "
                + criterion
                + ", this build knows only "
                + SegmentModel.CRITERION
                + "; re-fit the segments");
      }
      List<SegmentFeature> features = new ArrayList<>();
      for (JsonNode f : array(node, "features", where)) {
        String kind = text(f, "kind", where);
        SegmentFeature.Kind k;
        try {
          k = SegmentFeature.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new ModelException(
              "Cannot load " + where + ": unknown segment feature kind " + kind, e);
        }
        features.add(
            new SegmentFeature(
                text(f, "name", where),
                k,
                text(f, "group", where),
                text(f, "label_ja", where),
                text(f, "label_en", where),
                f.path("low_label_ja").isNull() ? null : f.path("low_label_ja").asText(null),
                f.path("low_label_en").isNull() ? null : f.path("low_label_en").asText(null),
                number(f, "weight", where)));
      }
      List<double[]> centroids = new ArrayList<>();
      for (JsonNode c : array(node, "centroids", where)) {
        centroids.add(doubleArray(c, where + " centroids"));
      }
      JsonNode sizesNode = array(node, "sizes", where);
      int[] sizes = new int[sizesNode.size()];
      for (int i = 0; i < sizes.length; i++) {
        sizes[i] = sizesNode.get(i).asInt();
      }
      List<KScore> scores = new ArrayList<>();
      for (JsonNode s : array(node, "scores", where)) {
        scores.add(
            new KScore(
                (int) number(s, "k", where),
                number(s, "silhouette", where),
                number(s, "calinski_harabasz", where),
                number(s, "wcss", where)));
      }
      return new SegmentModel(
          features,
          readStandardizer(field(node, "standardizer", where), where),
          centroids.toArray(double[][]::new),
          sizes,
          scores,
          field(node, "seed", where).asLong());
    }
  }

  static final class Peers implements ModelCodec<PeerStats> {
    @Override
    public void write(PeerStats stats, ObjectNode out) {
      out.put("scheme", PEER_SCHEME);
      strings(out.putArray("need_ids"), stats.needIds());
      out.put("min_group_firms", stats.options().minGroupFirms());
      out.put("smoothing", stats.options().smoothing());
      ArrayNode groups = out.putArray("groups");
      for (PeerStats.GroupCounts g : stats.groups()) {
        ObjectNode o = groups.addObject();
        o.put("industry", g.key().industry());
        o.put("size_class", g.key().sizeClass());
        o.put("region", g.key().region());
        o.put("firms", g.firms());
        ObjectNode families = o.putObject("family_firms");
        new TreeMap<>(g.familyFirms()).forEach(families::put);
        ObjectNode needs = o.putObject("need_score_sums");
        for (String need : stats.needIds()) {
          needs.put(need, g.needScoreSums().getOrDefault(need, 0.0));
        }
      }
    }

    @Override
    public PeerStats read(JsonNode node, String where) {
      String scheme = text(node, "scheme", where);
      if (!scheme.equals(PEER_SCHEME)) {
        throw new ModelException(
            "Cannot load "
                + where
                + ": peer key scheme "
                + scheme
                + " is not "
                + PEER_SCHEME
                + "; rebuild the peer statistics with this build");
      }
      List<String> needIds = stringList(node, "need_ids", where);
      PeerStats.Options options =
          new PeerStats.Options(
              (int) number(node, "min_group_firms", where), number(node, "smoothing", where));
      List<PeerStats.GroupCounts> groups = new ArrayList<>();
      for (JsonNode g : array(node, "groups", where)) {
        Map<String, Long> families = new LinkedHashMap<>();
        field(g, "family_firms", where)
            .properties()
            .forEach(e -> families.put(e.getKey(), e.getValue().asLong()));
        Map<String, Double> needs = new LinkedHashMap<>();
        field(g, "need_score_sums", where)
            .properties()
            .forEach(e -> needs.put(e.getKey(), e.getValue().asDouble()));
        groups.add(
            new PeerStats.GroupCounts(
                new PeerKey(
                    text(g, "industry", where),
                    text(g, "size_class", where),
                    text(g, "region", where)),
                field(g, "firms", where).asLong(),
                families,
                needs));
      }
      return PeerStats.of(needIds, options, groups);
    }
  }

  // --- helpers -----------------------------------------------------------------------------

  static void writeStandardizer(Standardizer s, ObjectNode out) {
    doubles(out.putArray("mean"), s.mean());
    doubles(out.putArray("sd"), s.sd());
  }

  static Standardizer readStandardizer(JsonNode node, String where) {
    return new Standardizer(
        doubleArray(field(node, "mean", where), where + " standardizer mean"),
        doubleArray(field(node, "sd", where), where + " standardizer sd"));
  }

  static void doubles(ArrayNode array, double[] values) {
    for (double v : values) {
      array.add(v);
    }
  }

  static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }

  static JsonNode field(JsonNode node, String name, String where) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      throw new ModelException(
          "Cannot load " + where + ": field \"" + name + "\" is missing; the artifact is damaged");
    }
    return value;
  }

  static String text(JsonNode node, String name, String where) {
    JsonNode value = field(node, name, where);
    if (!value.isTextual()) {
      throw new ModelException(
          "Cannot load " + where + ": field \"" + name + "\" must be a string, got " + value);
    }
    return value.asText();
  }

  static double number(JsonNode node, String name, String where) {
    JsonNode value = field(node, name, where);
    if (!value.isNumber()) {
      throw new ModelException(
          "Cannot load " + where + ": field \"" + name + "\" must be a number, got " + value);
    }
    return value.asDouble();
  }

  static JsonNode array(JsonNode node, String name, String where) {
    JsonNode value = field(node, name, where);
    if (!value.isArray()) {
      throw new ModelException(
          "Cannot load " + where + ": field \"" + name + "\" must be an array, got " + value);
    }
    return value;
  }

  static List<String> stringList(JsonNode node, String name, String where) {
    List<String> out = new ArrayList<>();
    for (JsonNode v : array(node, name, where)) {
      out.add(v.asText());
    }
    return out;
  }

  static double[] doubleArray(JsonNode node, String what) {
    if (!node.isArray()) {
      throw new ModelException("Cannot load " + what + ": expected an array, got " + node);
    }
    double[] out = new double[node.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode v = node.get(i);
      if (!v.isNumber()) {
        throw new ModelException(
            "Cannot load " + what + ": element " + i + " is not a number (" + v + ")");
      }
      out[i] = v.asDouble();
    }
    return out;
  }
}
