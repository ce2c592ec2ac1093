"""Tests for helpers.digit_widgets, driven without a browser: the digit
browser (slider, mistakes switch, probability bars) and the drawing pad."""

import numpy as np
import pytest

from helpers import digits
from helpers.data import mnist_offline_sample
from helpers.digit_widgets import DigitBrowser, DrawingPad


@pytest.fixture(scope="module")
def sample():
    x, y = mnist_offline_sample()
    order = np.random.default_rng(2).permutation(len(x))[:60]
    x, y = x[order], y[order]
    rng = np.random.default_rng(0)
    p = rng.uniform(0.0, 0.05, size=(len(y), 10))
    said = y.copy()
    said[::4] = (said[::4] + 1) % 10
    p[np.arange(len(y)), said] = 0.8
    return x, y, p / p.sum(axis=1, keepdims=True)


def _heights(drawn):
    return np.array([bar.get_height() for bar in drawn["bars"]])


# The digit browser -------------------------------------------------------------


def test_moving_the_slider_shows_that_image_and_its_probabilities(sample):
    x, y, p = sample
    browser = DigitBrowser(x, y, p)
    assert np.allclose(_heights(browser.bars), p[0])
    before = browser.view.redraws

    browser.position.value = 5
    assert browser.current == 5
    assert np.allclose(_heights(browser.bars), p[5])
    assert np.array_equal(browser.picture.get_array(), x[5])
    assert f"the true digit is <b>{y[5]}</b>" in browser.status.value
    assert browser.view.redraws == before + 1


def test_status_says_right_or_wrong(sample):
    x, y, p = sample
    browser = DigitBrowser(x, y, p)
    browser.position.value = 1  # right: only every 4th image is wrong
    assert ">right<" in browser.status.value
    browser.position.value = 4
    assert ">wrong<" in browser.status.value
    assert f"the model says <b>{(y[4] + 1) % 10}</b>" in browser.status.value


def test_mistakes_switch_limits_the_slider_to_wrong_answers(sample):
    x, y, p = sample
    browser = DigitBrowser(x, y, p, start=30)
    mistakes = np.flatnonzero(p.argmax(axis=1) != y)
    assert browser.mistakes_only.description == f"show only mistakes ({len(mistakes)})"

    browser.mistakes_only.value = True
    assert (browser.position.min, browser.position.max) == (1, len(mistakes))
    assert browser.position.description == "mistake"
    seen = []
    for number in range(1, len(mistakes) + 1):
        browser.position.value = number
        seen.append(browser.current)
        assert np.allclose(_heights(browser.bars), p[browser.current])
    assert seen == mistakes.tolist()
    browser.position.value = 3
    assert f"(mistake 3 of {len(mistakes)})" in browser.status.value


def test_switching_the_filter_keeps_the_image_shown_when_it_can(sample):
    x, y, p = sample
    mistakes = np.flatnonzero(p.argmax(axis=1) != y)
    browser = DigitBrowser(x, y, p, start=int(mistakes[2]))
    redraws = browser.view.redraws
    browser.mistakes_only.value = True
    assert browser.position.value == 3
    assert browser.current == mistakes[2]
    assert browser.view.redraws == redraws + 1  # one redraw, not one per change

    browser.position.value = 5
    browser.mistakes_only.value = False
    assert (browser.position.min, browser.position.max) == (0, len(x) - 1)
    assert browser.position.value == mistakes[4] == browser.current
    assert browser.position.description == "test image"

    browser.position.value = 1  # a right answer
    browser.mistakes_only.value = True
    assert browser.position.value == 1 and browser.current == mistakes[0]


def test_mistakes_switch_is_off_when_there_are_no_mistakes(sample):
    x, y, _ = sample
    browser = DigitBrowser(x, y, np.eye(10)[y])
    assert browser.mistakes_only.disabled


def test_browser_has_an_instruction_and_checks_its_input(sample):
    x, y, p = sample
    browser = DigitBrowser(x, y, p)
    assert "show only mistakes" in browser.widget.children[0].value
    with pytest.raises(ValueError, match="`start` must be from 0 to 59"):
        DigitBrowser(x, y, p, start=60)
    with pytest.raises(ValueError, match="`probabilities` must have one row per"):
        DigitBrowser(x, y, p[:10])


def test_browser_redraw_shows_what_a_full_draw_shows(sample, blit_mismatch):
    x, y, p = sample
    browser = DigitBrowser(x, y, p)
    moves = (
        (browser.position, 5),
        (browser.position, 4),
        (browser.mistakes_only, True),
        (browser.position, 3),
    )
    for control, value in moves:
        before, shown = browser.view.png, browser.current
        control.value = value
        if browser.current != shown:
            assert browser.view.png != before
        assert blit_mismatch(browser.view) == 0.0


