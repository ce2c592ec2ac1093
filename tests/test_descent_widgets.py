"""Tests for helpers.descent_widgets, driven headlessly through their controls."""

import io
import warnings

import numpy as np
import pytest
from PIL import Image

from helpers import descent_widgets as dw


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=float)


def test_softmax_explorer_follows_the_sliders():
    explorer = dw.SoftmaxExplorer(n_classes=3, logits=[0.0, 0.0, 0.0])
    assert explorer.probabilities == pytest.approx([1 / 3] * 3)
    explorer.logits[2].value = 3.0
    assert explorer.probabilities.argmax() == 2
    assert explorer.probabilities.sum() == pytest.approx(1.0)
    assert explorer.title.startswith("softmax: predicted class 2")
    assert explorer.drawn["bars"][2].get_height() == pytest.approx(
        explorer.probabilities[2]
    )


def test_softmax_explorer_shows_only_the_chosen_number_of_classes():
    explorer = dw.SoftmaxExplorer(n_classes=4)
    explorer.classes.value = 7
    assert len(explorer.probabilities) == 7
    shown = [s.layout.display != "none" for s in explorer.logits]
    assert shown == [True] * 7 + [False] * 3
    assert [bar.get_visible() for bar in explorer.drawn["bars"]].count(True) == 7
    explorer.classes.value = 3
    assert [bar.get_visible() for bar in explorer.drawn["bars"]].count(True) == 3


def test_softmax_explorer_rejects_scores_off_the_sliders():
    with pytest.raises(ValueError, match="`logits`"):
        dw.SoftmaxExplorer(logits=[10.0])


def test_cross_entropy_explorer_moves_the_point_along_minus_log():
    explorer = dw.CrossEntropyExplorer(probability=0.5)
    explorer.probability.value = 0.1
    assert explorer.loss == pytest.approx(-np.log(0.1))
    assert explorer.curve["point"].get_data()[1][0] == pytest.approx(-np.log(0.1))
    assert "wrong" in explorer.title
    explorer.probability.value = 1.0
    assert explorer.loss == pytest.approx(0.0)
    assert "no loss" in explorer.title


def test_descent_explorer_presets_show_the_three_regimes():
    explorer = dw.DescentExplorer("parabola", learning_rate=0.1, steps=20)
    verdicts = {}
    for button in explorer.presets:
        button.click()
        verdicts[button.description.split(" (")[0]] = explorer.summary.verdict
    assert verdicts == {
        "too small": "slow",
        "good": "converged",
        "zig-zag": "zigzag",
        "too large": "diverged",
    }
    assert explorer.learning_rate.value == pytest.approx(1.1, abs=0.01)


@pytest.mark.parametrize("rate", [1.5, 2.0])
def test_a_diverging_run_is_reported_not_crashed(rate):
    explorer = dw.DescentExplorer("bowl", learning_rate=0.08, steps=40)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        explorer.learning_rate.value = rate
    assert explorer.path.diverged
    steps = explorer.path.diverged_at
    assert explorer.title == (
        f"learning rate {rate:.2g}: diverged after {steps} "
        f"step{'' if steps == 1 else 's'}: the learning rate is too large"
    )
    # The path is drawn up to the step that leaves the picture, at least
    # one segment, even when the very first step flies off.
    x, y = explorer.drawn["line"].get_data()
    assert len(x) >= 2 and np.all(np.isfinite(x)) and np.all(np.isfinite(y))
    assert explorer._note.get_text() == "the path leaves the picture"
    assert explorer.figure._suptitle.get_color() == dw._VERDICT_COLOURS["diverged"]


def test_moving_a_control_redraws_once_and_changes_the_picture():
    explorer = dw.DescentExplorer("bowl", learning_rate=0.08, steps=40)
    before, redraws = explorer.view.png, explorer.view.redraws
    explorer.start[0].value = 3.0
    assert explorer.view.redraws == redraws + 1
    assert explorer.view.png != before
    assert explorer.path.points[0, 0] == 3.0


