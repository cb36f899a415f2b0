package org.policyreach.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.policyreach.core.ConfPaths;
import org.policyreach.core.NeedCatalog;
import org.policyreach.core.PolicyReachConfig;
import org.policyreach.core.ProgramCatalog;
import org.policyreach.pipelines.build.BuildJob;
import org.policyreach.pipelines.build.BuildListener;
import org.policyreach.pipelines.build.BuildResult;
import org.policyreach.pipelines.reports.ReportLabels;
import org.policyreach.pipelines.reports.SegmentReport;
import org.policyreach.pipelines.reports.SegmentReportExporter;
import org.policyreach.pipelines.reports.SegmentReportReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code policyreach build [--as-of YYYY-MM-DD] [--json]}: silver → gold (profiles, segments,
 * segment reports, and the later stages) in one SparkSession, then exports the segment report (CSV
 * + HTML) and says where it is.
 */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    description = {
      "Build gold tables from silver: firm need profiles, segments, segment reports (and the"
          + " stages that follow). One build id and as-of date for all stages.",
      "分析: 企業のニーズプロファイル・セグメント・セグメントレポートを作成します。"
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  bin/policyreach build",
      "  bin/policyreach build --as-of 2025-10-01 --json   # backtest: only data visible then"
    })
public final class BuildCommand implements Callable<Integer> {

  @ParentCommand PolicyReach root;
  @Spec CommandSpec spec;

  @Option(
      names = "--as-of",
      paramLabel = "YYYY-MM-DD",
      description = "Build from the data visible on this date only (default: today, Tokyo).")
  String asOf;

  @Option(names = "--json", description = "Print one JSON object (ids, rows, timings) last.")
  boolean json;

  @Option(
      names = "--reports",
      paramLabel = "DIR",
      defaultValue = "data/reports",
      description =
          "Where the segment report goes, in a folder per build (default ${DEFAULT-VALUE}).")
  Path reports;

  @Option(names = "--no-reports", description = "Do not export the segment report files.")
  boolean noReports;

  @Override
  public Integer call() {
    LocalDate day = parseDate(asOf);
    CliContext ctx = root.context();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Progress progress = ctx.progress(err);
    BuildResult result =
        new BuildJob(ctx.spark(), ctx.lakehouse(), ctx.confDir())
            .run(
                day,
                new BuildListener() {
                  @Override
                  public void stageStarted(String stage) {
                    progress.stage(stage);
                  }

                  @Override
                  public void stageFinished(BuildResult.StageResult r) {
                    progress.done(summary(r.output().rows()));
                  }
                });
    out.printf(
        Locale.ROOT,
        "build %s (as of %s) finished in %.1f s%n",
        result.buildId(),
        result.asOf(),
        result.seconds());
    for (BuildResult.StageResult s : result.stages()) {
      out.printf(
          Locale.ROOT, "  %-16s %7.1f s  %s%n", s.name(), s.seconds(), summary(s.output().rows()));
    }
    if (!noReports) {
      Path dir = reports.resolve(result.buildId());
      List<Path> files = exportReport(ctx, result.buildId(), dir);
      out.println("セグメントレポート (segment report): " + files.get(0).toAbsolutePath());
      out.println("  CSV: " + dir.toAbsolutePath());
    }
    if (json) {
      out.println(result.toJson());
    }
    out.flush();
    return ExitCodes.OK;
  }

  static List<Path> exportReport(CliContext ctx, String buildId, Path dir) {
    NeedCatalog needs = NeedCatalog.load(ConfPaths.needsFile(ctx.confDir()));
    Path programsDir = ConfPaths.programsDir(ctx.confDir());
    ProgramCatalog programs =
        java.nio.file.Files.isDirectory(programsDir)
            ? ProgramCatalog.load(programsDir, needs)
            : ProgramCatalog.of(List.of());
    PolicyReachConfig config = PolicyReachConfig.load(ctx.confDir());
    SegmentReport report = SegmentReportReader.read(ctx.spark(), ctx.lakehouse(), buildId);
    return new SegmentReportExporter(new ReportLabels(needs, programs), config.report().minCell())
        .write(report, dir);
  }

  private static String summary(Map<String, Long> rows) {
    StringBuilder sb = new StringBuilder();
    rows.forEach(
        (table, n) ->
            sb.append(sb.length() == 0 ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %,d rows", table, n)));
    return sb.toString();
  }

  static LocalDate parseDate(String value) {
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new BadInputException(
          "--as-of " + value + " is not a date: write it as YYYY-MM-DD, e.g. 2025-10-01.");
    }
  }
}
