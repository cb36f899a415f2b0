package org.policyreach.pipelines.evaluate;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.SparkSession;
import org.policyreach.core.NeedCatalog;
import org.policyreach.core.PolicyReachConfig;
import org.policyreach.core.ProgramCatalog;
import org.policyreach.ingestion.Lakehouse;
import org.policyreach.pipelines.build.BuildContext;
import org.policyreach.pipelines.recommend.RankingInputs;
import org.policyreach.pipelines.recommend.ScratchBuild;

/**
 * The {@link RankingInputs} (profiles stage output, cached firm frame, peer statistics) of the
 * dates {@link EvaluateJob} needs — the backtest date T and the ranker's training origins — each
 * computed once and kept across the runs of one job: evaluations a quarter apart share most
 * training origins (T − {@code label_days} − k · {@code origin_step_days}), and running the
 * profiles stage as of a date is most of the cost of a run.
 *
 * <p>Every date is built in a scratch build ({@link ScratchBuild#at}) over one set of silver
 * versions pinned when the inputs were first needed ({@link #prepare}); a run whose key (silver
 * versions, configuration) differs drops everything and pins again. After a run, {@link #trim}
 * keeps the {@value #MAX_DATES} dates used most recently; {@link #close} drops all and removes the
 * scratch directories. Not thread-safe: the job serialises its runs.
 */
final class PointInTimeInputs implements AutoCloseable {
  /** Dates kept between runs (a run needs 1 + {@code ranker.train_origins}). */
  static final int MAX_DATES = 8;

  private record Entry(ScratchBuild build, RankingInputs inputs) {}

  private final SparkSession spark;
  private final Lakehouse lakehouse;

  /** Access order: the least recently used date first. */
  private final LinkedHashMap<LocalDate, Entry> dates = new LinkedHashMap<>(16, 0.75f, true);

  private String key;
  private ScratchBuild silver;

  PointInTimeInputs(SparkSession spark, Lakehouse lakehouse) {
    this.spark = Objects.requireNonNull(spark, "spark is null");
    this.lakehouse = Objects.requireNonNull(lakehouse, "lakehouse is null");
  }

  /**
   * Makes the inputs ready for a run: kept as they are if {@code key} is that of the inputs held,
   * else dropped and silver pinned afresh at its current versions (gold under {@code
   * <root>/_scratch/<id>}).
   *
   * @param silverVersions the silver versions the inputs are built from (the key names them)
   * @param key what the inputs depend on besides the date (silver versions, configuration)
   */
  void prepare(
      Map<String, Long> silverVersions,
      String key,
      Path confDir,
      PolicyReachConfig config,
      NeedCatalog needs,
      ProgramCatalog programs,
      LocalDate asOf,
      String id,
      Instant startedAt) {
    Objects.requireNonNull(key, "key is null");
    if (key.equals(this.key) && silver != null) {
      return;
    }
    close();
    silver =
        ScratchBuild.open(
            spark,
            lakehouse,
            silverVersions,
            confDir,
            config,
            needs,
            programs,
            asOf,
            id,
            startedAt);
    this.key = key;
  }

  /** The context of {@code day}: its silver is the pinned silver as visible on that day. */
  BuildContext context(LocalDate day) {
    return entry(day).build().context();
  }

  /** The ranking inputs as of {@code day}, computed on first use. */
  RankingInputs inputs(LocalDate day) {
    return entry(day).inputs();
  }

  private Entry entry(LocalDate day) {
    if (silver == null) {
      throw new IllegalStateException("prepare() first");
    }
    Entry e = dates.get(day);
    if (e == null) {
      ScratchBuild build = silver.at(day, "at-" + day);
      try {
        e = new Entry(build, RankingInputs.at(build.context(), build.profiles()));
      } catch (RuntimeException failure) {
        build.close();
        throw failure;
      }
      dates.put(day, e);
    }
    return e;
  }

  /** Drops the dates used least recently beyond {@value #MAX_DATES}. */
  void trim() {
    Iterator<Map.Entry<LocalDate, Entry>> it = dates.entrySet().iterator();
    while (dates.size() > MAX_DATES && it.hasNext()) {
      release(it.next().getValue());
      it.remove();
    }
  }

  /** Drops every date and removes the scratch directories. */
  @Override
  public void close() {
    try {
      for (Entry e : dates.values()) {
        release(e);
      }
    } finally {
      dates.clear();
      key = null;
      if (silver != null) {
        ScratchBuild s = silver;
        silver = null;
        s.close();
      }
    }
  }

  private static void release(Entry e) {
    try {
      e.inputs().release();
    } finally {
      e.build().close();
    }
  }
}
