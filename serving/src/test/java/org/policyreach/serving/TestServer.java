package org.policyreach.serving;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.eclipse.jetty.server.Server;
import org.policyreach.core.OnBehalfAssertion;
import org.policyreach.serving.auth.ApiKeyRegistry;
import org.policyreach.serving.snapshot.SnapshotStore;

/**
 * A real server on port 0 over a temp lakehouse, with the repository's program catalog and test API
 * keys, called with the JDK HttpClient.
 */
public final class TestServer implements AutoCloseable {
  /** 2026-11-20 09:00 JST: monozukuri-21, smart-factory-2026, sogyo-tokyo-2026-r2 are open. */
  public static final Instant NOW = Instant.parse("2026-11-20T00:00:00Z");

  public static final String PORTAL_KEY = "test-portal-key";
  public static final String OFFICER_KEY = "test-officer-key";
  public static final String ADMIN_KEY = "test-admin-key";
  public static final String LIMITED_KEY = "test-limited-key";

  /** The on-behalf secret of the test portal key (the portal signs firms' assertions with it). */
  public static final String PORTAL_SECRET = "test-portal-on-behalf-secret";

  private static final java.util.regex.Pattern ON_BEHALF_PATH =
      java.util.regex.Pattern.compile("^/v1/companies/([^/?]+)/(profile|notices)(\\?.*)?$");

  private final Server server;
  private final HttpClient client;
  private final URI base;

  private TestServer(Server server) {
    this.server = server;
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    this.base = URI.create("http://127.0.0.1:" + PolicyReachServer.port(server));
  }

  /** Starts a server; waits for the first poll (a snapshot if one is published). */
  public static TestServer start(Path lakehouse, Path conf) {
    return start(
        new ServingConfig(
            "127.0.0.1",
            0,
            lakehouse.toString(),
            conf,
            Duration.ofHours(1),
            null,
            null,
            Clock.fixed(NOW, ZoneOffset.UTC)));
  }

  public static TestServer start(ServingConfig config) {
    Server server = PolicyReachServer.newServer(config);
    try {
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException("server did not start", e);
    }
    TestServer t = new TestServer(server);
    t.store().pollOnce();
    return t;
  }

