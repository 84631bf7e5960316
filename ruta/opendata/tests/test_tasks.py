"""Publishing data queues one regeneration, however many publishes come."""

from django.core.management import call_command
from django.db import connection
from procrastinate.contrib.django.models import ProcrastinateJob

from ruta.accounts.cycles import step_take
from ruta.accounts.models import Role
from ruta.common.db.published import data_published_notify
from ruta.common.ops.queue import queue_check
from ruta.opendata.models import DatasetVersion
from ruta.opendata.tasks import PUBLISH_QUEUE, PUBLISH_TASK, publish_task
from ruta.works.cycles import WORK
from testkit.factories.works import WorkFactory


def _queued():
    return ProcrastinateJob.objects.filter(task_name=PUBLISH_TASK, status="todo")


def test_publishes_coalesce_into_one_queued_regeneration(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        data_published_notify(what="works")
        data_published_notify(what="programs")
    with django_capture_on_commit_callbacks(execute=True):
        data_published_notify(what="grants")
    assert _queued().count() == 1


def test_approving_a_work_queues_the_regeneration(
    db, django_capture_on_commit_callbacks, make_user
):
    work = WorkFactory()
    validator = make_user(Role.VALIDATOR, agency=work.executing_agency)
    with django_capture_on_commit_callbacks(execute=True):
        step_take(WORK, work, "approve", actor=validator)
    assert _queued().count() == 1


def _running(job_id: int) -> int:
    """Mark ``job_id`` as taken by a live worker; return the worker."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO procrastinate_workers (last_heartbeat) VALUES (now()) "
            "RETURNING id"
        )
        worker = cursor.fetchone()[0]
        cursor.execute(
            "UPDATE procrastinate_jobs SET status = 'doing', worker_id = %s "
            "WHERE id = %s",
            [worker, job_id],
        )
    return worker


def _next_job(worker: int) -> int | None:
    """Return the job a worker of the publish queue would take next."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM procrastinate_fetch_job_v2(%s::varchar[], %s)",
            [[PUBLISH_QUEUE], worker],
        )
        return cursor.fetchone()[0]


def test_a_regeneration_waits_for_the_one_running_to_end(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        data_published_notify(what="works")
    worker = _running(_queued().get().pk)
    with django_capture_on_commit_callbacks(execute=True):
        data_published_notify(what="works")
        data_published_notify(what="grants")
    waiting = _queued().get()
    assert _next_job(worker) is None
    ProcrastinateJob.objects.filter(status="doing").update(status="succeeded")
    assert _next_job(worker) == waiting.pk


def test_a_rolled_back_write_queues_nothing(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        data_published_notify(what="works")
    assert len(callbacks) == 1
    assert not _queued().exists()


def test_the_task_publishes_every_dataset(public_world):
    lines = publish_task()
    assert lines[0].startswith("new versions: obras")
    assert DatasetVersion.objects.filter(dataset="poa-metas").exists()


def test_the_command_publishes_and_says_what_changed(public_world, capsys):
    call_command("opendata", "publish")
    call_command("opendata", "publish")
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("new versions: obras")
    assert out[2].startswith("not read, their tables unchanged: ")
    assert out[3] == "new versions: none"


def test_the_worker_takes_the_open_data_queue(monkeypatch):
    from ruta.ingest.management.commands import worker

    started = []
    monkeypatch.setattr(worker, "call_command", lambda *args: started.append(args))
    call_command("worker", "--one-shot")
    (queues,) = [arg for arg in started[0] if arg.startswith("--queues=")]
    assert PUBLISH_QUEUE in queues.removeprefix("--queues=").split(",")


def _worker(seconds_since_heartbeat: int) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO procrastinate_workers (last_heartbeat) "
            "VALUES (now() - make_interval(secs => %s)) RETURNING id",
            [seconds_since_heartbeat],
        )
        return cursor.fetchone()[0]


def test_a_publish_killed_with_its_worker_is_queued_again_and_taken(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        data_published_notify(what="works")
    killed = _queued().get().pk
    dead = _worker(seconds_since_heartbeat=45)
    ProcrastinateJob.objects.filter(pk=killed).update(status="doing", worker_id=dead)
    outcome = queue_check()
    assert outcome.retried == [killed]
    assert ProcrastinateJob.objects.get(pk=killed).status == "todo"
    # Its lock is no longer held by a running job: the next worker takes it.
    # (It is due from the retry's time, and a test transaction's now() stands
    # at its start: the job is dated back to be due there.)
    ProcrastinateJob.objects.filter(pk=killed).update(scheduled_at=None)
    assert _next_job(_worker(seconds_since_heartbeat=0)) == killed
