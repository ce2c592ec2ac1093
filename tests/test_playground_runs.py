"""Tests for helpers.playground_runs: settings, share strings, the run record.

None of these train a network, so none imports TensorFlow.
"""

from __future__ import annotations

import base64
import json
import subprocess
import sys
import zlib

import pytest

from helpers.config import data_dir
from helpers.playground_runs import (
    RUNS_FILE,
    Run,
    RunLog,
    Settings,
    SettingsStringError,
)


def _run(**changes) -> Run:
    settings = changes.pop("settings", Settings())
    values = {"status": "finished", "epochs_done": settings.epochs}
    values.update(changes)
    return Run(settings, **values)


# Settings


def test_settings_defaults_are_valid_and_describe_themselves():
    settings = Settings()
    assert settings.dataset == "mnist"
    assert settings.layers == [64]
    assert not settings.is_2d
    assert settings.describe().startswith("mnist (2000 examples) | 1x64 relu")


def test_settings_round_rates_so_a_share_reproduces_what_was_trained():
    settings = Settings(
        learning_rate=0.0031622776601683794, dropout=0.333, l2=1.2345e-4
    )
    assert settings.learning_rate == 0.00316
    assert settings.dropout == 0.33
    assert settings.l2 == 0.000123


def test_settings_accept_whole_floats_for_counts():
    assert Settings(epochs=5.0).epochs == 5
    assert isinstance(Settings(epochs=5.0).epochs, int)


@pytest.mark.parametrize(
    ("changes", "error", "match"),
    [
        ({"dataset": "cifar"}, ValueError, "`dataset` must be one of"),
        ({"activation": "softmax"}, ValueError, "`activation` must be one of"),
        ({"optimizer": "lbfgs"}, ValueError, "`optimizer` must be one of"),
        ({"decay": "cosine"}, ValueError, "`decay` must be one of"),
        ({"epochs": 0}, ValueError, "`epochs` must be from 1 to 500; received 0"),
        ({"epochs": 2.5}, TypeError, "`epochs` must be a whole number"),
        ({"batch_size": True}, TypeError, "`batch_size` must be a whole number"),
        ({"hidden_layers": 9}, ValueError, "`hidden_layers` must be from 0 to 8"),
        ({"train_size": 5}, ValueError, "`train_size` must be from 10"),
        ({"learning_rate": 0}, ValueError, "`learning_rate` must be above 0"),
        ({"learning_rate": float("nan")}, ValueError, "`learning_rate` must be"),
        ({"learning_rate": "fast"}, TypeError, "`learning_rate` must be a number"),
        ({"dropout": 0.95}, ValueError, "`dropout` must be from 0 to 0.9"),
        ({"l2": -1e-3}, ValueError, "`l2` must be from 0 to 1"),
    ],
)
def test_bad_settings_name_the_setting(changes, error, match):
    with pytest.raises(error, match=match):
        Settings(**changes)


def test_replace_and_from_dict_reject_unknown_names():
    with pytest.raises(TypeError, match=r"Unknown settings \['lr'\]"):
        Settings().replace(lr=0.1)
    with pytest.raises(TypeError, match=r"Unknown settings \['units'\]"):
        Settings.from_dict({"units": 3})
    with pytest.raises(TypeError, match="`values` must be a dict"):
        Settings.from_dict([("epochs", 3)])


def test_from_dict_fills_missing_settings_with_defaults():
    assert Settings.from_dict({"epochs": 3}) == Settings(epochs=3)


def test_for_dataset_suits_the_toy_sets_and_takes_changes():
    moons = Settings.for_dataset("moons", epochs=7)
    assert moons.is_2d and moons.hidden_units == 8 and moons.epochs == 7
    assert Settings.for_dataset("mnist") == Settings()
    with pytest.raises(ValueError, match="`dataset`"):
        Settings.for_dataset("iris")


# Share strings


def test_share_string_round_trips_every_setting():
    settings = Settings(
        dataset="spirals",
        train_size=123,
        hidden_layers=3,
        hidden_units=48,
        activation="tanh",
        dropout=0.15,
        l2=1e-4,
        optimizer="rmsprop",
        learning_rate=0.0042,
        decay="step",
        batch_size=8,
        epochs=77,
        seed=4242,
    )
    text = settings.to_string()
    assert text.startswith("pg1-")
    assert len(text) < 120
    assert "=" not in text and "+" not in text and "/" not in text
    assert Settings.from_string(text) == settings


def test_share_string_survives_spaces_quotes_and_line_breaks():
    text = Settings(epochs=3).to_string()
    messy = f'  "{text[:20]}\n{text[20:]}"  '
    assert Settings.from_string(messy) == Settings(epochs=3)


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("hello", "starts with 'pg1-'; received 'hello'"),
        ("pg2-abcdef", "made by another version of the course"),
        ("pg1-%%%%", "damaged"),
        ("pg1-", "damaged"),
    ],
)
def test_bad_share_strings_say_what_is_wrong(text, match):
    with pytest.raises(SettingsStringError, match=match):
        Settings.from_string(text)


