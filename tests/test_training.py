"""Tests for helpers.training: the live-plot callback, TensorBoard logging,
quiet training, evaluation and saving models."""

import math
import os

import numpy as np
import pytest

from helpers import models, training
from helpers.quiet import import_keras

keras = import_keras()

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _logs(epoch):
    """Fake Keras logs: losses fall and accuracies rise with the epoch."""
    return {
        "loss": 1.0 / (epoch + 1),
        "accuracy": 0.5 + 0.04 * epoch,
        "val_loss": [0.9, 0.6, 0.5, 0.55, 0.7][epoch],
        "val_accuracy": 0.45 + 0.03 * epoch,
    }


def _drive(plot, epochs=5, planned=None):
    plot.set_params({"epochs": planned or epochs})
    plot.on_train_begin()
    for epoch in range(epochs):
        plot.on_epoch_end(epoch, _logs(epoch))
    plot.on_train_end()


@pytest.fixture
def tiny_data():
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 1, size=(120, 28, 28)).astype("float32")
    y = rng.integers(0, 10, size=120)
    return x, y


# The live plot -----------------------------------------------------------------


def test_live_plot_lines_hold_every_epoch_from_the_logs():
    plot = training.LivePlot(show=False, budget=1.0)
    _drive(plot)
    assert list(plot.lines["loss"].get_xdata()) == [1, 2, 3, 4, 5]
    assert list(plot.lines["val_loss"].get_ydata()) == [0.9, 0.6, 0.5, 0.55, 0.7]
    assert list(plot.lines["accuracy"].get_ydata()) == pytest.approx(
        [0.5, 0.54, 0.58, 0.62, 0.66]
    )
    assert plot.history["val_accuracy"][-1] == pytest.approx(0.57)


def test_live_plot_draws_every_epoch_with_full_budget_and_marks_the_best():
    plot = training.LivePlot(show=False, budget=1.0)
    _drive(plot)
    assert plot.redraws == 6  # five epochs and the final picture
    assert plot.png.startswith(PNG_MAGIC)
    best = [m for m in plot.figure.axes[0].lines if m not in plot.lines.values()]
    assert best and list(best[0].get_xdata()) == [3, 3]
    assert "lowest validation loss at epoch 3" in plot.figure.get_suptitle()


def test_live_plot_with_zero_budget_draws_first_and_last_only():
    plot = training.LivePlot(show=False, budget=0.0)
    _drive(plot, epochs=5)
    assert plot.redraws == 2
    assert list(plot.lines["loss"].get_xdata()) == [1, 2, 3, 4, 5]


def test_live_plot_heading_tells_early_stopping_and_accuracy():
    plot = training.LivePlot("Dense", show=False)
    _drive(plot, epochs=5, planned=20)
    heading = plot.figure.get_suptitle()
    assert heading.startswith("Dense: stopped early after 5 of 20 epochs")
    assert "validation accuracy 57.0%" in heading
    assert plot.figure.axes[0].get_xlim() == (0.5, 20.5)


def test_live_plot_starts_afresh_for_a_second_training():
    plot = training.LivePlot(show=False, budget=1.0)
    _drive(plot)
    _drive(plot, epochs=2)
    assert list(plot.lines["loss"].get_xdata()) == [1, 2]
    markers = [m for m in plot.figure.axes[0].lines if m not in plot.lines.values()]
    assert len(markers) == 1


def test_live_plot_without_validation_or_with_other_metric_names():
    plot = training.LivePlot(show=False)
    plot.set_params({"epochs": 2})
    plot.on_train_begin()
    plot.on_epoch_end(0, {"loss": 0.8, "sparse_categorical_accuracy": 0.7})
    plot.on_train_end()
    assert plot.history["accuracy"] == [0.7]
    assert math.isnan(plot.history["val_loss"][0])
    assert plot.png.startswith(PNG_MAGIC)


@pytest.mark.parametrize(
    ("budget", "error", "match"),
    [(1.5, ValueError, "must be from 0 to 1"), ("all", TypeError, "must be a number")],
)
def test_live_plot_rejects_a_bad_budget(budget, error, match):
    with pytest.raises(error, match=f"`budget` {match}"):
        training.LivePlot(budget=budget)


