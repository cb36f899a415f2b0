package org.policyreach.models;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Per-column standardization {@code z = (x - mean) / sd}. A constant column (sd 0) keeps sd 1 so
 * that it maps to 0 instead of dividing by zero. Immutable; the arrays are copied in and out.
 */
public final class Standardizer implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double[] mean;
  private final double[] sd;

  public Standardizer(double[] mean, double[] sd) {
    ModelException.check(
        mean != null && sd != null && mean.length == sd.length && mean.length > 0,
        "create standardizer",
        "mean and sd must be non-empty and of equal length");
    for (int j = 0; j < sd.length; j++) {
      ModelException.check(
          Double.isFinite(mean[j]) && Double.isFinite(sd[j]) && sd[j] > 0,
          "create standardizer",
          "column %d has mean %s and sd %s; sd must be finite and > 0",
          j,
          mean[j],
          sd[j]);
    }
    this.mean = mean.clone();
    this.sd = sd.clone();
  }

  /** Fits population mean and standard deviation of each column (two-pass, stable). */
  public static Standardizer fit(double[][] rows) {
    ModelException.check(
        rows != null && rows.length > 0 && rows[0] != null, "fit standardizer", "no rows given");
    int d = rows[0].length;
    ModelException.checkMatrix("fit standardizer", "the data", rows, d);
    double[] mean = new double[d];
    for (double[] row : rows) {
      for (int j = 0; j < d; j++) {
        mean[j] += row[j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= rows.length;
    }
    double[] sd = new double[d];
    for (double[] row : rows) {
      for (int j = 0; j < d; j++) {
        double diff = row[j] - mean[j];
        sd[j] += diff * diff;
      }
    }
    for (int j = 0; j < d; j++) {
      double s = Math.sqrt(sd[j] / rows.length);
      sd[j] = s > 1e-12 ? s : 1.0;
    }
    return new Standardizer(mean, sd);
  }

  public int width() {
    return mean.length;
  }

  public double[] mean() {
    return mean.clone();
  }

  public double[] sd() {
    return sd.clone();
  }

  public double mean(int column) {
    return mean[column];
  }

  public double sd(int column) {
    return sd[column];
  }

  public double standardize(int column, double value) {
    return (value - mean[column]) / sd[column];
  }

  public double[] transform(double[] x) {
    double[] out = new double[mean.length];
    transform(x, out);
    return out;
  }

  /** Writes the standardized {@code x} into {@code out} (no allocation). */
  public void transform(double[] x, double[] out) {
    checkWidth(x);
    for (int j = 0; j < mean.length; j++) {
      out[j] = (x[j] - mean[j]) / sd[j];
    }
  }

  public double[][] transform(double[][] rows) {
    double[][] out = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = transform(rows[i]);
    }
    return out;
  }

  /** Maps a standardized vector back to raw units. */
  public double[] inverse(double[] z) {
    checkWidth(z);
    double[] out = new double[mean.length];
    for (int j = 0; j < mean.length; j++) {
      out[j] = z[j] * sd[j] + mean[j];
    }
    return out;
  }

  private void checkWidth(double[] x) {
    if (x == null || x.length != mean.length) {
      throw new ModelException(
          "Cannot standardize: the vector has "
              + (x == null ? "no" : String.valueOf(x.length))
              + " values, the standardizer was fitted on "
              + mean.length
              + " columns");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Standardizer s && Arrays.equals(mean, s.mean) && Arrays.equals(sd, s.sd);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(mean) + Arrays.hashCode(sd);
  }

  @Override
  public String toString() {
    return "Standardizer" + Arrays.toString(mean) + "/" + Arrays.toString(sd);
  }
}
