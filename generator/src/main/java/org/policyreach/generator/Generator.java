package org.policyreach.generator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.policyreach.core.ConfPaths;
import org.policyreach.core.Need;
import org.policyreach.core.NeedCatalog;
import org.policyreach.core.ProgramCatalog;
import org.policyreach.core.SizeClass;

/**
 * Writes a realistic, deterministic dataset in every input format (registry, firm attributes,
 * applications, legacy applications, events) plus the truth needed to score later stages.
 *
 * <p>Firms are split into contiguous ranges, one per worker; each worker streams its firms' records
 * into part files, and the parts are concatenated in firm order. Every random choice about a firm
 * comes from streams seeded by (seed, firm index), so the output is byte-identical for a seed
 * whatever the number of threads.
 */
public final class Generator {
  /** Version of the generated data's layout and distributions (in {@code summary.json}). */
  public static final String VERSION = "1";

  /** The folders this generator owns inside the output folder. */
  public static final List<String> FOLDERS =
      List.of("registry", "firm_attributes", "applications", "legacy", "events", "truth");

  private static final int PROGRESS_EVERY = 5_000;

  private final GeneratorConfig config;

  public Generator(GeneratorConfig config) {
    this.config = config;
  }

  public GenerationSummary run() {
    return run(GeneratorListener.NONE);
  }

  public GenerationSummary run(GeneratorListener listener) {
    long started = System.nanoTime();
    NeedCatalog needCatalog = NeedCatalog.load(ConfPaths.needsFile(config.confDir()));
    ProgramCatalog catalog =
        ProgramCatalog.load(ConfPaths.programsDir(config.confDir()), needCatalog);
    Path out = prepareOutput(config.out(), config.pushHistory());
    Path partsDir = out.resolve(".parts");
    try {
      deleteTree(partsDir);
      Files.createDirectories(partsDir);
      Run run = new Run(config, needCatalog, catalog, partsDir);
      run.generate(listener);
      GenerationSummary summary = run.assemble(out, listener, (System.nanoTime() - started) / 1e9);
      deleteTree(partsDir);
      return summary;
    } catch (IOException e) {
      throw GeneratorException.failed(
          "Cannot write generated data under "
              + out
              + ": "
              + e.getMessage()
              + " (check free disk space and permissions)",
          e);
    } catch (UncheckedIOException e) {
      throw GeneratorException.failed(
          "Cannot write generated data under "
              + out
              + ": "
              + e.getCause().getMessage()
              + " (check free disk space and permissions)",
          e);
    } finally {
      try {
        deleteTree(partsDir);
      } catch (IOException ignored) {
        // best effort: the failure being reported matters more than leftover parts
      }
    }
  }

  /** One generation: shared read-only state plus the per-chunk results. */
  private static final class Run {
    private final GeneratorConfig config;
    private final List<Need> needs;
    private final List<String> needIds;
    private final String catalogVersion;
    private final FirmPopulation population;
    private final LatentNeeds latentNeeds;
    private final ApplicationPlanner planner;
    private final RegistryWriter registry;
    private final AttributesWriter attributes;
    private final ApplicationsWriter applications;
    private final LegacyWriter legacy;
    private final EventsWriter events;
    private final LocalDate registryDate;
    private final Path partsDir;
    private final int[] bounds;
    private final List<Outputs.ChunkParts> chunkParts = new ArrayList<>();
    private final List<FaultInjector.Recorded> faults = new ArrayList<>();
    private final long[] counts = new long[Count.values().length];
    private final PushHistory push;
    private final long[] pushCounts;

