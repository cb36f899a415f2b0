"""The policyreach_daily DAG: it imports, its graph and retries are as designed, and dag.test()
runs show the behaviour — XCom results, the as-of date, the quality gate, no retries on bad input,
retries on failure — against a hand-written fake of the `policyreach` command."""

from __future__ import annotations

import datetime
import json
import os
import pathlib
import stat
import sys
import types

import pendulum
import pytest

from conftest import DAGS_DIR, REPO_ROOT

SOURCE_FOLDERS = ["registry", "firm_attributes", "applications", "legacy", "events"]
CLI_TASKS = [
    "ingest_programs",
    "ingest_registry",
    "ingest_firm_attributes",
    "ingest_applications",
    "ingest_legacy",
    "ingest_events",
    "build",
    "evaluate",
    "maintain",
]


def test_dags_folder_imports_without_errors():
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(DAGS_DIR))
    assert bag.import_errors == {}
    assert sorted(bag.dag_ids) == ["policyreach_daily", "policyreach_push"]


def test_task_graph(daily):
    upstream = {t.task_id: sorted(t.upstream_task_ids) for t in daily.dag.tasks}
    assert upstream == {
        "ingest_programs": [],
        "ingest_registry": ["ingest_programs"],
        "ingest_firm_attributes": ["ingest_registry"],
        "ingest_applications": ["ingest_firm_attributes"],
        "ingest_legacy": ["ingest_applications"],
        "ingest_events": ["ingest_legacy"],
        "quality_gate": ["ingest_events"],
        "build": ["quality_gate"],
        "evaluate": ["build"],
        "publish": ["evaluate"],
        "maintain": ["publish"],
    }


def test_cli_tasks_retry_with_exponential_backoff_but_the_gate_does_not(daily):
    for task_id in CLI_TASKS + ["publish"]:
        task = daily.dag.get_task(task_id)
        assert task.retries == 2, task_id
        assert task.retry_exponential_backoff, task_id
        assert task.max_retry_delay == datetime.timedelta(minutes=15)
    assert daily.dag.get_task("quality_gate").retries == 0
    assert daily.dag.max_active_runs == 1


def test_ingest_tasks_run_the_cli_per_source(daily):
    assert daily.dag.get_task("ingest_firm_attributes").args == [
        "ingest", "--source", "firm-attributes", "--input", "{input_dir}/firm_attributes"
    ]
    assert daily.dag.get_task("ingest_programs").args == ["ingest", "--source", "programs"]
    assert daily.dag.get_task("build").args == ["build", "--as-of", "{as_of}"]
    assert daily.dag.get_task("evaluate").args == ["evaluate"]  # a backtest: its own default date
    assert daily.dag.get_task("maintain").args == ["maintain"]


def test_as_of_is_the_logical_date_in_tokyo(daily):
    late_utc = pendulum.datetime(2026, 3, 31, 16, 0, tz="UTC")  # 2026-04-01 01:00 JST
    assert daily.as_of_date({}, {"logical_date": late_utc}) == "2026-04-01"
    assert daily.as_of_date({"as_of": "2025-12-31"}, {"logical_date": late_utc}) == "2025-12-31"
    # A manual run triggered through the API has no logical date: the time it was triggered counts.
    manual = types.SimpleNamespace(run_after=late_utc)
    assert daily.as_of_date({}, {"logical_date": None, "dag_run": manual}) == "2026-04-01"


def test_settings_come_from_params_then_environment_then_defaults(daily):
    env = {"POLICYREACH_LAKEHOUSE": "s3a://bucket/lh", "POLICYREACH_HOME": "/opt/policyreach"}
    s = daily.RunSettings.resolve({"input_dir": "/data/in", "lakehouse": None}, env)
    assert s.lakehouse == "s3a://bucket/lh"
    assert s.input_dir == "/data/in"
    assert s.policyreach_cmd == "/opt/policyreach/bin/policyreach"
    assert s.conf_dir == "/opt/policyreach/conf"
    assert s.command(["build"]) == [
        "/opt/policyreach/bin/policyreach", "--lakehouse", "s3a://bucket/lh", "--conf", "/opt/policyreach/conf", "build"
    ]
    default = daily.RunSettings.resolve({}, {})
    assert pathlib.Path(default.repo_root) == REPO_ROOT


def test_quality_check_flags_shares_above_the_limit_and_unreconciled_counts(daily):
    ok = {"read": 100, "accepted": 80, "quarantined": 20, "duplicates": 0, "batch_id": "b1", "source": "registry"}
    over = {"read": 100, "accepted": 79, "quarantined": 21, "duplicates": 0, "batch_id": "b2", "source": "events"}
    off = {"read": 100, "accepted": 50, "quarantined": 0, "duplicates": 0, "batch_id": "b3", "source": "legacy"}
    empty = {"read": 0, "accepted": 0, "quarantined": 0, "duplicates": 0}
    assert daily.check_batches({"a": ok, "e": empty}, 0.2) == []
    problems = daily.check_batches({"a": ok, "b": over, "c": off}, 0.2)
    assert problems == [
        "b (batch b2, source events): quarantined 21 of 100 records (21.0%), more than the allowed 20.0%; "
        "see quarantine.records for the reasons",
        "c (batch b3, source legacy): counts do not reconcile: read 100 != accepted 50 + quarantined 0 + duplicates 0",
    ]


