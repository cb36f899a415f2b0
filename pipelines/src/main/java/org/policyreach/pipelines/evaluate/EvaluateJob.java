package org.policyreach.pipelines.evaluate;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.policyreach.core.ConfPaths;
import org.policyreach.core.NeedCatalog;
import org.policyreach.core.PolicyReachConfig;
import org.policyreach.core.Program;
import org.policyreach.core.ProgramCatalog;
import org.policyreach.ingestion.Lakehouse;
import org.policyreach.models.ranking.Diversifier;
import org.policyreach.pipelines.PipelineException;
import org.policyreach.pipelines.build.AsOfSilver;
import org.policyreach.pipelines.build.BuildJob;
import org.policyreach.pipelines.publish.Publisher;
import org.policyreach.pipelines.recommend.FirmFrame;
import org.policyreach.pipelines.recommend.ModelMetricsTable;
import org.policyreach.pipelines.recommend.ModelStore;
import org.policyreach.pipelines.recommend.ProgramSpec;
import org.policyreach.pipelines.recommend.RankingInputs;
import org.policyreach.pipelines.recommend.Recommender;
import org.policyreach.pipelines.recommend.ScratchBuild;
import org.policyreach.pipelines.recommend.Spark;

/**
 * {@code policyreach evaluate}: a backtest as of T and a push-experiment readout.
 *
 * <p>Backtest: everything is rebuilt from data visible at T — the profiles stage run as of T (and
 * as of T − {@code ranker.label_days} to train the ranker on a time split ending at T), in a
 * scratch lakehouse, so the real gold tables are untouched. Each active, not opted-out firm gets a
 * diversified top-{@value #K} list from the model and from two baselines (most popular among the
 * eligible; need match only), compared with the programs it applied to in (T, T + {@code
 * evaluate.horizon_days}] among those it was eligible for at T: recall, precision and NDCG at
 * {@value #K}, hit rate, coverage of the candidate programs, and the share of unreached firms that
 * applied to a program on their list.
 *
 * <p>Readout: the stored target lists of the latest build pushed on or before T against the
 * applications after the push, notified versus holdout ({@link UpliftReadout}).
 *
 * <p>Results go to {@code gold.model_metrics} (run id {@code e-…}); the model is saved in the
 * registry. The default T is chosen so that the whole horizon lies within the data and the ranking
 * is worth comparing: the latest date on or before the data date minus the horizon, stepping back a
 * week at a time for up to a year, at which at least {@code 2 × K} programs are candidates (open,
 * or opening within {@code recommend.horizon_days}) — with fewer, every method lists nearly all of
 * them and the comparison says nothing. If no such week exists, the week with the most candidates.
 *
 * <p>The profiles and ranking inputs of each date (T and the training origins) are computed once
 * per job and reused by later {@link #run}s of the same job while silver and configuration are
 * unchanged ({@link PointInTimeInputs}): backtests as of several dates share most origins. {@link
 * #close} releases them; runs of one job are serialised.
 */
public final class EvaluateJob implements AutoCloseable {
  public static final int K = 5;

  private final SparkSession spark;
  private final Lakehouse lakehouse;
  private final Path confDir;
  private final Clock clock;
  private final PointInTimeInputs pointInTime;

  public EvaluateJob(SparkSession spark, Lakehouse lakehouse, Path confDir) {
    this(spark, lakehouse, confDir, Clock.system(BuildJob.TOKYO));
  }

  public EvaluateJob(SparkSession spark, Lakehouse lakehouse, Path confDir, Clock clock) {
    this.spark = Objects.requireNonNull(spark, "spark is null");
    this.lakehouse = Objects.requireNonNull(lakehouse, "lakehouse is null");
    this.confDir = Objects.requireNonNull(confDir, "confDir is null");
    this.clock = Objects.requireNonNull(clock, "clock is null");
    this.pointInTime = new PointInTimeInputs(spark, lakehouse);
  }

  /** Releases the cached inputs of earlier runs and removes their scratch lakehouse. */
  @Override
  public synchronized void close() {
    pointInTime.close();
  }

