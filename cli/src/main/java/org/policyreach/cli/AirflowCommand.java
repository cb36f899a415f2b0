package org.policyreach.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.policyreach.pipelines.airflow.AirflowClient;
import org.policyreach.pipelines.airflow.AirflowSettings;
import org.policyreach.pipelines.airflow.DagRun;
import org.policyreach.pipelines.airflow.TaskInstance;
import org.policyreach.pipelines.airflow.TaskLog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code policyreach airflow trigger|status|logs}: runs and follows the {@code policyreach_daily}
 * DAG (or another) on an Airflow 3 server through its REST API. No Spark is started.
 */
@Command(
    name = "airflow",
    mixinStandardHelpOptions = true,
    description = {
      "Trigger and follow PolicyReach's DAGs on Airflow 3 (REST API /api/v2).",
      "Airflow上のバッチ(DAG)を起動し、状態とログを確認します。",
      "Connection: --url/--user/--password-env, or env POLICYREACH_AIRFLOW_URL, _USER,"
          + " _PASSWORD (bin/airflow-standalone writes them to its env file)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  bin/policyreach airflow trigger --wait",
      "  bin/policyreach airflow trigger --run-conf '{\"as_of\": \"2026-04-01\"}' --run-id backfill-0401",
      "  bin/policyreach airflow status backfill-0401",
      "  bin/policyreach airflow logs backfill-0401 ingest_registry --try 1"
    },
    subcommands = {
      AirflowCommand.Trigger.class,
      AirflowCommand.Status.class,
      AirflowCommand.Logs.class
    })
public final class AirflowCommand implements Runnable {
  static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Option(
      names = "--url",
      scope = ScopeType.INHERIT,
      paramLabel = "URL",
      description =
          "Airflow API server (env POLICYREACH_AIRFLOW_URL; default http://127.0.0.1:8080).")
  String url;

  @Option(
      names = "--user",
      scope = ScopeType.INHERIT,
      description = "Airflow user (env POLICYREACH_AIRFLOW_USER; default admin).")
  String user;

  @Option(
      names = "--password-env",
      scope = ScopeType.INHERIT,
      paramLabel = "VAR",
      description =
          "Environment variable holding the password (default POLICYREACH_AIRFLOW_PASSWORD).")
  String passwordEnv;

  @Option(
      names = "--dag",
      scope = ScopeType.INHERIT,
      defaultValue = "policyreach_daily",
      description = "DAG id (default ${DEFAULT-VALUE}).")
  String dag;

