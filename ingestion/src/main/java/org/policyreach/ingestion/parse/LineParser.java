package org.policyreach.ingestion.parse;

import java.io.Serializable;
import org.apache.spark.sql.types.StructType;
import org.policyreach.ingestion.Source;

/**
 * Turns one line of a source into a {@link ParsedLine}, using the core types for every rule.
 * Implementations are serializable (they run inside Spark tasks) and hold no per-line state.
 */
public interface LineParser extends Serializable {

  Source source();

  /** The schema of {@link ParsedLine#record()} for this source. */
  StructType recordSchema();

  /** Whether the first line of every file is a header (kept in bronze, not a record). */
  default boolean hasHeader() {
    return false;
  }

  /**
   * Checks a file's header on the driver before anything is written.
   *
   * @throws org.policyreach.ingestion.IngestionException BAD_INPUT when it is not the expected
   *     header (the wrong file, or a wrong encoding that garbled it)
   */
  default void checkHeader(String fileName, String firstLine) {}

  /**
   * The text of a line as it may be kept outside bronze (quarantine): personal contact details
   * removed. Used for lines that cannot be parsed at all.
   */
  default String redact(String text) {
    return text;
  }

  /** Parses one non-blank data line. Never throws for bad data: it rejects the line. */
  ParsedLine parse(String fileName, long number, String text);
}
