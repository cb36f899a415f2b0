package org.policyreach.pipelines.profiles;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log1p;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.months_between;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.policyreach.core.Need;
import org.policyreach.core.Program;
import org.policyreach.pipelines.build.BuildContext;
import org.policyreach.pipelines.build.BuildStage;
import org.policyreach.pipelines.build.ConsentOrder;
import org.policyreach.pipelines.build.GoldTables;
import org.policyreach.pipelines.build.SilverSchemas;
import org.policyreach.pipelines.build.StageOutput;

/**
 * Builds {@code gold.firm_profiles}: one row per firm active on the as-of date — including firms
 * that never applied ({@code reached = false}) — with attributes, application history and a need
 * score in [0, 1] for every need of {@code conf/needs.yaml}, explained by its top evidence (see
 * {@link NeedScoring}).
 */
public final class ProfileStage implements BuildStage {

  public static final String TABLE = "firm_profiles";

  /** Columns of {@code gold.firm_profiles}, in order (the contract in docs/architecture.md). */
  public static final StructType SCHEMA =
      new StructType()
          .add("corporate_number", DataTypes.StringType, false)
          .add("name", DataTypes.StringType)
          .add("prefecture_code", DataTypes.StringType)
          .add("jsic_division", DataTypes.StringType)
          .add("jsic_major", DataTypes.StringType)
          .add("size_class", DataTypes.StringType)
          .add("firm_age_years", DataTypes.IntegerType)
          .add("capital_yen", DataTypes.LongType)
          .add("employees", DataTypes.IntegerType)
          .add("established", DataTypes.DateType)
          .add("status", DataTypes.StringType)
          .add("reached", DataTypes.BooleanType, false)
          .add("applications", DataTypes.IntegerType, false)
          .add("awards", DataTypes.IntegerType, false)
          .add("award_rate", DataTypes.DoubleType)
          .add("last_application_date", DataTypes.DateType)
          .add("programs_applied", DataTypes.createArrayType(DataTypes.StringType))
          .add("needs_applied", DataTypes.createArrayType(DataTypes.StringType))
          .add(
              "need_scores",
              DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, false))
          .add(
              "need_evidence",
              DataTypes.createMapType(
                  DataTypes.StringType, DataTypes.createArrayType(DataTypes.StringType), false))
          .add("opted_out", DataTypes.BooleanType, false)
          .add("field_sources", SilverSchemas.FIRMS.apply("field_sources").dataType())
          .add("as_of", DataTypes.DateType, false)
          .add("build_id", DataTypes.StringType, false);

  private static final String CN = "corporate_number";

  private final NeedScoring scoring;

  public ProfileStage() {
    this(NeedScoring.DEFAULTS);
  }

  public ProfileStage(NeedScoring scoring) {
    this.scoring = scoring;
  }

  @Override
  public String name() {
    return "profiles";
  }

  @Override
  public StageOutput run(BuildContext ctx) {
    SparkSession spark = ctx.spark();
    List<String> needIds = ctx.needs().needs().stream().map(Need::id).toList();
    Date asOf = Date.valueOf(ctx.asOf());

    Dataset<Row> firms =
        ctx.silver()
            .activeFirms()
            .select(
                col(CN),
                col("name"),
                col("prefecture_code"),
                col("jsic_division"),
                col("jsic_major"),
                col("size_class"),
                col("capital_yen"),
                col("employees"),
                col("established"),
                col("field_sources"))
            .dropDuplicates(CN)
            .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> apps =
        ctx.silver()
            .applications()
            .join(firms.select(CN), seq(CN), "left_semi")
            .withColumn(
                "decay",
                pow(
                    lit(0.5),
                    greatest(datediff(lit(asOf), col("submitted_date")), lit(0))
                        .cast(DataTypes.DoubleType)
                        .divide(scoring.halfLifeDays())))
            .withColumn("won", col("status").isin("accepted", "awarded"))
            .persist(StorageLevel.MEMORY_AND_DISK());

    Dataset<Row> evidence = evidence(ctx, apps, needIds).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> ownLong = ownScores(evidence).persist(StorageLevel.MEMORY_AND_DISK());

    Dataset<Row> history =
        apps.groupBy(CN)
            .agg(
                count(lit(1)).cast(DataTypes.IntegerType).as("applications"),
                sum(when(col("won"), 1).otherwise(0)).cast(DataTypes.IntegerType).as("awards"),
                max("submitted_date").as("last_application_date"),
                array_sort(collect_set("program_id")).as("programs_applied"));
    Dataset<Row> needsApplied =
        evidence
            .filter(col("kind").isin("tag", "program"))
            .groupBy(CN)
            .agg(array_sort(collect_set("need")).as("needs_applied"));
    Dataset<Row> optedOut = ConsentOrder.optedOut(spark, ctx.lakehouse(), ctx.silver().events());
    Dataset<Row> ownPerFirm =
        ownLong
            .groupBy(CN)
            .agg(collect_list(struct(col("need"), col("own"), col("top"))).as("own"));

    Dataset<Row> keyed =
        firms
            .withColumn("pj", coalesce(col("jsic_division"), lit(PeerPriors.UNKNOWN)))
            .withColumn("ps", coalesce(col("size_class"), lit(PeerPriors.UNKNOWN)))
            .withColumn("pp", coalesce(col("prefecture_code"), lit(PeerPriors.UNKNOWN)))
            .withColumn("firm_age_years", firmAge(asOf))
            .withColumn("pa", ageBand(col("firm_age_years")));
    Dataset<Row> priors = priors(spark, keyed, history, ownLong, needIds);

    Dataset<Row> joined =
        keyed
            .join(history, seq(CN), "left")
            .join(needsApplied, seq(CN), "left")
            .join(optedOut, seq(CN), "left")
            .join(ownPerFirm, seq(CN), "left")
            .join(broadcast(priors), seq("pj", "ps", "pp", "pa"), "left")
            .withColumn("applications", coalesce(col("applications"), lit(0)))
            .withColumn("awards", coalesce(col("awards"), lit(0)))
            .withColumn("reached", col("applications").gt(0))
            .withColumn(
                "award_rate",
                when(
                    col("applications").gt(0),
                    col("awards").cast(DataTypes.DoubleType).divide(col("applications"))))
            .withColumn("opted_out", coalesce(col("opted_out"), lit(false)))
            .withColumn("status", lit("active"))
            .withColumn("as_of", lit(asOf))
            .withColumn("build_id", lit(ctx.buildId()));

    Dataset<Row> profiles =
        joined.map(new ProfileAssembler(needIds, scoring, SCHEMA), Encoders.row(SCHEMA));
    long rows = GoldTables.overwrite(ctx, TABLE, profiles);

    Dataset<Row> written =
        spark
            .read()
            .format("delta")
            .load(ctx.lakehouse().path("gold", TABLE))
            .persist(StorageLevel.MEMORY_AND_DISK());
    ctx.publish(BuildContext.PROFILES, written);
    long reached = written.filter(col("reached")).count();
    ownLong.unpersist();
    evidence.unpersist();
    apps.unpersist();
    firms.unpersist();

    Map<String, Object> details = new LinkedHashMap<>();
    details.put("firms", rows);
    details.put("reached", reached);
    details.put("unreached", rows - reached);
    return new StageOutput(Map.of("gold." + TABLE, rows), details);
  }

  /**
   * Evidence rows {@code (corporate_number, application_id, need, kind, label, strength, decay)}
   * from purpose tags, programs' needs and purpose text.
   */
  private Dataset<Row> evidence(BuildContext ctx, Dataset<Row> apps, List<String> needIds) {
    Column[] out = {
      col(CN),
      col("application_id"),
      col("need"),
      col("kind"),
      col("label"),
      col("strength"),
      col("decay")
    };
    Dataset<Row> tags =
        apps.select(
                col(CN),
                col("application_id"),
                col("decay"),
                col("submitted_date"),
                explode(col("purpose_tags")).as("need"))
            .filter(col("need").isin(needIds.toArray()))
            .withColumn("kind", lit("tag"))
            .withColumn(
                "label",
                concat(
                    lit("tag:"),
                    col("need"),
                    lit("@"),
                    date_format(col("submitted_date"), "yyyy-MM-dd")))
            .withColumn("strength", lit(scoring.tagWeight()))
            .select(out);

    Dataset<Row> programs =
        apps.join(broadcast(programNeeds(ctx, needIds)), seq("program_id"))
            .withColumn("kind", lit("program"))
            .withColumn("label", concat(lit("program:"), col("program_id")))
            .select(out);

    Map<String, List<String>> keywords = new LinkedHashMap<>();
    for (Need n : ctx.needs().needs()) {
      keywords.put(n.id(), n.keywords());
    }
    Dataset<Row> hits =
        apps.select("purpose")
            .filter(col("purpose").isNotNull())
            .distinct()
            .mapPartitions(new PurposeMatcher(keywords), Encoders.row(PurposeMatcher.OUTPUT));
    Dataset<Row> text =
        apps.join(hits, seq("purpose"))
            .withColumn("kind", lit("text"))
            .withColumn("label", concat(lit("text:"), col("keyword")))
            .withColumn("strength", lit(scoring.textWeight()))
            .select(out);
    return tags.unionByName(programs).unionByName(text);
  }

  /** {@code (program_id, need, strength)}: a program's needs, weighted by 1/√(its needs). */
  private Dataset<Row> programNeeds(BuildContext ctx, List<String> needIds) {
    List<Row> rows = new ArrayList<>();
    for (Program p : ctx.programs().programs()) {
      List<String> needs = p.needs().stream().filter(needIds::contains).toList();
      for (String need : needs) {
        rows.add(
            RowFactory.create(p.id(), need, scoring.programWeight() / Math.sqrt(needs.size())));
      }
    }
    StructType schema =
        new StructType()
            .add("program_id", DataTypes.StringType)
            .add("need", DataTypes.StringType)
            .add("strength", DataTypes.DoubleType);
    return ctx.spark().createDataFrame(rows, schema);
  }

  /**
   * {@code (corporate_number, need, own, top)}: the noisy-or of decayed per-application strengths,
   * and the strongest distinct evidence labels with their contributions.
   */
  private Dataset<Row> ownScores(Dataset<Row> evidence) {
    Column safe = least(col("strength"), lit(0.999));
    Dataset<Row> perApp =
        evidence
            .groupBy(CN, "application_id", "need")
            .agg(
                max("decay").as("decay"),
                (lit(1.0).minus(exp(sum(log1p(safe.multiply(-1)))))).as("s"));
    Dataset<Row> own =
        perApp
            .groupBy(CN, "need")
            .agg(
                lit(1.0)
                    .minus(
                        exp(
                            sum(
                                log1p(
                                    least(col("s").multiply(col("decay")), lit(0.999))
                                        .multiply(-1)))))
                    .as("own"));
    Dataset<Row> top =
        evidence
            .groupBy(CN, "need", "label")
            .agg(max(col("strength").multiply(col("decay"))).as("contribution"))
            .groupBy(CN, "need")
            .agg(
                slice(
                        sort_array(collect_list(struct(col("contribution"), col("label"))), false),
                        1,
                        scoring.maxEvidence())
                    .as("top"));
    return own.join(top, seq(CN, "need"));
  }

  /** {@code (pj, ps, pp, pa, prior: array<double> in need order, peer_label)} for every group. */
  private Dataset<Row> priors(
      SparkSession spark,
      Dataset<Row> keyed,
      Dataset<Row> history,
      Dataset<Row> ownLong,
      List<String> needIds) {
    PeerPriors peers = new PeerPriors(needIds, scoring.peerShrinkage());
    Dataset<Row> reachedKeys =
        keyed.select(CN, "pj", "ps", "pp", "pa").join(history.select(CN), seq(CN), "left_semi");
    for (Row r : reachedKeys.groupBy("pj", "ps", "pp", "pa").count().collectAsList()) {
      peers.addCount(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getLong(4));
    }
    for (Row r :
        ownLong
            .join(reachedKeys, seq(CN))
            .groupBy("pj", "ps", "pp", "pa", "need")
            .agg(sum("own"))
            .collectAsList()) {
      peers.addSum(
          r.getString(0),
          r.getString(1),
          r.getString(2),
          r.getString(3),
          r.getString(4),
          r.getDouble(5));
    }
    List<Row> rows = new ArrayList<>();
    for (Row r : keyed.select("pj", "ps", "pp", "pa").distinct().collectAsList()) {
      Map<String, Double> prior =
          peers.prior(r.getString(0), r.getString(1), r.getString(2), r.getString(3));
      rows.add(
          RowFactory.create(
              r.getString(0),
              r.getString(1),
              r.getString(2),
              r.getString(3),
              new ArrayList<>(prior.values()),
              PeerPriors.label(r.getString(0), r.getString(1), r.getString(2))));
    }
    StructType schema =
        new StructType()
            .add("pj", DataTypes.StringType)
            .add("ps", DataTypes.StringType)
            .add("pp", DataTypes.StringType)
            .add("pa", DataTypes.StringType)
            .add("prior", DataTypes.createArrayType(DataTypes.DoubleType))
            .add("peer_label", DataTypes.StringType);
    return spark.createDataFrame(rows, schema);
  }

  private static Column ageBand(Column years) {
    return when(years.isNull(), lit(PeerPriors.UNKNOWN))
        .when(years.lt(5), lit("0-4"))
        .when(years.lt(10), lit("5-9"))
        .when(years.lt(20), lit("10-19"))
        .when(years.lt(30), lit("20-29"))
        .otherwise(lit("30+"));
  }

  private static Column firmAge(Date asOf) {
    Column years = floor(months_between(lit(asOf), col("established")).divide(12));
    return when(years.geq(0), years.cast(DataTypes.IntegerType));
  }

  private static scala.collection.immutable.Seq<String> seq(String... names) {
    return scala.jdk.javaapi.CollectionConverters.asScala(List.of(names)).toList();
  }
}
