"""Tests for helpers.backprop: the backward pass, gradient checks, training."""

import numpy as np
import pytest

from helpers.backprop import (
    accuracy,
    chain_rule_example,
    dense_backward,
    loss_and_gradients,
    network_loss,
    train_network,
)
from helpers.data import two_clouds
from helpers.exercises import ____
from helpers.gradcheck import compare_gradients, gradient_check
from helpers.mlp import init_params


def _problem(seed=0, sizes=(5, 7, 6, 3), n=8):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, sizes[0]))
    y = rng.integers(0, sizes[-1], size=n)
    return x, y, init_params(list(sizes), seed=seed)


@pytest.mark.parametrize("activation", ["relu", "sigmoid", "tanh", "identity"])
def test_reference_backward_passes_gradient_checking(activation):
    x, y, params = _problem()
    loss, grads = loss_and_gradients(x, y, params, activation)
    assert loss == pytest.approx(network_loss(x, y, params, activation))
    report = gradient_check(
        lambda p: network_loss(x, y, p, activation), params, grads, max_entries=None
    )
    assert report.max_error < 1e-6, report


def test_mean_squared_error_gradients_pass_checking():
    rng = np.random.default_rng(4)
    x = rng.normal(size=(6, 3))
    targets = rng.normal(size=(6, 2))
    params = init_params([3, 4, 2], seed=4)
    _, grads = loss_and_gradients(x, targets, params, "tanh", loss="mean_squared_error")
    report = gradient_check(
        lambda p: network_loss(x, targets, p, "tanh", loss="mean_squared_error"),
        params,
        grads,
        max_entries=None,
    )
    assert report.max_error < 1e-6, report


def test_reference_backward_matches_tf_gradient_tape():
    from helpers.gradcheck import tensorflow_gradients

    x, y, params = _problem(seed=2)
    for activation in ("relu", "tanh"):
        loss, grads = loss_and_gradients(x, y, params, activation)
        tf_loss, tf_grads = tensorflow_gradients(x, y, params, activation)
        assert loss == pytest.approx(tf_loss, rel=1e-12)
        assert compare_gradients(grads, tf_grads).max_error < 1e-10


def test_dense_backward_by_hand():
    grad_outputs = np.array([[1.0, 2.0]])
    inputs = np.array([[3.0, -1.0]])
    z = np.array([[0.5, -0.5]])
    weights = np.array([[1.0, 2.0], [3.0, 4.0]])
    grad_in, grad_w, grad_b = dense_backward(grad_outputs, inputs, z, weights, "relu")
    # The second neuron is off (z < 0), so only the first passes its gradient.
    np.testing.assert_array_equal(grad_w, [[3.0, 0.0], [-1.0, 0.0]])
    np.testing.assert_array_equal(grad_b, [1.0, 0.0])
    np.testing.assert_array_equal(grad_in, [[1.0, 3.0]])


def test_dense_backward_sums_over_the_batch():
    rng = np.random.default_rng(1)
    g, x = rng.normal(size=(4, 2)), rng.normal(size=(4, 3))
    z, w = rng.normal(size=(4, 2)), rng.normal(size=(3, 2))
    _, grad_w, grad_b = dense_backward(g, x, z, w, "identity")
    parts = [
        dense_backward(g[i : i + 1], x[i : i + 1], z[i : i + 1], w, "identity")
        for i in range(4)
    ]
    np.testing.assert_allclose(grad_w, sum(p[1] for p in parts))
    np.testing.assert_allclose(grad_b, sum(p[2] for p in parts))


def test_chain_rule_example_agrees_with_nudging():
    steps = chain_rule_example()
    eps = 1e-6
    for name in ("w1", "b1", "w2", "b2"):
        defaults = {"w1": 0.8, "b1": 0.2, "w2": 1.5, "b2": -0.5}
        up = chain_rule_example(**{name: defaults[name] + eps})["loss"]
        down = chain_rule_example(**{name: defaults[name] - eps})["loss"]
        assert steps[f"dL/d{name}"] == pytest.approx((up - down) / (2 * eps), rel=1e-6)


def test_a_custom_backward_is_called_for_every_layer():
    x, y, params = _problem()
    calls = []

    def spy(*args):
        calls.append(args[-1])
        return dense_backward(*args)

    loss_and_gradients(x, y, params, "tanh", backward=spy)
    assert calls == ["identity", "tanh", "tanh"]


