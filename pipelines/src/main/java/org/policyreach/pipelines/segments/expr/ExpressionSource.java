package org.policyreach.pipelines.segments.expr;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * An expression's text and where it came from, so errors can name the file, line and column of the
 * offending token even when the expression sits inside a YAML file.
 */
public final class ExpressionSource {

  /** A 1-based position in a file. */
  public record Position(int line, int column) {}

  private final Path file;
  private final String context;
  private final String text;
  private final IntFunction<Position> positions;

  private ExpressionSource(
      Path file, String context, String text, IntFunction<Position> positions) {
    this.file = Objects.requireNonNull(file, "file is null");
    this.context = Objects.requireNonNull(context, "context is null");
    this.text = Objects.requireNonNull(text, "text is null");
    this.positions = Objects.requireNonNull(positions, "positions is null");
  }

  /** An expression on its own: positions are lines and columns within the text. */
  public static ExpressionSource of(String text) {
    return new ExpressionSource(Path.of("<expression>"), "", text, offset -> within(text, offset));
  }

  /**
   * An expression read from {@code file}; {@code positions} maps an offset in {@code text} to its
   * line and column in the file; {@code context} names what holds it (e.g. "segment 'x'").
   */
  public static ExpressionSource in(
      Path file, String context, String text, IntFunction<Position> positions) {
    return new ExpressionSource(file, context, text, positions);
  }

  public Path file() {
    return file;
  }

  public String context() {
    return context;
  }

  public String text() {
    return text;
  }

  public Position position(int offset) {
    return positions.apply(offset);
  }

  /** Line and column (1-based) of an offset within {@code text} itself. */
  public static Position within(String text, int offset) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < Math.min(offset, text.length()); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new Position(line, column);
  }
}
