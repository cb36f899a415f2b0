package org.policyreach.serving;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.policyreach.core.ConfPaths;
import org.policyreach.core.NeedCatalog;
import org.policyreach.core.PolicyReachConfig;
import org.policyreach.core.Program;
import org.policyreach.core.ProgramCatalog;
import org.policyreach.serving.api.ColdStart;
import org.policyreach.serving.api.RouteTable;
import org.policyreach.serving.api.ServingContext;
import org.policyreach.serving.audit.AuditLog;
import org.policyreach.serving.auth.ApiKeyRegistry;
import org.policyreach.serving.auth.RateLimiter;
import org.policyreach.serving.auth.UiSessions;
import org.policyreach.serving.events.EventLog;
import org.policyreach.serving.http.ApiHandler;
import org.policyreach.serving.http.JsonErrorHandler;
import org.policyreach.serving.http.Router;
import org.policyreach.serving.http.ServerMetrics;
import org.policyreach.serving.http.SlowClientGuard;
import org.policyreach.serving.http.StaticAssets;
import org.policyreach.serving.push.CampaignDesk;
import org.policyreach.serving.snapshot.NoticeBoard;
import org.policyreach.serving.snapshot.SnapshotLoader;
import org.policyreach.serving.snapshot.SnapshotStore;

/**
 * Builds the Jetty server: one {@link ApiHandler} behind a {@link GracefulHandler}, with the
 * snapshot store, event log and audit log as managed beans. Stopping the server stops accepting,
 * waits up to {@link #STOP_TIMEOUT_MILLIS} for requests in flight, then stops the poller, flushes
 * the audit log and seals the event log.
 */
public final class PolicyReachServer {
  public static final long STOP_TIMEOUT_MILLIS = 30_000;
  public static final int MAX_THREADS = 200;
  public static final int MAX_REQUEST_HEADER_BYTES = 16 * 1024;

  /**
   * A connection that sends nothing for this long is closed (keep-alive between requests, or a
   * stalled client); trickling clients are cut off by {@link SlowClientGuard}.
   */
  public static final long IDLE_TIMEOUT_MILLIS = 15_000;

  private PolicyReachServer() {}

  /** A server on {@code port} (0 = any free port) for a local lakehouse and conf folder. */
  public static Server newServer(int port, Path lakehouse, Path confDir) {
    return newServer(ServingConfig.of(port, lakehouse.toString(), confDir));
  }

  public static Server newServer(ServingConfig config) {
    Path conf = config.confDir();
    ApiKeyRegistry keys = ApiKeyRegistry.load(conf);
    refuseDemoKeysOnPublicAddress(config, keys);
    NeedCatalog needs = NeedCatalog.load(ConfPaths.needsFile(conf));
    ProgramCatalog programs = ProgramCatalog.load(ConfPaths.programsDir(conf), needs);
    PolicyReachConfig settings = PolicyReachConfig.load(conf);
    Clock clock = config.clock();

    SnapshotLoader loader =
        new SnapshotLoader(
            config.lakehouseUri(),
            needs.ids().stream().toList(),
            id -> programs.find(id).map(Program::family).orElse(id));
    SnapshotStore store = new SnapshotStore(loader, config.pollInterval(), clock);
    EventLog events = new EventLog(config.landingDir(), clock);
    AuditLog audit = new AuditLog(config.auditDir(), clock);
    ServerMetrics metrics = new ServerMetrics(store, events, clock);
    ServingContext ctx =
        new ServingContext(
            programs, needs, settings, events, new ColdStart(programs, needs, settings), clock);
    ServingConfig.Security security = config.security();
    UiSessions sessions =
        new UiSessions(
            clock,
            security.sessionIdleTimeout(),
            security.signInMaxFailures(),
            security.signInWindow());
    NoticeBoard notices = new NoticeBoard(config.lakehouseUri(), config.pollInterval());
    CampaignDesk campaigns = new CampaignDesk(config.pushDir(), clock);
    Router router =
        new Router(
            RouteTable.build(
                ctx, store, metrics, keys, sessions, notices, campaigns, audit::healthy));

    QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS);
    threads.setName("policyreach-http");
    Server server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(config.host());
    connector.setPort(config.port());
    connector.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
    connector.addBean(
        new SlowClientGuard(
            config.security().bodyDeadline(), config.security().maxConnectionsPerAddress()),
        true);
    server.addConnector(connector);

    // Started in this order, stopped in reverse after the connectors and in-flight requests.
    server.addBean(events, true);
    server.addBean(audit, true);
    server.addBean(store, true);
    server.addBean(notices, true);
    server.addBean(metrics, false);
    server.addBean(router, false);

    StaticAssets assets = new StaticAssets(PolicyReachServer.class.getClassLoader());
    server.addBean(assets, false);
    ApiHandler api =
        new ApiHandler(
            router, keys, sessions, new RateLimiter(), store, metrics, audit, assets, clock);
    server.setHandler(new GracefulHandler(api));
    server.setErrorHandler(new JsonErrorHandler());
    server.setStopTimeout(STOP_TIMEOUT_MILLIS);
    return server;
  }

  /**
   * The demo keys' plaintext is published: a server reachable from other machines must not accept
   * them. Loopback is fine (the local demo); {@code --allow-demo-keys} overrides (tests).
   */
  static void refuseDemoKeysOnPublicAddress(ServingConfig config, ApiKeyRegistry keys) {
    List<String> demo = keys.demoKeyIds();
    if (demo.isEmpty() || config.security().allowDemoKeys() || isLoopback(config.host())) {
      return;
    }
    throw ServingException.failure(
        DEMO_KEYS_REFUSED
            + config.host()
            + ": "
            + config.confDir().resolve(ApiKeyRegistry.FILE_NAME)
            + " holds the demo key(s) "
            + String.join(", ", demo)
            + ", whose plaintext is published in the README. Replace them with your own keys"
            + " (bin/policyreach keys new --id ID --role ROLE prints a key and its line), bind"
            + " 127.0.0.1, or pass --allow-demo-keys (env POLICYREACH_ALLOW_DEMO_KEYS=1) for a"
            + " throwaway test server",
        null);
  }

  /** The start of the message when demo keys would be served on a public address. */
  public static final String DEMO_KEYS_REFUSED = "Refusing to serve demo API keys on ";

  static boolean isLoopback(String host) {
    if (host == null || host.isBlank()) {
      return false;
    }
    try {
      for (InetAddress a : InetAddress.getAllByName(host)) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** The port the server listens on (after start). */
  public static int port(Server server) {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  public static SnapshotStore store(Server server) {
    return server.getBean(SnapshotStore.class);
  }

  public static EventLog events(Server server) {
    return server.getBean(EventLog.class);
  }

  public static AuditLog audit(Server server) {
    return server.getBean(AuditLog.class);
  }

  public static NoticeBoard notices(Server server) {
    return server.getBean(NoticeBoard.class);
  }

  /** The officer UI's files, indexed at start-up. */
  public static StaticAssets assets(Server server) {
    return server.getBean(StaticAssets.class);
  }

  public static Router router(Server server) {
    return server.getBean(Router.class);
  }
}
