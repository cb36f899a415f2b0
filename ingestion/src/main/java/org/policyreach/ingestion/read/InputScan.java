package org.policyreach.ingestion.read;

import java.util.List;
import java.util.Map;

/**
 * What one pass over the input found: its files, the content hash that keys the batch ledger, each
 * file's encoding and the chunks that Spark tasks read.
 *
 * @param sha256 hex SHA-256 of the file, or (several files) of their sorted per-file digests
 * @param sourceFile the file name, or the folder name with {@code /*} for several files
 */
public record InputScan(
    String input,
    String sourceFile,
    String sha256,
    List<FileChunk> chunks,
    Map<String, String> charsets,
    long bytes,
    long lines) {}