  /** A conf folder with the repository's needs and programs and the test keys. */
  public static Path conf(Path dir) {
    try {
      Path repoConf = repoConf();
      Files.createDirectories(dir.resolve("programs"));
      Files.copy(
          repoConf.resolve("needs.yaml"),
          dir.resolve("needs.yaml"),
          StandardCopyOption.REPLACE_EXISTING);
      try (Stream<Path> files = Files.list(repoConf.resolve("programs"))) {
        for (Path f : files.toList()) {
          Files.copy(
              f,
              dir.resolve("programs").resolve(f.getFileName()),
              StandardCopyOption.REPLACE_EXISTING);
        }
      }
      if (Files.exists(repoConf.resolve("policyreach.yaml"))) {
        Files.copy(
            repoConf.resolve("policyreach.yaml"),
            dir.resolve("policyreach.yaml"),
            StandardCopyOption.REPLACE_EXISTING);
      }
      String keys =
          "keys:\n"
              + key("test-portal", "portal", PORTAL_KEY, "1000", "1000")
              + "    on_behalf_secret: "
              + PORTAL_SECRET
              + "\n"
              + key("test-officer", "officer", OFFICER_KEY, "1000", "1000")
              + key("test-admin", "admin", ADMIN_KEY, "1000", "1000")
              + key("test-limited", "portal", LIMITED_KEY, "0.001", "2");
      Files.writeString(dir.resolve(ApiKeyRegistry.FILE_NAME), keys);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path repoConf() {
    String root = System.getProperty("policyreach.project.root");
    Path p = root == null ? Path.of("..").toAbsolutePath().normalize() : Path.of(root);
    return p.resolve("conf");
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

  public Server server() {
    return server;
  }

  public SnapshotStore store() {
    return PolicyReachServer.store(server);
  }

  public URI uri(String path) {
    return base.resolve(path);
  }

  public HttpResponse<String> get(String path, String key) {
    return send(request(path, key).GET().build());
  }

  public HttpResponse<String> get(String path, String key, String header, String value) {
    return send(request(path, key).header(header, value).GET().build());
  }

  public HttpResponse<byte[]> getBytes(String path, String key, String accept) {
    HttpRequest.Builder b = request(path, key);
    if (accept != null) {
      b.header("Accept", accept);
    }
    try {
      return client.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> post(String path, String key, String json) {
    return send("POST", path, key, json);
  }

  /** A request with the key and body, signed like {@link #request} (a draft by its applicant). */
  public HttpResponse<String> send(String method, String path, String key, String json) {
    HttpRequest.BodyPublisher body =
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8);
    HttpRequest.Builder b = signedAsPortal(bare(path, key), key, path, json, NOW.plusSeconds(300));
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    return send(b.method(method, body).build());
  }

  /**
   * A request with the key; for the test portal key on a firm's profile or notices it also carries
   * a valid on-behalf assertion for that firm, as the portal sends for its signed-in firm (tests of
   * the assertion itself build their requests with {@link #bare}).
   */
  public HttpRequest.Builder request(String path, String key) {
    return signedAsPortal(bare(path, key), key, path, null, NOW.plusSeconds(300));
  }

  /**
   * Adds the test portal's on-behalf assertion ({@link #assertionFor}, expiring at {@code expires})
   * when {@code key} is the test portal key and the request names a firm that needs one.
   */
  public static HttpRequest.Builder signedAsPortal(
      HttpRequest.Builder b, String key, String path, String body, Instant expires) {
    String assertion = PORTAL_KEY.equals(key) ? assertionFor(path, body, expires) : null;
    return assertion == null ? b : b.header(OnBehalfAssertion.HEADER, assertion);
  }

  /**
   * The test portal's on-behalf assertion for the firm a request names — in the path of a profile
   * or notices call, or as the draft's applicant of a validation — expiring at {@code expires};
   * null for other requests or an invalid number.
   */
  public static String assertionFor(String path, String body, Instant expires) {
    String cn = null;
    java.util.regex.Matcher m = ON_BEHALF_PATH.matcher(path);
    if (m.matches()) {
      cn = normalised(java.net.URLDecoder.decode(m.group(1), StandardCharsets.UTF_8));
    } else if (path.equals("/v1/applications/validate") && body != null) {
      cn = draftCorporateNumber(body);
    }
    return cn == null
        ? null
        : OnBehalfAssertion.sign(PORTAL_SECRET.getBytes(StandardCharsets.UTF_8), cn, expires);
  }

  /** A request with the key and nothing else. */
  public HttpRequest.Builder bare(String path, String key) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return b;
  }

  private static String normalised(String raw) {
    try {
      return org.policyreach.core.CorporateNumber.parse(raw).value();
    } catch (RuntimeException e) {
      return null; // an invalid number: the server answers 400 before any assertion matters
    }
  }

  private static String draftCorporateNumber(String json) {
    try {
      com.fasterxml.jackson.databind.JsonNode n =
          JSON.readTree(json).at("/applicant/corporate_number");
      return n.isTextual() ? normalised(n.asText()) : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Sends, once more if the server had closed the pooled keep-alive connection before the request
   * reached it (it closes idle connections after {@code PolicyReachServer.IDLE_TIMEOUT_MILLIS}, 15
   * s: a gap a loaded test machine can leave between two tests; the JDK client retries only GET by
   * itself, and the server never saw the request).
   */
  public HttpResponse<String> send(HttpRequest request) {
    try {
      try {
        return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        if (!String.valueOf(e.getMessage()).contains("received no bytes")) {
          throw e;
        }
        return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  /** The body as JSON (fails the test if it is not). */
  public static com.fasterxml.jackson.databind.JsonNode json(HttpResponse<String> res) {
    try {
      return JSON.readTree(res.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + res.body(), e);
    }
  }

  public HttpClient client() {
    return client;
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("server did not stop", e);
    }
  }
}
