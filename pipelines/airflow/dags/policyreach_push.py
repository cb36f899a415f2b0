"""policyreach_push — an analyst's push campaign from Airflow: plan, then send.

Triggered by hand (no schedule) with the program and, optionally, the channels and the size:

    airflow dags trigger policyreach_push --conf '{"program": "monozukuri-21", "max": 500}'
    bin/policyreach airflow trigger --dag policyreach_push --run-conf '{"program": "monozukuri-21"}' --wait

    plan ─▶ send

``plan`` runs ``policyreach push plan --program P --channels C [--max N] --json`` (the audience is
frozen from the program's target list at the latest publication, holdout split recorded) and its
JSON becomes the task's XCom value; ``send`` runs ``policyreach push send --campaign <its id>
--json``. A send that fails is retried with backoff: ``send`` is idempotent per campaign and firm,
so a retry delivers only what the failed try did not (SMTP down, a killed worker). Exit code 2 (bad
input: an unknown program, a campaign already sent) fails the task at once, without retries.

Settings: ``repo_root``, ``policyreach_cmd``, ``lakehouse``, ``conf_dir``, ``spark_master`` and
``heap`` as in policyreach_daily (params, then the POLICYREACH_* environment, then defaults). The
SMTP server comes from conf/policyreach.yaml or POLICYREACH_SMTP in the workers' environment.
Officers' campaigns from the web UI are run by ``policyreach push worker`` instead (see
docs/architecture.md, "Campaign requests and status files").
"""

from __future__ import annotations

import datetime
import json
import logging
import os
import pathlib
import subprocess
from typing import Any

import pendulum
from airflow.sdk import DAG, Param, task
from airflow.sdk.exceptions import AirflowException, AirflowFailException

DAG_ID = "policyreach_push"
BAD_INPUT_EXIT_CODE = 2
CHANNELS = ("inbox", "email", "post")

log = logging.getLogger(DAG_ID)


def setting(params: dict[str, Any], param: str, var: str, default: str | None) -> str | None:
    """A run setting: the DAG param, then the environment variable, then the default."""
    for value in (params.get(param), os.environ.get(var), default):
        if value not in (None, ""):
            return str(value)
    return None


def command(params: dict[str, Any], args: list[str]) -> tuple[list[str], dict[str, str], str]:
    """The CLI command line (launcher, global options, ``args``, ``--json``), its environment and
    its working folder."""
    root = setting(params, "repo_root", "POLICYREACH_HOME", str(pathlib.Path(__file__).resolve().parents[3]))
    cmd = [
        setting(params, "policyreach_cmd", "POLICYREACH_CMD", os.path.join(root, "bin", "policyreach")),
        "--lakehouse",
        setting(params, "lakehouse", "POLICYREACH_LAKEHOUSE", os.path.join(root, "data", "lakehouse")),
        "--conf",
        setting(params, "conf_dir", "POLICYREACH_CONF", os.path.join(root, "conf")),
    ]
    master = setting(params, "spark_master", "POLICYREACH_SPARK_MASTER", None)
    if master:
        cmd += ["--master", master]
    env = dict(os.environ)
    heap = setting(params, "heap", "POLICYREACH_HEAP", None)
    if heap:
        env["POLICYREACH_HEAP"] = heap
    return cmd + args + ["--json"], env, root


def plan_args(params: dict[str, Any]) -> list[str]:
    """``push plan`` arguments from the run's params; a bad channel list or size is bad input."""
    program = params.get("program")
    if not program:
        raise AirflowFailException("policyreach_push needs the program: trigger with conf {\"program\": \"<id>\"}")
    channels = [c.strip() for c in str(params.get("channels") or ",".join(CHANNELS)).split(",") if c.strip()]
    unknown = sorted(set(channels) - set(CHANNELS))
    if unknown or not channels:
        raise AirflowFailException(f"channels {unknown or channels} are not push channels: use {', '.join(CHANNELS)}")
    args = ["push", "plan", "--program", str(program), "--channels", ",".join(channels)]
    if params.get("max") is not None:
        args += ["--max", str(int(params["max"]))]
    return args


def run_cli(params: dict[str, Any], args: list[str]) -> dict[str, Any]:
    """Runs the CLI; returns the JSON object of its last output line. Exit code 2 fails the task
    without retries, any other failure is retried."""
    cmd, env, cwd = command(params, args)
    log.info("running: %s", " ".join(cmd))
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", errors="replace")
    for line in done.stderr.splitlines():
        log.info("[stderr] %s", line)
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    for line in lines:
        log.info("%s", line)
    what = f"'policyreach {' '.join(args)}'"
    tail = "\n".join(done.stderr.splitlines()[-40:])
    if done.returncode == BAD_INPUT_EXIT_CODE:
        raise AirflowFailException(f"{what} rejected its input (exit code 2), so it is not retried:\n{tail}")
    if done.returncode != 0:
        raise AirflowException(f"{what} failed with exit code {done.returncode}:\n{tail}")
    try:
        result = json.loads(lines[-1]) if lines else None
    except ValueError:
        result = None
    if not isinstance(result, dict):
        raise AirflowFailException(f"{what} succeeded but its last output line is not a JSON object")
    return result


with DAG(
    dag_id=DAG_ID,
    description="PolicyReach push campaign: plan the audience of a program's target list, then send",
    schedule=None,
    start_date=pendulum.datetime(2026, 1, 1, tz="Asia/Tokyo"),
    catchup=False,
    max_active_runs=1,  # campaigns of one lakehouse share the contact ledger
    default_args={
        "retries": 2,
        "retry_delay": datetime.timedelta(minutes=1),
        "retry_exponential_backoff": True,
        "max_retry_delay": datetime.timedelta(minutes=15),
        "execution_timeout": datetime.timedelta(hours=3),
    },
    params={
        "program": Param(None, type=["null", "string"], description="program id (required)"),
        "channels": Param("inbox,email,post", type="string", description="comma-separated: inbox, email, post"),
        "max": Param(None, type=["null", "integer"], minimum=1, description="at most this many firms (best ranked)"),
        "repo_root": Param(None, type=["null", "string"], description="PolicyReach checkout (bin/, conf/)"),
        "policyreach_cmd": Param(None, type=["null", "string"], description="the policyreach launcher"),
        "lakehouse": Param(None, type=["null", "string"], description="lakehouse root URI"),
        "conf_dir": Param(None, type=["null", "string"], description="PolicyReach conf/ folder"),
        "spark_master": Param(None, type=["null", "string"], description="Spark master URL"),
        "heap": Param(None, type=["null", "string"], description="JVM heap of each job, e.g. 4g"),
    },
    tags=["policyreach"],
    doc_md=__doc__,
) as dag:

    @task(retries=0)
    def plan(params: dict[str, Any] | None = None) -> dict[str, Any]:
        """Freezes the audience; not retried (a second plan would be a second campaign)."""
        return run_cli(params or {}, plan_args(params or {}))

    @task
    def send(planned: dict[str, Any], params: dict[str, Any] | None = None) -> dict[str, Any]:
        """Delivers to the treated firms; a retry sends only what is not yet recorded."""
        return run_cli(params or {}, ["push", "send", "--campaign", str(planned["campaign_id"])])

    send(plan())
