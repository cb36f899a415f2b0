package org.policyreach.serving.http;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;
import org.policyreach.core.OnBehalfAssertion;
import org.policyreach.serving.ServingException;
import org.policyreach.serving.auth.ApiKey;
import org.policyreach.serving.auth.FirmAccess;
import org.policyreach.serving.snapshot.Snapshot;

/**
 * A request as an endpoint sees it: path parameters, query, the authenticated key, the one snapshot
 * it answers from, today's date, and the firms it touched (for the audit log).
 */
public final class ApiRequest {
  /** Request bodies larger than this are refused with 413. */
  public static final int MAX_BODY_BYTES = 1024 * 1024;

  private final Request request;
  private final Route route;
  private final Map<String, String> params;
  private final ApiKey key;
  private final Snapshot snapshot;
  private final LocalDate today;
  private final FirmAccess access;
  private final List<String> touched = new ArrayList<>();
  private final Map<String, String> auditDetail = new java.util.LinkedHashMap<>();
  private Fields query;

  ApiRequest(
      Request request,
      Route route,
      Map<String, String> params,
      ApiKey key,
      Snapshot snapshot,
      LocalDate today,
      FirmAccess access) {
    this.request = request;
    this.route = route;
    this.params = params;
    this.key = key;
    this.snapshot = snapshot;
    this.today = today;
    this.access = access;
  }

  public Route route() {
    return route;
  }

  public String pathParam(String name) {
    return params.get(name);
  }

  /** A query parameter's first value, or null. */
  public String query(String name) {
    return queryFields().getValue(name);
  }

  public Fields queryFields() {
    if (query == null) {
      try {
        query = Request.extractQueryParameters(request);
      } catch (RuntimeException e) {
        // Jetty's BadMessageException / IllegalArgumentException on %zz or invalid UTF-8.
        throw ServingException.badRequest(
            "INVALID_PARAMETER",
            "The query string is not valid: percent-encode it as UTF-8 (e.g. %E6%9D%B1 for 東)");
      }
    }
    return query;
  }

  public String header(String name) {
    return request.getHeaders().get(name);
  }

  /** A cookie's value, or null. */
  public String cookie(String name) {
    return ApiHandler.cookie(request, name);
  }

  /**
   * True over TLS, or behind a TLS-terminating proxy that says so ({@code X-Forwarded-Proto: https}
   * or {@code Forwarded: proto=https}): the UI's session cookie is then {@code __Host-pr_session}
   * with {@code Secure}, and responses carry HSTS. A client faking the header only makes its own
   * cookie stricter (and browsers ignore HSTS received over plain HTTP).
   */
  public boolean isSecure() {
    return isSecure(request);
  }

  static boolean isSecure(Request request) {
    if (request.isSecure()) {
      return true;
    }
    String xfp = request.getHeaders().get("X-Forwarded-Proto");
    if (xfp != null && xfp.split(",")[0].trim().equalsIgnoreCase("https")) {
      return true;
    }
    String fwd = request.getHeaders().get("Forwarded");
    if (fwd != null) {
      for (String part : fwd.split(",")[0].split(";")) {
        String p = part.trim().toLowerCase(java.util.Locale.ROOT);
        if (p.equals("proto=https") || p.equals("proto=\"https\"")) {
          return true;
        }
      }
    }
    return false;
  }

  /** The UI session token: the {@code __Host-} cookie if sent, else the plain one; or null. */
  public String sessionToken() {
    return ApiHandler.sessionCookie(request);
  }

  /** The client's IP address as the connection shows it (a proxy's, behind one). */
  public String remoteAddress() {
    return Request.getRemoteAddr(request);
  }

  /** The caller's key; null on public routes. */
  public ApiKey key() {
    return key;
  }

  /** The snapshot this request answers from; non-null on routes that need one. */
  public Snapshot snapshot() {
    return snapshot;
  }

  public LocalDate today() {
    return today;
  }