    Run(GeneratorConfig config, NeedCatalog needCatalog, ProgramCatalog catalog, Path partsDir) {
      this.config = config;
      this.partsDir = partsDir;
      this.needs = needCatalog.needs();
      this.needIds = needs.stream().map(Need::id).toList();
      this.catalogVersion = catalog.version();
      LocalDate asOf = config.asOf();
      this.registryDate = asOf.withDayOfMonth(1).minusDays(1);
      LocalDate diffDate = asOf.minusDays(1);
      ProgramBook book = new ProgramBook(catalog, needCatalog, asOf);
      FaultInjector injector = new FaultInjector(config.errorRate(), book.ids());
      this.population = new FirmPopulation(config.seed(), asOf, registryDate);
      this.latentNeeds = new LatentNeeds(config.seed(), needs, asOf);
      this.planner = new ApplicationPlanner(config.seed(), asOf, book, needs);
      this.registry =
          new RegistryWriter(config.registryEncoding(), registryDate, diffDate, injector);
      this.attributes = new AttributesWriter(config.seed(), asOf, injector);
      this.applications =
          new ApplicationsWriter(YearMonth.from(book.firstOpens()), YearMonth.from(asOf), injector);
      this.legacy = new LegacyWriter(injector);
      this.events = new EventsWriter(config.seed(), asOf, book, injector);
      this.push = config.pushHistory() ? new PushHistory(config.seed(), asOf, book) : null;
      this.pushCounts = new long[push == null ? 0 : push.campaigns().size() * PushHistory.COUNTS];
      int chunks = Math.min(config.threads(), config.firms());
      this.bounds = new int[chunks + 1];
      for (int c = 0; c <= chunks; c++) {
        bounds[c] = (int) ((long) config.firms() * c / chunks);
      }
    }

    void generate(GeneratorListener listener) throws IOException {
      int chunks = bounds.length - 1;
      ExecutorService pool =
          Executors.newFixedThreadPool(
              chunks,
              r -> {
                Thread t = new Thread(r, "generator-worker");
                t.setDaemon(true);
                return t;
              });
      try {
        List<Future<long[]>> counted = new ArrayList<>();
        for (int c = 0; c < chunks; c++) {
          int from = bounds[c];
          int to = bounds[c + 1];
          counted.add(pool.submit(() -> prefectureCounts(from, to)));
        }
        long[][] sequenceBase = new long[chunks][47];
        long[] running = new long[47];
        for (int c = 0; c < chunks; c++) {
          sequenceBase[c] = running.clone();
          long[] n = get(counted.get(c));
          for (int p = 0; p < 47; p++) {
            running[p] += n[p];
          }
        }

        listener.stage("firms");
        AtomicLong done = new AtomicLong();
        List<Future<Chunk>> work = new ArrayList<>();
        for (int c = 0; c < chunks; c++) {
          int chunk = c;
          work.add(pool.submit(() -> chunk(chunk, sequenceBase[chunk], done, listener)));
        }
        for (Future<Chunk> f : work) {
          Chunk result = get(f);
          chunkParts.add(result.parts());
          faults.addAll(result.faults());
          for (int i = 0; i < counts.length; i++) {
            counts[i] += result.counts()[i];
          }
          for (int i = 0; i < pushCounts.length; i++) {
            pushCounts[i] += result.pushCounts()[i];
          }
        }
        listener.done(done.get() + " firms");
      } finally {
        pool.shutdownNow();
      }

      listener.stage("registry diff");
      List<FaultInjector.Recorded> diffFaults = new ArrayList<>();
      try (Outputs.ChunkParts parts = new Outputs.ChunkParts(partsDir, chunkParts.size())) {
        long rows =
            new RegistryDiff(population, registry, registryDate, config.asOf())
                .write(new Emitter(parts, diffFaults), config.firms());
        counts[Count.REGISTRY_DIFF_ROWS.ordinal()] = rows;
        listener.done(rows + " rows");
        chunkParts.add(parts);
      }
      faults.addAll(diffFaults);
    }

    private long[] prefectureCounts(int from, int to) {
      long[] n = new long[47];
      for (int i = from; i < to; i++) {
        n[population.prefectureOf(i).ordinal()]++;
      }
      return n;
    }

    private record Chunk(
        Outputs.ChunkParts parts,
        List<FaultInjector.Recorded> faults,
        long[] counts,
        long[] pushCounts) {}

