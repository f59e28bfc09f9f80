"""DDP with 2 gloo processes on CPU (the example ddp_bn.py): one comparable file per rank."""
import pathlib
import subprocess
import sys

import pytest

from conftest import EXAMPLES, of_type, read_run


def run_example(folder, *flags, steps=6):
    """Runs examples/ddp_bn.py on random data; returns {rank: (header, events)}."""
    command = [sys.executable, str(EXAMPLES / "ddp_bn.py"), "--runs", str(folder), "--steps", str(steps),
               "--data", str(folder / "no-data"), *flags]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    runs = [read_run(path) for path in sorted(folder.glob("*.jsonl"))]
    return {header["rank"]: (header, events) for header, events in runs}


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    return run_example(tmp_path_factory.mktemp("plain"))


@pytest.fixture(scope="module")
def synced(tmp_path_factory):
    return run_example(tmp_path_factory.mktemp("sync"), "--sync")


def watches(run, layer="1"):
    return of_type(run[1], "bn_watch", layer=layer)


@pytest.mark.parametrize("which", ["plain", "synced"])
def test_one_file_per_rank_with_rank_world_size_and_group(which, request):
    runs = request.getfixturevalue(which)
    assert sorted(runs) == [0, 1]
    (h0, e0), (h1, e1) = runs[0], runs[1]
    assert h0["world_size"] == h1["world_size"] == 2
    assert h0["group"] == h1["group"] and h0["run_id"] != h1["run_id"]
    assert len(of_type(e0, "step")) == len(of_type(e1, "step")) == 6
    assert e0[-1]["status"] == e1[-1]["status"] == "done"


def test_plain_bn_batch_statistics_differ_between_ranks(plain):
    for a, b in zip(watches(plain[0]), watches(plain[1])):
        assert a["count"] == b["count"] == 8 * 28 * 28  # each rank normalizes over its own 8 images
        assert a["batch_mean"] != pytest.approx(b["batch_mean"], rel=1e-3)


def test_sync_bn_batch_statistics_agree_between_ranks(synced):
    for a, b in zip(watches(synced[0]), watches(synced[1])):
        assert a["count"] == b["count"] == 2 * 8 * 28 * 28  # both ranks' images
        assert a["batch_mean"] == pytest.approx(b["batch_mean"], rel=1e-9)
        assert a["running_var"] == pytest.approx(b["running_var"], rel=1e-6)


@pytest.mark.parametrize("which", ["plain", "synced"])
def test_running_stats_agree_at_the_start_of_each_forward(which, request):
    # DDP broadcasts rank 0's buffers before each forward: undo this forward's update on each rank,
    # running_before = (running_after − m·batch_mean) / (1 − m), and the ranks agree.
    runs = request.getfixturevalue(which)
    for a, b in zip(watches(runs[0]), watches(runs[1])):
        m = a["momentum"]
        before = [[(r - m * x) / (1 - m) for r, x in zip(w["running_mean"], w["batch_mean"])] for w in (a, b)]
        assert before[0] == pytest.approx(before[1], rel=1e-5, abs=1e-7)


def test_small_per_process_batches_are_flagged_without_sync_only(plain, synced):
    assert {e["layer"] for e in of_type(plain[0][1], "diagnostic", kind="small_batch_without_sync")} == {"1", "5", "10"}
    assert of_type(synced[0][1], "diagnostic") == []


def test_cpu_sync_batchnorm_equals_batchnorm_on_the_whole_batch():
    script = pathlib.Path(__file__).with_name("sync_bn_check.py")
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]
    assert "False" not in result.stdout
