package org.policyreach.cli.reliability;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.policyreach.cli.PolicyReach;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The fault trials of issue 9 for ingestion and the build, in one driver JVM.
 *
 * <p>A reference lakehouse is built without faults, step by step (five ingests, then the build),
 * keeping a copy after each step. Then, each on a copy of the reference before its step:
 *
 * <ul>
 *   <li><b>kill -9 ingest / build</b>: the step runs in a child JVM (the CLI, as {@code
 *       bin/policyreach} runs it) and is killed with SIGKILL at a seeded random point: after the
 *       m-th of the step's Delta commits (m drawn from 0 .. commits-1 of the reference step) plus a
 *       random part of the gap to the next one — so kills spread over every phase of the step
 *       whatever the machine's speed; then the step is run again;
 *   <li><b>concurrent ingests</b>: applications and legacy (both write silver.applications,
 *       silver.firms, quarantine and the ledger) in two child JVMs started 0–3 s apart; both must
 *       land, or one fails cleanly and its re-run lands;
 *   <li><b>full disk</b>: the lakehouse on a small tmpfs with 32–288 KB (ingest) or 8–136 KB
 *       (build) left; the step must fail with a clear "disk full" error, and after space is freed
 *       its re-run must complete.
 * </ul>
 *
 * Steps that are not killed (the reference chain, re-runs) run in this JVM through {@link
 * PolicyReach#run}, which is what makes the suite cheap enough for CI. Every trial lakehouse is
 * then checked against the reference at the same step ({@link LakeChecks}); planted faults
 * ("canaries") prove that the checks can fail. Results: {@code results.tsv}, {@code trials.tsv},
 * {@code checks.csv}, {@code publications.csv}, {@code disk-errors.txt}, {@code summary.txt} in
 * {@code --out}. Exit 1 if a trial failed or a canary was missed.
 *
 * <p>Run by {@code bench/reliability.sh} (full counts) and {@code bin/test.d/60-reliability.run}
 * (reduced counts); the class path is the CLI's plus this module's test classes.
 */
@Command(
    name = "fault-trials",
    mixinStandardHelpOptions = true,
    description = "Kill -9, concurrent and full-disk trials of ingest and build, then checks.")
public final class FaultTrials implements Callable<Integer> {

  static final String AS_OF = "2026-11-26";

  @Option(names = "--ingest-trials", defaultValue = "20")
  int ingestTrials;

  @Option(names = "--build-trials", defaultValue = "20")
  int buildTrials;

  @Option(names = "--concurrent", defaultValue = "5")
  int concurrent;

  @Option(
      names = "--disk",
      defaultValue = "3",
      description = "Full-disk trials each for ingest and build.")
  int disk;

  @Option(names = "--seed", defaultValue = "20261126")
  long seed;

  @Option(names = "--firms", defaultValue = "300")
  int firms;

  @Option(names = "--out", required = true)
  Path out;

  @Option(names = "--work", required = true, description = "An empty work folder.")
  Path work;

  @Option(names = "--conf", required = true, description = "The project's conf/ folder.")
  Path confSource;

  /** The steps of a day. */
  enum Step {
    REGISTRY("registry", "registry"),
    FIRM_ATTRIBUTES("firm-attributes", "firm_attributes"),
    APPLICATIONS("applications", "applications"),
    LEGACY("legacy", "legacy"),
    EVENTS("events", "events"),
    BUILD("build", null);

    final String name;
    final String inputFolder;

    Step(String name, String inputFolder) {
      this.name = name;
      this.inputFolder = inputFolder;
    }

    /** The reference copy this step starts from (0 = empty) is {@code ref.<ordinal>}. */
    int before() {
      return ordinal();
    }

    int after() {
      return ordinal() + 1;
    }
  }

  private static final Pattern COMMIT = Pattern.compile("\\d{20}\\.json");
  private static final Pattern RETRY = Pattern.compile("retry \\d+/\\d+ after a concurrent commit");

  private Random random;
  private Path conf;
  private Path in;
  private final long t0 = System.nanoTime();

  /** Per reference step: the commit files it added, oldest first (their mtimes give the gaps). */
  private final Map<Step, List<Long>> commitTimes = new LinkedHashMap<>();

  private final Map<Step, Long> stepStart = new LinkedHashMap<>();
  private final List<Trial> trials = new ArrayList<>();

  /** One trial: what was planned, what happened, the lakehouse to check and its reference step. */
  record Trial(
      String scenario, int number, String step, String plan, String event, Path lake, int refStep) {
    /** The trial's columns in trials.tsv and results.tsv: scenario, number, step, plan, event. */
    List<String> columns() {
      return List.of(scenario, Integer.toString(number), step, plan, event);
    }

    /** Unique per trial: disk trials of ingest and build share the scenario and numbers. */
    String name() {
      return scenario.equals("disk")
          ? "disk-" + (step.equals("build") ? "build" : "ingest") + "-" + number
          : scenario + "-" + number;
    }
  }

  public static void main(String[] args) {
    int code = new CommandLine(new FaultTrials()).execute(args);
    System.exit(code);
  }

  @Override
  public Integer call() throws Exception {
    random = new Random(seed);
    Files.createDirectories(out);
    Files.createDirectories(work.resolve("trials"));
    conf = work.resolve("conf");
    copy(confSource, conf);
    // one training origin instead of three: the build's write path (what the trials exercise)
    // is the same, the ranker just trains on less
    Path yaml = conf.resolve("policyreach.yaml");
    Files.writeString(
        yaml,
        Files.readString(yaml).replaceAll("(?m)^(  train_origins:) *\\d+", "$1 1"),
        StandardCharsets.UTF_8);
    in = work.resolve("in");

    say("generating " + firms + " firms (seed 42)");
    inProcess(
        work.resolve("unused"),
        work.resolve("generate.log"),
        List.of(
            "generate",
            "--out",
            in.toString(),
            "--firms",
            Integer.toString(firms),
            "--seed",
            "42",
            "--as-of",
            AS_OF),
        true);
    referenceChain();

    for (int t = 1; t <= ingestTrials; t++) {
      ingestKillTrial(t);
    }
    for (int t = 1; t <= buildTrials; t++) {
      buildKillTrial(t);
    }
    for (int t = 1; t <= concurrent; t++) {
      concurrentTrial(t);
    }
    if (disk > 0) {
      String why = DiskTrials.unavailable(work.resolve("small"));
      if (why != null) {
        say("cannot mount a tmpfs (" + why + "): the full-disk trials are skipped");
        trials.add(
            new Trial("disk", 0, "-", "-", "SKIPPED: cannot mount a tmpfs: " + why, null, 0));
      } else {
        for (int t = 1; t <= disk; t++) {
          diskTrial("ingest", t, Step.APPLICATIONS);
        }
        for (int t = 1; t <= disk; t++) {
          diskTrial("build", t, Step.BUILD);
        }
      }
    }
    writeTrials();

    say("checking " + trials.size() + " trial lakehouses");
    LakeChecks checks = new LakeChecks(out, work, this::say);
    boolean ok = checks.run(trials, plantCanaries());
    say("done; results in " + out);
    return ok ? 0 : 1;
  }

  // ------------------------------------------------------------------ the reference chain

  private void referenceChain() throws Exception {
    Path ref = work.resolve("ref");
    for (Step s : Step.values()) {
      long before = System.currentTimeMillis();
      stepStart.put(s, before);
      long start = System.nanoTime();
      inProcess(ref, work.resolve("ref-" + s.name + ".log"), args(s), true);
      copy(ref, ref(s.after()));
      Set<Path> earlier = new HashSet<>();
      for (Path commit : commits(ref(s.before()))) {
        earlier.add(ref(s.before()).relativize(commit));
      }
      List<Long> added = new ArrayList<>();
      for (Path commit : commits(ref(s.after()))) {
        if (!earlier.contains(ref(s.after()).relativize(commit))) {
          added.add(Files.getLastModifiedTime(commit).toMillis());
        }
      }
      Collections.sort(added);
      commitTimes.put(s, added);
      say(
          String.format(
              "reference %s done in %d ms, %d commits",
              s.name, (System.nanoTime() - start) / 1_000_000, added.size()));
    }
  }

  private Path ref(int k) {
    return work.resolve("ref." + k);
  }

  // ------------------------------------------------------------------ kill -9

  /** Where to kill a run of {@code s}: after {@code commits} new commits, then {@code delayMs}. */
  record KillPoint(int commits, long delayMs) {
    @Override
    public String toString() {
      return "after " + commits + " commits + " + delayMs + " ms";
    }
  }

  KillPoint killPoint(Step s) {
    List<Long> times = commitTimes.get(s);
    int m = times.isEmpty() ? 0 : random.nextInt(times.size());
    // the gap (in the warm reference run) from the m-th commit (or the step's start) to the next;
    // a child JVM is slower (cold start), so draw from twice that, plus start-up before the first
    long from = m == 0 ? stepStart.get(s) : times.get(m - 1);
    long gap = times.isEmpty() ? 30_000 : Math.max(200, times.get(m) - from);
    long bound = 2 * gap + (m == 0 ? 8_000 : 0);
    return new KillPoint(m, (long) (random.nextDouble() * bound));
  }

  private void ingestKillTrial(int t) throws Exception {
    Step s = Step.values()[random.nextInt(5)];
    KillPoint point = killPoint(s);
    Path lake = work.resolve("trials/ingest-" + t);
    copyOrEmpty(ref(s.before()), lake);
    String event = runAndKill(lake, s, point, work.resolve("trials/ingest-" + t + ".killed.log"));
    event += rerun(lake, s, work.resolve("trials/ingest-" + t + ".rerun.log"));
    trials.add(new Trial("ingest", t, s.name, point.toString(), event, lake, s.after()));
    say("ingest trial " + t + ": " + s.name + ", kill " + point + ": " + event);
  }

  private void buildKillTrial(int t) throws Exception {
    // odd: the first build of the day; even: a re-build over a published build
    int base = t % 2 == 1 ? Step.BUILD.before() : Step.BUILD.after();
    KillPoint point = killPoint(Step.BUILD);
    Path lake = work.resolve("trials/build-" + t);
    copy(ref(base), lake);
    String event =
        runAndKill(lake, Step.BUILD, point, work.resolve("trials/build-" + t + ".killed.log"));
    event += rerun(lake, Step.BUILD, work.resolve("trials/build-" + t + ".rerun.log"));
    trials.add(
        new Trial(
            "build",
            t,
            "build(after ref." + base + ")",
            point.toString(),
            event,
            lake,
            Step.BUILD.after()));
    say("build trial " + t + ": base ref." + base + ", kill " + point + ": " + event);
  }

  /**
   * Runs {@code s} in a child JVM and kills it at {@code point}: "killed(...)" or
   * "finished-first(rc)".
   */
  private String runAndKill(Path lake, Step s, KillPoint point, Path log) throws Exception {
    int before = commits(lake).size();
    long start = System.nanoTime();
    Process child = child(lake, args(s), log);
    long reachedAt = -1;
    while (child.isAlive()) {
      if (reachedAt < 0 && commits(lake).size() - before >= point.commits()) {
        reachedAt = System.nanoTime();
      }
      if (reachedAt >= 0 && System.nanoTime() - reachedAt >= point.delayMs() * 1_000_000) {
        child.destroyForcibly(); // SIGKILL
        child.waitFor();
        return String.format(
            "killed(at %.1f s, %d new commits)",
            (System.nanoTime() - start) / 1e9, commits(lake).size() - before);
      }
      Thread.sleep(20);
    }
    return "finished-first(rc=" + child.waitFor() + ")";
  }

  private String rerun(Path lake, Step s, Path log) throws Exception {
    return inProcess(lake, log, args(s), false) == 0 ? ";rerun-ok" : ";rerun-FAILED";
  }

  // ------------------------------------------------------------------ concurrent ingests

  private void concurrentTrial(int t) throws Exception {
    Path lake = work.resolve("trials/concurrent-" + t);
    copy(ref(Step.APPLICATIONS.before()), lake);
    Path logA = work.resolve("trials/concurrent-" + t + ".applications.log");
    Path logL = work.resolve("trials/concurrent-" + t + ".legacy.log");
    Process a = child(lake, args(Step.APPLICATIONS), logA);
    long stagger = random.nextInt(3000);
    Thread.sleep(stagger);
    Process l = child(lake, args(Step.LEGACY), logL);
    int ra = a.waitFor();
    int rl = l.waitFor();
    StringBuilder event = new StringBuilder("applications-rc=" + ra + ";legacy-rc=" + rl);
    event.append(";applications-retries=").append(retries(logA));
    event.append(";legacy-retries=").append(retries(logL));
    // a run that still failed must have failed cleanly; its re-run must land
    if (ra != 0) {
      event.append(
          rerun(
              lake,
              Step.APPLICATIONS,
              work.resolve("trials/concurrent-" + t + ".applications.rerun.log")));
    }
    if (rl != 0) {
      event.append(
          rerun(lake, Step.LEGACY, work.resolve("trials/concurrent-" + t + ".legacy.rerun.log")));
    }
    trials.add(
        new Trial(
            "concurrent",
            t,
            "applications||legacy",
            "legacy " + stagger + " ms later",
            event.toString(),
            lake,
            Step.LEGACY.after()));
    say("concurrent trial " + t + ": " + event);
  }

  private static long retries(Path log) throws IOException {
    return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
        .filter(l -> RETRY.matcher(l).find())
        .count();
  }

  // ------------------------------------------------------------------ a full disk

  private void diskTrial(String kind, int t, Step s) throws Exception {
    String name = "disk-" + kind + "-" + t;
    // left for the step: the build's gold tables of a few hundred firms take about 1 MB, an
    // ingest's
    // writes somewhat less
    long freeKb = s == Step.BUILD ? 8 + random.nextInt(128) : 32 + random.nextInt(256);
    Path mount = work.resolve("small");
    Path dest = work.resolve("trials/" + name);
    String event;
    try (DiskTrials.SmallDisk small = DiskTrials.mount(mount, 256)) {
      Path lake = mount.resolve("lake");
      copy(ref(s.before()), lake);
      small.fillLeaving(freeKb * 1024);
      Path log = work.resolve("trials/" + name + ".full.log");
      Process child = child(lake, args(s), log);
      int rc = child.waitFor();
      String text = Files.readString(log, StandardCharsets.UTF_8);
      event = "full-rc=" + rc;
      if (rc != 0
          && Pattern.compile("no space left|disk is full|disk full", Pattern.CASE_INSENSITIVE)
              .matcher(text)
              .find()) {
        event += ";clear-error";
      } else if (rc != 0) {
        event += ";UNCLEAR-error";
      }
      String last =
          text.lines()
              .filter(l -> l.contains("policyreach") && !l.contains("WARNING"))
              .reduce((x, y) -> y)
              .orElse("");
      Files.writeString(
          out.resolve("disk-errors.txt"),
          name + ": " + clip(last, 400) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      small.freeFiller();
      event += rerun(lake, s, work.resolve("trials/" + name + ".rerun.log"));
      copy(lake, dest); // off the small file system, for the checks
    }
    trials.add(new Trial("disk", t, s.name, "free=" + freeKb + "KB", event, dest, s.after()));
    say("disk trial " + name + ": " + s.name + " with " + freeKb + " KB free: " + event);
  }

  // ------------------------------------------------------------------ canaries

  /**
   * Copies of reference lakehouses with a planted fault each, which the checks must fail: a silver
   * row applied twice, a quarantined record lost.
   */
  private List<LakeChecks.Canary> plantCanaries() throws Exception {
    Path twice = work.resolve("trials/canary-silver-twice");
    copy(ref(Step.APPLICATIONS.after()), twice);
    Path lost = work.resolve("trials/canary-quarantine-lost");
    copy(ref(Step.APPLICATIONS.after()), lost);
    String silver = "delta.`" + twice + "/silver/applications`";
    String quarantine = "delta.`" + lost + "/quarantine/records`";
    return List.of(
        new LakeChecks.Canary(
            "canary-silver-twice",
            twice,
            Step.APPLICATIONS.after(),
            "one silver.applications row written twice",
            spark -> spark.sql("INSERT INTO " + silver + " SELECT * FROM " + silver + " LIMIT 1")),
        new LakeChecks.Canary(
            "canary-quarantine-lost",
            lost,
            Step.APPLICATIONS.after(),
            "one quarantined record lost",
            spark -> {
              Row first =
                  spark
                      .sql("SELECT batch_id, source_file, line FROM " + quarantine + " LIMIT 1")
                      .first();
              spark.sql(
                  String.format(
                      "DELETE FROM %s WHERE batch_id = '%s' AND source_file = '%s' AND line = %s",
                      quarantine, first.get(0), first.get(1), first.get(2)));
            }));
  }

  // ------------------------------------------------------------------ running the CLI

  private List<String> args(Step s) {
    if (s == Step.BUILD) {
      return List.of("build", "--as-of", AS_OF, "--no-reports");
    }
    return List.of("ingest", "--source", s.name, "--input", in.resolve(s.inputFolder).toString());
  }

  private List<String> root(Path lake) {
    return List.of(
        "--conf", conf.toString(), "--lakehouse", lake.toString(), "--master", "local[2]");
  }

  /** Runs the CLI in this JVM; its output goes to {@code log}. */
  private int inProcess(Path lake, Path log, List<String> command, boolean mustSucceed)
      throws IOException {
    StringWriter text = new StringWriter();
    List<String> all = new ArrayList<>(root(lake));
    all.addAll(command);
    int rc;
    try (PrintWriter w = new PrintWriter(text, true)) {
      rc = PolicyReach.run(all.toArray(String[]::new), w, w);
    }
    Files.writeString(log, text.toString(), StandardCharsets.UTF_8);
    if (mustSucceed && rc != 0) {
      throw new IllegalStateException(
          "policyreach "
              + String.join(" ", command)
              + " failed (exit "
              + rc
              + "); log "
              + log
              + ":\n"
              + clip(text.toString(), 4000));
    }
    return rc;
  }

  /**
   * Starts the CLI in a child JVM with this JVM's module options and properties, a 1 GB heap, the
   * serial collector and C1 only (quick to start; a reserved code cache large enough for a build).
   */
  private Process child(Path lake, List<String> command, Path log) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-")
          || arg.startsWith("--enable-native-access")
          || arg.startsWith("-D")
          || arg.equals("-XX:+IgnoreUnrecognizedVMOptions")) {
        cmd.add(arg);
      }
    }
    cmd.addAll(
        List.of(
            "-Xmx1g",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-XX:ReservedCodeCacheSize=256m"));
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(PolicyReach.class.getName());
    cmd.addAll(root(lake));
    cmd.addAll(command);
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  // ------------------------------------------------------------------ files

  /** The Delta commit files of every table of {@code lake} (a missing folder has none). */
  static List<Path> commits(Path lake) {
    List<Path> found = new ArrayList<>();
    for (Path schema : list(lake)) {
      for (Path table : list(schema)) {
        for (Path f : list(table.resolve("_delta_log"))) {
          if (COMMIT.matcher(f.getFileName().toString()).matches()) {
            found.add(f);
          }
        }
      }
    }
    return found;
  }

  /** A folder's entries, or none when it is missing, is a file, or vanished while read. */
  private static List<Path> list(Path dir) {
    List<Path> entries = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return entries;
    }
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      stream.forEach(entries::add);
    } catch (IOException | UncheckedIOException e) {
      // being written by the child: the next poll sees it
    }
    return entries;
  }

  static void copy(Path from, Path to) throws IOException, InterruptedException {
    run(List.of("cp", "-a", from.toString(), to.toString()));
  }

  private static void copyOrEmpty(Path from, Path to) throws IOException, InterruptedException {
    if (Files.isDirectory(from)) {
      copy(from, to);
    } else {
      Files.createDirectories(to);
    }
  }

  static void run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + output.strip());
    }
  }

  static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(s.length() - max);
  }

  private void writeTrials() throws IOException {
    StringBuilder b = new StringBuilder("scenario\ttrial\tstep\tplan\tevent\tlake\n");
    for (Trial t : trials) {
      List<String> row = new ArrayList<>(t.columns());
      row.add(t.lake() == null ? "-" : t.lake().toString());
      b.append(String.join("\t", row)).append('\n');
    }
    Files.writeString(out.resolve("trials.tsv"), b.toString(), StandardCharsets.UTF_8);
  }

  void say(String message) {
    System.err.printf(
        "reliability: %s (%d s)%n", message, (System.nanoTime() - t0) / 1_000_000_000L);
  }
}
