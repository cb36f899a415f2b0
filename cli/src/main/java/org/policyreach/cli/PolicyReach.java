package org.policyreach.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.apache.hadoop.fs.FSError;
import org.policyreach.ingestion.Lakehouse;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code policyreach} command. Global options live here and are inherited by every subcommand;
 * subcommands reach the shared state (lakehouse, configuration, the one SparkSession of this JVM)
 * through {@link #context()}.
 */
@Command(
    name = "policyreach",
    mixinStandardHelpOptions = true,
    versionProvider = PolicyReach.Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "PolicyReach — プッシュ型の政策デジタルマーケティング基盤 (policy digital-marketing platform).",
      "Ingests support-program applications into a Delta lakehouse, builds firm need profiles,",
      "segments and program recommendations, and serves them to the e-application portal."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  bin/policyreach demo                      # generate → ingest → build → serve",
      "  bin/policyreach generate --out data/input --firms 20000",
      "  bin/policyreach ingest --source applications --input data/input/applications --json",
      "  bin/policyreach sql \"SELECT count(*) FROM silver.firms\"",
      "  bin/policyreach maintain --dry-run          # compact small files, vacuum old ones",
      "",
      "Exit codes: 0 success, 1 failure, 2 bad usage or bad input."
    },
    subcommands = {
      CommandLine.HelpCommand.class,
      DemoCommand.class,
      GenerateCommand.class,
      IngestCommand.class,
      SqlCommand.class,
      BuildCommand.class,
      EvaluateCommand.class,
      ReportCommand.class,
      AirflowCommand.class,
      PushCommand.class,
      KeysCommand.class,
      MaintainCommand.class,
    })
public final class PolicyReach implements Runnable {

  @Option(
      names = "--lakehouse",
      scope = ScopeType.INHERIT,
      paramLabel = "URI",
      description =
          "Lakehouse root (local path or Hadoop URI). Env POLICYREACH_LAKEHOUSE; default"
              + " ./data/lakehouse.")
  String lakehouse;

  @Option(
      names = "--conf",
      scope = ScopeType.INHERIT,
      paramLabel = "DIR",
      description =
          "Configuration folder (programs, needs, segments). Env POLICYREACH_CONF; default ./conf.")
  Path conf;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Show Spark's own logging and stack traces of failures.")
  boolean verbose;

  @Option(
      names = "--master",
      scope = ScopeType.INHERIT,
      paramLabel = "URL",
      description = "Spark master (default local[*]; e.g. spark://host:7077).")
  String master;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private CliContext context;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "Missing command: say what to run, e.g. 'policyreach demo' (see --help).");
  }

  /** The state shared by every command of this JVM: created on first use, closed on exit. */
  public synchronized CliContext context() {
    if (context == null) {
      context = new CliContext(lakehouse, conf, verbose, master);
    }
    return context;
  }

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the CLI and returns its exit code; the JVM is left running (tests use this). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    PolicyReach root = new PolicyReach();
    CommandLine cmd = newCommandLine(root, out, err);
    try {
      return cmd.execute(args);
    } catch (FSError e) {
      // picocli hands only Exceptions to the error handler; Hadoop's local file system reports a
      // failed write (a full disk) as this Error
      err.println(
          "policyreach: failed: writing to the lakehouse failed ("
              + e.getMessage()
              + "). Table writes are atomic; "
              + (Lakehouse.diskFull(e).isPresent()
                  ? "free some space and run the same command again"
                  : "fix the file system and run the same command again"));
      if (root.verbose) {
        e.printStackTrace(err);
      }
      err.flush();
      return ExitCodes.FAILURE;
    } finally {
      root.close();
    }
  }

  static CommandLine newCommandLine(PolicyReach root, PrintWriter out, PrintWriter err) {
    CommandLine cmd = new CommandLine(root);
    cmd.setOut(out);
    cmd.setErr(err);
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setExecutionExceptionHandler(new ErrorHandler(() -> root.verbose));
    cmd.setExitCodeExceptionMapper(ExitCodes::of);
    return cmd;
  }

  void close() {
    if (context != null) {
      context.close();
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = PolicyReach.class.getPackage().getImplementationVersion();
      return new String[] {"policyreach " + (v == null ? "dev" : v), "License GPL-3.0-or-later"};
    }
  }
}