  /** The date the data reaches: the latest published build's as-of date, else today (Tokyo). */
  public LocalDate dataDate() {
    return new Publisher(spark, lakehouse, clock)
        .latest()
        .map(p -> p.asOf())
        .orElse(LocalDate.ofInstant(clock.instant(), BuildJob.TOKYO));
  }

  /** Weeks {@link #informativeDate} looks back at most. */
  static final int LOOKBACK_WEEKS = 52;

  /**
   * The latest date on or before {@code latest}, a week apart, within {@value #LOOKBACK_WEEKS}
   * weeks, with at least {@code 2 × K} candidate programs; else the one with the most candidates
   * (the latest of equals); {@code latest} itself when the catalog is empty.
   */
  static LocalDate informativeDate(List<Program> catalog, LocalDate latest, int horizonDays) {
    LocalDate best = latest;
    int bestCount = -1;
    for (int week = 0; week <= LOOKBACK_WEEKS; week++) {
      LocalDate day = latest.minusWeeks(week);
      int count = ProgramSpec.candidates(catalog, day, horizonDays).size();
      if (count >= 2 * K) {
        return day;
      }
      if (count > bestCount) {
        best = day;
        bestCount = count;
      }
    }
    return best;
  }

  private static ProgramCatalog catalog(Path confDir, NeedCatalog needs) {
    Path programsDir = ConfPaths.programsDir(confDir);
    return Files.isDirectory(programsDir)
        ? ProgramCatalog.load(programsDir, needs)
        : ProgramCatalog.of(List.of());
  }

  /**
   * Runs the evaluation.
   *
   * @param asOf T, or null for {@link #informativeDate} from the data date minus the horizon
   */
  public synchronized EvaluationResult run(LocalDate asOf) {
    return run(asOf, null);
  }

