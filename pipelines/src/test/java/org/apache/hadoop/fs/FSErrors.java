package org.apache.hadoop.fs;

/**
 * Test helper: Hadoop's {@link FSError} (what its local file system throws when a write fails, e.g.
 * on a full disk) has a package-private constructor; tests build one here.
 */
public final class FSErrors {
  private FSErrors() {}

  public static FSError of(Throwable cause) {
    return new FSError(cause);
  }
}
