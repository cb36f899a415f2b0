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
import org.policyreach.pipelines.push.CampaignRequests;
import org.policyreach.pipelines.push.CampaignSender;
import org.policyreach.pipelines.push.CampaignStatus;
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
    subcommands = {
      PushCommand.Plan.class,
      PushCommand.Send.class,
      PushCommand.Report.class,
      PushCommand.Worker.class
    })
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

  static CampaignStatus status(CliContext ctx) {
    return new CampaignStatus(ctx.spark(), ctx.lakehouse(), Clock.system(BuildJob.TOKYO));
  }

  /** Writes a campaign's status file; a failure there must not hide the send's own outcome. */
  static void writeStatusQuietly(CliContext ctx, String campaignId, Map<String, Object> lastSend) {
    try {
      status(ctx).write(campaignId, lastSend, null);
    } catch (RuntimeException e) {
      System.err.println(
          "push: could not write the status file of " + campaignId + ": " + e.getMessage());
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
      writeStatusQuietly(ctx, c.campaignId(), null);
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
      CampaignSender.SendResult r = null;
      try {
        r =
            new CampaignSender(
                    ctx.spark(),
                    ctx.lakehouse(),
                    config,
                    catalog(ctx),
                    smtp,
                    Clock.system(BuildJob.TOKYO))
                .send(campaign);
      } finally {
        // also after a failed send: the officer's page shows what was delivered so far
        writeStatusQuietly(ctx, campaign, r == null ? null : r.toJson());
      }
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
      CampaignStatus st = status(ctx);
      for (CampaignReport.Outcome o : r.campaigns()) {
        try {
          st.write(o.campaignId(), null, o);
        } catch (RuntimeException e) {
          System.err.println(
              "push: could not write the status file of " + o.campaignId() + ": " + e.getMessage());
        }
      }
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

  @Command(
      name = "worker",
      mixinStandardHelpOptions = true,
      description = {
        "Run the campaign requests the officer UI queued (create = plan, send) from"
            + " <lakehouse>/_push/requests/, oldest first, and write each request's state and each"
            + " campaign's status file for the server. Without --once it keeps polling. One worker"
            + " at a time (a lock file); a second one waits for its turn.",
        "職員画面からのキャンペーン作成・配信の依頼を実行します。"
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  bin/policyreach push worker                     # keeps running, polls every 5 s",
        "  bin/policyreach push worker --once --json       # run what is queued, then exit"
      })
  static final class Worker implements Callable<Integer> {
    @ParentCommand PushCommand push;
    @Spec CommandSpec spec;

    @Option(names = "--once", description = "Run the queued requests once and exit.")
    boolean once;

    @Option(
        names = "--poll-seconds",
        defaultValue = "5",
        paramLabel = "N",
        description = "Seconds between looks at the queue (default ${DEFAULT-VALUE}).")
    int pollSeconds;

    @Option(names = "--json", description = "With --once: print one JSON object last.")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
      if (pollSeconds < 1 || pollSeconds > 3600) {
        throw new BadInputException(
            "--poll-seconds " + pollSeconds + " is out of range: give 1 to 3600");
      }
      CliContext ctx = push.root.context();
      PrintWriter out = spec.commandLine().getOut();
      PolicyReachConfig config = PolicyReachConfig.load(ctx.confDir());
      ProgramCatalog catalog = catalog(ctx);
      Clock clock = Clock.system(BuildJob.TOKYO);
      CampaignRequests.Executor executor =
          new CampaignRequests.Executor() {
            @Override
            public CampaignPlanner.PlanResult plan(
                String programId, java.util.List<Channel> channels, Integer max) {
              return new CampaignPlanner(ctx.spark(), ctx.lakehouse(), config, catalog, clock)
                  .plan(programId, channels, max);
            }

            @Override
            public CampaignSender.SendResult send(String campaignId) {
              SmtpSettings smtp =
                  SmtpSettings.resolve(config.push(), System.getenv(SmtpSettings.ENV));
              return new CampaignSender(ctx.spark(), ctx.lakehouse(), config, catalog, smtp, clock)
                  .send(campaignId);
            }
          };
      CampaignRequests requests =
          new CampaignRequests(ctx.lakehouse(), executor, status(ctx), clock);
      out.printf("push worker: requests in %s%n", CampaignRequests.dir(ctx.lakehouse()));
      out.flush();
      int done = 0;
      int failed = 0;
      while (true) {
        CampaignRequests.Pass pass = requests.runPending();
        done += pass.done();
        failed += pass.failed();
        if (pass.done() + pass.failed() > 0) {
          out.printf(
              Locale.ROOT,
              "push worker: %d request(s) done, %d failed%n",
              pass.done(),
              pass.failed());
          out.flush();
        }
        if (once && pass.locked()) {
          break;
        }
        Thread.sleep(pollSeconds * 1000L);
      }
      if (json) {
        out.println(json(Map.of("done", done, "failed", failed)));
      }
      out.flush();
      return ExitCodes.OK;
    }
  }
}
