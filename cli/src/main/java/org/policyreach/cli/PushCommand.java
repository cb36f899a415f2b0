package org.policyreach.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.policyreach.core.ConfPaths;
import org.policyreach.core.NeedCatalog;
import org.policyreach.core.PolicyReachConfig;
import org.policyreach.core.ProgramCatalog;
import org.policyreach.models.metrics.UpliftEstimate;
import org.policyreach.pipelines.build.BuildJob;
import org.policyreach.pipelines.push.CampaignPlanner;
import org.policyreach.pipelines.push.CampaignReport;
import org.policyreach.pipelines.push.CampaignSender;
import org.policyreach.pipelines.push.Channel;
import org.policyreach.pipelines.push.SmtpSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code policyreach push plan|send|report}: push campaigns end to end. */
@Command(
    name = "push",
    mixinStandardHelpOptions = true,
    description = {
      "Push campaigns: freeze an audience from a program's target list (plan), deliver it on the"
          + " portal inbox, e-mail and post (send), and read out the uplift over the holdout"
          + " (report).",
      "プッシュ型通知のキャンペーン：対象企業の確定（plan）、配信（send）、効果測定（report）。"
    },
    subcommands = {PushCommand.Plan.class, PushCommand.Send.class, PushCommand.Report.class})
public final class PushCommand implements Runnable {
  @ParentCommand PolicyReach root;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "Missing subcommand: plan, send or report (see push --help)");
  }

  static String json(Map<String, Object> m) {
    try {
      return new ObjectMapper().writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of plain values always serializes", e);
    }
  }

  static ProgramCatalog catalog(CliContext ctx) {
    return ProgramCatalog.load(
        ConfPaths.programsDir(ctx.confDir()), NeedCatalog.load(ConfPaths.needsFile(ctx.confDir())));
  }

  @Command(
      name = "plan",
      mixinStandardHelpOptions = true,
      description = {
        "Freeze a campaign's audience: the program's ranked target list at the latest publication,"
            + " minus opted-out, closed and contact-capped firms, split into treated and holdout by"
            + " the seeded hash (targets.holdout_share, holdout_seed).",
        "キャンペーンの対象企業を確定します（配信停止・閉鎖・接触上限の企業を除き、対照群を無作為に分けます）。"
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  bin/policyreach push plan --program monozukuri-2026 --json",
        "  bin/policyreach push plan --program it-2026 --channels inbox,post --max 500"
      })
  static final class Plan implements Callable<Integer> {
    @ParentCommand PushCommand push;
    @Spec CommandSpec spec;

    @Option(names = "--program", required = true, paramLabel = "ID", description = "Program id.")
    String program;

    @Option(
        names = "--channels",
        paramLabel = "LIST",
        description = "Channels in preference order inbox,email,post (default: all three).")
    String channels;

    @Option(names = "--max", paramLabel = "N", description = "At most N firms (treated + holdout).")
    Integer max;

    @Option(names = "--json", description = "Print one JSON object last.")
    boolean json;

    @Override
    public Integer call() {
      CliContext ctx = push.root.context();
      PrintWriter out = spec.commandLine().getOut();
      var channelList = Channel.parseList(channels);
      PolicyReachConfig config = PolicyReachConfig.load(ctx.confDir());
      ProgramCatalog catalog = catalog(ctx);
      CampaignPlanner.PlanResult r =
          new CampaignPlanner(
                  ctx.spark(), ctx.lakehouse(), config, catalog, Clock.system(BuildJob.TOKYO))
              .plan(program, channelList, max);
      var c = r.campaign();
      out.printf(
          Locale.ROOT,
          "キャンペーン %s を作成しました (campaign planned): %s, %s, 対象 %,d → 通知 treated %,d / 対照"
              + " holdout %,d (未接触 never reached %,d); 除外 opted-out %,d, closed %,d, contact cap"
              + " %,d%n",
          c.campaignId(),
          c.programId(),
          c.publicationId(),
          c.targets(),
          c.treated(),
          c.holdout(),
          c.neverReachedTreated(),
          r.optedOut(),
          r.closed(),
          r.atContactCap());
      if (json) {
        out.println(json(r.toJson()));
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "send",
      mixinStandardHelpOptions = true,
      description = {
        "Deliver a planned campaign to its treated firms (inbox notices, e-mail through SMTP, a"
            + " mail-merge file for letters) and record every attempt in silver.contacts. A send"
            + " that stopped half way is finished by running it again; nothing is delivered twice.",
        "キャンペーンを配信します（対照群には送りません）。中断した場合は同じコマンドで残りだけを配信します。"
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  bin/policyreach push send --campaign cmp-20261207-1a2b3c4d --json",
        "  POLICYREACH_SMTP=localhost:2525 bin/policyreach push send --campaign cmp-…",
        "",
        "Exit codes: 0 sent, 2 bad input (unknown or already sent campaign), 1 failure (e.g. the"
            + " SMTP server is down: what was delivered is recorded, run again to finish)."
      })
  static final class Send implements Callable<Integer> {
    @ParentCommand PushCommand push;
    @Spec CommandSpec spec;

    @Option(names = "--campaign", required = true, paramLabel = "ID", description = "Campaign id.")
    String campaign;

    @Option(names = "--json", description = "Print one JSON object last.")
    boolean json;

    @Override
    public Integer call() {
      CliContext ctx = push.root.context();
      PrintWriter out = spec.commandLine().getOut();
      PolicyReachConfig config = PolicyReachConfig.load(ctx.confDir());
      SmtpSettings smtp = SmtpSettings.resolve(config.push(), System.getenv(SmtpSettings.ENV));
      CampaignSender.SendResult r =
          new CampaignSender(
                  ctx.spark(),
                  ctx.lakehouse(),
                  config,
                  catalog(ctx),
                  smtp,
                  Clock.system(BuildJob.TOKYO))
              .send(campaign);
      out.printf(
          Locale.ROOT,
          "キャンペーン %s を配信しました (sent): ポータル inbox %,d, メール email %,d, 郵送 post %,d;"
              + " スキップ skipped %s%s%n",
          r.campaignId(),
          r.sent().getOrDefault(Channel.INBOX, 0L),
          r.sent().getOrDefault(Channel.EMAIL, 0L),
          r.sent().getOrDefault(Channel.POST, 0L),
          r.skipped(),
          r.postFile() == null ? "" : "; 郵送データ post file " + r.postFile());
      if (json) {
        out.println(json(r.toJson()));
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "report",
      mixinStandardHelpOptions = true,
      description = {
        "Read campaigns out: treated (delivered) and holdout firms, how many applied to the program"
            + " afterwards, the uplift with its 95%% interval, and the same for never-reached firms.",
        "キャンペーンの効果（通知群と対照群の申請率の差、95%%信頼区間）を示します。"
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  bin/policyreach push report --json",
        "  bin/policyreach push report --campaign cmp-… --as-of 2027-03-31"
      })
  static final class Report implements Callable<Integer> {
    @ParentCommand PushCommand push;
    @Spec CommandSpec spec;

    @Option(names = "--campaign", paramLabel = "ID", description = "One campaign (default: all).")
    String campaign;

    @Option(
        names = "--as-of",
        paramLabel = "YYYY-MM-DD",
        description = "Count applications up to this date (default today).")
    String asOf;

    @Option(names = "--json", description = "Print one JSON object last.")
    boolean json;

    @Override
    public Integer call() {
      LocalDate day = BuildCommand.parseDate(asOf);
      CliContext ctx = push.root.context();
      PrintWriter out = spec.commandLine().getOut();
      CampaignReport.Report r =
          new CampaignReport(ctx.spark(), ctx.lakehouse(), Clock.system(BuildJob.TOKYO))
              .report(campaign, day);
      out.printf(
          Locale.ROOT,
          "キャンペーン効果 (push report) as of %s, %d campaigns%n",
          r.asOf(),
          r.campaigns().size());
      for (CampaignReport.Outcome o : r.campaigns()) {
        out.printf(
            Locale.ROOT,
            "  %s %s: 通知 treated %,d (申請 applied %,d) / 対照 holdout %,d (申請 %,d) → uplift %s;"
                + " 未接触 never reached: %s%n",
            o.campaignId(),
            o.programId(),
            o.all().treated(),
            o.all().treatedApplied(),
            o.all().holdout(),
            o.all().holdoutApplied(),
            describe(o.all()),
            describe(o.neverReached()));
      }
      if (json) {
        out.println(json(r.toJson()));
      }
      out.flush();
      return ExitCodes.OK;
    }

    private static String describe(CampaignReport.Arms a) {
      return a.uplift()
          .map(
              (UpliftEstimate u) ->
                  String.format(
                      Locale.ROOT, "%+.4f [%+.4f, %+.4f]", u.difference(), u.lower(), u.upper()))
          .orElse("n/a (an arm is empty)");
    }
  }
}
