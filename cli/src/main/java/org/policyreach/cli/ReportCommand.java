package org.policyreach.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code policyreach report segments [--build BUILD] --out DIR}: exports published reports. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {"Export reports for officers.", "レポートを出力します。"},
    subcommands = {ReportCommand.Segments.class})
public final class ReportCommand implements Runnable {

  @ParentCommand PolicyReach root;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "Missing report: say which, e.g. 'policyreach report segments --out DIR'.");
  }

  /** The segment report of one build as CSV (UTF-8 with BOM) and a self-contained HTML page. */
  @Command(
      name = "segments",
      mixinStandardHelpOptions = true,
      description = {
        "Export a build's segment report: segment_report.html (charts), segment_reports.csv and"
            + " segments.csv (UTF-8 with BOM for Excel). Small cells are suppressed.",
        "セグメントレポートを HTML と CSV で出力します（少数セルは秘匿）。"
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  bin/policyreach report segments --out reports/",
        "  bin/policyreach report segments --build b-20261126-1a2b3c4d --out reports/"
      })
  static final class Segments implements Callable<Integer> {
    @ParentCommand ReportCommand report;
    @Spec CommandSpec spec;

    @Option(
        names = "--build",
        paramLabel = "BUILD",
        description = "Build id (default: the latest build).")
    String build;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Override
    public Integer call() {
      CliContext ctx = report.root.context();
      List<Path> files = BuildCommand.exportReport(ctx, build, out);
      PrintWriter w = spec.commandLine().getOut();
      for (Path f : files) {
        w.println(f.toAbsolutePath());
      }
      w.flush();
      return ExitCodes.OK;
    }
  }
}