def test_cut_or_mistyped_share_strings_are_caught_by_the_checksum():
    text = Settings(epochs=12, seed=3).to_string()
    with pytest.raises(SettingsStringError, match="cut short or mistyped"):
        Settings.from_string(text[:-3])
    packed = json.loads(base64.urlsafe_b64decode(text[4:] + "=" * (-len(text) % 4)))
    packed[-1] = 4  # a different seed, but the old checksum
    forged = "pg1-" + base64.urlsafe_b64encode(json.dumps(packed).encode()).decode()
    with pytest.raises(SettingsStringError, match="damaged"):
        Settings.from_string(forged)


def test_a_share_string_with_a_value_out_of_range_names_it():
    values = list(Settings().to_dict().values())
    values[Settings.names().index("epochs")] = 0
    body = json.dumps(values, separators=(",", ":"))
    check = format(zlib.crc32(body.encode()) & 0xFFFF, "04x")
    packed = json.dumps([check, *values], separators=(",", ":"))
    text = "pg1-" + base64.urlsafe_b64encode(packed.encode()).decode()
    with pytest.raises(SettingsStringError, match="`epochs` must be from 1"):
        Settings.from_string(text)


def test_share_string_must_be_text():
    with pytest.raises(SettingsStringError, match="must be text"):
        Settings.from_string(123)


# Runs


def test_run_turns_non_finite_numbers_into_none_and_checks_its_fields():
    run = _run(
        val_accuracy=float("nan"),
        train_loss=float("inf"),
        history={"loss": [1.0, float("nan")]},
    )
    assert run.val_accuracy is None and run.train_loss is None
    assert run.history["loss"] == [1.0, None]
    with pytest.raises(ValueError, match="`status` must be one of"):
        _run(status="crashed")
    with pytest.raises(TypeError, match="`settings` must be a Settings"):
        Run({"epochs": 3})


def test_run_summary_and_gap():
    run = _run(train_accuracy=1.0, val_accuracy=0.8, test_accuracy=0.79, weights=10)
    assert run.overfit_gap == pytest.approx(0.2)
    assert "validation accuracy 80.0 %" in run.summary()
    stopped = _run(status="stopped", epochs_done=3)
    assert "stopped after 3 of 10 epochs" in stopped.summary()
    diverged = _run(status="diverged", epochs_done=1, note="The loss blew up.")
    assert diverged.diverged
    assert diverged.summary() == "Run diverged. The loss blew up."
    assert _run(status="diverged", epochs_done=0).summary() == (
        "Run diverged in epoch 1."
    )


def test_run_to_dict_and_back():
    run = _run(val_accuracy=0.5, history={"loss": [2.0, 1.0]}, run_id=4)
    again = Run.from_dict(json.loads(json.dumps(run.to_dict())))
    assert again == run
    assert run.to_dict()["share"] == run.settings.to_string()


# The record


def test_record_lives_in_the_data_folder():
    log = RunLog()
    assert log.path == data_dir() / RUNS_FILE
    assert len(log) == 0 and log.runs == []


def test_runs_get_numbers_and_are_reloaded_after_a_restart():
    log = RunLog()
    first = log.add(_run(val_accuracy=0.7))
    second = log.add(_run(settings=Settings(epochs=3), val_accuracy=0.9))
    assert (first.run_id, second.run_id) == (1, 2)
    again = RunLog()  # a new kernel: only the file is shared
    assert [r.run_id for r in again] == [1, 2]
    assert again.get(2).settings == Settings(epochs=3)
    assert again.get(2).val_accuracy == 0.9


def test_each_run_is_one_line_on_disk():
    log = RunLog()
    log.add(_run())
    log.add(_run())
    lines = log.path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    assert all(json.loads(line)["settings"]["dataset"] == "mnist" for line in lines)