def test_threshold_defaults_to_the_projects_conf(daily, tmp_path):
    assert daily._share_from_conf(str(REPO_ROOT / "conf")) == 0.2
    (tmp_path / "policyreach.yaml").write_text("quality:\n  max_quarantine_share: 0.05\n", encoding="utf-8")
    assert daily._share_from_conf(str(tmp_path)) == 0.05
    assert daily._share_from_conf(str(tmp_path / "missing")) == 0.2


# ---- dag.test() runs against the fake CLI ---------------------------------------------------


class FakeCli:
    def __init__(self, tmp_path: pathlib.Path):
        self.dir = tmp_path
        self.plan_file = tmp_path / "plan.json"
        self.calls_file = tmp_path / "calls.jsonl"
        self.cmd = tmp_path / "policyreach"
        fake = pathlib.Path(__file__).with_name("fake_policyreach.py")
        self.cmd.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{fake}" "$@"\n', encoding="utf-8")
        self.cmd.chmod(self.cmd.stat().st_mode | stat.S_IEXEC)
        self.input = tmp_path / "input"
        for folder in SOURCE_FOLDERS:
            (self.input / folder).mkdir(parents=True)
        self.plan({})

    def plan(self, plan: dict) -> None:
        self.plan_file.write_text(json.dumps(plan), encoding="utf-8")

    def calls(self) -> list[list[str]]:
        if not self.calls_file.exists():
            return []
        return [json.loads(line) for line in self.calls_file.read_text(encoding="utf-8").splitlines()]

    def commands(self) -> list[str]:
        """Each call as 'subcommand [source]' without the global options (the fake gets no argv[0])."""
        out = []
        for call in self.calls():
            args = call[4:]  # --lakehouse L --conf C
            source = args[args.index("--source") + 1] if "--source" in args else None
            out.append(args[0] + (f" {source}" if source else ""))
        return out

    def conf(self, **extra) -> dict:
        return {
            "policyreach_cmd": str(self.cmd),
            "repo_root": str(REPO_ROOT),
            "lakehouse": str(self.dir / "lakehouse"),
            "input_dir": str(self.input),
            "conf_dir": str(REPO_ROOT / "conf"),
            "as_of": "2026-04-01",
            **extra,
        }


@pytest.fixture()
def fake_cli(tmp_path, monkeypatch):
    cli = FakeCli(tmp_path)
    monkeypatch.setenv("FAKE_POLICYREACH_PLAN", str(cli.plan_file))
    monkeypatch.setenv("FAKE_POLICYREACH_CALLS", str(cli.calls_file))
    return cli


def states(dag_run) -> dict[str, str]:
    return {ti.task_id: str(ti.state) for ti in dag_run.get_task_instances()}


def xcom(dag_run, task_id):
    from airflow.models.xcom import XComModel
    from airflow.utils.session import create_session

    with create_session() as session:
        row = session.scalars(
            XComModel.get_many(run_id=dag_run.run_id, dag_ids=dag_run.dag_id, task_ids=task_id, key="return_value")
        ).first()
        return None if row is None else XComModel.deserialize_value(row)


def test_a_good_run_ingests_every_source_builds_evaluates_and_publishes(airflow_db, daily, fake_cli):
    run = daily.dag.test(run_conf=fake_cli.conf())
    assert str(run.state) == "success", states(run)
    assert set(states(run).values()) == {"success"}
    assert fake_cli.commands() == [
        "ingest programs",
        "ingest registry",
        "ingest firm-attributes",
        "ingest applications",
        "ingest legacy",
        "ingest events",
        "build",
        "evaluate",
        "--help",
        "sql",
        "maintain",
    ]
    build_call = next(c for c in fake_cli.calls() if "build" in c)
    assert build_call[:4] == ["--lakehouse", str(fake_cli.dir / "lakehouse"), "--conf", str(REPO_ROOT / "conf")]
    assert build_call[4:] == ["build", "--as-of", "2026-04-01", "--json"]
    registry_call = next(c for c in fake_cli.calls() if "registry" in c)
    assert registry_call[-3:] == ["--input", str(fake_cli.input / "registry"), "--json"]

    assert xcom(run, "ingest_events")["batch_id"] == "b-events"
    assert xcom(run, "build") == {"build_id": "build-1", "as_of": "2026-04-01", "rows": {"gold.firm_profiles": 100}}
    assert xcom(run, "quality_gate")["max_quarantine_share"] == 0.2
    assert xcom(run, "publish") == {"publication_id": "pub-000001", "build_id": "build-1", "verified": True}
    maintain_call = fake_cli.calls()[-1]
    assert maintain_call[4:] == ["maintain", "--json"]  # the CLI's own defaults
    assert xcom(run, "maintain")["totals"]["files_removed"] == 11


