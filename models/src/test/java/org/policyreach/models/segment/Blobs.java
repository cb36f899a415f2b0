package org.policyreach.models.segment;

import java.util.Random;

/** Well-separated Gaussian blobs for clustering tests. */
final class Blobs {
  final double[][] rows;
  final int[] truth;

  Blobs(int k, int perBlob, int dims, double spread, double sd, long seed) {
    Random random = new Random(seed);
    double[][] centers = new double[k][dims];
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < dims; j++) {
        centers[c][j] = random.nextDouble() * spread;
      }
    }
    rows = new double[k * perBlob][];
    truth = new int[k * perBlob];
    for (int i = 0; i < rows.length; i++) {
      int c = i % k;
      truth[i] = c;
      rows[i] = new double[dims];
      for (int j = 0; j < dims; j++) {
        rows[i][j] = centers[c][j] + random.nextGaussian() * sd;
      }
    }
  }

  static java.util.List<SegmentFeature> numericFeatures(int dims) {
    java.util.List<SegmentFeature> features = new java.util.ArrayList<>();
    for (int j = 0; j < dims; j++) {
      features.add(SegmentFeature.numeric("x" + j, "高" + j, "high " + j, "低" + j, "low " + j));
    }
    return features;
  }
}
