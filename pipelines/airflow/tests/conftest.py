"""Test set-up: a throw-away Airflow home with a SQLite metadata DB, made before Airflow is imported.

Run with the project's venv: ``$POLICYREACH_VENV/bin/python -m pytest pipelines/airflow/tests``
(bin/test.d/20-airflow.run does).
"""

from __future__ import annotations

import atexit
import importlib.util
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

import pytest

AIRFLOW_DIR = pathlib.Path(__file__).resolve().parents[1]
DAGS_DIR = AIRFLOW_DIR / "dags"
REPO_ROOT = AIRFLOW_DIR.parents[1]

_home = tempfile.mkdtemp(prefix="policyreach-airflow-test-")
atexit.register(shutil.rmtree, _home, ignore_errors=True)
os.environ.update(
    {
        "AIRFLOW_HOME": _home,
        "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS_DIR),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{_home}/airflow.db",
        "AIRFLOW__CORE__UNIT_TEST_MODE": "False",
        "NO_COLOR": "1",
    }
)


@pytest.fixture(scope="session")
def airflow_db() -> str:
    """An initialised metadata DB (dag.test() needs one)."""
    done = subprocess.run(
        [sys.executable, "-m", "airflow", "db", "migrate"], capture_output=True, text=True, env=os.environ
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return _home


@pytest.fixture()
def daily():
    """A freshly imported policyreach_daily module (tests may change its tasks' retries)."""
    spec = importlib.util.spec_from_file_location("policyreach_daily", DAGS_DIR / "policyreach_daily.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file executes
    spec.loader.exec_module(module)
    return module


@pytest.fixture()
def push():
    """A freshly imported policyreach_push module."""
    spec = importlib.util.spec_from_file_location("policyreach_push", DAGS_DIR / "policyreach_push.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module