  /**
   * Records a firm this request touched (a 13-digit number; null for an invalid one) and checks
   * that the caller may read it ({@link FirmAccess}: the portal's on-behalf assertion, the key's
   * daily quota of firms), throwing 403 or 429 if not. Endpoints call it right after parsing a
   * number, before reading anything of the firm.
   */
  public void touched(String corporateNumber) {
    touched.add(corporateNumber);
    if (access != null && corporateNumber != null) {
      access.check(
          key, route.method(), route.template(), header(OnBehalfAssertion.HEADER), corporateNumber);
    }
  }

  List<String> touchedFirms() {
    return touched;
  }

  /**
   * Adds {@code name=value} to this call's audit line (an export's format and filters, a sign-in's
   * outcome); a call with detail is audited even on a route that is not. Never a key or a contact.
   */
  public void audit(String name, String value) {
    auditDetail.put(name, value);
  }

  Map<String, String> auditDetail() {
    return auditDetail;
  }

  /**
   * The peer's address, followed by the {@code X-Forwarded-For} chain when a proxy sent one (as
   * given: the proxy's own address is the peer).
   */
  static String clientAddress(Request request) {
    String peer = Request.getRemoteAddr(request);
    String xff = request.getHeaders().get("X-Forwarded-For");
    if (xff == null || xff.isBlank()) {
      return peer;
    }
    String chain = xff.strip();
    return peer
        + " (forwarded for "
        + (chain.length() > 200 ? chain.substring(0, 200) : chain)
        + ")";
  }

  /**
   * The body, at most {@link #MAX_BODY_BYTES}: a larger Content-Length is refused before reading,
   * and a body that streams past the limit (chunked, or a lying header) is refused when it does. A
   * body must be sent as {@code application/json}; without a Content-Type it is refused (415).
   */
  public byte[] body() {
    return body(MAX_BODY_BYTES);
  }

  /** The body, at most {@code maxBytes} (a route with small inputs gives a smaller limit). */
  public byte[] body(int maxBytes) {
    long declared = request.getLength();
    if (declared > maxBytes) {
      throw tooLarge(declared + " bytes declared", maxBytes);
    }
    String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    if (type == null && declared != 0) {
      throw new ServingException(
          415,
          "UNSUPPORTED_MEDIA_TYPE",
          "The request has a body but no Content-Type: send it as application/json (UTF-8)");
    }
    if (type != null && !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw new ServingException(
          415,
          "UNSUPPORTED_MEDIA_TYPE",
          "Content-Type " + type + " is not accepted: send application/json (UTF-8)");
    }
    try (InputStream in = Content.Source.asInputStream(request)) {
      byte[] buf = new byte[(int) Math.min(maxBytes + 1L, Math.max(declared, 8192))];
      int n = 0;
      while (true) {
        if (n == buf.length) {
          if (buf.length > maxBytes) {
            throw tooLarge("more than " + maxBytes + " bytes sent", maxBytes);
          }
          buf = java.util.Arrays.copyOf(buf, Math.min(maxBytes + 1, buf.length * 2));
        }
        int r = in.read(buf, n, buf.length - n);
        if (r < 0) {
          break;
        }
        n += r;
        if (n > maxBytes) {
          throw tooLarge("more than " + maxBytes + " bytes sent", maxBytes);
        }
      }
      return java.util.Arrays.copyOf(buf, n);
    } catch (IOException e) {
      throw ServingException.badRequest(
          "BODY_UNREADABLE", "The request body could not be read completely: " + e.getMessage());
    }
  }

  private static ServingException tooLarge(String what, int limit) {
    return new ServingException(
        413,
        "PAYLOAD_TOO_LARGE",
        "The request body is too large ("
            + what
            + "); the limit is "
            + limit
            + (limit == ApiRequest.MAX_BODY_BYTES
                ? " bytes (1 MB): split the request"
                : " bytes for this route"));
  }
}
