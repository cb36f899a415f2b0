package org.policyreach.pipelines.recommend;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.policyreach.core.ConfPaths;
import org.policyreach.core.CorporateNumber;
import org.policyreach.core.FirmFacts;
import org.policyreach.core.Jsic;
import org.policyreach.core.Need;
import org.policyreach.core.NeedCatalog;
import org.policyreach.core.Prefecture;
import org.policyreach.core.Program;
import org.policyreach.core.ProgramCatalog;
import org.policyreach.core.SizeClass;
import org.policyreach.ingestion.Lakehouse;
import org.policyreach.ingestion.spark.SparkSessions;
import org.policyreach.models.ranking.Diversifier;
import org.policyreach.models.ranking.PeerStats;
import org.policyreach.models.ranking.ProgramRanker;
import org.policyreach.models.ranking.RankingModel;
import org.policyreach.models.ranking.ReasonBuilder;

/**
 * Benchmark of the recommendation stage's own work on a synthetic {@link FirmFrame} of N firms
 * (bench/recommend.sh): peer statistics, the training matrix (three origins over the default
 * 20,000-firm sample, with synthetic labels), the Smile fit, and scoring every firm against the
 * catalog's candidates (core eligibility, pair features, model, diversified top 10 with reasons)
 * written to Delta. The profiles stage that feeds the real stage (and the scratch profile builds of
 * the training origins) is benchmarked with the build, not here.
 *
 * <p>Prints one JSON line: {@code {"firms", "candidates", "frame_s", "peers_s", "collect_s",
 * "train_rows", "fit_s", "score_write_s", "recommendations", "firms_per_s"}}.
 */
public final class RecommendBenchMain {
  static final LocalDate DAY = LocalDate.parse("2026-11-26");

  public static void main(String[] args) throws Exception {
    int firms = Integer.parseInt(args[0]);
    Path work = Path.of(args[1]);
    SparkSession spark = SparkSessions.create("local[*]", false, 8);
    Path conf = ConfPaths.locate();
    NeedCatalog needs = NeedCatalog.load(ConfPaths.needsFile(conf));
    List<Program> catalog = ProgramCatalog.load(ConfPaths.programsDir(conf), needs).programs();
    List<String> needIds = needs.needs().stream().map(Need::id).toList();
    Map<String, String> familyOf = RankingInputs.familyOf(catalog);
    List<ProgramSpec> candidates = ProgramSpec.candidates(catalog, DAY, 60);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("firms", firms);
    out.put("candidates", candidates.size());
    out.put("catalog", catalog.size());

    long t = System.nanoTime();
    int partitions = Math.max(8, firms / 50_000);
    Dataset<Row> frame =
        spark
            .range(0, firms, 1, partitions)
            .mapPartitions(
                new SyntheticFirms(needIds, catalog.stream().map(Program::id).toList()),
                Encoders.row(SyntheticFirms.SCHEMA))
            .persist(StorageLevel.MEMORY_AND_DISK());
    frame.count();
    out.put("frame_s", seconds(t));

    t = System.nanoTime();
    PeerStats peers = PeerCounts.of(spark, frame, needIds, familyOf);
    out.put("peers_s", seconds(t));
    RankingInputs inputs = new RankingInputs(DAY, candidates, familyOf, frame, peers);

    t = System.nanoTime();
    Dataset<Row> labels =
        frame.mapPartitions(new SyntheticLabels(candidates), Encoders.row(SyntheticLabels.SCHEMA));
    List<RankerTraining.Origin> origins = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      origins.add(RankerTraining.collect(inputs, labels, DAY, 20_000 / 3, 20261126L + i));
    }
    double collect = seconds(t);
    out.put("collect_s", collect);
    RankerTraining.Result trained =
        RankerTraining.fit(origins, DAY, 20261126L, RankingModel.Options.defaults(), collect);
    out.put("train_rows", trained.metrics().get("train_rows"));
    out.put("fit_s", Math.round(trained.fitSeconds() * 1000) / 1000.0);

