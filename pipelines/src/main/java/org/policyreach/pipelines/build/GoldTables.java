package org.policyreach.pipelines.build;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/** Writes gold tables of a build, either replacing them or adding the build's rows. */
public final class GoldTables {
  private GoldTables() {}

  /** Replaces the whole table (one current version, e.g. {@code firm_profiles}). */
  public static long overwrite(BuildContext ctx, String table, Dataset<Row> rows) {
    rows.write()
        .format("delta")
        .mode(SaveMode.Overwrite)
        .option("overwriteSchema", "true")
        .save(ctx.lakehouse().path("gold", table));
    return count(ctx, table);
  }

  /**
   * Keeps earlier builds' rows and replaces this build's (so re-running a build id is idempotent):
   * segments, membership and reports can then be compared across builds.
   */
  public static long replaceBuild(BuildContext ctx, String table, Dataset<Row> rows) {
    String path = ctx.lakehouse().path("gold", table);
    if (!ctx.lakehouse().exists(ctx.spark(), "gold", table)) {
      rows.write().format("delta").mode(SaveMode.ErrorIfExists).save(path);
    } else {
      rows.write()
          .format("delta")
          .mode(SaveMode.Overwrite)
          // a column added by a newer release (e.g. program_targets' expected_uplift) joins the
          // table's schema; the rows of earlier builds read it as null
          .option("mergeSchema", "true")
          .option("replaceWhere", "build_id = '" + ctx.buildId().replace("'", "") + "'")
          .save(path);
    }
    return ctx.spark()
        .read()
        .format("delta")
        .load(path)
        .filter(col("build_id").equalTo(ctx.buildId()))
        .count();
  }

  private static long count(BuildContext ctx, String table) {
    return ctx.spark().read().format("delta").load(ctx.lakehouse().path("gold", table)).count();
  }
}
