package org.policyreach.pipelines.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.hadoop.fs.FSError;
import org.apache.spark.sql.SparkSession;
import org.policyreach.core.ConfPaths;
import org.policyreach.core.ConfigException;
import org.policyreach.core.DomainException;
import org.policyreach.core.NeedCatalog;
import org.policyreach.core.PolicyReachConfig;
import org.policyreach.core.ProgramCatalog;
import org.policyreach.ingestion.Lakehouse;
import org.policyreach.pipelines.PipelineException;
import org.policyreach.pipelines.profiles.ProfileStage;
import org.policyreach.pipelines.reports.SegmentReportStage;
import org.policyreach.pipelines.segments.SegmentStage;

/**
 * {@code policyreach build}: runs its stages in order in one SparkSession with one build id and
 * as-of date, timing each.
 *
 * <p>The build id is {@code b-<yyyyMMdd>-<hash>}: the run date (Tokyo) and a hash of what the build
 * reads (as-of date, silver table versions, configuration files, stage names). Running the same
 * build twice on a day gives the same id and replaces that build's rows.
 */
public final class BuildJob {

  public static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  private static final List<String> SILVER_INPUTS =
      List.of("firms", "applications", "events", "programs");

  private final SparkSession spark;
  private final Lakehouse lakehouse;
  private final Path confDir;
  private final List<BuildStage> stages;
  private final Clock clock;

  public BuildJob(SparkSession spark, Lakehouse lakehouse, Path confDir) {
    this(spark, lakehouse, confDir, standardStages(), Clock.system(TOKYO));
  }

  public BuildJob(
      SparkSession spark, Lakehouse lakehouse, Path confDir, List<BuildStage> stages, Clock clock) {
    this.spark = Objects.requireNonNull(spark, "spark is null");
    this.lakehouse = Objects.requireNonNull(lakehouse, "lakehouse is null");
    this.confDir = Objects.requireNonNull(confDir, "confDir is null");
    this.stages = List.copyOf(stages);
    this.clock = Objects.requireNonNull(clock, "clock is null");
  }

  /**
   * The stages of {@code policyreach build}, in order: profiles → segments → reports →
   * recommendations → targets → publish (publish last: it records the versions of every gold table
   * the build wrote).
   */
  public static List<BuildStage> standardStages() {
    List<BuildStage> stages = new ArrayList<>();
    stages.addAll(List.of(new ProfileStage(), new SegmentStage(), new SegmentReportStage()));
    stages.addAll(org.policyreach.pipelines.recommend.RecommendStages.all());
    return List.copyOf(stages);
  }

  /**
   * Runs the build.
   *
   * @param asOf the date the build sees data as of; null for today (Tokyo)
   */
  public BuildResult run(LocalDate asOf, BuildListener listener) {
    Instant started = clock.instant();
    long t0 = System.nanoTime();
    LocalDate today = LocalDate.ofInstant(started, TOKYO);
    LocalDate day = asOf == null ? today : asOf;
    PolicyReachConfig config = PolicyReachConfig.load(confDir);
    NeedCatalog needs = NeedCatalog.load(ConfPaths.needsFile(confDir));
    Path programsDir = ConfPaths.programsDir(confDir);
    ProgramCatalog programs =
        Files.isDirectory(programsDir)
            ? ProgramCatalog.load(programsDir, needs)
            : ProgramCatalog.of(List.of());
    String buildId = buildId(today, day, programs);
    BuildContext ctx =
        new BuildContext(spark, lakehouse, confDir, config, needs, programs, day, buildId, started);
    List<BuildResult.StageResult> results = new ArrayList<>();
    try {
      for (BuildStage stage : stages) {
        listener.stageStarted(stage.name());
        long s0 = System.nanoTime();
        StageOutput output;
        try {
          output = stage.run(ctx);
        } catch (PipelineException | ConfigException | DomainException e) {
          throw e; // already say what is wrong with which input
        } catch (Exception | FSError e) { // Spark's checked SparkException comes undeclared;
          // Hadoop's local file system throws FSError (an Error) when a write fails
          Optional<String> full = Lakehouse.diskFull(e);
          if (full.isPresent()) {
            throw PipelineException.failure(
                "Build "
                    + buildId
                    + " failed in stage '"
                    + stage.name()
                    + "': the disk of the lakehouse "
                    + lakehouse.root()
                    + " is full ("
                    + full.get()
                    + "). Every table write is atomic and nothing is published before the build"
                    + " ends, so the last publication is still the one served; free some space"
                    + " and run the build again",
                e);
          }
          throw PipelineException.failure(
              "Build " + buildId + " failed in stage '" + stage.name() + "': " + e.getMessage(), e);
        }
        BuildResult.StageResult r =
            new BuildResult.StageResult(stage.name(), (System.nanoTime() - s0) / 1e9, output);
        results.add(r);
        listener.stageFinished(r);
      }
    } finally {
      ctx.release();
    }
    lakehouse.register(spark);
    Map<String, Long> versions = new LinkedHashMap<>();
    for (BuildResult.StageResult r : results) {
      for (String table : r.output().rows().keySet()) {
        String[] parts = table.split("\\.", 2);
        OptionalLong v = lakehouse.version(spark, parts[0], parts[1]);
        v.ifPresent(version -> versions.put(table, version));
      }
    }
    return new BuildResult(
        buildId, day, started, (System.nanoTime() - t0) / 1e9, results, versions);
  }

  private String buildId(LocalDate today, LocalDate asOf, ProgramCatalog programs) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
    update(sha, "as_of=" + asOf);
    for (String table : SILVER_INPUTS) {
      OptionalLong v = lakehouse.version(spark, "silver", table);
      update(sha, table + "=" + (v.isPresent() ? v.getAsLong() : -1));
    }
    update(sha, "lakehouse=" + lakehouse.root());
    update(sha, "programs=" + programs.version());
    for (String file : List.of("needs.yaml", "segments.yaml", PolicyReachConfig.FILE_NAME)) {
      Path p = confDir.resolve(file);
      try {
        sha.update(Files.exists(p) ? Files.readAllBytes(p) : new byte[0]);
      } catch (IOException e) {
        throw PipelineException.badInput("Cannot read " + p + ": " + e.getMessage(), e);
      }
    }
    for (BuildStage s : stages) {
      update(sha, "stage=" + s.name());
    }
    String hash = HexFormat.of().formatHex(sha.digest()).substring(0, 8);
    return "b-" + today.format(DateTimeFormatter.BASIC_ISO_DATE) + "-" + hash;
  }

  private static void update(MessageDigest sha, String s) {
    sha.update(s.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
  }
}