  /**
   * Runs the evaluation, reading the uplift backtest also against planted push effects.
   *
   * @param asOf T, or null for {@link #informativeDate}
   * @param truth the generator's {@code truth/push_effects.csv}, or null (real data has none)
   */
  public synchronized EvaluationResult run(LocalDate asOf, Path truth) {
    long t0 = System.nanoTime();
    Instant started = clock.instant();
    PolicyReachConfig config = PolicyReachConfig.load(confDir);
    NeedCatalog needs = NeedCatalog.load(ConfPaths.needsFile(confDir));
    ProgramCatalog programs = catalog(confDir, needs);
    int horizon = config.evaluate().horizonDays();
    LocalDate dataDate = dataDate();
    LocalDate byDefault =
        informativeDate(
            programs.programs(), dataDate.minusDays(horizon), config.recommend().horizonDays());
    LocalDate t = asOf == null ? byDefault : asOf;
    if (!t.isBefore(dataDate)) {
      throw PipelineException.badInput(
          "Cannot evaluate as of "
              + t
              + ": the data reaches "
              + dataDate
              + ", so nothing happened after it yet; give an earlier --as-of (default: "
              + byDefault
              + ", on or before the data date minus evaluate.horizon_days = "
              + horizon
              + ", with enough programs open to compare rankings)");
    }
    if (!lakehouse.exists(spark, "silver", "firms")) {
      throw PipelineException.badInput(
          "Cannot evaluate: silver.firms does not exist under "
              + lakehouse.root()
              + "; ingest the corporate registry and applications first");
    }
    LocalDate end = t.plusDays(horizon);
    boolean complete = !end.isAfter(dataDate);
    String id = evaluationId(started, t, programs);

    Map<String, Map<String, Double>> methods = new LinkedHashMap<>();
    List<ModelMetricsTable.Metric> metrics = new ArrayList<>();
    String modelId;
    UpliftBacktest.Result upliftRanking;
    int candidates;
    long firms;
    Map<String, Long> silverVersions = AsOfSilver.versions(spark, lakehouse, ScratchBuild.SILVER);
    pointInTime.prepare(
        silverVersions,
        inputsKey(silverVersions, programs),
        confDir,
        config,
        needs,
        programs,
        t,
        id + "-inputs",
        started);
    try {
      RankingInputs inputs = pointInTime.inputs(t);
      Recommender.Trained trained =
          Recommender.train(
              pointInTime.context(t),
              inputs,
              ModelStore.open(spark, lakehouse),
              pointInTime::inputs);
      modelId = trained.modelId();
      candidates = inputs.candidates().size();
      Dataset<Row> later =
          new AsOfSilver(spark, lakehouse, end)
              .applications()
              .filter(col("submitted_date").gt(lit(Date.valueOf(t))))
              .groupBy(FirmFrame.CN)
              .agg(collect_set("program_id").as(BacktestRows.RELEVANT));
      Dataset<Row> rows =
          inputs
              .frame()
              .join(later, Spark.seq(FirmFrame.CN), "left")
              .mapPartitions(
                  new BacktestRows(
                      Spark.broadcast(spark, trained.ranker()),
                      new Diversifier(
                          config.recommend().perFamilyMax(), Recommender.DUPLICATE_PENALTY),
                      inputs.candidates(),
                      inputs.familyOf(),
                      t,
                      K),
                  Encoders.row(BacktestRows.SCHEMA))
              .persist(StorageLevel.MEMORY_AND_DISK());
      firms = rows.select(FirmFrame.CN).distinct().count();
      for (Method m : Method.values()) {
        Map<String, Double> values =
            summarize(rows.filter(col("method").equalTo(m.key())), candidates);
        if (m == Method.MODEL) {
          trained.training().metrics().forEach(values::put);
        }
        methods.put(m.key(), values);
        metrics.addAll(ModelMetricsTable.of(modelId, values, m.baselineColumn()));
      }
      rows.unpersist(false);
      upliftRanking =
          UpliftBacktest.run(
              new AsOfSilver(spark, lakehouse, dataDate),
              inputs,
              programs.programs(),
              trained.ranker().model(),
              trained.uplift().model(),
              config.uplift().outcomeDays(),
              config.uplift().neverReachedPrior(),
              config.ranker().trainSeed(),
              truth);
      String owner = trained.upliftModelId() != null ? trained.upliftModelId() : modelId;
      upliftRanking
          .methods()
          .forEach(
              (method, values) ->
                  values.forEach(
                      (name, value) ->
                          metrics.add(
                              new ModelMetricsTable.Metric(
                                  owner, "uplift_ranking/" + method + "/" + name, value, null))));
    } finally {
      pointInTime.trim();
    }
    UpliftReadout.Result uplift = UpliftReadout.read(spark, lakehouse, t, horizon, dataDate);
    for (UpliftReadout.ProgramUplift p : uplift.programs()) {
      metrics.addAll(upliftMetrics(p));
    }
    long written = ModelMetricsTable.replace(spark, lakehouse, id, t, metrics);
    lakehouse.register(spark);
    return new EvaluationResult(
        id,
        t,
        horizon,
        complete,
        modelId,
        candidates,
        firms,
        methods,
        uplift,
        upliftRanking,
        written,
        (System.nanoTime() - t0) / 1e9);
  }

