package org.policyreach.models.internal;

import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
import smile.clustering.BBDTree;

/**
 * k-means with our own seeded k-means++ initialization and Smile's filtering algorithm ({@link
 * BBDTree}) for the Lloyd iterations. Seeding is ours so that results depend only on the given
 * seed, never on Smile's thread-local random state.
 */
public final class KMeansRunner {
  private final double[][] data;
  private final BBDTree tree;
  private final int maxIter;
  private final double tolerance;

  /** The outcome of one k: centroids, nearest-centroid labels and within-cluster sum of squares. */
  public record Result(double[][] centroids, int[] labels, double wcss) {}

  public KMeansRunner(double[][] data, int maxIter, double tolerance) {
    this.data = data;
    this.tree = new BBDTree(data);
    this.maxIter = maxIter;
    this.tolerance = tolerance;
  }

  /**
   * The best (lowest WCSS) of {@code restarts} runs, clusters ordered by size (largest first);
   * empty when the data has fewer than {@code k} distinct points.
   */
  public Optional<Result> fit(int k, int restarts, long seed) {
    Result best = null;
    for (int r = 0; r < restarts; r++) {
      Optional<Result> run = runOnce(k, new SplittableRandom(Sampling.derive(seed, k, r)));
      if (run.isPresent() && (best == null || run.get().wcss() < best.wcss())) {
        best = run.get();
      }
    }
    return Optional.ofNullable(best).map(KMeansRunner::bySize);
  }

  private Optional<Result> runOnce(int k, SplittableRandom random) {
    double[][] centroids = seed(k, random);
    if (centroids == null) {
      return Optional.empty();
    }
    int n = data.length;
    int d = data[0].length;
    double[][] sums = new double[k][d];
    int[] counts = new int[k];
    int[] labels = new int[n];
    double previous = Double.MAX_VALUE;
    for (int iter = 0; iter < maxIter; iter++) {
      // wcss with respect to the centroids before this step; the tree updates them to the means
      double wcss = tree.clustering(centroids, sums, counts, labels);
      if (previous - wcss <= tolerance * wcss) {
        break;
      }
      previous = wcss;
    }
    double total = 0;
    int[] sizes = new int[k];
    for (int i = 0; i < n; i++) {
      int c = nearest(centroids, data[i]);
      labels[i] = c;
      sizes[c]++;
      total += squaredDistance(centroids[c], data[i]);
    }
    for (int size : sizes) {
      if (size == 0) {
        return Optional.empty();
      }
    }
    return Optional.of(new Result(centroids, labels, total));
  }

  /** k-means++ (Arthur and Vassilvitskii 2007); null when fewer than k distinct points exist. */
  private double[][] seed(int k, SplittableRandom random) {
    int n = data.length;
    double[][] centroids = new double[k][];
    centroids[0] = data[random.nextInt(n)].clone();
    double[] d2 = new double[n];
    Arrays.fill(d2, Double.MAX_VALUE);
    for (int c = 1; c < k; c++) {
      double total = 0;
      for (int i = 0; i < n; i++) {
        double dist = squaredDistance(centroids[c - 1], data[i]);
        if (dist < d2[i]) {
          d2[i] = dist;
        }
        total += d2[i];
      }
      if (total <= 0) {
        return null;
      }
      double target = random.nextDouble() * total;
      int chosen = n - 1;
      double cumulative = 0;
      for (int i = 0; i < n; i++) {
        cumulative += d2[i];
        if (cumulative >= target && d2[i] > 0) {
          chosen = i;
          break;
        }
      }
      if (d2[chosen] <= 0) {
        return null;
      }
      centroids[c] = data[chosen].clone();
    }
    return centroids;
  }

  private static Result bySize(Result result) {
    int k = result.centroids().length;
    int[] sizes = new int[k];
    for (int label : result.labels()) {
      sizes[label]++;
    }
    Integer[] order = new Integer[k];
    Arrays.setAll(order, i -> i);
    Arrays.sort(
        order,
        (a, b) -> {
          int bySize = Integer.compare(sizes[b], sizes[a]);
          return bySize != 0
              ? bySize
              : Arrays.compare(result.centroids()[a], result.centroids()[b]);
        });
    int[] rank = new int[k];
    double[][] centroids = new double[k][];
    for (int r = 0; r < k; r++) {
      rank[order[r]] = r;
      centroids[r] = result.centroids()[order[r]];
    }
    int[] labels = new int[result.labels().length];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = rank[result.labels()[i]];
    }
    return new Result(centroids, labels, result.wcss());
  }

  public static int nearest(double[][] centroids, double[] x) {
    int best = 0;
    double bestDistance = Double.MAX_VALUE;
    for (int c = 0; c < centroids.length; c++) {
      double dist = squaredDistance(centroids[c], x);
      if (dist < bestDistance) {
        bestDistance = dist;
        best = c;
      }
    }
    return best;
  }

  public static double squaredDistance(double[] a, double[] b) {
    double sum = 0;
    for (int j = 0; j < a.length; j++) {
      double diff = a[j] - b[j];
      sum += diff * diff;
    }
    return sum;
  }
}
