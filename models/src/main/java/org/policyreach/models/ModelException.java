package org.policyreach.models;

/**
 * The one error type of the models module: unchecked, with a message that names the input, what is
 * wrong and what to do.
 */
public final class ModelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ModelException(String message) {
    super(message);
  }

  public ModelException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Fails with {@code "Cannot <action>: <reason>"} when {@code condition} is false. */
  public static void check(boolean condition, String action, String reasonFormat, Object... args) {
    if (!condition) {
      throw new ModelException("Cannot " + action + ": " + String.format(reasonFormat, args));
    }
  }

  /** Checks a rectangular, finite matrix with {@code width} columns and at least one row. */
  /**
   * Checks that {@code y} holds one label, 0 or 1, per row.
   *
   * @param rows the number of rows the labels belong to
   * @param rowNoun what a row is, in the message ("rows", "scores")
   * @return the number of 1 labels
   */
  public static int checkLabels(String action, int[] y, int rows, String rowNoun) {
    check(
        y != null && y.length == rows,
        action,
        "%s labels for %d %s; give one label per row",
        y == null ? "no" : String.valueOf(y.length),
        rows,
        rowNoun);
    int positives = 0;
    for (int i = 0; i < y.length; i++) {
      check(y[i] == 0 || y[i] == 1, action, "label %d of row %d is not 0 or 1", y[i], i);
      positives += y[i];
    }
    return positives;
  }

  public static void checkMatrix(String action, String what, double[][] rows, int width) {
    check(rows != null && rows.length > 0, action, "%s is empty; give at least one row", what);
    for (int i = 0; i < rows.length; i++) {
      double[] row = rows[i];
      check(row != null, action, "%s row %d is null", what, i);
      check(
          row.length == width,
          action,
          "%s row %d has %d values, expected %d (one per feature)",
          what,
          i,
          row.length,
          width);
      for (int j = 0; j < width; j++) {
        check(
            Double.isFinite(row[j]),
            action,
            "%s row %d, column %d is %s; replace missing values before fitting",
            what,
            i,
            j,
            row[j]);
      }
    }
  }
}
