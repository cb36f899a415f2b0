package org.policyreach.serving.http;

import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.policyreach.serving.auth.ApiKeyRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Internal error details (file paths, table names, exception text) stay in the server log: a client
 * sees a short reference, and the log line with the same reference has the detail. The same detail
 * always gets the same reference and is logged once.
 */
public final class ErrorReference {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorReference.class);
  private static final int MAX_REMEMBERED = 1_000;
  private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

  private ErrorReference() {}

  /** The reference of {@code detail} ({@code E} and 10 hex digits); logs the detail once. */
  public static String of(String detail) {
    String id = "E" + HexFormat.of().formatHex(ApiKeyRegistry.sha256(detail)).substring(0, 10);
    if (LOGGED.size() >= MAX_REMEMBERED || LOGGED.add(id)) {
      LOG.warn("Error {}: {}", id, detail);
    }
    return id;
  }

  /** What a client is told about a publication that could not be loaded. */
  public static String loadFailure(String detail) {
    return "the publication could not be loaded (error " + of(detail) + ": see the server log)";
  }
}
