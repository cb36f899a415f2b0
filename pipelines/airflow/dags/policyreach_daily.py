"""policyreach_daily — PolicyReach's daily batch: ingest every source, build, evaluate, publish,
then maintain the lakehouse.

Every step runs the ``policyreach`` command with ``--json`` (see the CLI contract in
ARCHITECTURE.md): the task fails when the command fails, and the JSON object the command prints
on the last line of its standard output becomes the task's XCom return value.

    ingest_programs ─▶ ingest_registry ─▶ ingest_firm_attributes ─▶ ingest_applications
        ─▶ ingest_legacy ─▶ ingest_events ─▶ quality_gate ─▶ build ─▶ evaluate ─▶ publish
        ─▶ maintain

Why the ingests run one after the other: no two of them are independent in the lakehouse.
Every ingest MERGEs its batch into the ledger meta.batches (and syncs silver.programs when the
catalog changed); registry, firm attributes, applications and legacy forms all MERGE into
silver.firms / silver.applications. Delta Lake commits optimistically: two MERGEs into one table
at once make one of them fail with a ConcurrentAppendException. So the parallelism is inside
each job (Spark), not between them. ``ingest_programs`` goes first so that the catalog is synced
once, before the applications are checked against it; the registry comes next because it is the
master list of firms the other sources enrich.

``maintain`` (``policyreach maintain``) compacts the tables that grow by small appends and vacuums
files no kept publication needs. It runs after ``publish`` so it never delays or blocks a
publication; when it fails, the run fails (visibly, in the last task) with the build already
published, and the next run's ``maintain`` tries again.

Failures: exit code 2 of the CLI means bad input (a missing folder, a malformed file): the task
fails at once, without retries, since retrying cannot help. Any other failure is retried with
exponential backoff. The quality gate fails the run, before anything is built or published,
when a batch quarantined more than ``max_quarantine_share`` of what it read.

Settings (DAG params, overridable per run with ``conf``; each falls back to an environment
variable of the Airflow workers, then to a default):

    repo_root             POLICYREACH_HOME        the folder above this file's pipelines/ folder
    policyreach_cmd       POLICYREACH_CMD         <repo_root>/bin/policyreach
    lakehouse             POLICYREACH_LAKEHOUSE   <repo_root>/data/lakehouse (any Hadoop URI)
    input_dir             POLICYREACH_INPUT       <repo_root>/data/input, one folder per source
    conf_dir              POLICYREACH_CONF        <repo_root>/conf
    spark_master          POLICYREACH_SPARK_MASTER  (the CLI's default, local[*])
    heap                  POLICYREACH_HEAP        (the launcher's default)
    as_of                 —                       the run's logical date in Asia/Tokyo
    keep_publications     —                       publications maintain keeps readable (the CLI's
                                                  default, 7)
    max_quarantine_share  Airflow Variable policyreach_max_quarantine_share, then
                          quality.max_quarantine_share of <conf_dir>/policyreach.yaml, then 0.2
"""

from __future__ import annotations

import datetime
import json
import os
import pathlib
import re
import signal
import subprocess
import threading
from collections import deque
from dataclasses import dataclass
from typing import Any

import pendulum
from airflow.sdk import DAG, BaseOperator, Param, Variable, task
from airflow.sdk.exceptions import AirflowException, AirflowFailException

DAG_ID = "policyreach_daily"
TIMEZONE = pendulum.timezone("Asia/Tokyo")
DEFAULT_MAX_QUARANTINE_SHARE = 0.2
QUARANTINE_VARIABLE = "policyreach_max_quarantine_share"

# (CLI source id, sub-folder of input_dir or None), in the order they run (see above).
# `programs` syncs conf/programs into silver.programs and reads no input folder.
SOURCES = [
    ("programs", None),
    ("registry", "registry"),
    ("firm-attributes", "firm_attributes"),
    ("applications", "applications"),
    ("legacy", "legacy"),
    ("events", "events"),
]

BAD_INPUT_EXIT_CODE = 2


def ingest_task_id(source: str) -> str:
    return "ingest_" + source.replace("-", "_")


