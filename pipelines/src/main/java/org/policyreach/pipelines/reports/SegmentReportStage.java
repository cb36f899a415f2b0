package org.policyreach.pipelines.reports;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.policyreach.core.Need;
import org.policyreach.core.Program;
import org.policyreach.pipelines.build.BuildContext;
import org.policyreach.pipelines.build.BuildStage;
import org.policyreach.pipelines.build.GoldTables;
import org.policyreach.pipelines.build.StageOutput;

/**
 * Builds {@code gold.segment_reports} for this build: per segment (and for the pseudo-segment
 * {@code all} of every active firm, the baseline) size, distributions, reach, mean need scores,
 * uptake per program and the most under-used programs, with small cells suppressed ({@code
 * report.min_cell}). Aggregation runs in Spark; the few thousand cells are assembled and suppressed
 * in {@link SegmentReportBuilder}.
 */
public final class SegmentReportStage implements BuildStage {

  public static final String TABLE = "segment_reports";

  public static final StructType SCHEMA =
      new StructType()
          .add("segment_id", DataTypes.StringType, false)
          .add("build_id", DataTypes.StringType, false)
          .add("section", DataTypes.StringType, false)
          .add("dimension", DataTypes.StringType, false)
          .add("key", DataTypes.StringType, false)
          .add("count", DataTypes.LongType)
          .add("value", DataTypes.DoubleType)
          .add("suppressed", DataTypes.BooleanType, false);

  private static final String CN = "corporate_number";

  @Override
  public String name() {
    return "reports";
  }

  @Override
  public StageOutput run(BuildContext ctx) {
    Dataset<Row> profiles = ctx.dataset(BuildContext.PROFILES);
    Dataset<Row> membership = ctx.dataset(BuildContext.MEMBERSHIP);
    List<String> needIds = ctx.needs().needs().stream().map(Need::id).toList();

    Dataset<Row> members =
        membership
            .unionByName(profiles.select(lit(SegmentReportBuilder.ALL).as("segment_id"), col(CN)))
            .join(
                profiles.select(
                    col(CN),
                    col("jsic_division"),
                    col("prefecture_code"),
                    col("size_class"),
                    col("reached"),
                    col("need_scores")),
                CN)
            .persist(StorageLevel.MEMORY_AND_DISK());

    Dataset<Row> firmPrograms =
        ctx.silver()
            .applications()
            .groupBy(CN, "program_id")
            .agg(max(when(col("status").isin("accepted", "awarded"), 1).otherwise(0)).as("won"));
    List<Row> uptake =
        members
            .select("segment_id", CN)
            .join(firmPrograms, CN)
            .groupBy("segment_id", "program_id")
            .agg(count(lit(1)).as("applied"), sum("won").as("awarded"))
            .collectAsList();

    List<String> programIds = new ArrayList<>();
    for (Program p : ctx.programs().programs()) {
      programIds.add(p.id());
    }
    for (Row r : uptake) {
      if (!programIds.contains(r.getString(1))) {
        programIds.add(r.getString(1)); // applications to programs no longer in the catalog
      }
    }
    SegmentReportBuilder report =
        new SegmentReportBuilder(ctx.config().report().minCell(), needIds, programIds);

    List<Column> aggs = new ArrayList<>();
    aggs.add(count(lit(1)).as("size"));
    for (String need : needIds) {
      aggs.add(avg(col("need_scores").getItem(need)).as("need_" + need));
    }
    for (Row r :
        members
            .groupBy("segment_id")
            .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new))
            .collectAsList()) {
      String seg = r.getString(0);
      report.size(seg, r.getLong(1));
      for (int i = 0; i < needIds.size(); i++) {
        report.needMean(seg, needIds.get(i), r.isNullAt(2 + i) ? 0.0 : r.getDouble(2 + i));
      }
    }
    Map<String, Column> dims = new LinkedHashMap<>();
    dims.put("jsic", col("jsic_division"));
    dims.put("prefecture", col("prefecture_code"));
    dims.put("size_class", col("size_class"));
    dims.put("reached", when(col("reached"), lit("reached")).otherwise(lit("unreached")));
    for (Map.Entry<String, Column> d : dims.entrySet()) {
      for (Row r :
          members.groupBy(col("segment_id"), d.getValue().as("key")).count().collectAsList()) {
        report.distribution(r.getString(0), d.getKey(), r.getString(1), r.getLong(2));
      }
    }
    for (Row r : uptake) {
      report.uptake(r.getString(0), r.getString(1), r.getLong(2), r.getLong(3));
    }
    members.unpersist();

    List<ReportCell> cells = report.build();
    List<Row> rows = new ArrayList<>(cells.size());
    long suppressed = 0;
    for (ReportCell c : cells) {
      rows.add(
          RowFactory.create(
              c.segmentId(),
              ctx.buildId(),
              c.section(),
              c.dimension(),
              c.key(),
              c.count(),
              c.value(),
              c.suppressed()));
      suppressed += c.suppressed() ? 1 : 0;
    }
    long written =
        GoldTables.replaceBuild(
            ctx, TABLE, ctx.spark().createDataFrame(rows, SCHEMA).repartition(1));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("cells", cells.size());
    details.put("suppressed_cells", suppressed);
    details.put("min_cell", ctx.config().report().minCell());
    return new StageOutput(Map.of("gold." + TABLE, written), details);
  }
}
