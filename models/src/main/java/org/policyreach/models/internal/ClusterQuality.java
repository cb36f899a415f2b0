package org.policyreach.models.internal;

/** Internal validity criteria for choosing the number of clusters. */
public final class ClusterQuality {
  private ClusterQuality() {}

  /**
   * Mean silhouette (Rousseeuw 1987, Euclidean distance) of the same points under several labelings
   * at once: each pairwise distance is computed once and reused for every labeling. A point alone
   * in its cluster scores 0.
   *
   * @param points the points (already sampled)
   * @param labelings {@code labelings[m][i]} is point i's cluster under labeling m
   * @param ks {@code ks[m]} is the number of clusters of labeling m
   */
  public static double[] meanSilhouettes(double[][] points, int[][] labelings, int[] ks) {
    int n = points.length;
    int m = labelings.length;
    double[] distances = new double[n];
    double[][] sums = new double[m][];
    int[][] counts = new int[m][];
    for (int l = 0; l < m; l++) {
      sums[l] = new double[ks[l]];
      counts[l] = new int[ks[l]];
      for (int i = 0; i < n; i++) {
        counts[l][labelings[l][i]]++;
      }
    }
    double[] total = new double[m];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        distances[j] = Math.sqrt(KMeansRunner.squaredDistance(points[i], points[j]));
      }
      for (int l = 0; l < m; l++) {
        total[l] += silhouette(i, distances, labelings[l], sums[l], counts[l]);
      }
    }
    for (int l = 0; l < m; l++) {
      total[l] /= n;
    }
    return total;
  }

  private static double silhouette(
      int i, double[] distances, int[] labels, double[] sums, int[] counts) {
    java.util.Arrays.fill(sums, 0.0);
    for (int j = 0; j < distances.length; j++) {
      sums[labels[j]] += distances[j];
    }
    int own = labels[i];
    if (counts[own] <= 1) {
      return 0.0;
    }
    double a = sums[own] / (counts[own] - 1);
    double b = Double.MAX_VALUE;
    for (int c = 0; c < sums.length; c++) {
      if (c != own && counts[c] > 0) {
        b = Math.min(b, sums[c] / counts[c]);
      }
    }
    double max = Math.max(a, b);
    return max > 0 ? (b - a) / max : 0.0;
  }

  /** Calinski–Harabasz index: (between / (k − 1)) / (within / (n − k)). */
  public static double calinskiHarabasz(double[][] points, int k, double wcss) {
    int n = points.length;
    int d = points[0].length;
    double[] mean = new double[d];
    for (double[] p : points) {
      for (int j = 0; j < d; j++) {
        mean[j] += p[j] / n;
      }
    }
    double tss = 0;
    for (double[] p : points) {
      tss += KMeansRunner.squaredDistance(p, mean);
    }
    if (n <= k) {
      return 0.0;
    }
    if (wcss <= 0) {
      return Double.MAX_VALUE; // perfectly tight clusters; keeps the value JSON-safe
    }
    return ((tss - wcss) / (k - 1)) / (wcss / (n - k));
  }
}