@dataclass(frozen=True)
class RunSettings:
    """Where things are for one run, resolved from params, then environment, then defaults."""

    repo_root: str
    policyreach_cmd: str
    lakehouse: str
    input_dir: str
    conf_dir: str
    spark_master: str | None
    heap: str | None

    @staticmethod
    def resolve(params: dict[str, Any], env: dict[str, str] | None = None) -> "RunSettings":
        env = dict(os.environ if env is None else env)

        def pick(param: str, var: str, default: str | None) -> str | None:
            for value in (params.get(param), env.get(var), default):
                if value not in (None, ""):
                    return str(value)
            return None

        root = pick("repo_root", "POLICYREACH_HOME", str(pathlib.Path(__file__).resolve().parents[3]))
        return RunSettings(
            repo_root=root,
            policyreach_cmd=pick("policyreach_cmd", "POLICYREACH_CMD", os.path.join(root, "bin", "policyreach")),
            lakehouse=pick("lakehouse", "POLICYREACH_LAKEHOUSE", os.path.join(root, "data", "lakehouse")),
            input_dir=pick("input_dir", "POLICYREACH_INPUT", os.path.join(root, "data", "input")),
            conf_dir=pick("conf_dir", "POLICYREACH_CONF", os.path.join(root, "conf")),
            spark_master=pick("spark_master", "POLICYREACH_SPARK_MASTER", None),
            heap=pick("heap", "POLICYREACH_HEAP", None),
        )

    def command(self, args: list[str]) -> list[str]:
        """The full command line: launcher, global options, then the subcommand and its options."""
        cmd = [self.policyreach_cmd, "--lakehouse", self.lakehouse, "--conf", self.conf_dir]
        if self.spark_master:
            cmd += ["--master", self.spark_master]
        return cmd + args

    def environment(self) -> dict[str, str]:
        env = dict(os.environ)
        env["POLICYREACH_LAKEHOUSE"] = self.lakehouse
        env["POLICYREACH_CONF"] = self.conf_dir
        if self.heap:
            env["POLICYREACH_HEAP"] = self.heap
        return env


def as_of_date(params: dict[str, Any], context: dict[str, Any]) -> str:
    """``params.as_of`` if given, else the run's logical date (or, for a manual run without one,
    the time it was triggered), as a date in Asia/Tokyo."""
    if params.get("as_of"):
        return str(datetime.date.fromisoformat(str(params["as_of"])))
    when = context.get("logical_date")
    if when is None:
        dag_run = context.get("dag_run")
        when = getattr(dag_run, "run_after", None) or pendulum.now("UTC")
    return pendulum.instance(when).in_timezone(TIMEZONE).date().isoformat()


def max_quarantine_share(params: dict[str, Any], conf_dir: str) -> float:
    """The gate's threshold: DAG param, then Airflow Variable, then conf/policyreach.yaml, then 0.2."""
    value = params.get("max_quarantine_share")
    if value in (None, ""):
        value = Variable.get(QUARANTINE_VARIABLE, default=None)
    if value in (None, ""):
        value = _share_from_conf(conf_dir)
    share = float(value)
    if not 0 < share <= 1:
        raise AirflowFailException(
            f"max_quarantine_share must be a share in (0, 1], got {value!r}: fix the DAG param, the "
            f"Airflow Variable {QUARANTINE_VARIABLE} or quality.max_quarantine_share in "
            f"{conf_dir}/policyreach.yaml"
        )
    return share


def _share_from_conf(conf_dir: str) -> float:
    path = pathlib.Path(conf_dir, "policyreach.yaml")
    if not path.is_file():
        return DEFAULT_MAX_QUARANTINE_SHARE
    import yaml  # PyYAML comes with Airflow; imported here to keep DAG parsing light

    with path.open(encoding="utf-8") as f:
        doc = yaml.safe_load(f) or {}
    return float((doc.get("quality") or {}).get("max_quarantine_share", DEFAULT_MAX_QUARANTINE_SHARE))


def check_batches(batches: dict[str, dict[str, Any]], max_share: float) -> list[str]:
    """Problems with the ingested batches: a quarantine share above ``max_share``, or counts that
    do not reconcile (read = accepted + quarantined + duplicates). Empty when all is well."""
    problems = []
    for task_id, b in sorted(batches.items()):
        read = int(b.get("read", 0))
        quarantined = int(b.get("quarantined", 0))
        accepted = int(b.get("accepted", 0))
        duplicates = int(b.get("duplicates", 0))
        batch = f"{task_id} (batch {b.get('batch_id', '?')}, source {b.get('source', '?')})"
        if read != accepted + quarantined + duplicates:
            problems.append(
                f"{batch}: counts do not reconcile: read {read} != accepted {accepted} + "
                f"quarantined {quarantined} + duplicates {duplicates}"
            )
        share = quarantined / read if read else 0.0
        if share > max_share:
            problems.append(
                f"{batch}: quarantined {quarantined} of {read} records ({share:.1%}), more than "
                f"the allowed {max_share:.1%}; see quarantine.records for the reasons"
            )
    return problems