  @Option(
      names = "--json",
      scope = ScopeType.INHERIT,
      description = "Print one JSON object (run, task states) last.")
  boolean json;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing subcommand: trigger, status or logs (see --help).");
  }

  AirflowClient client() {
    return AirflowClient.connect(
        AirflowSettings.fromEnvironment(System.getenv(), url, user, passwordEnv));
  }

  static ObjectNode runJson(DagRun run, List<TaskInstance> tasks) {
    ObjectNode root = JSON.createObjectNode();
    root.put("dag_id", run.dagId());
    root.put("run_id", run.runId());
    root.put("state", run.state());
    root.set("conf", run.conf());
    ArrayNode array = root.putArray("tasks");
    for (TaskInstance t : tasks) {
      ObjectNode n = array.addObject();
      n.put("task_id", t.taskId());
      n.put("state", t.state());
      n.put("try_number", t.tryNumber());
      t.duration().ifPresent(d -> n.put("seconds", d.toMillis() / 1000.0));
    }
    return root;
  }

  static void printTasks(PrintWriter out, DagRun run, List<TaskInstance> tasks) {
    out.printf("run %s of DAG %s: %s%n", run.runId(), run.dagId(), run.state());
    for (TaskInstance t : tasks) {
      out.printf(
          Locale.ROOT,
          "  %-24s %-16s try %d%s%n",
          t.taskId(),
          t.state().isEmpty() ? "none" : t.state(),
          t.tryNumber(),
          t.duration()
              .map(d -> String.format(Locale.ROOT, "  %.1f s", d.toMillis() / 1000.0))
              .orElse(""));
    }
  }

  /** {@code airflow trigger}: unpause the DAG, trigger a run, and optionally wait for it. */
  @Command(
      name = "trigger",
      mixinStandardHelpOptions = true,
      description = {
        "Unpause the DAG and trigger a run now, with an optional conf (the DAG's params).",
        "With --wait, follow it to the end: exit 0 on success, 1 when the run failed."
      })
  static final class Trigger implements Callable<Integer> {
    @ParentCommand AirflowCommand parent;
    @Spec CommandSpec spec;

    // Not --conf: that is the global option naming PolicyReach's conf/ folder.
    @Option(
        names = "--run-conf",
        paramLabel = "JSON",
        description = {
          "The run's conf, a JSON object of the DAG's params,",
          "e.g. '{\"as_of\": \"2026-04-01\", \"input_dir\": \"/data/in\"}'."
        })
    String conf;

    @Option(
        names = "--run-id",
        paramLabel = "ID",
        description = "Run id (default: Airflow's manual__<time>).")
    String runId;

    @Option(names = "--wait", description = "Wait until the run has finished.")
    boolean await;

    @Option(
        names = "--timeout",
        paramLabel = "DURATION",
        defaultValue = "2h",
        description = "How long --wait waits, e.g. 90s, 30m, 2h (default ${DEFAULT-VALUE}).")
    String timeout;

    @Override
    public Integer call() {
      JsonNode confJson = parseConf(conf);
      Duration limit = parseDuration(timeout);
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      AirflowClient client = parent.client();
      if (client.dag(parent.dag).paused()) {
        client.unpause(parent.dag);
        err.println("airflow: unpaused DAG " + parent.dag);
      }
      DagRun run = client.trigger(parent.dag, runId, confJson);
      out.printf("triggered run %s of DAG %s (%s)%n", run.runId(), run.dagId(), run.state());
      out.flush();
      if (!await) {
        if (parent.json) {
          out.println(runJson(run, List.of()));
        }
        return ExitCodes.OK;
      }
      DagRun done =
          client.awaitRun(
              parent.dag,
              run.runId(),
              limit,
              r -> err.println("airflow: run " + r.runId() + " is " + r.state()));
      List<TaskInstance> tasks = client.taskInstances(parent.dag, run.runId());
      printTasks(out, done, tasks);
      if (parent.json) {
        out.println(runJson(done, tasks));
      }
      out.flush();
      if (done.isSuccess()) {
        return ExitCodes.OK;
      }
      for (TaskInstance t : tasks) {
        if (t.isFailed()) {
          err.printf(
              "airflow: task %s failed; read its log with: policyreach airflow logs --dag %s %s %s%n",
              t.taskId(), parent.dag, run.runId(), t.taskId());
        }
      }
      return ExitCodes.FAILURE;
    }
  }

  /** {@code airflow status RUN_ID}: the run's state and its tasks. */
  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Show a run's state and the state, try and duration of each task.")
  static final class Status implements Callable<Integer> {
    @ParentCommand AirflowCommand parent;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run id.")
    String runId;

    @Override
    public Integer call() {
      AirflowClient client = parent.client();
      DagRun run = client.dagRun(parent.dag, runId);
      List<TaskInstance> tasks = client.taskInstances(parent.dag, runId);
      PrintWriter out = spec.commandLine().getOut();
      printTasks(out, run, tasks);
      if (parent.json) {
        out.println(runJson(run, tasks));
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  /** {@code airflow logs RUN_ID TASK_ID [--try N]}: one try's log. */
  @Command(
      name = "logs",
      mixinStandardHelpOptions = true,
      description = "Print a task's log (the latest try unless --try says which).")
  static final class Logs implements Callable<Integer> {
    @ParentCommand AirflowCommand parent;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run id.")
    String runId;

    @Parameters(
        index = "1",
        paramLabel = "TASK_ID",
        description = "The task id, e.g. ingest_registry.")
    String taskId;

    @Option(
        names = "--try",
        paramLabel = "N",
        description = "Which try, from 1 (default: the latest).")
    Integer tryNumber;

    @Override
    public Integer call() {
      AirflowClient client = parent.client();
      TaskLog log =
          tryNumber == null
              ? client.log(parent.dag, runId, taskId)
              : client.log(parent.dag, runId, taskId, tryNumber);
      PrintWriter out = spec.commandLine().getOut();
      out.printf("--- %s, run %s, try %d ---%n", taskId, runId, log.tryNumber());
      log.lines().forEach(out::println);
      if (parent.json) {
        ObjectNode n = JSON.createObjectNode();
        n.put("dag_id", log.dagId());
        n.put("run_id", log.runId());
        n.put("task_id", log.taskId());
        n.put("try_number", log.tryNumber());
        n.put("lines", log.lines().size());
        out.println(n);
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  static JsonNode parseConf(String conf) {
    if (conf == null || conf.isBlank()) {
      return null;
    }
    JsonNode node;
    try {
      node = JSON.readTree(conf);
    } catch (JsonProcessingException e) {
      throw new BadInputException(
          "--run-conf is not valid JSON ("
              + e.getOriginalMessage()
              + "); give an object such as"
              + " '{\"as_of\": \"2026-04-01\"}'.");
    }
    if (node == null || !node.isObject()) {
      throw new BadInputException(
          "--run-conf must be a JSON object such as '{\"as_of\": \"2026-04-01\"}', got: " + conf);
    }
    return node;
  }

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(s|m|h)");

  static Duration parseDuration(String text) {
    Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new BadInputException(
          "--timeout "
              + text
              + " is not a duration; use a number with s, m or h, e.g. 90s, 30m, 2h.");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }
}
