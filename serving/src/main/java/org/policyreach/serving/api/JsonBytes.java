package org.policyreach.serving.api;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.policyreach.serving.http.Json;

/**
 * An unsynchronized byte buffer for hand-assembled JSON on the hot path: pre-encoded fragments are
 * copied as bytes, strings are escaped with Jackson's encoder. Callers keep the structure valid.
 */
final class JsonBytes {
  private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};
  private static final byte[] LT = "\\u003C".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] GT = "\\u003E".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] AMP = "\\u0026".getBytes(StandardCharsets.US_ASCII);

  private byte[] buf;
  private int size;

  JsonBytes(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  /** A JSON string literal ({@code "…"}, escaped, UTF-8), or {@code null}. */
  static byte[] quoted(String s) {
    if (s == null) {
      return NULL.clone();
    }
    byte[] body = ENCODER.quoteAsUTF8(Json.wellFormed(s));
    int specials = 0;
    for (byte b : body) {
      if (b == '<' || b == '>' || b == '&') {
        specials++;
      }
    }
    byte[] out = new byte[body.length + 2 + 5 * specials];
    int o = 0;
    out[o++] = '"';
    for (byte b : body) {
      byte[] esc = b == '<' ? LT : b == '>' ? GT : b == '&' ? AMP : null;
      if (esc == null) {
        out[o++] = b;
      } else {
        // As Json's output escapes: an echoed <script> never appears literally.
        System.arraycopy(esc, 0, out, o, esc.length);
        o += esc.length;
      }
    }
    out[o] = '"';
    return out;
  }

  private void ensure(int extra) {
    if (size + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
    }
  }

  JsonBytes raw(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, size, b.length);
    size += b.length;
    return this;
  }

  /** Appends ASCII text that needs no escaping (field names, digits, ISO dates). */
  JsonBytes ascii(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[size++] = (byte) s.charAt(i);
    }
    return this;
  }

  JsonBytes string(String s) {
    return raw(quoted(s));
  }

  JsonBytes number(long v) {
    if (v >= 0 && v < 10) {
      return ch((char) ('0' + v));
    }
    return ascii(Long.toString(v));
  }

  /** A score in [0, 1] style: at most four decimals, no trailing zeros ({@code 0.81}). */
  JsonBytes decimal4(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return ch('0');
    }
    long scaled = Math.round(Math.abs(v) * 10_000);
    if (v < 0 && scaled != 0) {
      ch('-');
    }
    number(scaled / 10_000);
    int frac = (int) (scaled % 10_000);
    if (frac == 0) {
      return ascii(".0");
    }
    ch('.');
    int digits = 4;
    while (frac % 10 == 0) {
      frac /= 10;
      digits--;
    }
    for (int d = digits - 1; d >= 0; d--) {
      int p = (int) Math.pow(10, d);
      ch((char) ('0' + (frac / p) % 10));
    }
    return this;
  }

  JsonBytes bool(boolean v) {
    return ascii(v ? "true" : "false");
  }

  JsonBytes ch(char c) {
    ensure(1);
    buf[size++] = (byte) c;
    return this;
  }

  /** The internal buffer; only the first {@link #size()} bytes are content. */
  byte[] buffer() {
    return buf;
  }

  int size() {
    return size;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
