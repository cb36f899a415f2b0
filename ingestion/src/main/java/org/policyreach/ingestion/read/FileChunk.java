package org.policyreach.ingestion.read;

import java.io.Serializable;

/**
 * A byte range {@code [start, end)} of one input file that begins at the start of line {@code
 * firstLine} (1-based) and ends after a line break (or at the end of the file). One Spark task
 * reads one chunk, so line numbers are exact without a second pass.
 *
 * @param path the file's Hadoop path
 * @param fileName the name recorded as {@code source_file}
 * @param charset the file's encoding (detected or given)
 */
public record FileChunk(
    String path, String fileName, String charset, long start, long end, long firstLine)
    implements Serializable {}
