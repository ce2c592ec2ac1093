"""Tests for helpers.digits: digit plots, the confusion matrix, the mistakes
grid, probability bars and the preparation of a learner's own digit."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex

from helpers import digits
from helpers.data import mnist_offline_sample


@pytest.fixture(scope="module")
def sample():
    x, y = mnist_offline_sample()
    order = np.random.default_rng(1).permutation(len(x))[:300]
    return x[order], y[order]


def _probabilities_for(y, wrong_every=5, seed=0):
    """Probabilities that are right except for every ``wrong_every``-th image."""
    rng = np.random.default_rng(seed)
    p = rng.uniform(0.0, 0.05, size=(len(y), 10))
    said = y.copy()
    said[::wrong_every] = (said[::wrong_every] + 1) % 10
    p[np.arange(len(y)), said] = rng.uniform(0.5, 0.99, size=len(y))
    return p / p.sum(axis=1, keepdims=True)


# Scaling and grids ----------------------------------------------------------


def test_scale_images_maps_bytes_to_0_1_float32():
    images = np.array([[[0, 255], [51, 102]]], dtype=np.uint8)
    scaled = digits.scale_images(images)
    assert scaled.dtype == np.float32
    assert np.allclose(scaled, [[[0.0, 1.0], [0.2, 0.4]]])


def test_scale_images_refuses_scaling_twice_and_wrong_shapes():
    with pytest.raises(ValueError, match="look scaled already"):
        digits.scale_images(np.full((1, 28, 28), 0.5))
    with pytest.raises(ValueError, match=r"shape \(n, height, width\)"):
        digits.scale_images(np.zeros(784, dtype=np.uint8))


def test_plot_digits_titles_say_label_and_mistakes_in_red(sample):
    x, y = sample
    predicted = y[:6].copy()
    predicted[2] = (predicted[2] + 3) % 10
    drawn = digits.plot_digits(x[:6], y[:6], predicted=predicted, columns=3)
    titles = [t.get_text() for t in drawn["titles"]]
    assert titles[0] == str(y[0])
    assert titles[2] == f"{y[2]}\u2192{predicted[2]}"
    assert to_hex(drawn["titles"][2].get_color()) == digits.WRONG_COLOUR
    assert to_hex(drawn["titles"][0].get_color()) == digits.CORRECT_COLOUR
    assert len(drawn["images"]) == 6
    assert np.array_equal(drawn["images"][4].get_array(), x[4])


def test_plot_digits_draws_into_given_axes_and_caps_the_count(sample):
    x, y = sample
    fig, axes = plt.subplots(1, 4)
    drawn = digits.plot_digits(x[:3], y[:3], count=10, axes=axes)
    assert drawn["figure"] is fig
    assert len(drawn["images"]) == 3
    with pytest.raises(ValueError, match="at least 4 axes"):
        digits.plot_digits(x, y, count=4, axes=axes[:2])


def test_plot_digits_rejects_labels_of_the_wrong_length(sample):
    x, y = sample
    with pytest.raises(ValueError, match=r"`labels` must hold one label per image"):
        digits.plot_digits(x[:5], y[:4])


def test_class_balance_bars_count_each_digit():
    y_train = np.array([0, 0, 1, 9, 9, 9])
    y_test = np.array([1, 1, 2])
    ax = plt.figure().gca()
    bars = digits.plot_class_balance(y_train, y_test, ax=ax)
    train_counts = [int(b.get_height()) for b in bars[0]]
    test_counts = [int(b.get_height()) for b in bars[1]]
    assert train_counts == [2, 1, 0, 0, 0, 0, 0, 0, 0, 3]
    assert test_counts == [0, 2, 1, 0, 0, 0, 0, 0, 0, 0]
    assert ax.get_xlabel() == "digit"
    assert ax.get_ylabel() == "number of images"


# Confusion matrix -----------------------------------------------------------


def test_confusion_matrix_counts_true_rows_and_predicted_columns():
    y_true = [3, 3, 3, 5, 5, 8]
    y_pred = [3, 5, 5, 5, 3, 8]
    matrix = digits.confusion_matrix(y_true, y_pred)
    assert matrix.shape == (10, 10)
    assert matrix[3, 5] == 2
    assert matrix[5, 3] == 1
    assert matrix[3, 3] == 1 and matrix[8, 8] == 1
    assert matrix.sum() == 6


def test_confusion_matrix_rejects_classes_out_of_range():
    with pytest.raises(ValueError, match=r"`y_pred` must hold classes 0 to 9"):
        digits.confusion_matrix([1, 2], [1, 10])


def test_top_confusions_lists_largest_off_diagonal_cells_first():
    matrix = np.diag([50] * 10)
    matrix[4, 9] = 7
    matrix[7, 1] = 3
    matrix[9, 4] = 5
    assert digits.top_confusions(matrix, top=3) == [(4, 9, 7), (9, 4, 5), (7, 1, 3)]
    assert digits.top_confusions(np.eye(10, dtype=int)) == []


def test_plot_confusion_matrix_writes_every_count_and_labels_axes(sample):
    _, y = sample
    p = _probabilities_for(y)
    matrix = digits.confusion_matrix(y, p.argmax(axis=1))
    ax = plt.figure().gca()
    drawn = digits.plot_confusion_matrix(matrix, ax=ax)
    shown = np.vectorize(lambda t: int(t.get_text()))(drawn["texts"])
    assert np.array_equal(shown, matrix)
    assert ax.get_ylabel() == "true digit"
    assert ax.get_xlabel().startswith("predicted digit")
    right = int(np.trace(matrix))
    assert f"{right:,} of {len(y):,} right" in ax.get_title()


def test_plot_confusion_matrix_rejects_a_non_square_matrix():
    with pytest.raises(ValueError, match="square confusion matrix"):
        digits.plot_confusion_matrix(np.zeros((10, 9)))


# Mistakes and probabilities ---------------------------------------------------


def test_worst_mistakes_are_wrong_and_most_confident_first(sample):
    _, y = sample
    p = _probabilities_for(y)
    worst = digits.worst_mistakes(y, p, count=8)
    said = p.argmax(axis=1)
    assert len(worst) == 8
    assert np.all(said[worst] != y[worst])
    confidence = p[worst, said[worst]]
    assert np.all(np.diff(confidence) <= 0)
    all_wrong = np.flatnonzero(said != y)
    assert confidence[0] == pytest.approx(p[all_wrong, said[all_wrong]].max())


def test_plot_mistakes_titles_give_truth_answer_and_probability(sample):
    x, y = sample
    p = _probabilities_for(y)
    drawn = digits.plot_mistakes(x, y, p, count=6, columns=3)
    assert len(drawn["titles"]) == 6
    first = drawn["indices"][0]
    said = int(p[first].argmax())
    expected = f"true {y[first]}, said {said}\n({p[first, said]:.0%})"
    assert drawn["titles"][0].get_text() == expected
    assert np.array_equal(drawn["images"][0].get_array(), x[first])


def test_plot_mistakes_with_no_mistakes_says_so(sample):
    x, y = sample
    p = np.eye(10)[y]
    drawn = digits.plot_mistakes(x, y, p)
    assert len(drawn["indices"]) == 0
    texts = [t.get_text() for t in drawn["figure"].axes[0].texts]
    assert any("No mistakes" in t for t in texts)


def test_probability_bars_follow_updates_and_colour_truth_and_error():
    first = np.eye(10)[2] * 0.9 + 0.01
    drawn = digits.plot_probabilities(first, true_label=2)
    assert drawn["bars"][2].get_height() == pytest.approx(0.91)
    assert to_hex(drawn["bars"][2].get_facecolor()) == digits.CORRECT_COLOUR
    assert "says 2" in drawn["title"].get_text()

    second = np.full(10, 0.02)
    second[7] = 0.82
    digits.update_probabilities(drawn, second, true_label=2)
    heights = [bar.get_height() for bar in drawn["bars"]]
    assert heights == pytest.approx(second.tolist())
    assert to_hex(drawn["bars"][7].get_facecolor()) == digits.WRONG_COLOUR
    assert to_hex(drawn["bars"][2].get_facecolor()) == digits.CORRECT_COLOUR
    assert drawn["labels"][7].get_text() == "82%"
    assert "the truth is 2" in drawn["title"].get_text()


def test_probability_bars_reject_bad_input():
    with pytest.raises(ValueError, match="one row of class probabilities"):
        digits.plot_probabilities(np.ones((2, 10)))
    with pytest.raises(ValueError, match="`true_label` must be from 0 to 9"):
        digits.plot_probabilities(np.ones(10) / 10, true_label=12)
    drawn = digits.plot_probabilities(np.ones(10) / 10)
    with pytest.raises(ValueError, match="10 values, one per bar"):
        digits.update_probabilities(drawn, np.ones(3) / 3)


# A digit of one's own -------------------------------------------------------


def _centre_of_mass(image):
    ys, xs = np.indices(image.shape)
    return (ys * image).sum() / image.sum(), (xs * image).sum() / image.sum()


def test_prepare_digit_fits_a_20_pixel_box_centred_by_mass():
    drawing = np.zeros((14, 14))
    drawing[1:5, 9:12] = 1.0  # a blob in the top right corner
    digit = digits.prepare_digit(drawing)
    assert digit.shape == (28, 28) and digit.dtype == np.float32
    assert digit.min() >= 0.0 and digit.max() == pytest.approx(1.0)
    rows = np.flatnonzero(digit.max(axis=1) > 0.1)
    cols = np.flatnonzero(digit.max(axis=0) > 0.1)
    assert max(rows[-1] - rows[0], cols[-1] - cols[0]) + 1 <= 21
    centre = _centre_of_mass(digit)
    assert centre == pytest.approx((14.0, 14.0), abs=0.5)


def test_prepare_digit_inverts_dark_ink_on_white_paper(sample):
    x, _ = sample
    ink_on_black = x[0]
    on_paper = 255 - ink_on_black
    a = digits.prepare_digit(ink_on_black)
    b = digits.prepare_digit(on_paper)
    assert np.allclose(a, b, atol=1e-5)
    with pytest.raises(ValueError, match="as light as the paper"):
        digits.prepare_digit(on_paper, invert=False)


def test_prepare_digit_keeps_an_mnist_digit_close_to_itself(sample):
    x, _ = sample
    for image in x[:20]:
        original = image.astype(np.float64) / 255
        prepared = digits.prepare_digit(image).astype(np.float64)
        correlation = np.corrcoef(original.ravel(), prepared.ravel())[0, 1]
        assert correlation > 0.95


def test_prepare_digit_reads_colour_and_large_pictures(sample):
    x, _ = sample
    big = np.kron(255 - x[1], np.ones((5, 5), dtype=np.uint8))
    colour = np.stack([big, big, big], axis=-1)
    from_colour = digits.prepare_digit(colour)
    from_original = digits.prepare_digit(x[1])
    correlation = np.corrcoef(from_colour.ravel(), from_original.ravel())[0, 1]
    assert correlation > 0.9


@pytest.mark.parametrize(
    ("image", "invert", "match"),
    [
        (np.zeros((28, 28)), "auto", "holds no digit"),
        (np.full((20, 20), 255, dtype=np.uint8), "auto", "holds no digit"),
        (np.zeros(28), "auto", r"shape \(height, width\)"),
        (np.ones((5, 5)), "yes", "`invert` must be True, False or 'auto'"),
    ],
)
def test_prepare_digit_explains_bad_pictures(image, invert, match):
    with pytest.raises(ValueError, match=match):
        digits.prepare_digit(image, invert=invert)


def test_load_digit_image_reads_a_png_of_dark_ink_on_white(sample, tmp_path):
    from PIL import Image

    x, _ = sample
    photo = np.kron(255 - x[2], np.ones((4, 4), dtype=np.uint8))
    path = tmp_path / "my_digit.png"
    Image.fromarray(photo).convert("RGB").save(path)
    loaded = digits.load_digit_image(path)
    expected = digits.prepare_digit(x[2])
    assert loaded.shape == (28, 28)
    assert np.corrcoef(loaded.ravel(), expected.ravel())[0, 1] > 0.9


def test_load_digit_image_explains_missing_and_non_picture_files(tmp_path):
    with pytest.raises(FileNotFoundError, match="there is no file"):
        digits.load_digit_image(tmp_path / "nothing.png")
    text = tmp_path / "notes.png"
    text.write_text("not a picture")
    with pytest.raises(ValueError, match="not a picture"):
        digits.load_digit_image(text)
