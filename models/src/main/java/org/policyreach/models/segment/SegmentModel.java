package org.policyreach.models.segment;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.policyreach.models.ModelException;
import org.policyreach.models.Standardizer;

/**
 * A fitted segmentation: features, standardizer, centroids (in weighted standardized units), the
 * chosen k and the criterion value of every k tried. Segment ids are 0..k−1, largest segment (in
 * the fit sample) first. Immutable and thread-safe; {@link #assign} allocates nothing.
 */
public final class SegmentModel implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The criterion that chose k: the largest mean silhouette, ties to the smaller k. */
  public static final String CRITERION = "mean_silhouette";

  private final List<SegmentFeature> features;
  private final Standardizer standardizer;
  private final double[] weights;
  private final double[][] centroids;
  private final int[] sizes;
  private final List<KScore> scores;
  private final long seed;

  public SegmentModel(
      List<SegmentFeature> features,
      Standardizer standardizer,
      double[][] centroids,
      int[] sizes,
      List<KScore> scores,
      long seed) {
    this.features = List.copyOf(features);
    this.standardizer = Objects.requireNonNull(standardizer, "standardizer is null");
    int d = this.features.size();
    ModelException.check(
        standardizer.width() == d,
        "create segment model",
        "standardizer has %d columns but there are %d features",
        standardizer.width(),
        d);
    ModelException.check(
        centroids != null && centroids.length >= 1,
        "create segment model",
        "there are no centroids");
    ModelException.checkMatrix("create segment model", "centroids", centroids, d);
    ModelException.check(
        sizes != null && sizes.length == centroids.length,
        "create segment model",
        "there must be one size per centroid");
    this.weights = new double[d];
    for (int j = 0; j < d; j++) {
      weights[j] = this.features.get(j).weight();
    }
    this.centroids = new double[centroids.length][];
    for (int c = 0; c < centroids.length; c++) {
      this.centroids[c] = centroids[c].clone();
    }
    this.sizes = sizes.clone();
    this.scores = List.copyOf(scores);
    this.seed = seed;
  }

  /** The segment (0..k−1) whose centroid is nearest to the standardized, weighted features. */
  public int assign(double[] rawFeatures) {
    if (rawFeatures == null || rawFeatures.length != weights.length) {
      throw new ModelException(
          "Cannot assign a segment: got "
              + (rawFeatures == null ? "no" : String.valueOf(rawFeatures.length))
              + " feature values, the model expects "
              + weights.length
              + " "
              + featureNames());
    }
    int best = 0;
    double bestDistance = Double.MAX_VALUE;
    for (int c = 0; c < centroids.length; c++) {
      double[] centroid = centroids[c];
      double dist = 0;
      for (int j = 0; j < weights.length && dist < bestDistance; j++) {
        double diff = standardizer.standardize(j, rawFeatures[j]) * weights[j] - centroid[j];
        dist += diff * diff;
      }
      if (dist < bestDistance) {
        bestDistance = dist;
        best = c;
      }
    }
    return best;
  }

  public int k() {
    return centroids.length;
  }

  public List<SegmentFeature> features() {
    return features;
  }

  public List<String> featureNames() {
    List<String> names = new ArrayList<>(features.size());
    for (SegmentFeature f : features) {
      names.add(f.name());
    }
    return names;
  }

  public Standardizer standardizer() {
    return standardizer;
  }

  /** Centroids in weighted standardized units (the space the distance is computed in). */
  public double[][] centroids() {
    double[][] copy = new double[centroids.length][];
    for (int c = 0; c < centroids.length; c++) {
      copy[c] = centroids[c].clone();
    }
    return copy;
  }

  /** The segment's mean in standardized units without weights (a z-score per feature). */
  public double[] centroidZ(int segment) {
    double[] z = new double[weights.length];
    for (int j = 0; j < z.length; j++) {
      z[j] = centroids[segment][j] / weights[j];
    }
    return z;
  }

  /** The segment's mean in raw units, e.g. the share of members in a one-hot category. */
  public double[] centroidRaw(int segment) {
    return standardizer.inverse(centroidZ(segment));
  }

  /** Members of each segment in the fit sample. */
  public int[] sizes() {
    return sizes.clone();
  }

  /** The criterion values of every k tried, ascending k. */
  public List<KScore> scores() {
    return scores;
  }

  public long seed() {
    return seed;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SegmentModel m
        && features.equals(m.features)
        && standardizer.equals(m.standardizer)
        && Arrays.deepEquals(centroids, m.centroids)
        && Arrays.equals(sizes, m.sizes)
        && scores.equals(m.scores)
        && seed == m.seed;
  }

  @Override
  public int hashCode() {
    return Objects.hash(features, standardizer, Arrays.deepHashCode(centroids), scores, seed);
  }

  @Override
  public String toString() {
    return "SegmentModel[k=" + k() + ", features=" + featureNames() + "]";
  }
}
