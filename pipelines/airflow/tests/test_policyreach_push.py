"""The policyreach_push DAG: plan then send, against the fake `policyreach` command — the send gets
the campaign the plan made, a failed send is retried (the CLI's send is idempotent), bad input
fails at once without a send."""

from __future__ import annotations

import datetime

import pytest

from test_policyreach_daily import FakeCli, states, xcom  # noqa: F401  (fixtures' helpers)


@pytest.fixture()
def fake_cli(tmp_path, monkeypatch):
    cli = FakeCli(tmp_path)
    monkeypatch.setenv("FAKE_POLICYREACH_PLAN", str(cli.plan_file))
    monkeypatch.setenv("FAKE_POLICYREACH_CALLS", str(cli.calls_file))
    return cli


def push_calls(cli: FakeCli) -> list[list[str]]:
    return [c[4:] for c in cli.calls()]  # without --lakehouse L --conf C


def test_graph_and_settings(push):
    upstream = {t.task_id: sorted(t.upstream_task_ids) for t in push.dag.tasks}
    assert upstream == {"plan": [], "send": ["plan"]}
    assert push.dag.task_dict["plan"].retries == 0
    assert push.dag.task_dict["send"].retries == 2
    assert not push.dag.timetable.can_be_scheduled  # triggered by hand only
    assert push.plan_args({"program": "p-1", "channels": "email, post", "max": 50}) == [
        "push", "plan", "--program", "p-1", "--channels", "email,post", "--max", "50"]
    assert push.plan_args({"program": "p-1"})[-1] == "inbox,email,post"


@pytest.mark.parametrize(
    "params, message",
    [({}, "needs the program"), ({"program": "p", "channels": "fax"}, "not push channels")],
)
def test_bad_params_are_refused_before_the_cli_runs(push, params, message):
    from airflow.sdk.exceptions import AirflowFailException

    with pytest.raises(AirflowFailException, match=message):
        push.plan_args(params)


def test_a_run_plans_then_sends_that_campaign_and_a_failed_send_is_retried(airflow_db, push, fake_cli):
    fake_cli.plan({"send_failures": 1})
    send = push.dag.task_dict["send"]
    send.retry_delay = datetime.timedelta(0)
    send.retry_exponential_backoff = False
    run = push.dag.test(run_conf=fake_cli.conf(program="monozukuri-21", channels="inbox", max=20))
    assert states(run) == {"plan": "success", "send": "success"}, states(run)
    calls = push_calls(fake_cli)
    assert calls[0] == ["push", "plan", "--program", "monozukuri-21", "--channels", "inbox", "--max", "20", "--json"]
    assert calls[1:] == [["push", "send", "--campaign", "cmp-20260401-fake0001", "--json"]] * 2
    assert xcom(run, "plan")["treated"] == 9
    assert xcom(run, "send")["sent"]["inbox"] == 9


def test_an_unknown_program_fails_the_plan_without_retries_and_sends_nothing(airflow_db, push, fake_cli):
    run = push.dag.test(run_conf=fake_cli.conf(program="no-such-program"))
    assert states(run)["plan"] == "failed"
    assert states(run)["send"] in ("upstream_failed", "None")
    assert [c[:2] for c in push_calls(fake_cli)] == [["push", "plan"]]
