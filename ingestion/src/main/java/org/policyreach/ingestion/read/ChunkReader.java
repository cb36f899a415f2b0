package org.policyreach.ingestion.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The lines of one {@link FileChunk}, decoded with the file's charset. A line whose bytes are not
 * valid in that charset is still returned (with replacement characters) and marked, so that it can
 * be quarantined rather than lost. Line breaks are LF or CRLF; a UTF-8 byte-order mark at the start
 * of a file is dropped.
 */
public final class ChunkReader {

  /** One physical line. */
  public record Line(String fileName, long number, String text, boolean malformed) {}

  private ChunkReader() {}

  /** Reads the whole chunk (a few tens of MB at most) and iterates its lines. */
  public static Iterator<Line> lines(FileChunk chunk, Configuration conf) {
    byte[] bytes = read(chunk, conf);
    Charset charset = Charset.forName(chunk.charset());
    return new LineIterator(chunk, bytes, charset);
  }

  /** Lines of bytes already in memory (tests, small inputs). */
  public static Iterator<Line> lines(FileChunk chunk, byte[] bytes) {
    return new LineIterator(chunk, bytes, Charset.forName(chunk.charset()));
  }

  private static byte[] read(FileChunk chunk, Configuration conf) {
    long length = chunk.end() - chunk.start();
    if (length > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("chunk too large: " + chunk);
    }
    byte[] bytes = new byte[(int) length];
    Path path = new Path(chunk.path());
    try {
      FileSystem fs = path.getFileSystem(conf);
      try (FSDataInputStream in = fs.open(path, 1 << 20)) {
        in.seek(chunk.start());
        readFully(in, bytes);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + chunk.path() + " at " + chunk.start(), e);
    }
    return bytes;
  }

  private static void readFully(InputStream in, byte[] bytes) throws IOException {
    int off = 0;
    while (off < bytes.length) {
      int n = in.read(bytes, off, bytes.length - off);
      if (n < 0) {
        throw new IOException(
            "file is shorter than when it was scanned (changed during ingest?): got "
                + off
                + " of "
                + bytes.length
                + " bytes");
      }
      off += n;
    }
  }

  private static final class LineIterator implements Iterator<Line> {
    private final FileChunk chunk;
    private final byte[] bytes;
    private final CharsetDecoder strict;
    private final Charset charset;
    private int pos;
    private long number;

    LineIterator(FileChunk chunk, byte[] bytes, Charset charset) {
      this.chunk = chunk;
      this.bytes = bytes;
      this.charset = charset;
      this.strict =
          charset
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT);
      this.number = chunk.firstLine();
      if (chunk.start() == 0
          && bytes.length >= 3
          && (bytes[0] & 0xFF) == 0xEF
          && (bytes[1] & 0xFF) == 0xBB
          && (bytes[2] & 0xFF) == 0xBF) {
        pos = 3;
      }
    }

    @Override
    public boolean hasNext() {
      return pos < bytes.length;
    }

    @Override
    public Line next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      int start = pos;
      int end = start;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      pos = end + 1;
      int stop = end;
      if (stop > start && bytes[stop - 1] == '\r') {
        stop--;
      }
      String text;
      boolean malformed = false;
      try {
        text = strict.decode(ByteBuffer.wrap(bytes, start, stop - start)).toString();
      } catch (CharacterCodingException e) {
        text = new String(bytes, start, stop - start, charset);
        malformed = true;
      }
      return new Line(chunk.fileName(), number++, text, malformed);
    }
  }
}
