package org.policyreach.serving;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The serving module's one error type. A request-level error carries the HTTP status and the stable
 * {@code code} that the API answers with ({@code {"error": {"code", "message"}}}); the message
 * names the input, what is wrong and what to do, and never holds a stack trace.
 */
public final class ServingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final Map<String, String> headers = new LinkedHashMap<>();

  public ServingException(int status, String code, String message) {
    this(status, code, message, null);
  }

  public ServingException(int status, String code, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.code = code;
  }

  /** An internal failure (configuration, I/O, a table that cannot be read). */
  public static ServingException failure(String message, Throwable cause) {
    return new ServingException(500, "INTERNAL", message, cause);
  }

  /** A publication or gold table that cannot be served (missing, corrupt, wrong schema). */
  public static ServingException snapshot(String message, Throwable cause) {
    return new ServingException(500, "SNAPSHOT_INVALID", message, cause);
  }

  public static ServingException badRequest(String code, String message) {
    return new ServingException(400, code, message);
  }

  public static ServingException notFound(String code, String message) {
    return new ServingException(404, code, message);
  }

  /** Adds a response header to the error answer (Retry-After, Allow, WWW-Authenticate). */
  public ServingException withHeader(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public Map<String, String> headers() {
    return Collections.unmodifiableMap(headers);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }
}