    private Chunk chunk(int chunk, long[] sequenceBase, AtomicLong done, GeneratorListener listener)
        throws IOException {
      long seed = config.seed();
      long[] sequence = sequenceBase.clone();
      long[] n = new long[Count.values().length];
      long[] pushed = new long[pushCounts.length];
      StringBuilder pushLine = new StringBuilder(256);
      List<FaultInjector.Recorded> chunkFaults = new ArrayList<>();
      Outputs.ChunkParts parts = new Outputs.ChunkParts(partsDir, chunk);
      try (parts) {
        Emitter out = new Emitter(parts, chunkFaults);
        StringBuilder sb = new StringBuilder(2048);
        for (int i = bounds[chunk]; i < bounds[chunk + 1]; i++) {
          Firm f = population.firm(i);
          SplittableRandom faultRng = Seeds.rng(seed, Seeds.Purpose.FAULTS, i);
          registry.writeFull(out, f, ++sequence[f.prefecture().ordinal()], faultRng);
          String summary =
              Industries.summary(
                  f.jsicMajor(), Seeds.rng(seed, Seeds.Purpose.ATTRIBUTES, ~(long) i));
          if (attributes.write(out, f, summary, faultRng, sb)) {
            n[Count.ATTRIBUTE_RECORDS.ordinal()]++;
          }
          double[] strengths = latentNeeds.strengths(f);
          TruthWriter.writeNeeds(out, f, needIds, strengths, sb);
          List<PlannedApplication> apps = planner.plan(f, strengths, summary);
          if (push != null) {
            apps = new ArrayList<>(apps);
            push.simulate(f, strengths, summary, apps, planner, out, pushed, pushLine);
          }
          SplittableRandom rng = Seeds.rng(seed, Seeds.Purpose.CONTACT, i);
          FirmNames.Contact contact = FirmNames.contact(Places.phoneArea(f.prefecture()), rng);
          n[Count.APPLICATION_LINES.ordinal()] +=
              applications.write(out, f, apps, contact, rng, faultRng, sb);
          n[Count.LEGACY_ROWS.ordinal()] += legacy.write(out, f, apps, rng, faultRng);
          n[Count.EVENTS.ordinal()] += events.write(out, f, strengths, apps, faultRng, sb);
          count(n, f, apps);
          if ((i - bounds[chunk] + 1) % PROGRESS_EVERY == 0) {
            listener.progress(done.addAndGet(PROGRESS_EVERY));
          }
        }
        done.addAndGet((bounds[chunk + 1] - bounds[chunk]) % PROGRESS_EVERY);
      }
      return new Chunk(parts, chunkFaults, n, pushed);
    }

    private static void count(long[] n, Firm f, List<PlannedApplication> apps) {
      n[Count.FIRMS.ordinal()]++;
      n[
          (f.sizeClass() == SizeClass.SMALL_SCALE
                  ? Count.SMALL_SCALE
                  : f.sizeClass() == SizeClass.SME ? Count.SME : Count.LARGE)
              .ordinal()]++;
      if (!f.active()) {
        n[Count.CLOSED.ordinal()]++;
      }
      if (!apps.isEmpty()) {
        n[Count.APPLYING_FIRMS.ordinal()]++;
      }
      for (PlannedApplication a : apps) {
        n[(a.legacy() ? Count.LEGACY_APPLICATIONS : Count.APPLICATIONS).ordinal()]++;
        if (a.finalStatus().isWon()) {
          n[Count.WON.ordinal()]++;
        }
      }
    }

