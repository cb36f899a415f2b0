package org.policyreach.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jobs on a real Spark standalone cluster: a master and one worker as child JVMs on loopback
 * (their classes come with the spark-core we depend on), then {@code policyreach --master
 * spark://…} ingests part of a generated dataset and builds, with the lakehouse given as a {@code
 * file:} URI; the same steps in local mode must give the same tables (row counts and a hash of each
 * table's stable columns).
 *
 * <p>The worker's executors get the CLI's classpath the way a Spark installation gives its own
 * jars: a temporary SPARK_HOME whose {@code jars/} holds a copy of {@code cli/target/lib/*.jar} and
 * the CLI jar; the driver runs from the same copy. Spark adds the {@code --add-opens} flags to
 * executors itself.
 *
 * <p>Not in the default test run (surefire picks {@code *Test} classes only); {@code
 * bin/test.d/30-spark-cluster.run} runs it after the build with {@code -Dtest=SparkClusterIT} and
 * {@code -Dpolicyreach.cluster.logs=DIR}: the standard error of every CLI run goes there, and the
 * master's, worker's and executors' logs are copied there at the end (the suite keeps them on a
 * failure).
 */
class SparkClusterIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration START_TIMEOUT = Duration.ofMinutes(3);
  static final String FIRMS = System.getProperty("policyreach.cluster.firms", "300");

  /**
   * Per table, the columns that must be equal in both runs: keys and computed values, not ids or
   * times of the run (build ids, batch timestamps). Doubles are rounded: the order in which partial
   * sums meet differs between a cluster and a local run.
   */
  static final Map<String, String> STABLE_COLUMNS = new LinkedHashMap<>();

  static {
    STABLE_COLUMNS.put(
        "silver.firms",
        "corporate_number, name, prefecture_code, status, jsic_division, jsic_major, capital_yen,"
            + " employees, established, size_class, updated_batch_id");
    STABLE_COLUMNS.put(
        "silver.applications",
        "application_id, program_id, corporate_number, source, status, requested_amount_yen,"
            + " awarded_amount_yen, size(findings), batch_id");
    STABLE_COLUMNS.put("silver.programs", "program_id, catalog_version");
    STABLE_COLUMNS.put("quarantine.records", "batch_id, source, line, size(reasons)");
    STABLE_COLUMNS.put("meta.batches", "batch_id, source, read, accepted, quarantined, duplicates");
    STABLE_COLUMNS.put(
        "gold.firm_profiles",
        "corporate_number, size_class, firm_age_years, applications, awards,"
            + " round(award_rate, 6), last_application_date");
    STABLE_COLUMNS.put("gold.segments", "segment_id, kind, size");
    STABLE_COLUMNS.put("gold.segment_membership", "segment_id, corporate_number");
  }

  static Path root;
  static Path sparkHome;
  static Path logs;
  static int cliRuns;
  static final List<Process> daemons = new ArrayList<>();
  static String masterUrl;

  @BeforeAll
  static void startCluster(@TempDir Path tmp) throws Exception {
    root =
        Path.of(System.getProperty("policyreach.project.root", "..")).toAbsolutePath().normalize();
    Path cliJar = root.resolve("cli/target/policyreach-cli.jar");
    Path lib = root.resolve("cli/target/lib");
    if (!Files.isRegularFile(cliJar) || !Files.isDirectory(lib)) {
      fail(
          "SparkClusterIT needs the packaged CLI ("
              + cliJar
              + " and "
              + lib
              + "): run mvn install first.");
    }
    String logsProperty = System.getProperty("policyreach.cluster.logs", "");
    logs = logsProperty.isBlank() ? tmp.resolve("logs") : Path.of(logsProperty);
    Files.createDirectories(logs);
    sparkHome = tmp.resolve("spark-home");
    Files.createDirectories(sparkHome.resolve("jars"));
    try (Stream<Path> jars = Files.list(lib)) {
      for (Path jar : (Iterable<Path>) jars.filter(p -> p.toString().endsWith(".jar"))::iterator) {
        Files.copy(jar, sparkHome.resolve("jars").resolve(jar.getFileName()));
      }
    }
    Files.copy(cliJar, sparkHome.resolve("jars/policyreach-cli.jar"));

    int port = freePort();
    int webPort = freePort();
    masterUrl = "spark://127.0.0.1:" + port;
    daemons.add(
        startDaemon(
            "master",
            "org.apache.spark.deploy.master.Master",
            "--host",
            "127.0.0.1",
            "--port",
            Integer.toString(port),
            "--webui-port",
            Integer.toString(webPort)));
    daemons.add(
        startDaemon(
            "worker",
            "org.apache.spark.deploy.worker.Worker",
            "--host",
            "127.0.0.1",
            "--webui-port",
            Integer.toString(freePort()),
            "--cores",
            "2",
            "--memory",
            "2g",
            "--work-dir",
            sparkHome.resolve("work").toString(),
            masterUrl));
    awaitWorker(webPort);
  }

  @AfterAll
  static void stopCluster() throws IOException {
    try {
      stopDaemons();
    } finally {
      keepClusterLogs();
    }
  }

  private static void stopDaemons() {
    for (Process p : daemons) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
    }
    for (Process p : daemons) {
      try {
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The daemons' logs and each executor's stdout/stderr (work/app-…/N/std*) into {@link #logs}. */
  private static void keepClusterLogs() throws IOException {
    if (sparkHome == null || logs == null) {
      return;
    }
    for (String name : List.of("master.log", "worker.log")) {
      Path log = sparkHome.resolve(name);
      if (Files.exists(log)) {
        Files.copy(log, logs.resolve(name), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Path work = sparkHome.resolve("work");
    if (Files.isDirectory(work)) {
      try (Stream<Path> files = Files.walk(work)) {
        for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
          String name = f.getFileName().toString();
          if (name.equals("stderr") || name.equals("stdout")) {
            Path rel = work.relativize(f);
            Path target = logs.resolve("executors").resolve(rel.toString().replace('/', '-'));
            Files.createDirectories(target.getParent());
            Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    }
  }

  @Test
  void ingestAndBuildOnTheClusterEqualALocalRun(@TempDir Path tmp) throws Exception {
    Path input = tmp.resolve("input");
    cli(tmp, null, "generate", "--out", input.toString(), "--firms", FIRMS, "--seed", "5");
    String asOf =
        JSON.readTree(input.resolve("truth/summary.json").toFile()).path("as_of").asText();

    // URIs in Hadoop's form: ingestion rejects file:///… for now (Delta normalises it to file:/…
    // and then sees two different locations for one table).
    String onCluster = "file:" + tmp.resolve("lakehouse-cluster").toAbsolutePath();
    String local = "file:" + tmp.resolve("lakehouse-local").toAbsolutePath();
    runAll(tmp, input, onCluster, masterUrl, asOf);
    assertThat(applications())
        .as("the cluster ran the jobs (an application dir per CLI run in the worker's work dir)")
        .isNotEmpty();
    runAll(tmp, input, local, "local[2]", asOf);

    Map<String, JsonNode> clusterTables = fingerprints(tmp, onCluster);
    Map<String, JsonNode> localTables = fingerprints(tmp, local);
    assertThat(clusterTables.get("silver.firms").path("n").asLong()).isPositive();
    assertThat(clusterTables.get("gold.firm_profiles").path("n").asLong()).isPositive();
    assertThat(clusterTables).isEqualTo(localTables);
  }

  /**
   * Ingest the registry (CSV, firm MERGE) and the applications (JSON lines, eligibility checks
   * against the catalog, which every ingest syncs first), then build. The other sources take the
   * same code paths; leaving them out keeps this test to a few minutes.
   */
  private static void runAll(Path tmp, Path input, String lakehouse, String master, String asOf)
      throws Exception {
    for (String source : List.of("registry", "applications")) {
      cli(
          tmp,
          master,
          "--lakehouse",
          lakehouse,
          "ingest",
          "--source",
          source,
          "--input",
          input.resolve(source).toString(),
          "--json");
    }
    cli(
        tmp,
        master,
        "--lakehouse",
        lakehouse,
        "build",
        "--as-of",
        asOf,
        "--reports",
        tmp.resolve("reports").toString(),
        "--json");
  }

  /**
   * Row count and a hash of the stable columns of every table, from one `sql` run. The row hashes
   * are summed as decimals: a sum of longs overflows, which Spark's ANSI mode turns into an error.
   */
  private static Map<String, JsonNode> fingerprints(Path tmp, String lakehouse) throws Exception {
    List<String> parts = new ArrayList<>();
    STABLE_COLUMNS.forEach(
        (table, columns) ->
            parts.add(
                "SELECT '"
                    + table
                    + "' AS t, count(*) AS n, coalesce(sum(CAST(xxhash64("
                    + columns
                    + ") AS DECIMAL(38, 0))), 0) AS h FROM "
                    + table));
    String out =
        cli(
            tmp,
            "local[2]",
            "--lakehouse",
            lakehouse,
            "sql",
            String.join(" UNION ALL ", parts),
            "--format",
            "json");
    Map<String, JsonNode> byTable = new LinkedHashMap<>();
    for (JsonNode row : lastJson(out)) {
      byTable.put(row.path("t").asText(), row);
    }
    assertThat(byTable.keySet()).containsExactlyInAnyOrderElementsOf(STABLE_COLUMNS.keySet());
    return byTable;
  }

  private static List<Path> applications() throws IOException {
    Path work = sparkHome.resolve("work");
    if (!Files.isDirectory(work)) {
      return List.of();
    }
    try (Stream<Path> apps = Files.list(work)) {
      return apps.filter(p -> p.getFileName().toString().startsWith("app-")).toList();
    }
  }

  /**
   * Runs the CLI (on the master when given) and returns its standard output. It runs the way
   * bin/policyreach runs it — the same JVM options, the packaged classpath — but from this test's
   * copy of that classpath, so that a rebuild in the work tree cannot change jars under a running
   * test (the launcher rebuilds when sources are newer than the jar).
   */
  private static String cli(Path tmp, String master, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx1500m");
    cmd.addAll(List.of(sparkJvmOpens().split("\\s+")));
    // as bin/policyreach: extra JVM options from POLICYREACH_JAVA_OPTS (bin/test sets C1-only for
    // its short CLI JVMs), for the driver and the executors alike
    List<String> extra = javaOpts();
    cmd.addAll(extra);
    // Spark settings (-Dspark.…) are the driver's; Spark refuses them in the executors' options
    List<String> executor = extra.stream().filter(o -> !o.startsWith("-Dspark.")).toList();
    if (!executor.isEmpty()) {
      cmd.add("-Dspark.executor.extraJavaOptions=" + String.join(" ", executor));
    }
    cmd.addAll(
        List.of(
            "-Dfile.encoding=UTF-8",
            "-Duser.timezone=Asia/Tokyo",
            // The driver stays on loopback; each run takes the worker's 2 cores, 1 GiB executor.
            "-Dspark.driver.host=127.0.0.1",
            "-Dspark.driver.bindAddress=127.0.0.1",
            "-Dspark.executor.memory=1g",
            "-Dspark.cores.max=2",
            "-cp",
            sparkHome.resolve("jars") + "/*",
            "org.policyreach.cli.PolicyReach"));
    int first = cmd.size();
    if (master != null) {
      cmd.add("--master");
      cmd.add(master);
    }
    cmd.addAll(List.of(args));
    String shown = "policyreach " + String.join(" ", cmd.subList(first, cmd.size()));
    Path out = Files.createTempFile(tmp, "cli", ".out");
    String where = master == null ? "" : master.startsWith("spark:") ? "-cluster" : "-local";
    Path err =
        logs.resolve(
            String.format(Locale.ROOT, "cli-%02d-%s%s.err", ++cliRuns, commandName(args), where));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      fail(shown + " took over 10 minutes; its log: " + err);
    }
    if (p.exitValue() != 0) {
      fail(
          shown
              + " exited "
              + p.exitValue()
              + ":\n"
              + tail(Files.readString(err, StandardCharsets.UTF_8)));
    }
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  /** The subcommand, and the source of an ingest: "generate", "ingest-registry", "sql". */
  private static String commandName(String... args) {
    String command = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--lakehouse")) {
        i++;
      } else if (command == null && !args[i].startsWith("-")) {
        command = args[i];
      } else if (args[i].equals("--source") && i + 1 < args.length) {
        return command + "-" + args[i + 1];
      }
    }
    return command == null ? "cli" : command;
  }

  private static Process startDaemon(String name, String mainClass, String... args)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    cmd.addAll(List.of(sparkJvmOpens().split("\\s+")));
    cmd.add("-cp");
    cmd.add(sparkHome.resolve("jars") + "/*");
    cmd.add(mainClass);
    cmd.addAll(List.of(args));
    Path log = sparkHome.resolve(name + ".log");
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("SPARK_HOME", sparkHome.toString());
    pb.environment().put("SPARK_SCALA_VERSION", "2.13");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return pb.start();
  }

  /** Waits until the master's status page lists a live worker. */
  private static void awaitWorker(int webPort) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + "/json/"))
            .timeout(Duration.ofSeconds(5))
            .build();
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    String last = "";
    while (Instant.now().isBefore(deadline)) {
      for (Process p : daemons) {
        if (!p.isAlive()) {
          fail("a Spark daemon exited during start; logs in " + sparkHome + ":\n" + daemonLogs());
        }
      }
      try {
        last = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        if (JSON.readTree(last).path("aliveworkers").asInt() >= 1) {
          return;
        }
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(1000);
    }
    fail(
        "no Spark worker registered within "
            + START_TIMEOUT
            + " (last answer: "
            + last
            + ")\n"
            + daemonLogs());
  }

  private static String daemonLogs() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (String name : List.of("master", "worker")) {
      Path log = sparkHome.resolve(name + ".log");
      if (Files.exists(log)) {
        sb.append("--- ").append(name).append('\n').append(tail(Files.readString(log)));
      }
    }
    return sb.toString();
  }

  /**
   * The tokens of {@code POLICYREACH_JAVA_OPTS} (empty when unset), as bin/policyreach adds them.
   */
  private static List<String> javaOpts() {
    String opts = System.getenv("POLICYREACH_JAVA_OPTS");
    return opts == null || opts.isBlank() ? List.of() : List.of(opts.trim().split("\\s+"));
  }

  /** The parent pom's spark.jvm.opens, the flags bin/policyreach also uses. */
  private static String sparkJvmOpens() throws IOException {
    String pom = Files.readString(root.resolve("pom.xml"));
    int start = pom.indexOf("<spark.jvm.opens>") + "<spark.jvm.opens>".length();
    return pom.substring(start, pom.indexOf("</spark.jvm.opens>")).trim();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static JsonNode lastJson(String stdout) throws IOException {
    String[] lines = stdout.strip().split("\n");
    try {
      return JSON.readTree(lines[lines.length - 1]);
    } catch (IOException e) {
      return JSON.readTree(stdout);
    }
  }

  private static String tail(String s) {
    return s.length() <= 4000 ? s : "…" + s.substring(s.length() - 4000);
  }
}