def test_blit_redraw_matches_a_full_render(blit_mismatch):
    explorer = dw.DescentExplorer("bowl", learning_rate=0.19, steps=30)
    explorer.steps.value = 25
    explorer.learning_rate.value = 0.15
    assert blit_mismatch(explorer.view) < 0.001


def test_steps_change_the_loss_axis_and_invalidate_the_background():
    explorer = dw.DescentExplorer("parabola", steps=20)
    explorer.steps.value = 60
    assert explorer._axes[1].get_xlim() == (0, 60)
    assert len(explorer.path.losses) == 61


def test_local_minima_explorer_momentum_reaches_the_deepest_valley():
    explorer = dw.LocalMinimaExplorer(learning_rate=1.0, steps=120)
    assert explorer.summary.minimum == 1
    explorer.momentum.value = 0.9
    assert explorer.summary.minimum == 0
    assert "deepest" in explorer.title
    explorer.start[0].value = 3.5
    explorer.start[1].value = 3.5
    assert explorer.path.points[0].tolist() == [3.5, 3.5]


def test_decay_explorer_runs_three_schedules_on_the_same_start():
    explorer = dw.DecayExplorer()
    assert set(explorer.paths) == {"constant", "step", "exponential"}
    starts = {tuple(p.points[0]) for p in explorer.paths.values()}
    assert len(starts) == 1
    finals = explorer.final_losses()
    assert finals["step"] < finals["constant"]
    assert explorer.title.startswith("final loss: constant")
    explorer.decay_rate.value = 1.0
    rates = {name: p.learning_rates[-1] for name, p in explorer.paths.items()}
    assert rates["step"] == pytest.approx(rates["constant"])


def test_minibatch_explorer_batch_size_sets_the_steps():
    explorer = dw.MiniBatchExplorer(batch_size=10, epochs=2)
    assert explorer.path.steps_taken == 40
    explorer.batch_size.value = 200
    assert explorer.path.steps_taken == 2
    assert explorer.title.startswith("batch size 200: 1 steps an epoch")
    explorer.batch_size.value = 1
    assert explorer.path.steps_taken == 400
    explorer.learning_rate.value = 1.0
    assert explorer.path.diverged
    assert "diverged after" in explorer.title


def test_minibatch_explorer_rejects_an_unoffered_batch_size():
    with pytest.raises(ValueError, match="`batch_size`"):
        dw.MiniBatchExplorer(batch_size=3)


def test_descent_explorer_rejects_an_unknown_surface():
    with pytest.raises(ValueError, match="`surface`"):
        dw.DescentExplorer("hills")


def test_training_plot_updates_every_few_epochs():
    plot = dw.TrainingPlot(epochs=5, every=2)
    history = {
        "epoch": [],
        "loss": [],
        "accuracy": [],
        "val_loss": [],
        "val_accuracy": [],
    }
    for epoch in range(1, 6):
        history["epoch"].append(epoch)
        history["loss"].append(1.0 / epoch)
        history["accuracy"].append(0.5 + epoch / 20)
        history["val_loss"].append(1.2 / epoch)
        history["val_accuracy"].append(0.5 + epoch / 25)
        plot.callback(epoch, history)
    assert plot.view.redraws == 3
    assert list(plot.lines["val_accuracy"].get_ydata()) == history["val_accuracy"]
    assert plot.title == "epoch 5 of 5: accuracy 70.0%"
    with pytest.raises(ValueError, match="`every`"):
        dw.TrainingPlot(epochs=3, every=0)


def test_every_explorer_has_an_instruction_and_labelled_axes():
    for explorer in (
        dw.SoftmaxExplorer(),
        dw.CrossEntropyExplorer(),
        dw.DescentExplorer(),
        dw.LocalMinimaExplorer(),
        dw.DecayExplorer(),
        dw.MiniBatchExplorer(),
    ):
        first = explorer.widget.children[0]
        assert "\U0001f449" in first.value
        for ax in explorer.figure.axes:
            assert ax.get_ylabel(), type(explorer).__name__
        assert explorer.title
