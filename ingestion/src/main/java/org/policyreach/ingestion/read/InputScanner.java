package org.policyreach.ingestion.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.policyreach.ingestion.IngestionException;
import org.policyreach.ingestion.Source;

/**
 * Reads the input once on the driver: resolves a file or a folder, hashes the content for the batch
 * ledger, detects (or checks) each file's encoding and plans line-aligned chunks.
 */
public final class InputScanner {

  /** Bytes looked at to decide a file's encoding. */
  static final int SAMPLE_BYTES = 1 << 20;

  private static final int BUFFER_BYTES = 1 << 20;

  private final Configuration conf;
  private final long chunkBytes;

  public InputScanner(Configuration conf, long chunkBytes) {
    if (chunkBytes < 1) {
      throw new IllegalArgumentException("chunkBytes must be positive: " + chunkBytes);
    }
    this.conf = conf;
    this.chunkBytes = chunkBytes;
  }

  /**
   * Scans {@code input} (a file, or a folder whose files of {@code source} are all read).
   *
   * @param encoding the user's {@code --encoding}, or null to detect
   * @throws IngestionException BAD_INPUT for a missing input, an empty folder, an unknown or wrong
   *     encoding
   */
  public InputScan scan(String input, Source source, String encoding) {
    Charset forced = encoding == null || encoding.isBlank() ? null : charset(encoding);
    org.apache.hadoop.fs.Path path = toHadoopPath(input);
    try {
      FileSystem fs = path.getFileSystem(conf);
      if (!fs.exists(path)) {
        throw IngestionException.badInput(
            "Cannot ingest "
                + source.id()
                + ": input "
                + input
                + " does not exist; pass --input with a file or a folder of "
                + source.id()
                + " data");
      }
      List<FileStatus> files = files(fs, path, source, input);
      List<FileChunk> chunks = new ArrayList<>();
      Map<String, String> charsets = new LinkedHashMap<>();
      List<String> digests = new ArrayList<>();
      long bytes = 0;
      long lines = 0;
      for (FileStatus file : files) {
        FileResult r = scanFile(fs, file, source, forced);
        chunks.addAll(r.chunks);
        charsets.put(file.getPath().getName(), r.charset.name());
        digests.add(r.sha256);
        bytes += file.getLen();
        lines += r.lines;
      }
      String sha256 = digests.size() == 1 ? digests.get(0) : combined(digests);
      String sourceFile =
          fs.getFileStatus(path).isDirectory()
              ? path.getName() + "/*"
              : files.get(0).getPath().getName();
      return new InputScan(input, sourceFile, sha256, chunks, charsets, bytes, lines);
    } catch (IOException e) {
      throw IngestionException.failure(
          "Cannot read " + source.id() + " input " + input + ": " + e.getMessage(), e);
    }
  }

  static org.apache.hadoop.fs.Path toHadoopPath(String input) {
    if (input == null || input.isBlank()) {
      throw IngestionException.badInput("Cannot ingest: --input is empty; pass a file or folder");
    }
    boolean uri = input.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*");
    return uri
        ? new org.apache.hadoop.fs.Path(input)
        : new org.apache.hadoop.fs.Path(Path.of(input).toAbsolutePath().normalize().toUri());
  }