def test_publish_runs_the_cli_publish_command_when_it_exists(airflow_db, daily, fake_cli):
    fake_cli.plan({"has_publish": True})
    run = daily.dag.test(run_conf=fake_cli.conf())
    assert str(run.state) == "success", states(run)
    publish_call = next(c for c in fake_cli.calls() if "publish" in c)
    assert publish_call[4:] == ["publish", "--build-id", "build-1", "--json"]
    assert xcom(run, "publish")["publication_id"] == "pub-000001"


def test_the_quality_gate_stops_build_and_publish(airflow_db, daily, fake_cli):
    fake_cli.plan({"quarantined": {"legacy": 30}})
    run = daily.dag.test(run_conf=fake_cli.conf())
    assert str(run.state) == "failed"
    s = states(run)
    assert s["quality_gate"] == "failed"
    assert s["build"] == s["evaluate"] == s["publish"] == s["maintain"] == "upstream_failed"
    assert "build" not in fake_cli.commands()


def test_the_gate_threshold_can_be_raised_per_run(airflow_db, daily, fake_cli):
    fake_cli.plan({"quarantined": {"legacy": 30}})
    run = daily.dag.test(run_conf=fake_cli.conf(max_quarantine_share=0.5))
    assert str(run.state) == "success", states(run)
    assert xcom(run, "quality_gate")["quarantine_shares"]["ingest_legacy"] == 0.3


# One run per test: dag.test() runs tasks in this process, and a run's conf lingers in the
# task objects' params, so a second run of the same DAG object would see the first one's.
def test_the_gate_threshold_can_be_raised_by_an_airflow_variable(airflow_db, daily, fake_cli, monkeypatch):
    fake_cli.plan({"quarantined": {"legacy": 30}})
    monkeypatch.setenv("AIRFLOW_VAR_POLICYREACH_MAX_QUARANTINE_SHARE", "0.4")
    run = daily.dag.test(run_conf=fake_cli.conf())
    assert str(run.state) == "success", states(run)
    assert xcom(run, "quality_gate")["max_quarantine_share"] == 0.4


def test_bad_input_fails_at_once_without_retries(airflow_db, daily, fake_cli):
    (fake_cli.input / "events").rmdir()
    run = daily.dag.test(run_conf=fake_cli.conf())
    assert str(run.state) == "failed"
    tis = {ti.task_id: ti for ti in run.get_task_instances()}
    assert str(tis["ingest_events"].state) == "failed"
    assert tis["ingest_events"].try_number == 1  # retries=2, but exit code 2 is not retried
    assert fake_cli.commands().count("ingest events") == 1
    assert str(tis["build"].state) == "upstream_failed"


def test_a_failing_job_is_retried(airflow_db, daily, fake_cli):
    fake_cli.plan({"fail": {"build": 1}})
    build = daily.dag.get_task("build")
    build.retries = 1
    build.retry_delay = datetime.timedelta(0)
    build.retry_exponential_backoff = False
    run = daily.dag.test(run_conf=fake_cli.conf())
    assert str(run.state) == "failed"
    assert fake_cli.commands().count("build") == 2
    assert states(run)["publish"] == "upstream_failed"


def test_a_result_that_is_not_json_fails_the_task(airflow_db, daily, fake_cli, tmp_path):
    broken = tmp_path / "no-json"
    broken.write_text("#!/bin/sh\necho 'done, no json'\n", encoding="utf-8")
    broken.chmod(0o755)
    run = daily.dag.test(run_conf=fake_cli.conf(policyreach_cmd=str(broken)))
    assert str(run.state) == "failed"
    assert states(run)["ingest_programs"] == "failed"


def test_maintain_runs_after_publish_and_its_failure_fails_the_run_visibly(airflow_db, daily, fake_cli):
    fake_cli.plan({"fail": {"maintain": 1}})
    maintain = daily.dag.get_task("maintain")
    maintain.retries = 0
    run = daily.dag.test(run_conf=fake_cli.conf())
    assert str(run.state) == "failed"
    s = states(run)
    assert s["publish"] == "success"  # published before maintain ran: its failure cannot undo that
    assert s["maintain"] == "failed"
    assert fake_cli.commands()[-1] == "maintain"
    assert xcom(run, "publish")["publication_id"] == "pub-000001"


def test_maintain_keeps_as_many_publications_as_the_run_asks(airflow_db, daily, fake_cli):
    run = daily.dag.test(run_conf=fake_cli.conf(keep_publications=14))
    assert str(run.state) == "success", states(run)
    assert fake_cli.calls()[-1][4:] == ["maintain", "--keep-publications", "14", "--json"]
    assert xcom(run, "maintain")["keep_publications"] == 14