def test_live_plot_follows_a_real_fit(tiny_data):
    x, y = tiny_data
    model = models.build_dense_model(hidden_units=[8])
    model.compile(
        optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"]
    )
    plot = training.LivePlot(show=False, budget=1.0)
    history = model.fit(
        x,
        y,
        epochs=3,
        batch_size=32,
        validation_split=0.25,
        callbacks=[plot],
        verbose=0,
    )
    assert plot.history["epoch"] == [1, 2, 3]
    assert plot.history["loss"] == pytest.approx(history.history["loss"])
    assert plot.history["val_accuracy"] == pytest.approx(
        history.history["val_accuracy"]
    )
    assert plot.redraws == 4
    assert plot.drawing_seconds > 0


def test_live_plot_shows_one_image_in_jupyter_and_updates_it(monkeypatch):
    import IPython.display

    shown = []

    class _Handle:
        def update(self, image):
            shown.append(("update", image))

    def fake_display(image, display_id=False):
        shown.append(("display", image))
        return _Handle() if display_id else None

    monkeypatch.setattr(training, "_in_kernel", lambda: True)
    monkeypatch.setattr(IPython.display, "display", fake_display)
    plot = training.LivePlot(budget=1.0)
    _drive(plot, epochs=3)
    assert [kind for kind, _ in shown] == ["display", "update", "update", "update"]
    assert all(image.data.startswith(PNG_MAGIC) for _, image in shown)
    assert shown[-1][1].data == plot.png

    shown.clear()
    _drive(training.LivePlot(show=False), epochs=2)
    assert shown == []


# TensorBoard -----------------------------------------------------------------------


def test_tensorboard_callback_writes_event_files_for_a_tiny_fit(tiny_data, tmp_path):
    x, y = tiny_data
    model = models.build_dense_model(hidden_units=[8])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    callback = training.tensorboard_callback("tiny", root=tmp_path / "logs")
    model.fit(x, y, epochs=2, validation_split=0.25, callbacks=[callback], verbose=0)
    folder = tmp_path / "logs"
    (run,) = folder.iterdir()
    assert run.name.startswith("tiny-")
    assert os.path.samefile(run, callback.log_dir)
    for part in ("train", "validation"):
        events = list((run / part).glob("events.out.tfevents.*"))
        assert events and events[0].stat().st_size > 0


def test_tensorboard_runs_never_share_a_folder(tmp_path):
    first = training.tensorboard_callback("same", root=tmp_path)
    second = training.tensorboard_callback("same", root=tmp_path)
    assert first.log_dir != second.log_dir
    assert first.histogram_freq == 1


def test_tensorboard_callback_rejects_unsafe_run_names(tmp_path):
    with pytest.raises(ValueError, match="`run_name` must be a short name"):
        training.tensorboard_callback("../escape", root=tmp_path)


def test_find_tensorboard_sets_the_program_for_the_magic(monkeypatch):
    monkeypatch.delenv("TENSORBOARD_BINARY", raising=False)
    path = training.find_tensorboard()
    assert os.path.isfile(path)
    assert os.environ["TENSORBOARD_BINARY"] == path


def test_find_tensorboard_explains_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.setattr(training.sys, "executable", str(tmp_path / "python"))
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(FileNotFoundError, match="pip install tensorboard"):
        training.find_tensorboard()


# Training, evaluation, saving -------------------------------------------------------


def test_summary_line_reports_epochs_time_and_accuracies():
    history = {
        "loss": [0.9, 0.5, 0.4],
        "accuracy": [0.7, 0.85, 0.9],
        "val_loss": [0.8, 0.45, 0.5],
        "val_accuracy": [0.72, 0.86, 0.84],
    }
    line = training.summary_line(history, 12.34, name="dense")
    assert line == (
        "dense: trained 3 epochs in 12.3 s: training accuracy 90.0%, validation "
        "accuracy 84.0% (best validation loss at epoch 2)."
    )
    with pytest.raises(ValueError, match="after at least one epoch"):
        training.summary_line({"loss": []})


def test_train_model_compiles_trains_quietly_and_times(tiny_data, capsys):
    x, y = tiny_data
    model = models.build_dense_model(hidden_units=[8], name="tiny")
    result = training.train_model(model, x, y, epochs=2, batch_size=32)
    assert result.epochs == 2
    assert result.seconds > 0
    assert set(result.history) >= {"loss", "accuracy", "val_loss", "val_accuracy"}
    assert result.summary().startswith("tiny: trained 2 epochs")
    assert capsys.readouterr().out == ""


