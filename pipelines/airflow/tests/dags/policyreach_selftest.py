"""A tiny DAG for testing the Java Airflow client against a real Airflow (not deployed).

Tasks: ``hello`` prints a line; ``flaky`` fails on its first try and succeeds on its retry (so a
task has two tries with logs); ``maybe_fail`` fails when the run's conf says ``{"fail": true}``.
"""

from __future__ import annotations

import datetime

from airflow.providers.standard.operators.bash import BashOperator
from airflow.sdk import DAG, Param, task

with DAG(
    dag_id="policyreach_selftest",
    description="Self-test DAG for the PolicyReach Airflow client",
    schedule=None,
    start_date=datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc),
    catchup=False,
    params={"fail": Param(False, type="boolean")},
    tags=["policyreach", "test"],
) as dag:
    hello = BashOperator(task_id="hello", bash_command='echo "selftest hello from $AIRFLOW_CTX_DAG_RUN_ID"')

    @task(retries=1, retry_delay=datetime.timedelta(seconds=1))
    def flaky(ti=None):
        if ti.try_number == 1:
            raise RuntimeError("selftest: first try fails on purpose")
        print("selftest: second try succeeds")

    @task
    def maybe_fail(params=None):
        if params["fail"]:
            raise RuntimeError("selftest failure requested by conf")
        print("selftest: done")

    hello >> flaky() >> maybe_fail()
