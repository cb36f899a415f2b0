package org.policyreach.pipelines.recommend;

import static org.apache.spark.sql.functions.col;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.policyreach.ingestion.Lakehouse;

/**
 * Writes {@code gold.model_metrics}. The table keeps every run's rows (builds and evaluations can
 * be compared over time); re-running one run id replaces that run's rows.
 */
public final class ModelMetricsTable {
  private ModelMetricsTable() {}

  /** One metric row; {@code baseline} null for the model itself. */
  public record Metric(String modelId, String metric, double value, String baseline) {}

  /** Metric rows for a name → value map. */
  public static List<Metric> of(String modelId, Map<String, Double> values, String baseline) {
    List<Metric> out = new ArrayList<>();
    values.forEach(
        (name, value) -> {
          if (value != null && Double.isFinite(value)) {
            out.add(new Metric(modelId, name, value, baseline));
          }
        });
    return out;
  }

  /** Replaces the rows of run {@code runId} with {@code metrics}; returns the rows written. */
  public static long replace(
      SparkSession spark, Lakehouse lakehouse, String runId, LocalDate asOf, List<Metric> metrics) {
    List<Row> rows = new ArrayList<>(metrics.size());
    Date day = Date.valueOf(asOf);
    for (Metric m : metrics) {
      rows.add(RowFactory.create(m.modelId(), m.metric(), m.value(), m.baseline(), day, runId));
    }
    String path = lakehouse.path("gold", RecommendationTables.MODEL_METRICS);
    var df = spark.createDataFrame(rows, RecommendationTables.MODEL_METRICS_SCHEMA);
    if (!lakehouse.exists(spark, "gold", RecommendationTables.MODEL_METRICS)) {
      df.write().format("delta").mode(SaveMode.ErrorIfExists).save(path);
    } else {
      df.write()
          .format("delta")
          .mode(SaveMode.Overwrite)
          .option("replaceWhere", "build_id = '" + runId.replace("'", "") + "'")
          .save(path);
    }
    return spark.read().format("delta").load(path).filter(col("build_id").equalTo(runId)).count();
  }
}
