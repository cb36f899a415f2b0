package org.policyreach.serving.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.policyreach.serving.PolicyReachServer;
import org.policyreach.serving.TestServer;
import org.policyreach.serving.auth.ApiKeyRegistry;
import org.policyreach.serving.auth.Role;
import org.policyreach.serving.http.Route;

/**
 * Helpers of the security suite: a conf whose test keys have no practical rate limit (the suite
 * sends thousands of requests), the callers of the authorization matrix, raw-socket requests (the
 * JDK client normalises paths and refuses CR/LF), and the response-hygiene assertions every test
 * applies.
 */
final class SecurityServer {
  private SecurityServer() {}

  /** Who calls: no key, a key that is not registered, or a key of each role. */
  enum Caller {
    NONE(null, null),
    BAD_KEY("not-a-registered-key-1234", null),
    PORTAL(TestServer.PORTAL_KEY, Role.PORTAL),
    OFFICER(TestServer.OFFICER_KEY, Role.OFFICER),
    ADMIN(TestServer.ADMIN_KEY, Role.ADMIN);

    final String key;
    final Role role;

    Caller(String key, Role role) {
      this.key = key;
      this.role = role;
    }
  }

  /** Every secret the suite uses: none may appear in a log, audit line or response. */
  static final List<String> SECRETS =
      List.of(
          TestServer.PORTAL_KEY,
          TestServer.OFFICER_KEY,
          TestServer.ADMIN_KEY,
          TestServer.LIMITED_KEY,
          TestServer.PORTAL_SECRET,
          Caller.BAD_KEY.key);

  /** The repository conf with the test keys, rate limits lifted (the limited key keeps its). */
  static Path conf(Path dir) {
    Path conf = TestServer.conf(dir);
    String keys =
        "keys:\n"
            + key("test-portal", "portal", TestServer.PORTAL_KEY, "1000000", "1000000")
            + "    on_behalf_secret: "
            + TestServer.PORTAL_SECRET
            + "\n"
            + key("test-officer", "officer", TestServer.OFFICER_KEY, "1000000", "1000000")
            + key("test-admin", "admin", TestServer.ADMIN_KEY, "1000000", "1000000")
            + key("test-limited", "portal", TestServer.LIMITED_KEY, "0.001", "2");
    try {
      Files.writeString(conf.resolve(ApiKeyRegistry.FILE_NAME), keys);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return conf;
  }

  private static String key(String id, String role, String secret, String rate, String burst) {
    return "  - id: "
        + id
        + "\n    role: "
        + role
        + "\n    sha256: "
        + ApiKeyRegistry.sha256Hex(secret)
        + "\n    requests_per_second: "
        + rate
        + "\n    burst: "
        + burst
        + "\n";
  }

  /**
   * Sends with the test server's client (which resends once over a connection the server closed).
   */
  static HttpResponse<String> send(TestServer server, java.net.http.HttpRequest request) {
    return server.send(request);
  }

  static HttpResponse<String> send(
      TestServer server, String method, String path, String key, String json) {
    return server.send(method, path, key, json);
  }

  static HttpResponse<String> post(TestServer server, String path, String key, String json) {
    return send(server, "POST", path, key, json);
  }

  static HttpResponse<String> get(TestServer server, String path, String key) {
    return send(server, "GET", path, key, null);
  }

  static HttpResponse<String> get(
      TestServer server, String path, String key, String header, String value) {
    return send(server, server.request(path, key).header(header, value).GET().build());
  }

  static List<Route> routes(TestServer server) {
    return PolicyReachServer.router(server.server()).routes();
  }

  /** A raw HTTP/1.1 exchange: the request bytes exactly as given, the response as text. */
  static String raw(TestServer server, String request) {
    return raw(server, request.getBytes(StandardCharsets.ISO_8859_1));
  }

  static String raw(TestServer server, byte[] request) {
    try (Socket s = new Socket("127.0.0.1", server.uri("/").getPort())) {
      s.setSoTimeout(30_000);
      s.getOutputStream().write(request);
      s.getOutputStream().flush();
      return readResponse(s.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads one response (headers + Content-Length body) or until the server closes. */
  static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int headerEnd = -1;
    long contentLength = -1;
    while (true) {
      int n;
      try {
        n = in.read(buf);
      } catch (SocketException | SocketTimeoutException e) {
        break;
      }
      if (n < 0) {
        break;
      }
      out.write(buf, 0, n);
      String sofar = out.toString(StandardCharsets.ISO_8859_1);
      if (headerEnd < 0) {
        headerEnd = sofar.indexOf("\r\n\r\n");
        if (headerEnd >= 0) {
          for (String line : sofar.substring(0, headerEnd).split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
              contentLength = Long.parseLong(line.substring(15).trim());
            }
          }
        }
      }
      if (headerEnd >= 0 && contentLength >= 0 && out.size() >= headerEnd + 4 + contentLength) {
        break;
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The status code of a raw response ("HTTP/1.1 404 Not Found" → 404), or -1. */
  static int status(String rawResponse) {
    if (!rawResponse.startsWith("HTTP/1.1 ") || rawResponse.length() < 12) {
      return -1;
    }
    return Integer.parseInt(rawResponse.substring(9, 12));
  }

  /**
   * What every answer must satisfy, whatever was sent: no server error, no stack trace or class
   * name, the security headers, JSON errors, and nothing of {@code hostile} reflected unescaped.
   */
  static void assertHygienic(HttpResponse<String> res, String what, String hostile) {
    String body = res.body() == null ? "" : res.body();
    assertThat(res.statusCode()).as(what + " → " + abbreviate(body)).isBetween(200, 499);
    assertThat(body)
        .as(what)
        .doesNotContain("Exception")
        .doesNotContain("\tat ")
        .doesNotContain("org.policyreach.");
    assertThat(res.headers().firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
    assertThat(res.headers().firstValue("Content-Security-Policy"))
        .as(what)
        .hasValueSatisfying(v -> assertThat(v).contains("frame-ancestors 'none'"));
    String type = res.headers().firstValue("Content-Type").orElse("");
    if (res.statusCode() >= 400) {
      assertThat(type).as(what).startsWith("application/json");
      assertThat(TestServer.json(res).at("/error/code").asText()).as(what).isNotEmpty();
    }
    if (type.startsWith("application/json") && !body.isEmpty()) {
      TestServer.json(res); // parses, or fails the test
    }
    for (Map.Entry<String, List<String>> h : res.headers().map().entrySet()) {
      for (String v : h.getValue()) {
        assertThat(v).as(what + " header " + h.getKey()).doesNotContain("\r").doesNotContain("\n");
      }
    }
    assertThat(res.headers().map().keySet())
        .as(what)
        .noneMatch(k -> k.equalsIgnoreCase("X-Injected"));
    if (hostile != null) {
      for (String marker : List.of("<script", "<img")) {
        if (hostile.contains(marker)) {
          assertThat(body).as(what + ": reflected unescaped").doesNotContain(marker);
        }
      }
    }
    for (String secret : SECRETS) {
      assertThat(body).as(what + ": a key in the response").doesNotContain(secret);
    }
  }

  static String abbreviate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }
}
