package org.policyreach.serving.http;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.policyreach.core.DomainException;
import org.policyreach.serving.ServingException;
import org.policyreach.serving.audit.AuditLog;
import org.policyreach.serving.auth.ApiKey;
import org.policyreach.serving.auth.ApiKeyRegistry;
import org.policyreach.serving.auth.FirmAccess;
import org.policyreach.serving.auth.RateLimiter;
import org.policyreach.serving.auth.UiSessions;
import org.policyreach.serving.snapshot.Snapshot;
import org.policyreach.serving.snapshot.SnapshotStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one request handler: security headers, routing, authentication, role check, rate limit,
 * readiness, the endpoint, error mapping, metrics and the audit line. Every response names the
 * publication that answered it ({@code X-PolicyReach-Publication}); no exception text beyond our
 * own messages, and never a stack trace, leaves the server.
 */
public final class ApiHandler extends Handler.Abstract {
  public static final String PUBLICATION_HEADER = "X-PolicyReach-Publication";
  public static final String REQUEST_ID_HEADER = "X-Request-Id";

  /** Seconds a client should wait before retrying while the first snapshot loads. */
  public static final int NOT_READY_RETRY_SECONDS = 5;

  private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
  private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

  private final Router router;
  private final ApiKeyRegistry keys;
  private final FirmAccess firmAccess;
  private final UiSessions sessions;
  private final RateLimiter limiter;
  private final SnapshotStore store;
  private final ServerMetrics metrics;
  private final AuditLog audit;
  private final StaticAssets assets;
  private final Clock clock;
  private final String requestIdPrefix =
      Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36) + "-";
  private final AtomicLong requestCounter = new AtomicLong();

  public ApiHandler(
      Router router,
      ApiKeyRegistry keys,
      UiSessions sessions,
      RateLimiter limiter,
      SnapshotStore store,
      ServerMetrics metrics,
      AuditLog audit,
      StaticAssets assets,
      Clock clock) {
    this.router = router;
    this.keys = keys;
    this.sessions = sessions;
    this.limiter = limiter;
    this.store = store;
    this.metrics = metrics;
    this.audit = audit;
    metrics.bind(audit);
    this.firmAccess = new FirmAccess(keys.keys(), clock);
    metrics.bind(firmAccess);
    this.assets = assets;
    this.clock = clock;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    long t0 = System.nanoTime();
    String requestId = requestIdPrefix + requestCounter.incrementAndGet();
    String method = request.getMethod();
    String path = Request.getPathInContext(request);
    Snapshot snapshot = store.current();
    HttpFields.Mutable h = response.getHeaders();
    h.put(REQUEST_ID_HEADER, requestId);
    if (snapshot != null) {
      h.put(PUBLICATION_HEADER, snapshot.publicationId());
    }
    if (ApiRequest.isSecure(request)) {
      h.put(SecurityHeaders.HSTS);
    }
    Router.Resolution res = router.resolve(method, path);
    if ((path.equals("/ui") || path.startsWith(StaticAssets.PREFIX))
        && res.allowedMethods().isEmpty()) {
      return serveAsset(request, response, callback, method, path, requestId, snapshot, t0);
    }
    SecurityHeaders.apply(h, false);

    Route route = null;
    ApiKey key = null;
    ApiRequest api = null;
    ApiResponse out;
    try {
      if (res.match().isEmpty()) {
        throw noRoute(method, path, res);
      }
      route = res.match().get().route();
      if (!route.isPublic()) {
        key = authenticate(request);
        if (!key.role().mayCall(route.roles())) {
          throw new ServingException(
              403,
              "FORBIDDEN",
              "API key '"
                  + key.id()
                  + "' has role "
                  + key.role().id()
                  + "; "
                  + method
                  + " "
                  + route.template()
                  + " needs one of "
                  + roleList(route)
                  + " (or admin)");
        }
        long wait = limiter.acquire(key);
        if (wait > 0) {
          throw new ServingException(
                  429,
                  "RATE_LIMITED",
                  "Too many requests for API key '"
                      + key.id()
                      + "' ("
                      + key.requestsPerSecond()
                      + " per second, bursts of "
                      + key.burst()
                      + "): retry after "
                      + wait
                      + " s")
              .withHeader("Retry-After", Long.toString(wait));
        }
      }
      if (route.needsSnapshot() && snapshot == null) {
        throw new ServingException(
                503,
                "NOT_READY",
                "No publication is loaded yet; "
                    + store
                        .lastError()
                        .map(ErrorReference::loadFailure)
                        .orElse("the first snapshot is loading")
                    + ". Retry shortly")
            .withHeader("Retry-After", Integer.toString(NOT_READY_RETRY_SECONDS));
      }
      api =
          new ApiRequest(
              request,
              route,
              res.match().get().params(),
              key,
              snapshot,
              LocalDate.now(clock.withZone(JAPAN)),
              firmAccess);
      out = route.endpoint().handle(api);
    } catch (ServingException e) {
      String message = e.getMessage();
      if (e.status() == 500) {
        // The detail (file paths, table names) is logged with the request id, not sent.
        LOG.error(
            "Request {} ({} {}) failed: {}", requestId, method, template(route), e.toString(), e);
        message = "The server could not answer this request; it has been logged as " + requestId;
      } else if (e.status() > 500 && e.getCause() != null) {
        LOG.error(
            "Request {} ({} {}) failed: {}", requestId, method, template(route), e.toString(), e);
      }
      out = error(e.status(), e.code(), message, requestId, snapshot);
      e.headers().forEach(out::header);
      if (e.status() == 401) {
        out.header("WWW-Authenticate", "Bearer realm=\"policyreach\"");
      }
      if (e.status() == 413) {
        out.header("Connection", "close");
      }
    } catch (DomainException e) {
      out = error(400, e.code(), e.getMessage(), requestId, snapshot);
    } catch (RuntimeException | Error e) {
      // Logged with the request id only: no corporate number, no request body.
      LOG.error("Request {} ({} {}) failed unexpectedly", requestId, method, template(route), e);
      out =
          error(
              500,
              "INTERNAL",
              "The server could not answer this request; it has been logged as " + requestId,
              requestId,
              snapshot);
    }

    response.setStatus(out.status());
    h.put(HttpHeader.CONTENT_TYPE, out.contentType());
    out.headers().forEach(h::put);
    h.put(HttpHeader.CONTENT_LENGTH, out.length());
    response.write(true, ByteBuffer.wrap(out.body(), 0, out.length()), callback);

    metrics.record(method, template(route), out.status(), System.nanoTime() - t0);
    if (route != null && (route.audited() || (api != null && !api.auditDetail().isEmpty()))) {
      writeAudit(requestId, key, method, route, api, out.status(), snapshot, request);
    }
    return true;
  }

  private boolean serveAsset(
      Request request,
      Response response,
      Callback callback,
      String method,
      String path,
      String requestId,
      Snapshot snapshot,
      long t0) {
    HttpFields.Mutable h = response.getHeaders();
    SecurityHeaders.apply(h, true);
    int status;
    byte[] body;
    String type;
    Optional<StaticAssets.Asset> asset =
        method.equals("GET") ? assets.find(path) : Optional.empty();
    if (path.equals("/ui")) {
      status = 308;
      h.put(HttpHeader.LOCATION, StaticAssets.PREFIX);
      body = new byte[0];
      type = ApiResponse.JSON;
    } else if (asset.isPresent()) {
      status = 200;
      body = asset.get().bytes();
      type = asset.get().contentType();
      h.put(HttpHeader.CACHE_CONTROL, "no-cache");
    } else {
      ApiResponse e =
          error(
              method.equals("GET") ? 404 : 405,
              method.equals("GET") ? "NOT_FOUND" : "METHOD_NOT_ALLOWED",
              method.equals("GET") ? "No UI file at " + path : "The UI is read-only: use GET",
              requestId,
              snapshot);
      status = e.status();
      body = e.body();
      type = e.contentType();
    }
    response.setStatus(status);
    h.put(HttpHeader.CONTENT_TYPE, type);
    h.put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
    metrics.record(method, "/ui/*", status, System.nanoTime() - t0);
    return true;
  }

  private ApiKey authenticate(Request request) {
    String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    if (auth == null || auth.isBlank()) {
      String token = sessionCookie(request);
      if (token != null) {
        return fromSession(request, token);
      }
      throw new ServingException(
          401, "UNAUTHENTICATED", "No API key: send the header 'Authorization: Bearer <key>'");
    }
    String presented = null;
    if (auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      presented = auth.substring(7).trim();
    }
    Optional<ApiKey> key = keys.authenticate(presented);
    if (key.isEmpty()) {
      throw new ServingException(
          401,
          "UNAUTHENTICATED",
          "The API key is not valid: send 'Authorization: Bearer <key>' with a key listed (hashed)"
              + " in conf/api-keys.yaml");
    }
    return key.get();
  }

  static String sessionCookie(Request request) {
    String secure = cookie(request, UiSessions.SECURE_COOKIE);
    return secure != null ? secure : cookie(request, UiSessions.COOKIE);
  }

  /** A cookie's value from the Cookie header(s), or null. */
  static String cookie(Request request, String name) {
    for (String header : request.getHeaders().getValuesList(HttpHeader.COOKIE)) {
      for (String pair : header.split(";")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
          return pair.substring(eq + 1).trim();
        }
      }
    }
    return null;
  }

  /** The officer UI's cookie session; the UI header guards against cross-site requests. */
  private ApiKey fromSession(Request request, String token) {
    UiSessions.Session s =
        sessions
            .find(token)
            .orElseThrow(
                () ->
                    new ServingException(
                        401, "UNAUTHENTICATED", "The UI session has expired: sign in again"));
    if (request.getHeaders().get(UiSessions.UI_HEADER) == null) {
      throw new ServingException(
          403,
          "UI_HEADER_REQUIRED",
          "A cookie-authenticated call must carry the " + UiSessions.UI_HEADER + " header");
    }
    return s.key();
  }

  private static ServingException noRoute(String method, String path, Router.Resolution res) {
    if (!res.allowedMethods().isEmpty()) {
      return new ServingException(
              405,
              "METHOD_NOT_ALLOWED",
              method
                  + " is not supported on "
                  + path
                  + "; use "
                  + String.join(" or ", res.allowedMethods()))
          .withHeader("Allow", String.join(", ", res.allowedMethods()));
    }
    return ServingException.notFound(
        "NOT_FOUND", "No route " + method + " " + path + ": see /openapi.json for the API");
  }

  private static String roleList(Route route) {
    return route.roles().stream()
        .map(r -> r.id())
        .sorted()
        .reduce((a, b) -> a + ", " + b)
        .orElse("");
  }

  private static String template(Route route) {
    return route == null ? "NOT_FOUND" : route.template();
  }

  static ApiResponse error(
      int status, String code, String message, String requestId, Snapshot snapshot) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    error.put("request_id", requestId);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    if (snapshot != null) {
      body.put("publication", snapshot.publicationId());
    }
    return ApiResponse.json(status, body);
  }

  private void writeAudit(
      String requestId,
      ApiKey key,
      String method,
      Route route,
      ApiRequest api,
      int status,
      Snapshot snapshot,
      Request request) {
    List<String> firms = api == null ? List.of() : api.touchedFirms();
    String client = ApiRequest.clientAddress(request);
    Map<String, String> detail = api == null ? Map.of() : api.auditDetail();
    String keyId = key == null ? null : key.id();
    String role = key == null ? null : key.role().id();
    String publication = snapshot == null ? null : snapshot.publicationId();
    if (firms.isEmpty()) {
      audit.write(
          new AuditLog.Entry(
              requestId,
              keyId,
              role,
              method,
              route.template(),
              null,
              status,
              publication,
              client,
              detail));
      return;
    }
    for (String cn : firms) {
      audit.write(
          new AuditLog.Entry(
              requestId,
              keyId,
              role,
              method,
              route.template(),
              cn,
              status,
              publication,
              client,
              detail));
    }
  }
}
