package org.policyreach.pipelines.recommend;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
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
import org.policyreach.pipelines.build.BuildContext;
import org.policyreach.pipelines.profiles.ProfileStage;

/**
 * Profiles as of another date, computed by the profiles stage itself (its as-of machinery, no
 * second implementation) in a scratch lakehouse under {@code <root>/_scratch/<id>} whose silver
 * tables are Delta shallow clones of the real ones: metadata only, pinned at the current versions,
 * and the real gold tables are never touched. {@link #at} opens further scratch builds, as of other
 * dates, that read the same clones instead of cloning again (cloning five tables costs several
 * Delta commits and Spark jobs). {@link #close} removes the scratch directory, those of the builds
 * opened by {@link #at} included.
 */
public final class ScratchBuild implements AutoCloseable {
  /** Silver tables the profiles stage reads. */
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
   * A scratch build as of {@code asOf} sharing the configuration of {@code parent}, with clones of
   * the silver tables {@code parent} reads.
   */
  public static ScratchBuild of(BuildContext parent, LocalDate asOf, String purpose) {
    return open(
        parent.spark(),
        parent.silverSource(),
        parent.confDir(),
        parent.config(),
        parent.needs(),
        parent.programs(),
        asOf,
        parent.buildId() + "-" + purpose,
        parent.startedAt());
  }

  public static ScratchBuild open(
      SparkSession spark,
      Lakehouse real,
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
    for (String table : SILVER) {
      if (real.exists(spark, "silver", table)) {
        spark.sql(
            "CREATE TABLE delta.`"
                + scratch.path("silver", table)
                + "` SHALLOW CLONE delta.`"
                + real.path("silver", table)
                + "`");
      }
    }
    BuildContext ctx =
        new BuildContext(
            spark, scratch, confDir, config, needs, programs, asOf, id + "@" + asOf, startedAt);
    return new ScratchBuild(spark, scratch, ctx);
  }

  /**
   * A scratch build as of {@code asOf} with this one's configuration that reads this one's silver
   * clones (no new clones) and writes its gold tables under {@code <this root>/_scratch/<buildId of
   * this>-<purpose>}. Close it when done; closing this one removes its directory too.
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
              + "; delete it by hand (it holds only Delta logs of shallow clones)",
          e);
    }
  }
}
