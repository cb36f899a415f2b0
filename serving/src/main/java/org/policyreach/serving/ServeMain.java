package org.policyreach.serving;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.eclipse.jetty.server.Server;
import org.policyreach.core.ConfPaths;
import org.policyreach.core.ConfigException;
import org.policyreach.core.DomainException;
import org.policyreach.serving.snapshot.SnapshotStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code policyreach serve}: starts the API server, prints its URL once it listens and a second
 * line once the first publication is loaded, and shuts down gracefully on SIGTERM/Ctrl-C.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Serve recommendations, profiles, validation, events and officer reports over HTTP.")
public final class ServeMain implements Callable<Integer> {
  @Option(names = "--port", description = "port (default ${DEFAULT-VALUE}; 0 = any free port)")
  int port = ServingConfig.DEFAULT_PORT;

  @Option(names = "--host", description = "bind address (default ${DEFAULT-VALUE})")
  String host = ServingConfig.DEFAULT_HOST;

  @Option(
      names = "--lakehouse",
      description =
          "lakehouse root URI or path (env POLICYREACH_LAKEHOUSE, default ./data/lakehouse)")
  String lakehouse;

  @Option(names = "--conf", description = "configuration folder (default ./conf)")
  String conf;

  @Option(
      names = "--poll-seconds",
      description = "check for new publications every N s (default ${DEFAULT-VALUE})")
  long pollSeconds = ServingConfig.DEFAULT_POLL.toSeconds();

  @Option(
      names = "--landing-dir",
      description = "event landing log (default <lakehouse>/_landing/events)")
  Path landingDir;

  @Option(names = "--audit-dir", description = "audit log folder (default <lakehouse>/_audit)")
  Path auditDir;

  @Option(
      names = "--allow-demo-keys",
      description =
          "serve on a non-loopback --host although api-keys.yaml holds a published demo key"
              + " (throwaway test servers only; env POLICYREACH_ALLOW_DEMO_KEYS=1)")
  boolean allowDemoKeys;

  @Option(
      names = "--body-deadline-seconds",
      description = "a request body must arrive within N s of its start (default ${DEFAULT-VALUE})")
  long bodyDeadlineSeconds = ServingConfig.Security.DEFAULTS.bodyDeadline().toSeconds();

  @Option(
      names = "--max-connections-per-address",
      description = "open connections one client address may hold (default ${DEFAULT-VALUE})")
  int maxConnectionsPerAddress = ServingConfig.Security.DEFAULTS.maxConnectionsPerAddress();

  @Option(
      names = "--session-idle-minutes",
      description = "sign a UI session out after N min unused (default ${DEFAULT-VALUE})")
  long sessionIdleMinutes = ServingConfig.Security.DEFAULTS.sessionIdleTimeout().toMinutes();

  public static void main(String[] args) {
    List<String> rest = new ArrayList<>(List.of(args));
    rest.remove("serve"); // accepts both `ServeMain serve --port N` and `ServeMain --port N`
    CommandLine cl = commandLine();
    System.exit(cl.execute(rest.toArray(new String[0])));
  }

  /** The command with its exit codes: 2 for a configuration error, 1 for a failure. */
  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new ServeMain());
    cl.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          cmd.getErr().println("policyreach serve: " + e.getMessage());
          return e instanceof ConfigException
                  || e instanceof DomainException
                  || (e instanceof ServingException s && s.status() < 500 || isConfigFailure(e))
              ? 2
              : 1;
        });
    return cl;
  }

  private static boolean isConfigFailure(Exception e) {
    return e instanceof ServingException s
        && (s.getMessage().startsWith("Cannot load API keys")
            || s.getMessage().startsWith(PolicyReachServer.DEMO_KEYS_REFUSED));
  }

  @Override
  public Integer call() throws Exception {
    if (pollSeconds < 1) {
      throw new ServingException(400, "INVALID_OPTION", "--poll-seconds must be at least 1");
    }
    String root = lakehouse;
    if (root == null || root.isBlank()) {
      root = System.getenv("POLICYREACH_LAKEHOUSE");
    }
    if (root == null || root.isBlank()) {
      root = "./data/lakehouse";
    }
    Path confDir = ConfPaths.locate(conf);
    boolean allowDemo =
        allowDemoKeys
            || "1".equals(System.getenv("POLICYREACH_ALLOW_DEMO_KEYS"))
            || "true".equalsIgnoreCase(System.getenv("POLICYREACH_ALLOW_DEMO_KEYS"));
    ServingConfig.Security d = ServingConfig.Security.DEFAULTS;
    ServingConfig.Security security =
        new ServingConfig.Security(
            allowDemo,
            Duration.ofSeconds(bodyDeadlineSeconds),
            maxConnectionsPerAddress,
            Duration.ofMinutes(sessionIdleMinutes),
            d.signInMaxFailures(),
            d.signInWindow());
    ServingConfig config =
        new ServingConfig(
            host,
            port,
            root,
            confDir,
            Duration.ofSeconds(pollSeconds),
            landingDir,
            auditDir,
            Clock.systemUTC(),
            security);
    Server server = PolicyReachServer.newServer(config);
    server.setStopAtShutdown(true);
    server.start();
    String shownHost = host.equals("0.0.0.0") ? "127.0.0.1" : host;
    String url = "http://" + shownHost + ":" + PolicyReachServer.port(server) + "/";
    System.out.println(
        "PolicyReach serving on "
            + url
            + " (lakehouse "
            + config.lakehouseUri()
            + ", conf "
            + confDir
            + ")");
    System.out.flush();
    SnapshotStore store = PolicyReachServer.store(server);
    while (server.isRunning() && store.current() == null) {
      Thread.sleep(200);
    }
    if (store.current() != null) {
      System.out.println(
          "Ready: publication " + store.current().publicationId() + " (" + url + "readyz)");
      System.out.flush();
    }
    server.join();
    return 0;
  }
}