    GenerationSummary assemble(Path out, GeneratorListener listener, double secondsSoFar)
        throws IOException {
      long started = System.nanoTime();
      listener.stage("assemble");
      List<Outputs.FileSpec> files = new ArrayList<>(registry.files());
      files.add(AttributesWriter.FILE);
      files.add(applications.file());
      files.add(LegacyWriter.FILE);
      files.add(events.file());
      files.add(TruthWriter.NEEDS_FILE);
      if (push != null) {
        files.add(PushHistory.FILE);
        files.add(PushHistory.EFFECTS_FILE);
      }
      Map<String, Long> lines = new LinkedHashMap<>();
      Map<Outputs.FileSpec, long[][]> offsets = new LinkedHashMap<>();
      for (Outputs.FileSpec file : files) {
        long[][] o = Outputs.assemble(out, partsDir, file, chunkParts);
        offsets.put(file, o);
        lines.put(file.path(), o[file.buckets()][0]);
      }
      if (push != null) {
        Files.writeString(
            out.resolve(PushHistory.TRUTH_PATH),
            push.truthCsv(pushCounts),
            java.nio.charset.StandardCharsets.UTF_8);
        lines.put(PushHistory.TRUTH_PATH, push.campaigns().size() + 1L);
      }
      List<TruthWriter.Fault> placed = new ArrayList<>(faults.size());
      for (FaultInjector.Recorded r : faults) {
        Outputs.Position p = r.position();
        long line = offsets.get(p.file())[p.bucket()][p.chunk()] + p.line();
        placed.add(
            new TruthWriter.Fault(
                p.file().path(),
                line,
                r.kind(),
                r.corporateNumber(),
                r.applicationId(),
                r.detail()));
      }
      placed.sort(
          Comparator.comparing(TruthWriter.Fault::file).thenComparingLong(TruthWriter.Fault::line));
      TruthWriter.writeFaults(out, placed);
      lines.put(TruthWriter.FAULTS_PATH, placed.size() + 1L);

      Map<String, Map<String, Long>> byFile = new TreeMap<>();
      Map<String, Long> byKind = new LinkedHashMap<>();
      for (FaultKind k : FaultKind.values()) {
        byKind.put(k.id(), 0L);
      }
      for (TruthWriter.Fault f : placed) {
        byFile.computeIfAbsent(f.file(), x -> new TreeMap<>()).merge(f.kind().id(), 1L, Long::sum);
        byKind.merge(f.kind().id(), 1L, Long::sum);
      }
      Map<String, Long> countMap = new LinkedHashMap<>();
      for (Count c : Count.values()) {
        countMap.put(c.id, counts[c.ordinal()]);
      }
      double seconds = secondsSoFar + (System.nanoTime() - started) / 1e9;
      GenerationSummary summary =
          new GenerationSummary(config, lines, byFile, byKind, countMap, catalogVersion, seconds);
      TruthWriter.writeSummary(out, summary.toMap());
      listener.done(lines.size() + 1 + " files");
      return summary;
    }
  }

  /** Counters reported in the summary. */
  private enum Count {
    FIRMS("firms"),
    SMALL_SCALE("small_scale"),
    SME("sme"),
    LARGE("large"),
    CLOSED("closed"),
    ATTRIBUTE_RECORDS("attribute_records"),
    APPLYING_FIRMS("applying_firms"),
    APPLICATIONS("applications"),
    LEGACY_APPLICATIONS("legacy_applications"),
    WON("won"),
    APPLICATION_LINES("application_lines"),
    LEGACY_ROWS("legacy_rows"),
    EVENTS("events"),
    REGISTRY_DIFF_ROWS("registry_diff_rows");

    private final String id;

    Count(String id) {
      this.id = id;
    }
  }

  private static <T> T get(Future<T> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw GeneratorException.failed("Generation was interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) {
        throw io;
      }
      if (c instanceof RuntimeException re) {
        throw re;
      }
      throw GeneratorException.failed("Generation failed: " + c, c);
    }
  }

  /** Creates the output folder and removes the files of a previous run from our folders. */
  private static Path prepareOutput(Path out, boolean pushHistory) {
    try {
      if (Files.exists(out) && !Files.isDirectory(out)) {
        throw GeneratorException.badInput(
            "Cannot write to " + out + ": it is a file, not a folder; give a folder for --out");
      }
      Files.createDirectories(out);
      List<String> folders = new ArrayList<>(FOLDERS);
      if (pushHistory) {
        folders.add("contacts");
      }
      for (String folder : folders) {
        Path dir = out.resolve(folder);
        if (Files.isDirectory(dir)) {
          try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
              if (Files.isRegularFile(f)) {
                Files.delete(f);
              }
            }
          }
        }
        Files.createDirectories(dir);
      }
      return out;
    } catch (IOException e) {
      throw GeneratorException.badInput(
          "Cannot prepare output folder "
              + out
              + ": "
              + e.getMessage()
              + " (check that it is writable)");
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
