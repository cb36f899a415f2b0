package org.policyreach.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.policyreach.ingestion.Lakehouse;
import org.policyreach.ingestion.LakehouseSql;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code policyreach sql}: Spark SQL over the lakehouse tables by their contract names. Read-only
 * and without the bronze layer unless {@code --write} / {@code --allow-bronze} say otherwise (see
 * {@link SqlGuard}); every statement is recorded in {@code <lakehouse>/_audit/sql.jsonl} (see
 * {@link SqlAudit}).
 */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Run Spark SQL over the lakehouse: quarantine.records, silver.*, gold.*, meta.* (bronze.*"
          + " with --allow-bronze).",
      "Read-only unless --write: SELECT, WITH ... SELECT, SHOW, DESCRIBE and EXPLAIN run; anything"
          + " else is refused (exit 2).",
      "Every statement is recorded (OS user, time, statement, flags, outcome) in"
          + " <lakehouse>/_audit/sql.jsonl.",
      "レイクハウスのテーブルに SQL を実行します（既定は読み取り専用、bronze は --allow-bronze が必要）。"
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  bin/policyreach sql \"SHOW TABLES IN silver\"",
      "  bin/policyreach sql \"SELECT status, count(*) FROM silver.applications GROUP BY status\"",
      "  bin/policyreach sql \"SELECT * FROM meta.batches\" --format json",
      "  bin/policyreach sql \"SELECT source, reasons FROM quarantine.records\" --format csv > q.csv",
      "  bin/policyreach sql --write \"VACUUM silver.applications RETAIN 336 HOURS\"",
      "  bin/policyreach sql --allow-bronze \"SELECT count(*) FROM bronze.applications\""
    })
final class SqlCommand implements Callable<Integer> {

  @ParentCommand PolicyReach root;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "QUERY", description = "The SQL statement (quote it).")
  String query;

  @Option(
      names = "--format",
      defaultValue = "table",
      paramLabel = "FORMAT",
      description =
          "table (aligned, at most "
              + LakehouseSql.TABLE_MAX_ROWS
              + " rows), csv or json (an array of row objects). Default: ${DEFAULT-VALUE}.")
  LakehouseSql.Format format;

  @Option(
      names = "--write",
      description =
          "Allow statements that change the lakehouse (INSERT, UPDATE, DELETE, MERGE, CREATE, DROP,"
              + " VACUUM, OPTIMIZE, SET…). Without it only SELECT / SHOW / DESCRIBE / EXPLAIN run.")
  boolean write;

  @Option(
      names = "--allow-bronze",
      description =
          "Allow statements that refer to bronze.* (raw records with personal data). Refused"
              + " otherwise; silver.* has the same records with contacts masked.")
  boolean allowBronze;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    CliContext ctx = root.context();
    SparkSession spark = ctx.spark();
    Lakehouse lakehouse = ctx.lakehouse();
    SqlAudit audit = new SqlAudit(lakehouse.root());
    Map<String, Object> flags = new LinkedHashMap<>();
    flags.put("write", write);
    flags.put("allow_bronze", allowBronze);
    flags.put("format", format.name().toLowerCase(java.util.Locale.ROOT));
    if (query == null || query.isBlank()) {
      audit.record(String.valueOf(query), flags, "refused", Map.of("reason", "empty statement"));
      throw new BadInputException(
          "Missing SQL: give a statement such as \"SELECT count(*) FROM silver.firms\"");
    }
    LogicalPlan plan;
    try {
      plan = SqlGuard.parse(spark, query);
    } catch (BadInputException e) {
      audit.record(query, flags, "refused", Map.of("reason", e.getMessage()));
      throw e;
    }
    Optional<SqlGuard.Refusal> refusal = SqlGuard.check(plan, write, allowBronze);
    if (refusal.isPresent()) {
      audit.record(query, flags, "refused", Map.of("reason", refusal.get().reason()));
      throw new BadInputException(
          "Refused \"" + SqlGuard.abbreviate(query) + "\": " + refusal.get().reason());
    }
    String type = plan.getClass().getSimpleName();
    audit.record(query, flags, "started", Map.of("plan", type));
    long start = System.nanoTime();
    try {
      Dataset<Row> result = LakehouseSql.query(spark, lakehouse, query);
      long rows = LakehouseSql.print(result, format, out);
      audit.record(
          query,
          flags,
          "ok",
          Map.of("plan", type, "rows", rows, "millis", (System.nanoTime() - start) / 1_000_000));
      return ExitCodes.OK;
    } catch (RuntimeException e) {
      try {
        audit.record(
            query, flags, "failed", Map.of("plan", type, "error", String.valueOf(e.getMessage())));
      } catch (RuntimeException auditFailure) {
        e.addSuppressed(auditFailure);
      }
      throw e;
    }
  }
}