# The drawing pad -----------------------------------------------------------------


class _RecordingModel:
    """A stand-in model that records what it is given and says '7'."""

    def __init__(self):
        self.seen = []

    def predict_on_batch(self, batch):
        self.seen.append(np.array(batch))
        out = np.full((len(batch), 10), 0.02)
        out[:, 7] = 0.82
        return out


def _draw_a_one(pad):
    for row in range(2, 12):
        pad.cells[row][7].click()


def test_clicking_squares_inks_them_and_asks_the_model(sample):
    model = _RecordingModel()
    pad = DrawingPad(model)
    assert pad.probabilities is None and not model.seen
    _draw_a_one(pad)
    assert pad.ink[:, 7].sum() == 10 and pad.ink.sum() == 10
    assert pad.cells[5][7].style.button_color != pad.cells[5][6].style.button_color
    batch = model.seen[-1]
    assert batch.shape == (1, 28, 28) and batch.dtype == np.float32
    assert batch.min() >= 0.0 and batch.max() <= 1.0
    assert np.allclose(_heights(pad.bars), model.predict_on_batch(batch)[0])
    assert "says 7" in pad.bars["title"].get_text()


def test_the_model_sees_the_drawing_prepared_like_mnist():
    model = _RecordingModel()
    pad = DrawingPad(model)
    _draw_a_one(pad)
    expected = digits.prepare_digit(pad.ink, invert=False)
    assert np.allclose(model.seen[-1][0], expected)
    assert np.allclose(pad.seen.get_array(), expected)


def test_eraser_rubs_out_and_clear_empties_the_pad():
    pad = DrawingPad(_RecordingModel())
    _draw_a_one(pad)
    pad.cells[2][7].click()  # the pen again: still inked
    assert pad.ink.sum() == 10
    pad.tool.value = "eraser"
    pad.cells[2][7].click()
    assert pad.ink.sum() == 9 and not pad.ink[2, 7]
    pad.clear.click()
    assert pad.ink.sum() == 0
    assert pad.digit is None and pad.probabilities is None
    assert np.allclose(_heights(pad.bars), 0)
    assert "draw a digit" in pad.bars["title"].get_text()


def test_thick_pen_inks_a_square_of_four_and_overlaps_without_erasing():
    pad = DrawingPad(_RecordingModel())
    pad.tool.value = "thick pen"
    pad.cells[3][3].click()
    assert pad.ink[3:5, 3:5].sum() == 4 and pad.ink.sum() == 4
    pad.cells[3][4].click()  # overlaps the first stroke
    assert pad.ink[3:5, 3:6].sum() == 6 and pad.ink.sum() == 6
    pad.cells[13][13].click()  # in the corner there is no room to the right
    assert pad.ink.sum() == 7


def test_set_ink_puts_a_test_digit_on_the_pad(sample):
    x, _, _ = sample
    pad = DrawingPad(_RecordingModel())
    pad.set_ink(x[0])
    assert pad.ink.sum() > 10
    original = digits.prepare_digit(x[0])
    correlation = np.corrcoef(pad.digit.ravel(), original.ravel())[0, 1]
    assert correlation > 0.6


def test_pad_works_with_a_plain_function_and_a_real_keras_model():
    seen = []

    def predict(batch):
        seen.append(batch.shape)
        return np.tile(np.linspace(0.0, 1.0, 10) / 5.0, (len(batch), 1))

    pad = DrawingPad(predict, size=10)
    pad.cells[4][4].click()
    assert seen == [(1, 28, 28)]
    assert "says 9" in pad.bars["title"].get_text()

    from helpers import models

    keras_pad = DrawingPad(models.build_dense_model(hidden_units=[4]))
    _draw_a_one(keras_pad)
    assert keras_pad.probabilities.shape == (10,)
    assert keras_pad.probabilities.sum() == pytest.approx(1.0, abs=1e-4)


def test_pad_checks_its_model_and_size():
    with pytest.raises(TypeError, match="`model` must be a Keras model"):
        DrawingPad("model")
    with pytest.raises(ValueError, match="`size` must be a whole number from 8"):
        DrawingPad(_RecordingModel(), size=4)


def test_pad_redraw_shows_what_a_full_draw_shows(blit_mismatch):
    pad = DrawingPad(_RecordingModel())
    empty = pad.view.png
    _draw_a_one(pad)
    assert pad.view.png != empty
    assert blit_mismatch(pad.view) == 0.0
    pad.clear.click()
    assert blit_mismatch(pad.view) == 0.0
