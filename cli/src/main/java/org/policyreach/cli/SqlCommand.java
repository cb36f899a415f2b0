package org.policyreach.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.policyreach.ingestion.LakehouseSql;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code policyreach sql}: Spark SQL over the lakehouse tables by their contract names. */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Run Spark SQL over the lakehouse: bronze.*, quarantine.records, silver.*, gold.*, meta.*.",
      "レイクハウスのテーブルに SQL を実行します。"
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  bin/policyreach sql \"SHOW TABLES IN silver\"",
      "  bin/policyreach sql \"SELECT status, count(*) FROM silver.applications GROUP BY status\"",
      "  bin/policyreach sql \"SELECT * FROM meta.batches\" --format json",
      "  bin/policyreach sql \"SELECT source, reasons FROM quarantine.records\" --format csv > q.csv"
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

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    CliContext ctx = root.context();
    Dataset<Row> result = LakehouseSql.query(ctx.spark(), ctx.lakehouse(), query);
    LakehouseSql.print(result, format, out);
    return ExitCodes.OK;
  }
}