def test_a_truncated_last_line_is_skipped_with_a_warning_and_kept():
    log = RunLog()
    log.add(_run(val_accuracy=0.5))
    log.add(_run(val_accuracy=0.6))
    text = log.path.read_text(encoding="utf-8")
    cut = json.dumps(_run(run_id=3).to_dict())[:50]
    log.path.write_text(text + cut, encoding="utf-8")
    with pytest.warns(UserWarning, match="Skipped line 3 .* other 2 runs"):
        reloaded = RunLog()
    assert [r.run_id for r in reloaded] == [1, 2]
    assert reloaded.skipped == [3]
    run = reloaded.add(_run(val_accuracy=0.9))
    assert run.run_id == 3
    with pytest.warns(UserWarning, match="Skipped line 3"):
        final = RunLog()
    assert [r.run_id for r in final] == [1, 2, 3]
    assert final.get(3).val_accuracy == 0.9
    assert cut in log.path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "bad_line",
    ["not json", "[1, 2]", '{"run_id": 5}', '{"run_id": 0, "settings": {}}'],
)
def test_any_damaged_line_never_costs_the_other_runs(bad_line):
    log = RunLog()
    log.add(_run())
    with open(log.path, "a", encoding="utf-8") as stream:
        stream.write(bad_line + "\n")
    log.add(_run())
    with pytest.warns(UserWarning, match="Skipped line 2"):
        again = RunLog()
    assert [r.run_id for r in again] == [1, 2]


def test_run_numbers_keep_growing_when_two_panels_share_the_file():
    one, two = RunLog(), RunLog()
    one.add(_run())
    assert two.add(_run()).run_id == 2


def test_a_log_sees_runs_another_log_recorded_without_a_reload():
    panel_log, code_log = RunLog(), RunLog()
    code_log.add(_run(val_accuracy=0.8))
    assert [r.run_id for r in panel_log] == [1]
    assert panel_log.best().run_id == 1 and len(panel_log.table()) == 1
    assert panel_log.get(1).val_accuracy == 0.8


def _append_runs(path: str, count: int) -> list[int]:
    log = RunLog(path)
    return [log.add(_run()).run_id for _ in range(count)]


@pytest.mark.skipif(sys.platform == "win32", reason="the lock is POSIX only")
def test_kernels_appending_at_the_same_moment_get_different_numbers(tmp_path):
    import multiprocessing

    path = str(tmp_path / "runs.jsonl")
    context = multiprocessing.get_context("fork")
    with context.Pool(3) as pool:
        numbers = pool.starmap(_append_runs, [(path, 40)] * 3)
    every = sorted(n for each in numbers for n in each)
    assert every == list(range(1, 121))
    assert [r.run_id for r in RunLog(path)] == list(range(1, 121))


def test_a_run_number_from_a_table_index_is_accepted():
    import numpy as np

    log = RunLog()
    log.add(_run())
    assert log.get(np.int64(1)).run_id == 1


def test_get_explains_missing_runs():
    log = RunLog()
    with pytest.raises(KeyError, match="it is empty: train a run first"):
        log.get(1)
    log.add(_run())
    with pytest.raises(KeyError, match="There is no run 7 .* runs 1 to 1"):
        log.get(7)
    with pytest.raises(TypeError, match="`run_id` must be a run number"):
        log.get("1")


def test_best_skips_diverged_runs_and_filters_by_data_set():
    log = RunLog()
    log.add(_run(val_accuracy=0.8))
    log.add(_run(status="diverged", val_accuracy=0.99))
    log.add(_run(settings=Settings.for_dataset("moons"), val_accuracy=0.95))
    assert log.best().run_id == 3
    assert log.best(dataset="mnist").run_id == 1
    assert log.best(dataset="circles") is None
    with pytest.raises(ValueError, match="`metric`"):
        log.best("loss")


def test_table_sorts_by_any_column():
    log = RunLog()
    log.add(_run(val_accuracy=0.8, weights=300, test_accuracy=0.7))
    log.add(_run(val_accuracy=0.9, weights=100, test_accuracy=None))
    log.add(_run(val_accuracy=0.85, weights=200, test_accuracy=0.75))
    assert log.table()["run"].tolist() == [1, 2, 3]
    assert log.table("val acc")["run"].tolist() == [2, 3, 1]
    assert log.table("weights")["run"].tolist() == [2, 3, 1]
    assert log.table("test acc")["run"].tolist() == [3, 1, 2]
    assert log.table("run", ascending=False)["run"].tolist() == [3, 2, 1]
    with pytest.raises(ValueError, match="`sort_by` must be one of"):
        log.table("accuracy")


def test_export_csv_never_overwrites(tmp_path):
    import pandas as pd

    log = RunLog()
    log.add(_run(val_accuracy=0.8))
    first = log.export_csv()
    second = log.export_csv()
    assert first != second and first.exists() and second.exists()
    frame = pd.read_csv(first)
    assert frame["run"].tolist() == [1]
    assert frame["share"].tolist() == [Settings().to_string()]
    target = tmp_path / "mine.csv"
    target.write_text("my notes", encoding="utf-8")
    with pytest.raises(FileExistsError, match="already exists"):
        log.export_csv(target)
    assert target.read_text(encoding="utf-8") == "my notes"


def test_this_module_does_not_import_tensorflow():
    code = (
        "import sys, helpers.playground_runs, helpers.exercises.nb05; "
        "print('tensorflow' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