  /** Averages over evaluated firms; coverage and the unreached share over every listed firm. */
  private static Map<String, Double> summarize(Dataset<Row> rows, int candidates) {
    Row a =
        rows.agg(
                avg(when(col("evaluated"), col("recall"))),
                avg(when(col("evaluated"), col("precision"))),
                avg(when(col("evaluated"), col("ndcg"))),
                avg(when(col("evaluated"), col("hit"))),
                sum(when(col("evaluated"), 1).otherwise(0)),
                sum(when(col("reached").equalTo(false), 1).otherwise(0)),
                sum(
                    when(col("reached").equalTo(false).and(col("applied_to_listed")), 1)
                        .otherwise(0)),
                count(lit(1)))
            .head();
    long covered =
        rows.select(explode(col("items")).as("p")).agg(countDistinct("p")).head().getLong(0);
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("recall@" + K, a.isNullAt(0) ? 0.0 : a.getDouble(0));
    m.put("precision@" + K, a.isNullAt(1) ? 0.0 : a.getDouble(1));
    m.put("ndcg@" + K, a.isNullAt(2) ? 0.0 : a.getDouble(2));
    m.put("hit_rate@" + K, a.isNullAt(3) ? 0.0 : a.getDouble(3));
    m.put("coverage@" + K, candidates == 0 ? 0.0 : (double) covered / candidates);
    long unreached = a.isNullAt(5) ? 0 : a.getLong(5);
    long unreachedApplied = a.isNullAt(6) ? 0 : a.getLong(6);
    m.put("unreached_applied@" + K, unreached == 0 ? 0.0 : (double) unreachedApplied / unreached);
    m.put("firms_evaluated", a.isNullAt(4) ? 0.0 : (double) a.getLong(4));
    m.put("firms_listed", (double) a.getLong(7));
    m.put("unreached_listed", (double) unreached);
    return m;
  }

  private static List<ModelMetricsTable.Metric> upliftMetrics(UpliftReadout.ProgramUplift p) {
    var e = p.estimate();
    String prefix = "uplift/" + p.programId() + "/";
    Map<String, Double> v = new LinkedHashMap<>();
    v.put(prefix + "difference", e.difference());
    v.put(prefix + "lower95", e.lower());
    v.put(prefix + "upper95", e.upper());
    v.put(prefix + "treated_rate", e.treatedRate());
    v.put(prefix + "holdout_rate", e.holdoutRate());
    v.put(prefix + "treated", (double) e.treated());
    v.put(prefix + "holdout", (double) e.holdout());
    return ModelMetricsTable.of(p.modelId(), v, "holdout");
  }

  /**
   * What the inputs of a date depend on besides the date: the lakehouse, the versions of the silver
   * tables the scratch builds pin ({@code silverVersions}), the program catalog and the
   * configuration files.
   */
  private String inputsKey(Map<String, Long> silverVersions, ProgramCatalog programs) {
    StringBuilder key = new StringBuilder("lakehouse=").append(lakehouse.root());
    for (String table : ScratchBuild.SILVER) {
      key.append(';').append(table).append('=').append(silverVersions.getOrDefault(table, -1L));
    }
    key.append(";programs=").append(programs.version());
    MessageDigest sha = sha256();
    hashConfFiles(sha);
    return key.append(";conf=").append(HexFormat.of().formatHex(sha.digest())).toString();
  }

  /**
   * {@code e-<yyyyMMdd of T>-<hash8>} over the run date, T, silver versions and configuration: the
   * same evaluation run twice on a day replaces its rows.
   */
  private String evaluationId(Instant started, LocalDate t, ProgramCatalog programs) {
    MessageDigest sha = sha256();
    update(sha, "run=" + LocalDate.ofInstant(started, BuildJob.TOKYO));
    update(sha, "as_of=" + t);
    for (String table : List.of("firms", "applications", "events")) {
      OptionalLong v = lakehouse.version(spark, "silver", table);
      update(sha, table + "=" + (v.isPresent() ? v.getAsLong() : -1));
    }
    update(sha, "lakehouse=" + lakehouse.root());
    update(sha, "programs=" + programs.version());
    hashConfFiles(sha);
    return "e-"
        + t.format(DateTimeFormatter.BASIC_ISO_DATE)
        + "-"
        + HexFormat.of().formatHex(sha.digest()).substring(0, 8);
  }

  private void hashConfFiles(MessageDigest sha) {
    for (String file : List.of("needs.yaml", PolicyReachConfig.FILE_NAME)) {
      Path p = confDir.resolve(file);
      try {
        sha.update(Files.exists(p) ? Files.readAllBytes(p) : new byte[0]);
      } catch (IOException e) {
        throw PipelineException.badInput("Cannot read " + p + ": " + e.getMessage(), e);
      }
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static void update(MessageDigest sha, String s) {
    sha.update(s.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
  }
}
