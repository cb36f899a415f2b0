package org.policyreach.pipelines.recommend;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.policyreach.models.ranking.Reason;

/**
 * Schemas of the gold tables this package and {@code targets}/{@code evaluate} write (the contract
 * in docs/architecture.md).
 */
public final class RecommendationTables {
  private RecommendationTables() {}

  public static final String RECOMMENDATIONS = "recommendations";
  public static final String PROGRAM_TARGETS = "program_targets";
  public static final String MODEL_METRICS = "model_metrics";

  /** {@code ARRAY<STRUCT<code, message>>}: stable reason code and its Japanese text. */
  public static final ArrayType REASONS =
      DataTypes.createArrayType(
          new StructType()
              .add("code", DataTypes.StringType, false)
              .add("message", DataTypes.StringType, false),
          false);

  /** {@code gold.recommendations}: a firm's top-K programs (rank 1 first). */
  public static final StructType RECOMMENDATIONS_SCHEMA =
      new StructType()
          .add("corporate_number", DataTypes.StringType, false)
          .add("program_id", DataTypes.StringType, false)
          .add("rank", DataTypes.IntegerType, false)
          .add("score", DataTypes.DoubleType, false)
          .add("reasons", REASONS, false)
          .add("deadline", DataTypes.DateType, false)
          .add("days_left", DataTypes.IntegerType, false)
          .add("model_id", DataTypes.StringType, false)
          .add("build_id", DataTypes.StringType, false);

  /** {@code gold.program_targets}: per open program the firms to notify, holdout included. */
  public static final StructType PROGRAM_TARGETS_SCHEMA =
      new StructType()
          .add("program_id", DataTypes.StringType, false)
          .add("corporate_number", DataTypes.StringType, false)
          .add("rank", DataTypes.IntegerType, false)
          .add("score", DataTypes.DoubleType, false)
          .add("reasons", REASONS, false)
          .add("reached", DataTypes.BooleanType, false)
          .add("holdout", DataTypes.BooleanType, false)
          .add("prefecture_code", DataTypes.StringType, true)
          .add("size_class", DataTypes.StringType, true)
          .add("as_of", DataTypes.DateType, false)
          .add("model_id", DataTypes.StringType, false)
          .add("build_id", DataTypes.StringType, false);

  /**
   * {@code gold.model_metrics}: {@code baseline} is null for the model's own figures, else the
   * method compared with ({@code popularity}, {@code need_match}) or, for uplift, {@code holdout}.
   */
  public static final StructType MODEL_METRICS_SCHEMA =
      new StructType()
          .add("model_id", DataTypes.StringType, false)
          .add("metric", DataTypes.StringType, false)
          .add("value", DataTypes.DoubleType, false)
          .add("baseline", DataTypes.StringType, true)
          .add("as_of", DataTypes.DateType, false)
          .add("build_id", DataTypes.StringType, false);

  /** Reasons as a value of {@link #REASONS} (a Scala sequence of rows, as row encoders take). */
  public static scala.collection.immutable.Seq<Row> reasonRows(List<Reason> reasons) {
    List<Row> rows = new ArrayList<>(reasons.size());
    for (Reason r : reasons) {
      rows.add(RowFactory.create(r.code().name(), r.message()));
    }
    return Spark.array(rows);
  }
}
