package org.policyreach.serving.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.serving.ServingConfig;
import org.policyreach.serving.TestServer;
import org.policyreach.serving.api.UiSessionApi;

/**
 * The public sign-in route and request bodies: a small body limit on sign-in, JSON only, a whole
 * body within the deadline, and a cap on the connections one client address holds open.
 */
class ConnectionLimitsTest {
  static final Duration DEADLINE = Duration.ofSeconds(3);
  @TempDir static Path lake;
  @TempDir static Path confDir;
  static Path conf;
  static TestServer server;

  static ServingConfig config(ServingConfig.Security security) {
    return new ServingConfig(
        "127.0.0.1",
        0,
        lake.toString(),
        conf,
        Duration.ofHours(1),
        null,
        null,
        Clock.fixed(TestServer.NOW, ZoneOffset.UTC),
        security);
  }

  @BeforeAll
  static void start() {
    conf = SecurityServer.conf(confDir);
    server = TestServer.start(config(ServingConfig.Security.DEFAULTS.withBodyDeadline(DEADLINE)));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void anOversizedSignInBodyIs413() {
    String big = "{\"key\": \"" + "k".repeat(UiSessionApi.MAX_SIGN_IN_BYTES) + "\"}";
    HttpResponse<String> res = SecurityServer.post(server, "/ui/session", null, big);
    assertThat(res.statusCode()).isEqualTo(413);
    assertThat(TestServer.json(res).path("error").path("code").asText())
        .isEqualTo("PAYLOAD_TOO_LARGE");
    assertThat(TestServer.json(res).path("error").path("request_id").asText()).isNotEmpty();
    // A normal sign-in still works.
    HttpResponse<String> ok =
        SecurityServer.post(
            server, "/ui/session", null, "{\"key\": \"" + TestServer.OFFICER_KEY + "\"}");
    assertThat(ok.statusCode()).isEqualTo(200);
  }

  @Test
  void aBodyWithoutContentTypeIs415() {
    for (String path : List.of("/ui/session", "/v1/events")) {
      HttpResponse<String> res =
          SecurityServer.send(
              server,
              server
                  .request(path, path.startsWith("/v1") ? TestServer.PORTAL_KEY : null)
                  .POST(HttpRequest.BodyPublishers.ofString("{\"key\": \"x\"}"))
                  .build());
      assertThat(res.statusCode()).as(path).isEqualTo(415);
      assertThat(TestServer.json(res).path("error").path("code").asText())
          .isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }
  }

  @Test
  void aBodyNotCompleteByTheDeadlineIsAnswered408AndClosed() throws Exception {
    long t0 = System.nanoTime();
    String outcome;
    try (Socket s = new Socket("127.0.0.1", server.uri("/").getPort())) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      out.write(
          ("POST /ui/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  + "Content-Length: 1000\r\n\r\n{")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      outcome = "sent everything";
      // Faster than the old per-second minimum would notice within its 10 s grace, far slower
      // than the deadline allows.
      for (int i = 0; i < 999; i++) {
        Thread.sleep(100);
        try {
          out.write(' ');
          out.flush();
        } catch (SocketException e) {
          outcome = "closed while sending";
          break;
        }
        if ((System.nanoTime() - t0) > Duration.ofSeconds(20).toNanos()) {
          outcome = "still open after 20 s";
          break;
        }
      }
      String rest = SecurityServer.readResponse(in);
      if (!rest.isEmpty()) {
        outcome = rest;
      }
    }
    long millis = (System.nanoTime() - t0) / 1_000_000;
    assertThat(outcome)
        .as("after " + millis + " ms")
        .satisfiesAnyOf(
            o -> assertThat(o).startsWith("HTTP/1.1 408"),
            o -> assertThat(o).isEqualTo("closed while sending"));
    // The guard checks once a second.
    assertThat(millis).isLessThan(DEADLINE.toMillis() + 3_000);
    assertThat(SecurityServer.get(server, "/healthz", null).statusCode()).isEqualTo(200);
  }

  /** One keep-alive request on an open socket; "" if the server closed it. */
  private static String healthz(Socket s) throws IOException {
    try {
      s.getOutputStream()
          .write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      return SecurityServer.readResponse(s.getInputStream());
    } catch (SocketException e) {
      return "";
    }
  }

  @Test
  void connectionsOverTheCapFromOneAddressAreClosedAndTheOthersStillWork() throws Exception {
    int max = 4;
    try (TestServer limited =
        TestServer.start(
            config(ServingConfig.Security.DEFAULTS.withMaxConnectionsPerAddress(max)))) {
      int port = limited.uri("/").getPort();
      List<Socket> sockets = new ArrayList<>();
      try {
        for (int i = 0; i < max; i++) {
          Socket s = new Socket("127.0.0.1", port);
          s.setSoTimeout(10_000);
          sockets.add(s);
          assertThat(healthz(s)).as("connection " + (i + 1)).startsWith("HTTP/1.1 200");
        }
        try (Socket extra = new Socket("127.0.0.1", port)) {
          extra.setSoTimeout(10_000);
          assertThat(healthz(extra)).as("connection " + (max + 1)).isEmpty();
        }
        for (Socket s : sockets) {
          assertThat(healthz(s)).startsWith("HTTP/1.1 200");
        }
        // Closing one frees a place.
        sockets.remove(0).close();
        Thread.sleep(500);
        try (Socket again = new Socket("127.0.0.1", port)) {
          again.setSoTimeout(10_000);
          assertThat(healthz(again)).startsWith("HTTP/1.1 200");
        }
      } finally {
        for (Socket s : sockets) {
          s.close();
        }
      }
      var guard =
          ((org.eclipse.jetty.server.ServerConnector) limited.server().getConnectors()[0])
              .getBean(org.policyreach.serving.http.SlowClientGuard.class);
      assertThat(guard.refusedConnections()).isEqualTo(1);
    }
  }
}
