package org.policyreach.serving.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.policyreach.serving.ServingException;
import org.policyreach.serving.auth.ApiKey;
import org.policyreach.serving.auth.ApiKeyRegistry;
import org.policyreach.serving.auth.Role;
import org.policyreach.serving.auth.UiSessions;
import org.policyreach.serving.http.ApiRequest;
import org.policyreach.serving.http.ApiResponse;
import org.policyreach.serving.http.Json;

/** {@code /ui/session}: sign the officer UI in (POST), check (GET) and out (DELETE). */
public final class UiSessionApi {
  private final ApiKeyRegistry keys;
  private final UiSessions sessions;

  public UiSessionApi(ApiKeyRegistry keys, UiSessions sessions) {
    this.keys = keys;
    this.sessions = sessions;
  }

  /** A sign-in body holds one key: anything larger is refused (413) before it is read. */
  public static final int MAX_SIGN_IN_BYTES = 4 * 1024;

  public record SignIn(@JsonProperty("key") String key) {}

  public ApiResponse signIn(ApiRequest r) {
    r.audit("event", "sign_in"); // audited with its status: 200 signed in, 401/403/400/429 refused
    String address = r.remoteAddress();
    long wait = sessions.signInBlockedFor(address);
    if (wait > 0) {
      throw new ServingException(
              429,
              "SIGN_IN_LOCKED",
              "Too many failed sign-ins from this address: retry after " + wait + " s")
          .withHeader("Retry-After", Long.toString(wait));
    }
    SignIn in = Json.read(r.body(MAX_SIGN_IN_BYTES), SignIn.class);
    Optional<ApiKey> found = keys.authenticate(in.key() == null ? null : in.key().strip());
    if (found.isEmpty()) {
      sessions.signInFailed(address);
      throw new ServingException(
          401, "UNAUTHENTICATED", "The key is not valid: check it and sign in again");
    }
    ApiKey key = found.get();
    r.audit("key_id", key.id());
    if (key.role() != Role.OFFICER && key.role() != Role.ADMIN) {
      throw new ServingException(
          403,
          "FORBIDDEN",
          "API key '"
              + key.id()
              + "' has role "
              + key.role().id()
              + "; the officer UI needs an officer key");
    }
    String token = sessions.create(key);
    UiSessions.Session s = sessions.find(token).orElseThrow();
    return ApiResponse.ok(describe(s))
        .header("Set-Cookie", cookie(token, UiSessions.LIFETIME.toSeconds(), r.isSecure()));
  }

  public ApiResponse current(ApiRequest r) {
    UiSessions.Session s =
        sessions
            .find(r.sessionToken())
            .orElseThrow(
                () ->
                    new ServingException(
                        401, "UNAUTHENTICATED", "Not signed in (or the session expired)"));
    return ApiResponse.ok(describe(s));
  }

  public ApiResponse signOut(ApiRequest r) {
    sessions.remove(r.sessionToken());
    return ApiResponse.bytes(204, ApiResponse.JSON, new byte[0])
        .header("Set-Cookie", cookie("", 0, r.isSecure()));
  }

  private static Map<String, Object> describe(UiSessions.Session s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("key_id", s.key().id());
    m.put("role", s.key().role().id());
    m.put("expires_at", s.expiresAt().toString());
    return m;
  }

  private static String cookie(String token, long maxAge, boolean secure) {
    return (secure ? UiSessions.SECURE_COOKIE : UiSessions.COOKIE)
        + "="
        + token
        + "; Path=/; Max-Age="
        + maxAge
        + "; HttpOnly; SameSite=Strict"
        + (secure ? "; Secure" : "");
  }
}
