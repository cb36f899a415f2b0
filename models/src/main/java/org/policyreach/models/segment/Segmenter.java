package org.policyreach.models.segment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.policyreach.models.ModelException;
import org.policyreach.models.Standardizer;
import org.policyreach.models.internal.ClusterQuality;
import org.policyreach.models.internal.KMeansRunner;
import org.policyreach.models.internal.Sampling;

/**
 * Discovers firm segments: k-means (seeded k-means++ initialization, best of several restarts,
 * Lloyd iterations by Smile's filtering algorithm) over standardized, weighted features, for each k
 * in a range; chooses the k with the largest mean silhouette on a seeded sample (ties go to the
 * smaller k). The same rows, features and options always give the same model.
 *
 * <p>Fitting is meant for a sample: rows beyond {@link Options#maxFitRows} are sampled (seeded)
 * before anything else; {@link SegmentModel#assign} then scores every firm.
 */
public final class Segmenter {
  private Segmenter() {}

  /**
   * @param minK smallest k tried (≥ 2)
   * @param maxK largest k tried
   * @param restarts k-means runs per k; the lowest within-cluster sum of squares wins
   * @param maxIterations Lloyd iterations per run
   * @param maxFitRows rows used for fitting (a seeded sample when there are more)
   * @param silhouetteSampleSize points on which the silhouette is computed (O(n²))
   * @param seed the only source of randomness
   */
  public record Options(
      int minK,
      int maxK,
      int restarts,
      int maxIterations,
      int maxFitRows,
      int silhouetteSampleSize,
      long seed) {
    public Options {
      ModelException.check(
          minK >= 2 && maxK >= minK,
          "configure segmenter",
          "k range %d..%d is invalid; need 2 ≤ minK ≤ maxK",
          minK,
          maxK);
      ModelException.check(
          restarts >= 1 && maxIterations >= 1,
          "configure segmenter",
          "restarts (%d) and maxIterations (%d) must be ≥ 1",
          restarts,
          maxIterations);
      ModelException.check(
          maxFitRows >= maxK && silhouetteSampleSize >= maxK,
          "configure segmenter",
          "maxFitRows (%d) and silhouetteSampleSize (%d) must be ≥ maxK (%d)",
          maxFitRows,
          silhouetteSampleSize,
          maxK);
    }

    /** k 4..12, 3 restarts, 100 iterations, ≤ 20,000 fit rows, silhouette on ≤ 5,000. */
    public static Options defaults(long seed) {
      return new Options(4, 12, 3, 100, 20_000, 5_000, seed);
    }

    public Options withK(int newMinK, int newMaxK) {
      return new Options(
          newMinK, newMaxK, restarts, maxIterations, maxFitRows, silhouetteSampleSize, seed);
    }
  }

  private static final double TOLERANCE = 1e-4; // relative WCSS improvement that ends a run

  public static SegmentModel fit(List<SegmentFeature> features, double[][] rows, Options options) {
    ModelException.check(
        features != null && !features.isEmpty(), "fit segments", "no features given");
    ModelException.checkMatrix("fit segments", "the feature matrix", rows, features.size());
    checkUniqueNames(features);
    double[][] sample =
        Sampling.rows(
            rows,
            Sampling.indices(
                rows.length, options.maxFitRows(), Sampling.derive(options.seed(), 1, 0)));
    ModelException.check(
        sample.length >= options.minK(),
        "fit segments",
        "only %d rows for at least %d segments; give more firms or lower the k range",
        sample.length,
        options.minK());

    Standardizer standardizer = Standardizer.fit(sample);
    double[][] z = new double[sample.length][];
    for (int i = 0; i < sample.length; i++) {
      z[i] = standardizer.transform(sample[i]);
      for (int j = 0; j < z[i].length; j++) {
        z[i][j] *= features.get(j).weight();
      }
    }

    // k is chosen on the evaluation sample (where the O(n²) silhouette is computed anyway);
    // only the chosen k is then fitted on the whole fit sample.
    double[][] evalPoints =
        Sampling.rows(
            z,
            Sampling.indices(
                z.length, options.silhouetteSampleSize(), Sampling.derive(options.seed(), 3, 0)));
    KMeansRunner evalRunner = new KMeansRunner(evalPoints, options.maxIterations(), TOLERANCE);
    int maxK = Math.min(options.maxK(), evalPoints.length - 1);
    List<KMeansRunner.Result> results = new ArrayList<>();
    List<Integer> ks = new ArrayList<>();
    for (int k = options.minK(); k <= maxK; k++) {
      Optional<KMeansRunner.Result> result =
          evalRunner.fit(k, options.restarts(), Sampling.derive(options.seed(), 2, k));
      if (result.isPresent()) {
        results.add(result.get());
        ks.add(k);
      }
    }
    ModelException.check(
        !results.isEmpty(),
        "fit segments",
        "the %d sampled rows have fewer distinct points than %d; the features do not vary enough"
            + " to cluster",
        evalPoints.length,
        options.minK());

    List<KScore> scores = score(evalPoints, results, ks);
    int best = 0;
    for (int m = 1; m < scores.size(); m++) {
      if (scores.get(m).silhouette() > scores.get(best).silhouette() + 1e-12) {
        best = m;
      }
    }
    int chosenK = ks.get(best);
    KMeansRunner.Result chosen =
        evalPoints.length == z.length
            ? results.get(best)
            : new KMeansRunner(z, options.maxIterations(), TOLERANCE)
                .fit(chosenK, options.restarts(), Sampling.derive(options.seed(), 4, chosenK))
                .orElse(results.get(best));
    int[] sizes = new int[chosen.centroids().length];
    for (int i = 0; i < z.length; i++) {
      sizes[KMeansRunner.nearest(chosen.centroids(), z[i])]++;
    }
    return new SegmentModel(
        features, standardizer, chosen.centroids(), sizes, scores, options.seed());
  }

  private static List<KScore> score(
      double[][] points, List<KMeansRunner.Result> results, List<Integer> ks) {
    int[][] labelings = new int[results.size()][];
    int[] kArray = new int[results.size()];
    for (int m = 0; m < results.size(); m++) {
      kArray[m] = ks.get(m);
      labelings[m] = results.get(m).labels();
    }
    double[] silhouettes = ClusterQuality.meanSilhouettes(points, labelings, kArray);
    List<KScore> scores = new ArrayList<>();
    for (int m = 0; m < results.size(); m++) {
      double wcss = results.get(m).wcss();
      scores.add(
          new KScore(
              ks.get(m),
              silhouettes[m],
              ClusterQuality.calinskiHarabasz(points, ks.get(m), wcss),
              wcss));
    }
    return List.copyOf(scores);
  }

  private static void checkUniqueNames(List<SegmentFeature> features) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (SegmentFeature f : features) {
      ModelException.check(
          seen.add(f.name()), "fit segments", "feature name %s appears twice", f.name());
    }
  }
}