class PolicyReachOperator(BaseOperator):
    """Runs ``policyreach <args> --json``, streams its output into the task log and returns the
    JSON object of its last output line (pushed to XCom as the return value).

    ``args`` may contain ``{input_dir}`` and ``{as_of}``, filled in from the run's settings;
    ``param_options`` maps DAG params to CLI options added when the param is set.
    Exit code 2 (bad input) fails the task without retries; other failures are retried.
    """

    template_fields = ("args",)
    ui_color = "#e8f0fe"

    def __init__(self, *, args: list[str], param_options: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.args = args
        self.param_options = dict(param_options or {})
        self._process: subprocess.Popen[str] | None = None

    def execute(self, context: Any) -> dict[str, Any]:
        params = context["params"]
        settings = RunSettings.resolve(params)
        values = {"input_dir": settings.input_dir, "as_of": as_of_date(params, context)}
        args = [a.format(**values) for a in self.args]
        for param, option in self.param_options.items():
            if params.get(param) not in (None, ""):
                args += [option, str(params[param])]
        return run_policyreach(self, settings, args)

    def on_kill(self) -> None:
        if self._process is not None and self._process.poll() is None:
            os.killpg(self._process.pid, signal.SIGTERM)


def run_policyreach(op: PolicyReachOperator | None, settings: RunSettings, args: list[str]) -> dict[str, Any]:
    """Runs the CLI with ``--json`` and returns the parsed last line; raises on failure."""
    import logging

    log = op.log if op is not None else logging.getLogger(DAG_ID)
    cmd = settings.command(args + ["--json"])
    log.info("running: %s", " ".join(cmd))
    stderr_tail: deque[str] = deque(maxlen=40)
    last_line = ""
    process = subprocess.Popen(
        cmd,
        cwd=settings.repo_root,
        env=settings.environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="replace",
        start_new_session=True,  # its own process group, so on_kill stops the JVM too
    )
    if op is not None:
        op._process = process

    def pump_stderr() -> None:
        for line in process.stderr:
            line = line.rstrip("\n")
            stderr_tail.append(line)
            log.info("[stderr] %s", line)

    reader = threading.Thread(target=pump_stderr, daemon=True)
    reader.start()
    for line in process.stdout:
        line = line.rstrip("\n")
        log.info("%s", line)
        if line.strip():
            last_line = line.strip()
    code = process.wait()
    reader.join(timeout=10)

    what = f"'policyreach {' '.join(args)}'"
    if code == BAD_INPUT_EXIT_CODE:
        raise AirflowFailException(
            f"{what} rejected its input (exit code 2), so it is not retried. Its message:\n"
            + "\n".join(stderr_tail)
        )
    if code != 0:
        raise AirflowException(f"{what} failed with exit code {code}. Its last messages:\n" + "\n".join(stderr_tail))
    try:
        result = json.loads(last_line)
    except ValueError:
        result = None
    if not isinstance(result, dict):
        raise AirflowFailException(
            f"{what} succeeded but its last output line is not a JSON object, as the CLI contract "
            f"requires with --json: {last_line[:300]!r}"
        )
    return result


with DAG(
    dag_id=DAG_ID,
    description="PolicyReach daily batch: ingest → quality gate → build → evaluate → publish → maintain",
    schedule="0 4 * * *",  # 04:00 JST, after the overnight source drops
    start_date=pendulum.datetime(2026, 1, 1, tz=TIMEZONE),
    catchup=False,
    max_active_runs=1,  # runs write the same Delta tables
    max_active_tasks=2,  # each task is a Spark JVM
    default_args={
        "retries": 2,
        "retry_delay": datetime.timedelta(minutes=1),
        "retry_exponential_backoff": True,
        "max_retry_delay": datetime.timedelta(minutes=15),
        "execution_timeout": datetime.timedelta(hours=3),
    },
    params={
        "repo_root": Param(None, type=["null", "string"], description="PolicyReach checkout (bin/, conf/)"),
        "policyreach_cmd": Param(None, type=["null", "string"], description="the policyreach launcher"),
        "lakehouse": Param(None, type=["null", "string"], description="lakehouse root URI"),
        "input_dir": Param(None, type=["null", "string"], description="folder with one sub-folder per source"),
        "conf_dir": Param(None, type=["null", "string"], description="PolicyReach conf/ folder"),
        "spark_master": Param(None, type=["null", "string"], description="Spark master URL"),
        "heap": Param(None, type=["null", "string"], description="JVM heap of each job, e.g. 4g"),
        "as_of": Param(None, type=["null", "string"], format="date", description="build date (default: logical date)"),
        "max_quarantine_share": Param(
            None, type=["null", "number"], minimum=0, maximum=1, description="quality gate threshold"
        ),
        "keep_publications": Param(
            None, type=["null", "integer"], minimum=1, description="publications maintain keeps readable"
        ),
    },
    tags=["policyreach"],
    doc_md=__doc__,
) as dag:
    ingests = [
        PolicyReachOperator(
            task_id=ingest_task_id(source),
            args=["ingest", "--source", source] + (["--input", "{input_dir}/" + folder] if folder else []),
        )
        for source, folder in SOURCES
    ]
    for upstream, downstream in zip(ingests, ingests[1:]):
        upstream >> downstream

    @task(retries=0)
    def quality_gate(params: dict[str, Any] | None = None, ti: Any = None) -> dict[str, Any]:
        """Fails the run before build and publish when a batch quarantined too much."""
        settings = RunSettings.resolve(params)
        limit = max_quarantine_share(params, settings.conf_dir)
        batches = {tid: ti.xcom_pull(task_ids=tid) for tid in (ingest_task_id(s) for s, _ in SOURCES)}
        missing = sorted(tid for tid, b in batches.items() if not isinstance(b, dict))
        if missing:
            raise AirflowFailException(f"no ingest result for {missing}: did those tasks run with --json?")
        problems = check_batches(batches, limit)
        if problems:
            raise AirflowFailException(
                "Quality gate: not building or publishing this run.\n  " + "\n  ".join(problems)
            )
        shares = {tid: (b["quarantined"] / b["read"] if b["read"] else 0.0) for tid, b in batches.items()}
        return {"max_quarantine_share": limit, "quarantine_shares": shares}

    gate = quality_gate()
    ingests[-1] >> gate

    # `build` writes the gold tables (profiles, segments, reports, model, recommendations,
    # targets) for the as-of date.
    build = PolicyReachOperator(task_id="build", args=["build", "--as-of", "{as_of}"])
    # `evaluate` backtests the model on the latest window whose outcomes are known: by default
    # the data date minus evaluate.horizon_days (conf/policyreach.yaml). It is not given the run's
    # as-of date, whose outcomes lie in the future.
    evaluate = PolicyReachOperator(task_id="evaluate", args=["evaluate"])

    @task
    def publish(params: dict[str, Any] | None = None, ti: Any = None) -> dict[str, Any]:
        """Publishes the build.

        NOTE for the lead: the CLI contract has no `publish` command yet and `build` records the
        publication (meta.publications) at its end. So this task runs `policyreach publish
        --build-id <id> --json` when the CLI has that command, and otherwise checks that the
        build's publication exists in meta.publications (and fails if it does not), so the DAG
        never claims a publish that did not happen. Drop the fallback once `publish` exists.
        """
        settings = RunSettings.resolve(params)
        built = ti.xcom_pull(task_ids="build") or {}
        build_id = built.get("build_id")
        if not build_id:
            raise AirflowFailException(f"the build task returned no build_id: {built!r}")
        if cli_has_command(settings, "publish"):
            return run_policyreach(None, settings, ["publish", "--build-id", build_id])
        rows = query_json(
            settings,
            "SELECT publication_id, build_id, CAST(as_of AS STRING) AS as_of, tables "
            f"FROM meta.publications WHERE build_id = '{build_id}'",
        )
        if not rows:
            raise AirflowFailException(
                f"build {build_id} finished but meta.publications has no publication for it: "
                "publishing failed or is not implemented in `build`"
            )
        return {"publication_id": rows[0].get("publication_id"), "build_id": build_id, "verified": True}

    # `maintain` compacts small files and vacuums what no kept publication needs. It comes last:
    # publishing never waits for it, and its failure fails the run after the build is published.
    maintain = PolicyReachOperator(
        task_id="maintain", args=["maintain"], param_options={"keep_publications": "--keep-publications"}
    )

    gate >> build >> evaluate >> publish() >> maintain


def cli_has_command(settings: RunSettings, name: str) -> bool:
    """True when ``policyreach --help`` lists ``name`` under "Commands:". (``policyreach <name>
    --help`` would not tell: picocli answers a help request with the root's usage, exit 0, even
    for an unknown command.)"""
    done = subprocess.run(
        settings.command(["--help"]),
        cwd=settings.repo_root,
        env=settings.environment(),
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise AirflowException(f"'policyreach --help' failed (exit {done.returncode}): {done.stderr[-2000:]}")
    in_commands = False
    for line in done.stdout.splitlines():
        if line.strip() == "Commands:":
            in_commands = True
        elif in_commands and line and not line.startswith(" "):
            break  # the next section
        elif in_commands and re.match(r"^  \S", line) and line.split()[0] == name:
            return True  # a command line; its description's continuation lines are indented more
    return False


def query_json(settings: RunSettings, sql: str) -> list[dict[str, Any]]:
    """Rows of ``policyreach sql ... --format json`` (a JSON array on its last line)."""
    done = subprocess.run(
        settings.command(["sql", sql, "--format", "json"]),
        cwd=settings.repo_root,
        env=settings.environment(),
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise AirflowException(f"'policyreach sql' failed (exit {done.returncode}): {done.stderr[-2000:]}")
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    if not lines:
        return []
    try:
        return json.loads(lines[-1])
    except ValueError:
        return json.loads(done.stdout)  # a pretty-printed array
