package org.policyreach.pipelines.reports;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.desc;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.policyreach.ingestion.Lakehouse;
import org.policyreach.pipelines.PipelineException;
import org.policyreach.pipelines.segments.SegmentStage;

/** Reads one build's segment report from {@code gold.segments} and {@code gold.segment_reports}. */
public final class SegmentReportReader {
  private SegmentReportReader() {}

  /**
   * @param buildId the build to read; null for the latest build (by {@code built_at})
   * @throws PipelineException (bad input) when there is no report or no such build
   */
  public static SegmentReport read(SparkSession spark, Lakehouse lakehouse, String buildId) {
    if (!lakehouse.exists(spark, "gold", SegmentStage.SEGMENTS)
        || !lakehouse.exists(spark, "gold", SegmentReportStage.TABLE)) {
      throw PipelineException.badInput(
          "Cannot export segment reports: gold.segments or gold.segment_reports does not exist"
              + " under "
              + lakehouse.root()
              + "; run policyreach build first");
    }
    Dataset<Row> segments =
        spark.read().format("delta").load(lakehouse.path("gold", SegmentStage.SEGMENTS));
    String build = buildId;
    if (build == null) {
      List<Row> latest =
          segments
              .select("build_id", "built_at")
              .distinct()
              .orderBy(desc("built_at"), desc("build_id"))
              .limit(1)
              .collectAsList();
      if (latest.isEmpty()) {
        throw PipelineException.badInput(
            "Cannot export segment reports: gold.segments holds no build; run policyreach build");
      }
      build = latest.get(0).getString(0);
    }
    List<Row> rows =
        segments
            .filter(col("build_id").equalTo(build))
            .orderBy(col("kind").desc(), col("segment_id"))
            .collectAsList();
    if (rows.isEmpty()) {
      List<String> known =
          segments.select("build_id").distinct().orderBy("build_id").collectAsList().stream()
              .map(r -> r.getString(0))
              .toList();
      throw PipelineException.badInput(
          "Cannot export segment reports: there is no build '"
              + build
              + "' in gold.segments; builds: "
              + String.join(", ", known));
    }
    List<SegmentReport.Segment> list = new ArrayList<>();
    java.sql.Timestamp builtAt = null;
    for (Row r : rows) {
      list.add(
          new SegmentReport.Segment(
              r.getAs("segment_id"),
              r.getAs("kind"),
              r.getAs("label_ja"),
              r.getAs("label_en"),
              r.getAs("definition")));
      builtAt = r.getAs("built_at");
    }
    List<ReportCell> cells = new ArrayList<>();
    for (Row r :
        spark
            .read()
            .format("delta")
            .load(lakehouse.path("gold", SegmentReportStage.TABLE))
            .filter(col("build_id").equalTo(build))
            .collectAsList()) {
      cells.add(
          new ReportCell(
              r.getAs("segment_id"),
              r.getAs("section"),
              r.getAs("dimension"),
              r.getAs("key"),
              r.getAs("count"),
              r.getAs("value"),
              r.<Boolean>getAs("suppressed")));
    }
    cells.sort(ReportCellOrder.INSTANCE);
    return new SegmentReport(build, builtAt.toInstant(), list, cells);
  }
}