def _learner(result_of):
    """A learner's backward pass that gives back result_of(reference result)."""

    def my_backward(grad_outputs, inputs, z, weights, activation="relu"):
        return result_of(dense_backward(grad_outputs, inputs, z, weights, activation))

    return my_backward


@pytest.mark.parametrize(
    ("result_of", "error", "match"),
    [
        (lambda r: ____, ValueError, r"still returns ____"),
        (lambda r: r[:2], TypeError, r"must return three arrays"),
        (lambda r: (r[0], r[1].T, r[2]), ValueError, r"`grad_weights` of shape"),
        (lambda r: (r[0], r[1], r[2][None]), ValueError, r"`grad_bias` of shape"),
        (lambda r: 1 / 0, ValueError, r"raised ZeroDivisionError"),
    ],
    ids=["blank", "two arrays", "transposed", "bias 2-D", "raises"],
)
def test_a_learners_backward_that_slips_gets_an_error_naming_it(
    result_of, error, match
):
    x, y, params = _problem()
    with pytest.raises(error, match=r"`backward` \(my_backward\) on layer 3.*"):
        loss_and_gradients(x, y, params, backward=_learner(result_of))
    with pytest.raises(error, match=match):
        loss_and_gradients(x, y, params, backward=_learner(result_of))


def test_a_learners_right_backward_gives_the_reference_gradients():
    x, y, params = _problem()
    loss, grads = loss_and_gradients(x, y, params, backward=_learner(list))
    want_loss, want = loss_and_gradients(x, y, params)
    assert loss == want_loss
    for (gw, gb), (ww, wb) in zip(grads, want, strict=True):
        np.testing.assert_array_equal(gw, ww)
        np.testing.assert_array_equal(gb, wb)


def test_training_learns_two_clouds_and_reports_history():
    X, y = two_clouds(200, seed=3)
    seen = []
    result = train_network(
        X,
        y,
        hidden_units=[8],
        epochs=6,
        batch_size=20,
        learning_rate=0.1,
        validation=(X, y),
        callback=lambda epoch, history: seen.append(epoch),
    )
    assert seen == [1, 2, 3, 4, 5, 6]
    history = result.history
    assert set(history) == {"epoch", "loss", "accuracy", "val_loss", "val_accuracy"}
    assert history["loss"][-1] < history["loss"][0]
    assert history["accuracy"][-1] > 0.95
    assert result.params[0][0].dtype == np.float32
    assert accuracy(X, y, result.params) == pytest.approx(history["accuracy"][-1])


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
def test_every_optimizer_lowers_the_loss(optimizer):
    X, y = two_clouds(100, seed=5)
    rate = 0.01 if optimizer == "adam" else 0.1
    result = train_network(
        X,
        y,
        [6],
        epochs=5,
        batch_size=10,
        learning_rate=rate,
        optimizer=optimizer,
        dtype="float64",
    )
    assert result.history["loss"][-1] < 0.7 * result.history["loss"][0]
    assert result.params[0][0].dtype == np.float64


def test_training_is_repeatable_and_leaves_given_params_alone():
    X, y = two_clouds(60, seed=1)
    start = init_params([2, 4, 2], seed=9)
    kept = [w.copy() for w, _ in start]
    a = train_network(X, y, epochs=2, params=start, batch_size=8)
    b = train_network(X, y, epochs=2, params=start, batch_size=8)
    np.testing.assert_array_equal(a.params[0][0], b.params[0][0])
    for (w, _), old in zip(start, kept, strict=True):
        np.testing.assert_array_equal(w, old)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"epochs": 0}, ValueError, "`epochs`"),
        ({"batch_size": 2.5}, TypeError, "`batch_size`"),
        ({"learning_rate": -1}, ValueError, "`learning_rate`"),
        ({"optimizer": "rmsprop"}, ValueError, "`optimizer`"),
        ({"momentum": 1.0}, ValueError, "`momentum`"),
        ({"dtype": "float16"}, ValueError, "`dtype`"),
    ],
)
def test_train_network_rejects_bad_arguments(kwargs, error, match):
    X, y = two_clouds(20)
    with pytest.raises(error, match=match):
        train_network(X, y, **kwargs)


def test_train_network_explains_unflattened_images():
    images = np.zeros((4, 28, 28))
    with pytest.raises(ValueError, match="Flatten images first"):
        train_network(images, np.zeros(4, dtype=int))


def test_unknown_loss_is_named():
    x, y, params = _problem()
    with pytest.raises(ValueError, match="`loss` must be one of"):
        loss_and_gradients(x, y, params, loss="hinge")
