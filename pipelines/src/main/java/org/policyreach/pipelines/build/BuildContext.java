package org.policyreach.pipelines.build;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.policyreach.core.NeedCatalog;
import org.policyreach.core.PolicyReachConfig;
import org.policyreach.core.ProgramCatalog;
import org.policyreach.ingestion.Lakehouse;
import org.policyreach.pipelines.PipelineException;

/**
 * What every stage of one build shares: the session, the lakehouse, configuration, the as-of date
 * and build id, silver as visible on the as-of date, and the datasets earlier stages published
 * (e.g. {@link #PROFILES}) so later stages need not re-read them.
 */
public final class BuildContext {

  /** The profiles dataset ({@code gold.firm_profiles} of this build), cached. */
  public static final String PROFILES = "profiles";

  /** The membership dataset ({@code segment_id, corporate_number}) of this build. */
  public static final String MEMBERSHIP = "segment_membership";

  private final SparkSession spark;
  private final Lakehouse lakehouse;
  private final Lakehouse silverSource;
  private final Path confDir;
  private final PolicyReachConfig config;
  private final NeedCatalog needs;
  private final ProgramCatalog programs;
  private final LocalDate asOf;
  private final String buildId;
  private final Instant startedAt;
  private final AsOfSilver silver;
  private final Map<String, Dataset<Row>> datasets = new HashMap<>();

  public BuildContext(
      SparkSession spark,
      Lakehouse lakehouse,
      Path confDir,
      PolicyReachConfig config,
      NeedCatalog needs,
      ProgramCatalog programs,
      LocalDate asOf,
      String buildId,
      Instant startedAt) {
    this(
        spark, lakehouse, lakehouse, null, confDir, config, needs, programs, asOf, buildId,
        startedAt);
  }

  /**
   * As the other constructor, but gold tables go to {@code lakehouse} while silver is read from
   * {@code silverSource} at the Delta versions in {@code silverVersions} (see {@link
   * AsOfSilver#AsOfSilver(SparkSession, Lakehouse, LocalDate, Map)}; null: the latest), e.g. a
   * scratch build pinned to the silver its parent saw.
   */
  public BuildContext(
      SparkSession spark,
      Lakehouse lakehouse,
      Lakehouse silverSource,
      Map<String, Long> silverVersions,
      Path confDir,
      PolicyReachConfig config,
      NeedCatalog needs,
      ProgramCatalog programs,
      LocalDate asOf,
      String buildId,
      Instant startedAt) {
    this.spark = Objects.requireNonNull(spark, "spark is null");
    this.lakehouse = Objects.requireNonNull(lakehouse, "lakehouse is null");
    this.silverSource = Objects.requireNonNull(silverSource, "silverSource is null");
    this.confDir = Objects.requireNonNull(confDir, "confDir is null");
    this.config = Objects.requireNonNull(config, "config is null");
    this.needs = Objects.requireNonNull(needs, "needs is null");
    this.programs = Objects.requireNonNull(programs, "programs is null");
    this.asOf = Objects.requireNonNull(asOf, "asOf is null");
    this.buildId = Objects.requireNonNull(buildId, "buildId is null");
    this.startedAt = Objects.requireNonNull(startedAt, "startedAt is null");
    this.silver = new AsOfSilver(spark, silverSource, asOf, silverVersions);
  }

  public SparkSession spark() {
    return spark;
  }

  public Lakehouse lakehouse() {
    return lakehouse;
  }

  public Path confDir() {
    return confDir;
  }

  public PolicyReachConfig config() {
    return config;
  }

  public NeedCatalog needs() {
    return needs;
  }

  public ProgramCatalog programs() {
    return programs;
  }

  public LocalDate asOf() {
    return asOf;
  }

  public String buildId() {
    return buildId;
  }

  public Instant startedAt() {
    return startedAt;
  }

  /** Silver as visible at the end of the as-of date. */
  public AsOfSilver silver() {
    return silver;
  }

  /** The lakehouse silver is read from: {@link #lakehouse()} unless constructed otherwise. */
  public Lakehouse silverSource() {
    return silverSource;
  }

  /** The silver versions read, or null when the latest are (see {@link AsOfSilver#pinned()}). */
  public Map<String, Long> silverVersions() {
    return silver.pinned();
  }

  /**
   * Silver of the same source (and pinned versions) as {@link #silver()}, as visible at the end of
   * {@code day}.
   */
  public AsOfSilver silverAt(LocalDate day) {
    return day.equals(asOf) ? silver : new AsOfSilver(spark, silverSource, day, silver.pinned());
  }

  /** Makes a dataset available to later stages under {@code name}. */
  public void publish(String name, Dataset<Row> dataset) {
    datasets.put(name, Objects.requireNonNull(dataset, "dataset is null"));
  }

  /** A dataset an earlier stage published. */
  public Dataset<Row> dataset(String name) {
    Dataset<Row> d = datasets.get(name);
    if (d == null) {
      throw PipelineException.failure(
          "Cannot run this build stage: no earlier stage published '"
              + name
              + "' (published: "
              + datasets.keySet()
              + "); put the stage that produces it first");
    }
    return d;
  }

  /** Releases cached datasets. */
  void release() {
    for (Dataset<Row> d : datasets.values()) {
      d.unpersist(false);
    }
    datasets.clear();
  }
}