    Map<String, String> labelsJa = new LinkedHashMap<>();
    needs.needs().forEach(n -> labelsJa.put(n.id(), n.labelJa()));
    ProgramRanker ranker =
        new ProgramRanker(
            trained.model(),
            peers,
            new ReasonBuilder(labelsJa, ReasonBuilder.Options.defaults()),
            new Diversifier(1, Recommender.DUPLICATE_PENALTY));
    Lakehouse lakehouse = Lakehouse.at(work.resolve("lakehouse"));
    t = System.nanoTime();
    frame
        .mapPartitions(
            new RecommendationRows(
                Spark.broadcast(spark, ranker), inputs, 10, "ranker-bench", "b-bench"),
            Encoders.row(RecommendationTables.RECOMMENDATIONS_SCHEMA))
        .write()
        .format("delta")
        .mode(SaveMode.Overwrite)
        .save(lakehouse.path("gold", "recommendations"));
    double score = seconds(t);
    out.put("score_write_s", score);
    long recs =
        spark.read().format("delta").load(lakehouse.path("gold", "recommendations")).count();
    out.put("recommendations", recs);
    out.put("firms_per_s", Math.round(firms / score));
    String json = new ObjectMapper().writeValueAsString(out);
    System.out.println(json);
    Files.writeString(work.resolve("result.json"), json + "\n");
    spark.stop();
  }

  private static double seconds(long t0) {
    return Math.round((System.nanoTime() - t0) / 1e6) / 1000.0;
  }

  /** Deterministic synthetic firms with every {@link FirmFrame} column. */
  static final class SyntheticFirms implements MapPartitionsFunction<Long, Row> {
    private static final long serialVersionUID = 1L;
    static final StructType SCHEMA =
        new StructType()
            .add("corporate_number", DataTypes.StringType)
            .add("name", DataTypes.StringType)
            .add("prefecture_code", DataTypes.StringType)
            .add("jsic_division", DataTypes.StringType)
            .add("jsic_major", DataTypes.StringType)
            .add("size_class", DataTypes.StringType)
            .add("firm_age_years", DataTypes.IntegerType)
            .add("capital_yen", DataTypes.LongType)
            .add("employees", DataTypes.IntegerType)
            .add("established", DataTypes.DateType)
            .add("reached", DataTypes.BooleanType)
            .add("applications", DataTypes.IntegerType)
            .add("awards", DataTypes.IntegerType)
            .add("programs_applied", DataTypes.createArrayType(DataTypes.StringType))
            .add("need_scores", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType))
            .add("opted_out", DataTypes.BooleanType)
            .add(FirmFrame.EXCLUDED, DataTypes.createArrayType(DataTypes.StringType))
            .add(FirmFrame.CONTACTS, DataTypes.IntegerType);

    private static final String[] JSIC = {
      "E", "E", "I", "I", "D", "M", "N", "R", "L", "G", "H", "P"
    };
    private final List<String> needIds;
    private final List<String> programIds;

    SyntheticFirms(List<String> needIds, List<String> programIds) {
      this.needIds = List.copyOf(needIds);
      this.programIds = List.copyOf(programIds);
    }

    @Override
    public Iterator<Row> call(Iterator<Long> ids) {
      return new LazyIterator<>(ids, i -> List.of(firm(i)));
    }

    private Row firm(long i) {
      SplittableRandom r = new SplittableRandom(0x5eed + i * 0x9E3779B97F4A7C15L);
      String cn = CorporateNumber.ofBase(String.format("%012d", 500_000_000_000L + i)).value();
      Jsic jsic = Jsic.ofLetter(JSIC[r.nextInt(JSIC.length)]);
      String major =
          String.format(
              "%02d", jsic.firstMajor() + r.nextInt(jsic.lastMajor() - jsic.firstMajor() + 1));
      int employees = (int) Math.min(2000, Math.exp(r.nextDouble() * 6));
      long capital = (long) (1_000_000 * Math.exp(r.nextDouble() * 7));
      LocalDate established = DAY.minusDays(200 + r.nextInt(40 * 365));
      Prefecture pref = Prefecture.values()[r.nextInt(47)];
      String size =
          new FirmFacts(
                  CorporateNumber.parse(cn), pref, jsic, major, capital, employees, established)
              .sizeClass()
              .map(SizeClass::id)
              .orElse(null);
      boolean reached = r.nextDouble() < 0.35;
      int apps = reached ? 1 + r.nextInt(6) : 0;
      int awards = apps == 0 ? 0 : r.nextInt(apps + 1);
      List<String> applied = new ArrayList<>();
      for (int k = 0; k < apps; k++) {
        applied.add(programIds.get(r.nextInt(programIds.size())));
      }
      Map<String, Double> scores = new LinkedHashMap<>();
      for (String need : needIds) {
        double u = r.nextDouble();
        scores.put(need, reached ? u * u : 0.3 * u);
      }
      return RowFactory.create(
          cn,
          "株式会社ベンチ" + i,
          pref.code(),
          jsic.letter(),
          major,
          size,
          (int) java.time.temporal.ChronoUnit.YEARS.between(established, DAY),
          capital,
          employees,
          Date.valueOf(established),
          reached,
          apps,
          awards,
          Spark.array(applied),
          scala.jdk.javaapi.CollectionConverters.asScala(scores),
          r.nextDouble() < 0.03,
          Spark.array(applied.isEmpty() ? List.<String>of() : List.of(applied.get(0))),
          r.nextInt(5));
    }
  }

  /** Synthetic labels: each candidate applied to with probability 0.3·(need match)². */
  static final class SyntheticLabels implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    static final StructType SCHEMA =
        new StructType()
            .add(FirmFrame.CN, DataTypes.StringType)
            .add("labels", DataTypes.createArrayType(DataTypes.StringType));
    private final List<ProgramSpec> candidates;

    SyntheticLabels(List<ProgramSpec> candidates) {
      this.candidates = List.copyOf(candidates);
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      return new LazyIterator<>(
          rows,
          row -> {
            String cn = row.getAs(FirmFrame.CN);
            SplittableRandom r = new SplittableRandom(cn.hashCode());
            Map<String, Double> scores = row.getJavaMap(row.fieldIndex("need_scores"));
            List<String> applied = new ArrayList<>();
            for (ProgramSpec p : candidates) {
              double m = 0;
              for (String need : p.needs()) {
                m = Math.max(m, scores.getOrDefault(need, 0.0));
              }
              if (r.nextDouble() < 0.3 * m * m) {
                applied.add(p.id());
              }
            }
            return List.of(RowFactory.create(cn, Spark.array(applied)));
          });
    }
  }
}