def test_train_model_stops_early_and_keeps_the_best_weights():
    rng = np.random.default_rng(3)
    x = rng.uniform(0, 1, size=(200, 28, 28)).astype("float32")
    y = rng.integers(0, 10, size=200)  # random labels: validation loss rises
    model = models.build_dense_model(hidden_units=[64])
    result = training.train_model(
        model, x, y, epochs=60, learning_rate=0.01, schedule="constant", patience=2
    )
    assert result.epochs < 60
    best = int(np.argmin(result.history["val_loss"]))
    assert result.epochs == best + 1 + 2


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"epochs": 0}, "`epochs` must be a whole number, 1 or more"),
        ({"epochs": 1, "schedule": "fast"}, "`schedule` must be 'cosine'"),
        ({"epochs": 1, "validation_split": 1.0}, "`validation_split` must be"),
        ({"epochs": 1, "batch_size": 0}, "`batch_size` must be"),
    ],
)
def test_train_model_rejects_bad_settings(tiny_data, kwargs, match):
    x, y = tiny_data
    model = models.build_dense_model(hidden_units=[4])
    with pytest.raises(ValueError, match=match):
        training.train_model(model, x, y, **kwargs)


def test_train_model_catches_unscaled_images(tiny_data):
    x, y = tiny_data
    model = models.build_dense_model(hidden_units=[4])
    with pytest.raises(ValueError, match="scale it to 0 to 1 first"):
        training.train_model(model, (x * 255).astype(np.uint8), y, epochs=1)


class _FixedModel:
    """Stands in for a model: predicts the given probabilities."""

    def __init__(self, probabilities):
        self.probabilities = np.asarray(probabilities, dtype="float32")

    def predict(self, x, batch_size=None, verbose=0):
        return self.probabilities[: len(x)]


def test_evaluate_compares_answers_with_labels():
    p = np.array([[0.8, 0.2], [0.3, 0.7], [0.6, 0.4], [0.1, 0.9]])
    y = np.array([0, 1, 1, 1])
    result = training.evaluate(_FixedModel(p), np.zeros((4, 28, 28)), y)
    assert result.predicted.tolist() == [0, 1, 0, 1]
    assert result.accuracy == pytest.approx(0.75)
    expected_loss = -np.mean(np.log([0.8, 0.7, 0.4, 0.9]))
    assert result.loss == pytest.approx(expected_loss, rel=1e-5)


def test_evaluate_rejects_mismatched_labels():
    p = np.full((3, 10), 0.1)
    with pytest.raises(ValueError, match=r"`y` must hold one whole-number label"):
        training.evaluate(_FixedModel(p), np.zeros((3, 28, 28)), np.zeros(2))
    with pytest.raises(ValueError, match="classes 0 to 9"):
        training.evaluate(_FixedModel(p), np.zeros((3, 28, 28)), np.array([0, 1, 12]))


def test_comparison_row_for_a_table(tiny_data):
    x, y = tiny_data
    model = models.build_dense_model(hidden_units=[4], name="small")
    result = training.train_model(model, x, y, epochs=1)
    evaluation = training.evaluate(model, x, y)
    row = training.comparison_row(result, evaluation)
    assert row["model"] == "small"
    assert row["parameters"] == model.count_params()
    assert row["test accuracy (%)"] == pytest.approx(
        100 * evaluation.accuracy, abs=0.01
    )
    assert row["epochs"] == 1


def test_save_model_never_overwrites_and_loads_back(tmp_path, tiny_data):
    x, _ = tiny_data
    model = models.build_dense_model(hidden_units=[4])
    first = training.save_model(model, "reader", folder=tmp_path)
    second = training.save_model(model, "reader", folder=tmp_path)
    assert first != second
    assert first.exists() and second.exists()
    assert first.suffix == ".keras" and first.name.startswith("reader-")
    loaded = keras.saving.load_model(first)
    assert np.allclose(
        loaded.predict(x[:3], verbose=0), model.predict(x[:3], verbose=0)
    )


def test_save_model_goes_to_the_data_folder_by_default(tmp_path):
    model = models.build_dense_model(hidden_units=[4])
    path = training.save_model(model)
    assert path.parent == tmp_path / "course-data" / "models"


def test_save_model_rejects_a_non_model_and_bad_names(tmp_path):
    with pytest.raises(TypeError, match="`model` must be a Keras model"):
        training.save_model("model", folder=tmp_path)
    model = models.build_dense_model(hidden_units=[4])
    with pytest.raises(ValueError, match="`name` must be a short name"):
        training.save_model(model, "my model/1", folder=tmp_path)
