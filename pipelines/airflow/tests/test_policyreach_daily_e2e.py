"""policyreach_daily end to end with dag.test() and the real `bin/policyreach` on a tiny generated
dataset in temp dirs (the CLI must be built: bin/test runs this after the Java build). The command
is ``$POLICYREACH_CMD`` when set (bin/test.d/20-airflow.run sets it to its snapshot of the packaged
CLI), as for the DAG's tasks, else ``bin/policyreach``. The same DAG on a real Airflow is
AirflowIT's job."""

from __future__ import annotations

import json
import os
import subprocess

from conftest import REPO_ROOT
from test_policyreach_daily import states, xcom

FIRMS = "100"  # the generator's minimum for segments and reports: keeps this test to a few minutes


def test_daily_run_on_a_generated_dataset(airflow_db, daily, tmp_path):
    cli = os.environ.get("POLICYREACH_CMD") or str(REPO_ROOT / "bin" / "policyreach")
    env = dict(os.environ, POLICYREACH_HEAP="2g")
    input_dir = tmp_path / "input"
    done = subprocess.run(
        [cli, "generate", "--out", str(input_dir), "--firms", FIRMS, "--seed", "11"],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    as_of = json.loads((input_dir / "truth" / "summary.json").read_text(encoding="utf-8"))["as_of"]
    lakehouse = tmp_path / "lakehouse"

    run = daily.dag.test(
        run_conf={
            "repo_root": str(REPO_ROOT),
            "input_dir": str(input_dir),
            "lakehouse": f"file:{lakehouse}",  # a URI, in Hadoop's form (file:///… is not accepted yet)
            "conf_dir": str(REPO_ROOT / "conf"),
            "as_of": as_of,
            "heap": "2g",
        }
    )
    assert str(run.state) == "success", states(run)

    registry = xcom(run, "ingest_registry")
    assert registry["read"] == registry["accepted"] + registry["quarantined"] + registry["duplicates"]
    assert registry["accepted"] > 0
    gate = xcom(run, "quality_gate")
    assert set(gate["quarantine_shares"]) == {
        "ingest_programs", "ingest_registry", "ingest_firm_attributes", "ingest_applications",
        "ingest_legacy", "ingest_events",
    }
    built = xcom(run, "build")
    assert built["as_of"] == as_of
    assert built["build_id"]
    assert xcom(run, "publish")["build_id"] == built["build_id"]
