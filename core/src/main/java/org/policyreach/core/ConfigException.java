package org.policyreach.core;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * The one unchecked error type for configuration problems (catalog, needs, {@code
 * policyreach.yaml}). The message names the file, the line (and column where known), what is wrong
 * and the fix.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(requireNonNull(message, "message is null"));
  }

  public ConfigException(String message, Throwable cause) {
    super(requireNonNull(message, "message is null"), cause);
  }

  /**
   * Builds {@code "<file>:<line>:<column>: <problem>. <fix>"}; line or column values below 1 are
   * left out.
   */
  public static ConfigException at(Path file, int line, int column, String problem, String fix) {
    return new ConfigException(location(file, line, column) + ": " + problem + ". " + fix);
  }

  static String location(Path file, int line, int column) {
    StringBuilder sb = new StringBuilder(String.valueOf(file));
    if (line > 0) {
      sb.append(':').append(line);
      if (column > 0) {
        sb.append(':').append(column);
      }
    }
    return sb.toString();
  }
}
