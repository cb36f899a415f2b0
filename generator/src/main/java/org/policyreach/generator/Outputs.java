package org.policyreach.generator;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parallel, deterministic file output. Each logical file is split into buckets (a month, a
 * prefecture); each chunk of firms writes its own part file per bucket; assembly concatenates
 * the parts bucket by bucket, chunk by chunk. Since chunks are contiguous firm ranges, the
 * result is the same whatever the number of threads, and fault positions recorded as (bucket,
 * chunk, line within part) translate to physical lines of the assembled file.
 */
final class Outputs {
  private Outputs() {}

  /**
   * A logical output file.
   *
   * @param path path relative to the output folder, with '/' separators
   * @param header first line (not counted in parts), or null
   * @param newline line terminator
   */
  record FileSpec(String path, Charset charset, String header, String newline, int buckets) {}

  /** Appends lines to one part; counts them. Encoding errors are reported, never replaced. */
  static final class Part implements Closeable {
    private final Writer writer;
    private final String newline;
    private long lines;

    Part(Path file, Charset charset, String newline) throws IOException {
      OutputStream out = Files.newOutputStream(file);
      this.writer =
          new BufferedWriter(
              new OutputStreamWriter(
                  out,
                  charset
                      .newEncoder()
                      .onMalformedInput(CodingErrorAction.REPORT)
                      .onUnmappableCharacter(CodingErrorAction.REPORT)),
              1 << 16);
      this.newline = newline;
    }

    /** Writes one line and returns its 1-based number within the part. */
    long write(String line) {
      try {
        writer.write(line);
        writer.write(newline);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write generated line: " + e.getMessage(), e);
      }
      return ++lines;
    }

    long lines() {
      return lines;
    }

    @Override
    public void close() throws IOException {
      writer.close();
    }
  }

  /** Where a line landed before assembly. */
  record Position(FileSpec file, int bucket, int chunk, long line) {}

  /** The parts one chunk writes. Not thread-safe: one per worker. */
  static final class ChunkParts implements Closeable {
    private final Path dir;
    private final int chunk;
    private final Map<FileSpec, Part[]> parts = new HashMap<>();
    private final Map<FileSpec, long[]> counts = new HashMap<>();

    ChunkParts(Path dir, int chunk) {
      this.dir = dir;
      this.chunk = chunk;
    }

    int chunk() {
      return chunk;
    }

    Part part(FileSpec file, int bucket) {
      Part[] p = parts.computeIfAbsent(file, f -> new Part[f.buckets()]);
      if (p[bucket] == null) {
        try {
          p[bucket] = new Part(partPath(dir, file, bucket, chunk), file.charset(), file.newline());
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot create part file in " + dir + ": " + e.getMessage(), e);
        }
      }
      return p[bucket];
    }

    /** Writes a line and returns where it landed. */
    Position write(FileSpec file, int bucket, String line) {
      return new Position(file, bucket, chunk, part(file, bucket).write(line));
    }

    /** Lines per bucket written so far (after close: final). */
    long[] lineCounts(FileSpec file) {
      Part[] p = parts.get(file);
      long[] c = new long[file.buckets()];
      if (p != null) {
        for (int b = 0; b < c.length; b++) {
          c[b] = p[b] == null ? 0 : p[b].lines();
        }
      }
      return c;
    }

    @Override
    public void close() throws IOException {
      IOException first = null;
      for (Part[] ps : parts.values()) {
        for (Part p : ps) {
          if (p != null) {
            try {
              p.close();
            } catch (IOException e) {
              if (first == null) {
                first = e;
              }
            }
          }
        }
      }
      for (Map.Entry<FileSpec, Part[]> e : parts.entrySet()) {
        counts.put(e.getKey(), lineCounts(e.getKey()));
      }
      if (first != null) {
        throw first;
      }
    }
  }

  static Path partPath(Path dir, FileSpec file, int bucket, int chunk) {
    return dir.resolve(file.path().replace('/', '_') + "." + bucket + "." + chunk + ".part");
  }

  /**
   * Concatenates the parts of {@code file} into {@code outDir/file.path}, deletes them, and
   * returns, per (bucket, chunk), the number of physical lines before that part (header
   * included), plus the total line count at index [buckets][0].
   */
  static long[][] assemble(Path outDir, Path partsDir, FileSpec file, List<ChunkParts> chunks)
      throws IOException {
    Path target = outDir.resolve(file.path());
    Files.createDirectories(target.getParent());
    long[][] offsets = new long[file.buckets() + 1][chunks.size()];
    long lines = 0;
    try (FileChannel out =
        FileChannel.open(
            target,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      if (file.header() != null) {
        out.write(java.nio.ByteBuffer.wrap((file.header() + file.newline()).getBytes(file.charset())));
        lines++;
      }
      List<long[]> counts = new ArrayList<>();
      for (ChunkParts c : chunks) {
        counts.add(c.counts.getOrDefault(file, new long[file.buckets()]));
      }
      for (int b = 0; b < file.buckets(); b++) {
        for (int c = 0; c < chunks.size(); c++) {
          offsets[b][c] = lines;
          Path part = partPath(partsDir, file, b, chunks.get(c).chunk());
          if (Files.exists(part)) {
            try (FileChannel in = FileChannel.open(part, StandardOpenOption.READ)) {
              long size = in.size();
              long done = 0;
              while (done < size) {
                done += in.transferTo(done, size - done, out);
              }
            }
            Files.delete(part);
            lines += counts.get(c)[b];
          }
        }
      }
    }
    offsets[file.buckets()][0] = lines;
    return offsets;
  }
}
