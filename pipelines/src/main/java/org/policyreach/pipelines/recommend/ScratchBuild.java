package org.policyreach.pipelines.recommend;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.policyreach.core.NeedCatalog;
import org.policyreach.core.PolicyReachConfig;
import org.policyreach.core.ProgramCatalog;
import org.policyreach.ingestion.Lakehouse;
import org.policyreach.pipelines.PipelineException;
import org.policyreach.pipelines.build.AsOfSilver;
import org.policyreach.pipelines.build.BuildContext;
import org.policyreach.pipelines.profiles.ProfileStage;

/**
 * Profiles as of another date, computed by the profiles stage itself (its as-of machinery, no
 * second implementation) in a scratch lakehouse under {@code <root>/_scratch/<id>} that holds only
 * the scratch build's gold tables. Silver is read from the real lakehouse, pinned at the Delta
 * versions its tables had when the scratch build was opened ({@code versionAsOf}): a commit made
 * meanwhile is not seen, and the real tables are never written. {@link #at} opens further scratch
 * builds, as of other dates, pinned at the same versions. {@link #close} removes the scratch
 * directory, those of the builds opened by {@link #at} included.
 *
 * <p>Until 2026-12 the silver tables were Delta shallow clones in the scratch lakehouse; cloning
 * five tables cost a Delta commit and several Spark jobs each (about a third of a scratch build on
 * the demo's 2,000 firms), for the same pinned view.
 */
public final class ScratchBuild implements AutoCloseable {
  /** Silver tables the profiles stage reads (and a scratch build pins). */
  public static final List<String> SILVER =
      List.of("firms", "applications", "events", "contacts", "programs");

  private final SparkSession spark;
  private final Lakehouse scratch;
  private final BuildContext context;
  private Dataset<Row> profiles;

  private ScratchBuild(SparkSession spark, Lakehouse scratch, BuildContext context) {
    this.spark = spark;
    this.scratch = scratch;
    this.context = context;
  }

  /**
   * The silver versions scratch builds of {@code parent} read: those {@code parent} is pinned to,
   * else the current ones of its silver (one set, so several scratch builds see the same silver).
   */
  public static Map<String, Long> pin(BuildContext parent) {
    return parent.silverVersions() != null
        ? parent.silverVersions()
        : AsOfSilver.versions(parent.spark(), parent.silverSource(), SILVER);
  }

  /**
   * A scratch build as of {@code asOf} sharing the configuration of {@code parent}, reading the
   * silver {@code parent} reads at the versions {@code pinned} ({@link #pin}).
   */
  public static ScratchBuild of(
      BuildContext parent, Map<String, Long> pinned, LocalDate asOf, String purpose) {
    return open(
        parent.spark(),
        parent.silverSource(),
        pinned,
        parent.confDir(),
        parent.config(),
        parent.needs(),
        parent.programs(),
        asOf,
        parent.buildId() + "-" + purpose,
        parent.startedAt());
  }

  /**
   * A scratch build as of {@code asOf} reading the silver of {@code real} at the versions {@code
   * pinned} (null: its current ones).
   */
  public static ScratchBuild open(
      SparkSession spark,
      Lakehouse real,
      Map<String, Long> pinned,
      Path confDir,
      PolicyReachConfig config,
      NeedCatalog needs,
      ProgramCatalog programs,
      LocalDate asOf,
      String id,
      Instant startedAt) {
    Objects.requireNonNull(asOf, "asOf is null");
    String name = id.replaceAll("[^A-Za-z0-9_.-]", "_");
    Lakehouse scratch = Lakehouse.at(real.root() + "/_scratch/" + name);
    delete(spark, scratch);
    Map<String, Long> versions = pinned != null ? pinned : AsOfSilver.versions(spark, real, SILVER);
    BuildContext ctx =
        new BuildContext(
            spark,
            scratch,
            real,
            versions,
            confDir,
            config,
            needs,
            programs,
            asOf,
            id + "@" + asOf,
            startedAt);
    return new ScratchBuild(spark, scratch, ctx);
  }

  /**
   * A scratch build as of {@code asOf} with this one's configuration that reads this one's silver
   * at the same pinned versions and writes its gold tables under {@code <this
   * root>/_scratch/<buildId of this>-<purpose>}. Close it when done; closing this one removes its
   * directory too.
   */
  public ScratchBuild at(LocalDate asOf, String purpose) {
    Objects.requireNonNull(asOf, "asOf is null");
    String id = context.buildId() + "-" + purpose;
    Lakehouse gold =
        Lakehouse.at(scratch.root() + "/_scratch/" + id.replaceAll("[^A-Za-z0-9_.-]", "_"));
    delete(spark, gold);
    BuildContext ctx =
        new BuildContext(
            spark,
            gold,
            context.silverSource(),
            context.silverVersions(),
            context.confDir(),
            context.config(),
            context.needs(),
            context.programs(),
            asOf,
            id + "@" + asOf,
            context.startedAt());
    return new ScratchBuild(spark, gold, ctx);
  }

  /** The context of the scratch build: its {@code silver()} is silver as visible on its date. */
  public BuildContext context() {
    return context;
  }

  /** {@code gold.firm_profiles} as of this build's date (computed once). */
  public synchronized Dataset<Row> profiles() {
    if (profiles == null) {
      new ProfileStage().run(context);
      profiles = context.dataset(BuildContext.PROFILES);
    }
    return profiles;
  }

  @Override
  public synchronized void close() {
    if (profiles != null) {
      profiles.unpersist(false);
      profiles = null;
    }
    delete(spark, scratch);
  }

  private static void delete(SparkSession spark, Lakehouse scratch) {
    org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(scratch.root());
    try {
      FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (fs.exists(dir)) {
        fs.delete(dir, true);
      }
    } catch (IOException e) {
      throw PipelineException.failure(
          "Cannot remove the scratch lakehouse "
              + dir
              + ": "
              + e.getMessage()
              + "; delete it by hand (it holds only a scratch build's gold tables)",
          e);
    }
  }
}
