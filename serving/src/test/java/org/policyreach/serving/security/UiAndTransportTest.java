package org.policyreach.serving.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.serving.Fixtures;
import org.policyreach.serving.PolicyReachServer;
import org.policyreach.serving.TestServer;
import org.policyreach.serving.fixture.GoldFixture;
import org.policyreach.serving.http.SecurityHeaders;
import org.policyreach.serving.http.SlowClientGuard;
import org.policyreach.serving.http.StaticAssets;

/**
 * The officer UI's cookie and headers, path traversal under {@code /ui/}, and slow clients
 * (slowloris): headers or bodies that trickle in are cut off, a silent connection times out, and
 * the server keeps answering everyone else meanwhile.
 */
class UiAndTransportTest {
  @TempDir static Path lake;
  @TempDir static Path confDir;
  static TestServer server;

  @BeforeAll
  static void start() {
    Fixtures.publishStandard(new GoldFixture(lake));
    server = TestServer.start(lake, SecurityServer.conf(confDir));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> signIn(String header, String value) {
    var b =
        server
            .request("/ui/session", null)
            .header("Content-Type", "application/json")
            .POST(
                java.net.http.HttpRequest.BodyPublishers.ofString(
                    "{\"key\": \"" + TestServer.OFFICER_KEY + "\"}"));
    if (header != null) {
      b.header(header, value);
    }
    return SecurityServer.send(server, b.build());
  }

  private static List<String> attributes(String setCookie) {
    List<String> out = new ArrayList<>();
    for (String part : setCookie.split(";")) {
      out.add(part.trim());
    }
    return out;
  }

  @Test
  void theSessionCookieIsHttpOnlyStrictAndSecureBehindAnHttpsProxy() {
    HttpResponse<String> plain = signIn(null, null);
    assertThat(plain.statusCode()).isEqualTo(200);
    List<String> a = attributes(plain.headers().firstValue("Set-Cookie").orElseThrow());
    assertThat(a.get(0)).startsWith("pr_session=").hasSizeGreaterThan("pr_session=".length() + 30);
    assertThat(a).contains("HttpOnly", "SameSite=Strict", "Path=/").doesNotContain("Secure");
    assertThat(plain.body()).doesNotContain(a.get(0).substring("pr_session=".length()));
    assertThat(plain.body()).doesNotContain(TestServer.OFFICER_KEY);

    for (String[] proxy :
        new String[][] {
          {"X-Forwarded-Proto", "https"},
          {"X-Forwarded-Proto", "HTTPS, http"},
          {"Forwarded", "for=192.0.2.1;proto=https;host=example.jp"}
        }) {
      HttpResponse<String> behind = signIn(proxy[0], proxy[1]);
      assertThat(attributes(behind.headers().firstValue("Set-Cookie").orElseThrow()))
          .as(proxy[0] + ": " + proxy[1])
          .contains("HttpOnly", "SameSite=Strict", "Secure");
    }
    HttpResponse<String> httpProxy = signIn("X-Forwarded-Proto", "http");
    assertThat(attributes(httpProxy.headers().firstValue("Set-Cookie").orElseThrow()))
        .doesNotContain("Secure");

    // Signing out clears the cookie with the same attributes.
    String cookie = a.get(0);
    HttpResponse<String> out =
        SecurityServer.send(
            server,
            server
                .request("/ui/session", null)
                .header("Cookie", cookie)
                .header("X-Forwarded-Proto", "https")
                .DELETE()
                .build());
    assertThat(out.statusCode()).isEqualTo(204);
    // Over HTTPS the cookie is the __Host- one (see overHttpsTheCookieIsHostPrefixedAndHstsIsSent).
    assertThat(attributes(out.headers().firstValue("Set-Cookie").orElseThrow()))
        .contains("__Host-pr_session=", "Max-Age=0", "HttpOnly", "SameSite=Strict", "Secure");
    HttpResponse<String> after =
        SecurityServer.send(
            server, server.request("/ui/session", null).header("Cookie", cookie).GET().build());
    assertThat(after.statusCode()).isEqualTo(401);
  }

  @Test
  void overHttpsTheCookieIsHostPrefixedAndHstsIsSent() {
    HttpResponse<String> plain = signIn(null, null);
    assertThat(plain.headers().firstValue("Strict-Transport-Security")).isEmpty();
    assertThat(plain.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("pr_session=");
    assertThat(SecurityServer.get(server, "/healthz", null).headers().map())
        .doesNotContainKey("strict-transport-security");

    HttpResponse<String> https = signIn("X-Forwarded-Proto", "https");
    assertThat(https.statusCode()).isEqualTo(200);
    assertThat(https.headers().firstValue("Strict-Transport-Security"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("max-age=").doesNotContain("max-age=0"));
    List<String> a = attributes(https.headers().firstValue("Set-Cookie").orElseThrow());
    assertThat(a.get(0)).startsWith("__Host-pr_session=");
    assertThat(a).contains("Secure", "Path=/", "HttpOnly", "SameSite=Strict");
    assertThat(a).noneMatch(p -> p.toLowerCase(java.util.Locale.ROOT).startsWith("domain="));
    // The __Host- cookie is a session like the plain one.
    HttpResponse<String> session =
        SecurityServer.send(
            server,
            server
                .request("/ui/session", null)
                .header("Cookie", a.get(0))
                .header("X-Forwarded-Proto", "https")
                .GET()
                .build());
    assertThat(session.statusCode()).isEqualTo(200);
    assertThat(session.headers().firstValue("Strict-Transport-Security")).isPresent();
    HttpResponse<String> api =
        SecurityServer.send(
            server,
            server
                .request("/v1/segments", null)
                .header("Cookie", a.get(0))
                .header(org.policyreach.serving.auth.UiSessions.UI_HEADER, "1")
                .GET()
                .build());
    assertThat(api.statusCode()).isEqualTo(200);
    assertThat(
            SecurityServer.get(server, "/ui/_probe/", null, "X-Forwarded-Proto", "https")
                .headers()
                .firstValue("Strict-Transport-Security"))
        .isPresent();
  }

  @Test
  void uiAndApiResponsesCarryCspWithFrameAncestorsAndNoSniff() {
    for (String path :
        List.of("/ui/", "/ui/_probe/index.html", "/ui/_probe/probe.js", "/ui/missing.js")) {
      HttpResponse<String> res = SecurityServer.get(server, path, null);
      String what = path + " → " + res.statusCode();
      assertThat(res.headers().firstValue("Content-Security-Policy"))
          .as(what)
          .hasValueSatisfying(
              v ->
                  assertThat(v)
                      .contains("frame-ancestors 'none'")
                      .contains("default-src")
                      .contains("object-src 'none'")
                      .doesNotContain("unsafe-inline")
                      .doesNotContain("unsafe-eval"));
      assertThat(res.headers().firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
      assertThat(res.headers().firstValue("X-Frame-Options")).as(what).hasValue("DENY");
      assertThat(res.headers().firstValue("Referrer-Policy")).as(what).hasValue("no-referrer");
    }
    HttpResponse<String> api = SecurityServer.get(server, "/v1/programs", TestServer.OFFICER_KEY);
    assertThat(api.headers().firstValue("Content-Security-Policy"))
        .hasValue(SecurityHeaders.API_CSP);
    assertThat(api.headers().firstValue("Cache-Control")).hasValue("no-store");
    // Errors produced by Jetty itself (before routing) carry them too.
    String bad = SecurityServer.raw(server, "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(bad).containsIgnoringCase("X-Content-Type-Options: nosniff");
    assertThat(bad).contains("frame-ancestors 'none'");
  }

  @Test
  void pathTraversalUnderUiFindsNothingOutsideTheUiFolder() {
    // Classpath files outside ui/ that a traversal would reach: the logging config, classes, keys.
    List<String> targets =
        List.of(
            "log4j2.xml",
            "org/policyreach/serving/ServeMain.class",
            "META-INF/MANIFEST.MF",
            "api-keys.yaml",
            "etc/passwd");
    List<String> prefixes =
        List.of(
            "../",
            "../../",
            "..%2f",
            "%2e%2e/",
            "%2e%2e%2f",
            ".%2e/",
            "%252e%252e/",
            "%252e%252e%252f",
            "..\\",
            "..%5c",
            "%2e%2e%5c",
            "..;/",
            "%c0%ae%c0%ae/",
            "..%00/",
            "....//",
            "_probe/../../",
            "_probe/%2e%2e/%2e%2e/",
            "/",
            "//");
    int tried = 0;
    for (String prefix : prefixes) {
      for (String target : targets) {
        String path = "/ui/" + prefix + target;
        String raw =
            SecurityServer.raw(
                server, "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        int status = SecurityServer.status(raw);
        assertThat(status).as(path + " → " + SecurityServer.abbreviate(raw)).isIn(400, 404);
        assertThat(raw)
            .as(path)
            .doesNotContain("<Configuration")
            .doesNotContain("Manifest-Version")
            .doesNotContain("root:")
            .doesNotContain("sha256:");
        tried++;
      }
    }
    // A file under ui/ is served; its directory without a file gives index.html or 404, never a
    // listing.
    assertThat(SecurityServer.get(server, "/ui/_probe/index.html", null).statusCode())
        .isEqualTo(200);
    HttpResponse<String> dir = SecurityServer.get(server, "/ui/_probe/", null);
    assertThat(dir.body()).doesNotContain("probe.js\n").doesNotContain("Index of");
    assertThat(tried).isEqualTo(prefixes.size() * targets.size());
  }

  @Test
  void missingUiPathsAreNotRememberedAndStill404() {
    StaticAssets assets = PolicyReachServer.assets(server.server());
    assertThat(SecurityServer.get(server, "/ui/_probe/index.html", null).statusCode())
        .isEqualTo(200);
    int before = assets.size();
    assertThat(before).isGreaterThanOrEqualTo(2); // _probe/index.html, _probe/probe.js
    for (int i = 0; i < 2_000; i++) {
      String path = "/ui/missing-" + i + (i % 2 == 0 ? ".js" : "/");
      HttpResponse<String> res = SecurityServer.get(server, path, null);
      assertThat(res.statusCode()).as(path).isEqualTo(404);
    }
    assertThat(assets.size()).isEqualTo(before);
    assertThat(SecurityServer.get(server, "/ui/_probe/probe.js", null).statusCode()).isEqualTo(200);
    assertThat(SecurityServer.get(server, "/ui/_probe/", null).body()).contains("probe");
  }

  /** Sends {@code head}, then one byte of {@code trickle} every {@code gapMillis}. */
  private static CompletableFuture<String> trickle(String head, String trickle, long gapMillis) {
    return CompletableFuture.supplyAsync(
        () -> {
          long t0 = System.nanoTime();
          try (Socket s = new Socket("127.0.0.1", server.uri("/").getPort())) {
            s.setSoTimeout(120_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int i = 0; i < trickle.length(); i++) {
              Thread.sleep(gapMillis);
              try {
                out.write(trickle.charAt(i));
                out.flush();
              } catch (SocketException e) {
                return "closed while sending after " + (System.nanoTime() - t0) / 1_000_000 + " ms";
              }
            }
            String rest = SecurityServer.readResponse(in);
            return rest.isEmpty()
                ? "closed after " + (System.nanoTime() - t0) / 1_000_000 + " ms"
                : "answered: " + SecurityServer.abbreviate(rest);
          } catch (IOException e) {
            return "closed (" + e.getClass().getSimpleName() + ")";
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
          }
        });
  }

  @Test
  void slowClientsAreCutOffAndOthersAreStillServed() throws Exception {
    // Slow headers: one header byte every 500 ms, for far longer than the header timeout.
    String endless = "X-Slow: " + "a".repeat(200);
    CompletableFuture<String> slowHeaders =
        trickle("GET /healthz HTTP/1.1\r\nHost: x\r\n", endless, 500);
    // Slow body: a 100 kB body declared, sent one byte every 500 ms.
    CompletableFuture<String> slowBody =
        trickle(
            "POST /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + TestServer.PORTAL_KEY
                + "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n",
            "[" + " ".repeat(200),
            500);
    // Silent: connects, sends part of a request line, then nothing.
    CompletableFuture<String> silent = trickle("GET /heal", "", 0);
    // Meanwhile, everyone else is answered.
    for (int i = 0; i < 20; i++) {
      assertThat(SecurityServer.get(server, "/healthz", null).statusCode()).isEqualTo(200);
      Thread.sleep(200);
    }
    String h = slowHeaders.get(90, TimeUnit.SECONDS);
    String b = slowBody.get(90, TimeUnit.SECONDS);
    String s = silent.get(90, TimeUnit.SECONDS);
    assertThat(h).as("slow headers").startsWith("closed");
    assertThat(b).as("slow body").doesNotStartWith("answered: HTTP/1.1 2");
    assertThat(s).as("silent connection").doesNotStartWith("answered: HTTP/1.1 2");
    SlowClientGuard guard =
        ((org.eclipse.jetty.server.ServerConnector) server.server().getConnectors()[0])
            .getBean(SlowClientGuard.class);
    assertThat(guard.closedSlowHeaders()).isGreaterThanOrEqualTo(1);
    assertThat(guard.closedSlowBodies()).isGreaterThanOrEqualTo(1);
    assertThat(
            ((org.eclipse.jetty.server.ServerConnector) server.server().getConnectors()[0])
                .getIdleTimeout())
        .isEqualTo(PolicyReachServer.IDLE_TIMEOUT_MILLIS);
    assertThat(SecurityServer.get(server, "/healthz", null).statusCode()).isEqualTo(200);
  }
}
