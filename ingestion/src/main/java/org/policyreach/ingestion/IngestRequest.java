package org.policyreach.ingestion;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to ingest: a source and its input (a file or a folder), or a replay of that source's
 * quarantine.
 *
 * @param input file or folder (local path or Hadoop URI); null for a replay and for programs (which
 *     default to {@code <conf>/programs})
 * @param batchId the batch id to use for new content, or null for one derived from the content
 * @param encoding {@code --encoding}, or null to detect (UTF-8, or Shift_JIS/CP932 where the source
 *     allows it)
 * @param confDir the configuration folder, or null to locate it ({@code ConfPaths})
 */
public record IngestRequest(
    Source source,
    String input,
    String batchId,
    boolean replayQuarantine,
    String encoding,
    Path confDir) {

  private static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");

  public IngestRequest {
    Objects.requireNonNull(source, "source is null");
    if (batchId != null && !BATCH_ID.matcher(batchId).matches()) {
      throw IngestionException.badInput(
          "Invalid --batch-id '"
              + batchId
              + "': use up to 100 letters, digits, '.', '_', ':' or '-', starting with a letter or"
              + " digit");
    }
    if (replayQuarantine && input != null) {
      throw IngestionException.badInput(
          "--replay-quarantine re-processes what is already in quarantine.records: drop --input "
              + input);
    }
    if (replayQuarantine && source == Source.PROGRAMS) {
      throw IngestionException.badInput(
          "--replay-quarantine needs a data source (registry, firm-attributes, applications,"
              + " legacy or events), not programs");
    }
    if (!replayQuarantine && source != Source.PROGRAMS && (input == null || input.isBlank())) {
      throw IngestionException.badInput(
          "Missing --input for --source " + source.id() + ": give a file or a folder of them");
    }
  }

  /** Ingest {@code input} as {@code source}. */
  public static IngestRequest of(Source source, String input) {
    return new IngestRequest(source, input, null, false, null, null);
  }

  public static IngestRequest of(Source source, Path input) {
    return of(source, input.toString());
  }

  /** Re-process the quarantined records of {@code source}. */
  public static IngestRequest replay(Source source) {
    return new IngestRequest(source, null, null, true, null, null);
  }

  public IngestRequest withBatchId(String id) {
    return new IngestRequest(source, input, id, replayQuarantine, encoding, confDir);
  }

  public IngestRequest withEncoding(String name) {
    return new IngestRequest(source, input, batchId, replayQuarantine, name, confDir);
  }

  public IngestRequest withConfDir(Path dir) {
    return new IngestRequest(source, input, batchId, replayQuarantine, encoding, dir);
  }
}