  private static List<FileStatus> files(
      FileSystem fs, org.apache.hadoop.fs.Path path, Source source, String input)
      throws IOException {
    FileStatus status = fs.getFileStatus(path);
    if (!status.isDirectory()) {
      return List.of(status);
    }
    List<FileStatus> files = new ArrayList<>();
    for (FileStatus f : fs.listStatus(path)) {
      String name = f.getPath().getName();
      String lower = name.toLowerCase(Locale.ROOT);
      if (f.isFile()
          && !name.startsWith(".")
          && !name.startsWith("_")
          && source.extensions().stream().anyMatch(lower::endsWith)) {
        files.add(f);
      }
    }
    if (files.isEmpty()) {
      throw IngestionException.badInput(
          "Cannot ingest "
              + source.id()
              + ": folder "
              + input
              + " has no "
              + source.id()
              + " files (names ending in "
              + String.join(", ", source.extensions())
              + "); point --input at the right folder or file");
    }
    files.sort((a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
    return files;
  }

  private record FileResult(Charset charset, String sha256, List<FileChunk> chunks, long lines) {}

  private FileResult scanFile(FileSystem fs, FileStatus file, Source source, Charset forced)
      throws IOException {
    MessageDigest digest = sha256();
    List<FileChunk> chunks = new ArrayList<>();
    String path = file.getPath().toString();
    String name = file.getPath().getName();
    byte[] sample = new byte[(int) Math.min(SAMPLE_BYTES, file.getLen())];
    int sampled = 0;
    long offset = 0;
    long lines = 0;
    long chunkStart = 0;
    long chunkFirstLine = 1;
    boolean lastWasNewline = true;
    try (InputStream in = fs.open(file.getPath(), BUFFER_BYTES)) {
      byte[] buf = new byte[BUFFER_BYTES];
      int n;
      while ((n = in.read(buf)) > 0) {
        digest.update(buf, 0, n);
        if (sampled < sample.length) {
          int take = Math.min(n, sample.length - sampled);
          System.arraycopy(buf, 0, sample, sampled, take);
          sampled += take;
        }
        for (int i = 0; i < n; i++) {
          if (buf[i] == '\n') {
            lines++;
            long next = offset + i + 1;
            if (next - chunkStart >= chunkBytes) {
              chunks.add(new FileChunk(path, name, null, chunkStart, next, chunkFirstLine));
              chunkStart = next;
              chunkFirstLine = lines + 1;
            }
          }
        }
        lastWasNewline = buf[n - 1] == '\n';
        offset += n;
      }
    }
    if (!lastWasNewline) {
      lines++;
    }
    if (offset > chunkStart) {
      chunks.add(new FileChunk(path, name, null, chunkStart, offset, chunkFirstLine));
    }
    Charset charset = charsetOf(name, Arrays.copyOf(sample, sampled), offset, source, forced);
    List<FileChunk> withCharset = new ArrayList<>(chunks.size());
    for (FileChunk c : chunks) {
      withCharset.add(
          new FileChunk(c.path(), c.fileName(), charset.name(), c.start(), c.end(), c.firstLine()));
    }
    return new FileResult(charset, HexFormat.of().formatHex(digest.digest()), withCharset, lines);
  }

  /**
   * The encoding of a file from a sample of its first bytes, judged line by line: a charset fits
   * when the lines with non-ASCII bytes decode in it, allowing a few corrupt lines (they are
   * quarantined later, not the whole file). Shift_JIS text practically never validates as UTF-8,
   * while UTF-8 bytes often pass as (garbled) CP932, so UTF-8 is tried first.
   */
  static Charset charsetOf(
      String fileName, byte[] sample, long fileLength, Source source, Charset forced) {
    boolean wholeFile = sample.length >= fileLength;
    boolean utf8 = fits(sample, StandardCharsets.UTF_8, wholeFile);
    boolean cp932 = !utf8 && fits(sample, Source.CP932, wholeFile);
    String looksLike = utf8 ? "UTF-8" : cp932 ? "Shift_JIS (CP932)" : "neither UTF-8 nor Shift_JIS";
    if (forced != null) {
      if (!fits(sample, forced, wholeFile)) {
        String fix =
            utf8 || cp932
                ? "re-run with --encoding " + (utf8 ? "UTF-8" : "CP932")
                : "convert it to UTF-8 (for example with iconv) and re-run";
        throw IngestionException.badInput(
            "Cannot read "
                + source.id()
                + " file "
                + fileName
                + " as "
                + forced.name()
                + ": its bytes are not valid "
                + forced.name()
                + " (it looks like "
                + looksLike
                + "); "
                + fix);
      }
      return forced;
    }
    if (utf8) {
      return StandardCharsets.UTF_8;
    }
    if (cp932 && source.shiftJisAllowed()) {
      return Source.CP932;
    }
    if (cp932) {
      throw IngestionException.badInput(
          "Cannot read "
              + source.id()
              + " file "
              + fileName
              + ": it is not UTF-8 but looks like Shift_JIS (CP932), and "
              + source.id()
              + " files must be UTF-8 JSON Lines; convert it (iconv -f CP932 -t UTF-8 "
              + fileName
              + ") or re-run with --encoding CP932");
    }
    throw IngestionException.badInput(
        "Cannot read "
            + source.id()
            + " file "
            + fileName
            + ": its bytes are neither UTF-8 nor Shift_JIS (CP932); if you know its encoding,"
            + " re-run with --encoding NAME, otherwise convert it to UTF-8");
  }

  /**
   * Whether the sample's lines decode in {@code charset}: none fails, or at least 20 lines with
   * non-ASCII bytes decode and at most one in 50 fails.
   */
  static boolean fits(byte[] sample, Charset charset, boolean wholeFile) {
    CharsetDecoder decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    int good = 0;
    int bad = 0;
    int start = 0;
    while (start < sample.length) {
      int end = start;
      boolean ascii = true;
      while (end < sample.length && sample[end] != '\n') {
        ascii &= sample[end] >= 0;
        end++;
      }
      boolean last = end >= sample.length;
      if (!ascii) {
        if (decodes(sample, start, end - start, decoder, !last || wholeFile)) {
          good++;
        } else {
          bad++;
        }
      }
      start = end + 1;
    }
    return bad == 0 || (good >= 20 && bad * 50 <= good);
  }

  private static boolean decodes(
      byte[] bytes, int from, int length, CharsetDecoder decoder, boolean complete) {
    decoder.reset();
    ByteBuffer in = ByteBuffer.wrap(bytes, from, length);
    CharBuffer out = CharBuffer.allocate(length + 16);
    CoderResult result = decoder.decode(in, out, complete);
    if (result.isError()) {
      return false;
    }
    // A sample cut inside the last line may end inside a multi-byte character: not an error.
    return !complete || !decoder.flush(out).isError();
  }

  static Charset charset(String name) {
    try {
      String n = name.trim();
      if (n.equalsIgnoreCase("cp932")
          || n.equalsIgnoreCase("shift_jis")
          || n.equalsIgnoreCase("shift-jis")
          || n.equalsIgnoreCase("sjis")
          || n.equalsIgnoreCase("ms932")) {
        return Source.CP932;
      }
      return Charset.forName(n);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw IngestionException.badInput(
          "Unknown --encoding '" + name + "': use UTF-8 or CP932 (Shift_JIS)", e);
    }
  }

  private static String combined(List<String> digests) {
    List<String> sorted = new ArrayList<>(digests);
    sorted.sort(String::compareTo);
    MessageDigest digest = sha256();
    for (String d : sorted) {
      digest.update((d + "\n").getBytes(StandardCharsets.US_ASCII));
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
