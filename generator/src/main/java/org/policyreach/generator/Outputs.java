package org.policyreach.generator;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parallel, deterministic file output. Each logical file is split into buckets (a month, a
 * prefecture); each chunk of firms writes its own part file per bucket; assembly concatenates the
 * parts bucket by bucket, chunk by chunk. Since chunks are contiguous firm ranges, the result is
 * the same whatever the number of threads, and fault positions recorded as (bucket, chunk, line
 * within part) translate to physical lines of the assembled file.
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

  /**
   * Appends lines to one part; counts them. UTF-8 lines are encoded with {@link String#getBytes}
   * (fast, and every string we build is valid UTF-16); other charsets go through an encoder that
   * reports unmappable characters instead of replacing them.
   */
  static final class Part implements Closeable {
    private final OutputStream out;
    private final boolean utf8;
    private final CharsetEncoder encoder;
    private final byte[] newline;
    private long lines;

    Part(Path file, Charset charset, String newline) throws IOException {
      this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
      this.utf8 = charset.equals(StandardCharsets.UTF_8);
      this.encoder =
          charset
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT);
      this.newline = newline.getBytes(StandardCharsets.US_ASCII);
    }

    private char[] chars = new char[4096];
    private byte[] bytes = new byte[3 * 4096 + 4];

    /** Writes one line and returns its 1-based number within the part. */
    long write(CharSequence line) {
      try {
        if (utf8) {
          writeUtf8(line);
        } else {
          ByteBuffer b = encoder.encode(CharBuffer.wrap(line));
          out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
        }
        out.write(newline);
      } catch (CharacterCodingException e) {
        throw new IllegalStateException(
            "Cannot encode generated line in " + encoder.charset() + ": " + line, e);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write generated line: " + e.getMessage(), e);
      }
      return ++lines;
    }

    /** UTF-8 without intermediate strings: the lines are built in reused StringBuilders. */
    private void writeUtf8(CharSequence line) throws IOException {
      int n = line.length();
      if (chars.length < n) {
        chars = new char[n * 2];
        bytes = new byte[n * 6 + 4];
      }
      if (line instanceof StringBuilder sb) {
        sb.getChars(0, n, chars, 0);
      } else if (line instanceof String str) {
        str.getChars(0, n, chars, 0);
      } else {
        for (int i = 0; i < n; i++) {
          chars[i] = line.charAt(i);
        }
      }
      int j = 0;
      byte[] b = bytes;
      for (int i = 0; i < n; i++) {
        char c = chars[i];
        if (c < 0x80) {
          b[j++] = (byte) c;
        } else if (c < 0x800) {
          b[j++] = (byte) (0xC0 | (c >> 6));
          b[j++] = (byte) (0x80 | (c & 0x3F));
        } else if (Character.isHighSurrogate(c)
            && i + 1 < n
            && Character.isLowSurrogate(chars[i + 1])) {
          int cp = Character.toCodePoint(c, chars[++i]);
          b[j++] = (byte) (0xF0 | (cp >> 18));
          b[j++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
          b[j++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
          b[j++] = (byte) (0x80 | (cp & 0x3F));
        } else if (Character.isSurrogate(c)) {
          throw new IllegalStateException(
              "Cannot encode a lone surrogate in generated line: " + line);
        } else {
          b[j++] = (byte) (0xE0 | (c >> 12));
          b[j++] = (byte) (0x80 | ((c >> 6) & 0x3F));
          b[j++] = (byte) (0x80 | (c & 0x3F));
        }
      }
      out.write(b, 0, j);
    }

    long lines() {
      return lines;
    }

    @Override
    public void close() throws IOException {
      out.close();
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
          throw new UncheckedIOException(
              "Cannot create part file in " + dir + ": " + e.getMessage(), e);
        }
      }
      return p[bucket];
    }

    /** Writes a line and returns where it landed. */
    Position write(FileSpec file, int bucket, CharSequence line) {
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
   * returns, per (bucket, chunk), the number of physical lines before that part (header included),
   * plus the total line count at index [buckets][0].
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
        out.write(
            java.nio.ByteBuffer.wrap((file.header() + file.newline()).getBytes(file.charset())));
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
