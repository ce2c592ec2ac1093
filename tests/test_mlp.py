"""Tests for helpers.mlp: parameters, the forward pass and its errors."""

import numpy as np
import pytest

from helpers import mlp
from helpers.activations import sigmoid, softmax


def test_init_params_shapes_dtype_and_zero_bias():
    params = mlp.init_params([2, 8, 3, 1], seed=1)
    assert [(w.shape, b.shape) for w, b in params] == [
        ((2, 8), (8,)),
        ((8, 3), (3,)),
        ((3, 1), (1,)),
    ]
    for w, b in params:
        assert w.dtype == np.float64 and b.dtype == np.float64
        assert not b.any()


def test_init_params_same_seed_same_weights():
    a = mlp.init_params([2, 4, 1], seed=3)
    b = mlp.init_params([2, 4, 1], seed=3)
    c = mlp.init_params([2, 4, 1], seed=4)
    np.testing.assert_array_equal(a[0][0], b[0][0])
    assert not np.array_equal(a[0][0], c[0][0])


@pytest.mark.parametrize(
    ("scale", "expected"),
    [("he", np.sqrt(2 / 400)), ("glorot", np.sqrt(2 / 600)), (0.05, 0.05)],
)
def test_init_params_scale(scale, expected):
    weights = mlp.init_params([400, 200], seed=0, scale=scale)[0][0]
    assert weights.std() == pytest.approx(expected, rel=0.03)


@pytest.mark.parametrize(
    ("sizes", "error", "match"),
    [
        ([2], ValueError, "at least two sizes"),
        ([2, 0, 1], ValueError, "1 or more"),
        ([2, 1.5, 1], TypeError, "whole numbers"),
        ("21", TypeError, "list of whole numbers"),
    ],
)
def test_init_params_rejects_bad_sizes(sizes, error, match):
    with pytest.raises(error, match=match):
        mlp.init_params(sizes)


def test_init_params_rejects_bad_scale():
    with pytest.raises(ValueError, match="`scale`"):
        mlp.init_params([2, 1], scale="xavier")
    with pytest.raises(ValueError, match="`scale`"):
        mlp.init_params([2, 1], scale=-1.0)


def test_dense_forward_computes_weighted_sum_plus_bias():
    x = np.array([[1.0, 2.0], [0.0, -1.0], [3.0, 1.0]])
    weights = np.array([[1.0, -1.0, 0.5], [2.0, 0.0, 1.0]])
    bias = np.array([0.5, 1.0, -2.0])
    expected = np.array(
        [
            [1 + 4 + 0.5, -1 + 1, 0.5 + 2 - 2],
            [-2 + 0.5, 0 + 1, -1 - 2],
            [3 + 2 + 0.5, -3 + 1, 1.5 + 1 - 2],
        ]
    )
    np.testing.assert_allclose(mlp.dense_forward(x, weights, bias), expected)
    np.testing.assert_allclose(
        mlp.dense_forward(x, weights, bias, activation="relu"), np.maximum(expected, 0)
    )


def test_dense_forward_single_example_gives_a_row():
    weights = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    out = mlp.dense_forward(np.array([1.0, 2.0, 3.0]), weights, np.zeros(2))
    assert out.shape == (2,)
    np.testing.assert_allclose(out, [4.0, 5.0])


def test_dense_forward_names_a_transposed_weight_matrix():
    with pytest.raises(ValueError) as info:
        mlp.dense_forward(np.zeros((5, 3)), np.zeros((4, 3)), np.zeros(4))
    message = str(info.value)
    assert "`weights` must have shape (3, n_outputs)" in message
    assert "(4, 3)" in message and "transposed" in message


@pytest.mark.parametrize(
    ("weights", "bias", "match"),
    [
        (np.zeros((3, 4)), np.zeros((1, 4)), r"`bias` must have shape \(4,\)"),
        (np.zeros((3, 4)), np.zeros(3), r"`bias` must have shape \(4,\)"),
        (np.zeros(3), np.zeros(1), "`weights` must be a 2-D array"),
        (np.zeros((2, 4)), np.zeros(4), "Check the sizes"),
    ],
)
def test_dense_forward_rejects_bad_shapes(weights, bias, match):
    with pytest.raises(ValueError, match=match):
        mlp.dense_forward(np.zeros((5, 3)), weights, bias)


def test_dense_forward_rejects_bad_x_and_activation():
    with pytest.raises(ValueError, match="`x` must have shape"):
        mlp.dense_forward(np.zeros((2, 3, 4)), np.zeros((4, 1)), np.zeros(1))
    with pytest.raises(TypeError, match="`x` must be an array of numbers"):
        mlp.dense_forward([["a", "b"]], np.zeros((2, 1)), np.zeros(1))
    with pytest.raises(ValueError, match="`activation`"):
        mlp.dense_forward(np.zeros((1, 2)), np.zeros((2, 1)), np.zeros(1), "gelu")


def _xor_params():
    hidden = (np.array([[1.0, 1.0], [1.0, 1.0]]), np.array([-0.5, -1.5]))
    output = (np.array([[1.0], [-2.0]]), np.array([-0.5]))
    return [hidden, output]


def test_forward_matches_layer_by_layer_computation():
    rng = np.random.default_rng(0)
    params = mlp.init_params([3, 5, 4, 2], seed=2)
    params = [(w, rng.normal(size=b.shape)) for w, b in params]
    x = rng.normal(size=(7, 3))
    a1 = np.tanh(x @ params[0][0] + params[0][1])
    a2 = np.tanh(a1 @ params[1][0] + params[1][1])
    z3 = a2 @ params[2][0] + params[2][1]
    np.testing.assert_allclose(mlp.forward(x, params, "tanh"), z3)
    np.testing.assert_allclose(
        mlp.forward(x, params, "tanh", output_activation="sigmoid"), sigmoid(z3)
    )
    probabilities = mlp.forward(x, params, "tanh", output_activation="softmax")
    np.testing.assert_allclose(probabilities, softmax(z3))


def test_forward_cache_holds_inputs_z_and_outputs():
    params = mlp.init_params([2, 3, 1], seed=0)
    x = np.array([[1.0, -1.0], [0.5, 2.0]])
    out, cache = mlp.forward(
        x, params, "relu", output_activation="sigmoid", return_cache=True
    )
    assert len(cache) == 2
    assert set(cache[0]) == {"inputs", "z", "outputs"}
    np.testing.assert_array_equal(cache[0]["inputs"], x)
    np.testing.assert_allclose(cache[0]["z"], x @ params[0][0] + params[0][1])
    np.testing.assert_allclose(cache[0]["outputs"], np.maximum(cache[0]["z"], 0))
    assert cache[1]["inputs"] is cache[0]["outputs"]
    np.testing.assert_allclose(cache[1]["outputs"], sigmoid(cache[1]["z"]))
    assert out is cache[1]["outputs"]


def test_forward_single_example_and_a_2_2_1_xor_network():
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    params = _xor_params()
    np.testing.assert_array_equal(
        mlp.predict_classes(X, params, "step", output_activation="step"), [0, 1, 1, 0]
    )
    single = mlp.forward(X[1], params, "step", output_activation="step")
    assert single.shape == (1,)
    _, cache = mlp.forward(X[1], params, "step", return_cache=True)
    assert cache[0]["inputs"].shape == (1, 2)


def test_forward_names_the_layer_that_does_not_fit():
    params = [(np.zeros((2, 3)), np.zeros(3)), (np.zeros((1, 3)), np.zeros(1))]
    with pytest.raises(ValueError) as info:
        mlp.forward(np.zeros((5, 2)), params)
    message = str(info.value)
    assert "`params[1]`" in message and "3 outputs of `params[0]`" in message
    assert "transposed" in message


@pytest.mark.parametrize(
    ("params", "match"),
    [
        ([], "non-empty list"),
        ((np.zeros((2, 1)), np.zeros(1)), r"`params\[0\]` must be a pair"),
        ([np.zeros((2, 1))], r"`params\[0\]` must be a pair"),
    ],
)
def test_forward_rejects_bad_params(params, match):
    with pytest.raises(TypeError, match=match):
        mlp.forward(np.zeros((1, 2)), params)


def test_predict_classes_thresholds_and_argmax():
    params = [(np.array([[1.0], [0.0]]), np.array([0.0]))]
    x = np.array([[-1.0, 0.0], [0.2, 0.0], [3.0, 0.0]])
    np.testing.assert_array_equal(
        mlp.predict_classes(x, params, output_activation="identity"), [0, 1, 1]
    )
    np.testing.assert_array_equal(
        mlp.predict_classes(x, params, output_activation="sigmoid"), [0, 1, 1]
    )
    np.testing.assert_array_equal(
        mlp.predict_classes(x, params, output_activation="identity", threshold=1.0),
        [0, 0, 1],
    )
    three = [(np.array([[1.0, 0.0, -1.0], [0.0, 1.0, 0.0]]), np.zeros(3))]
    x3 = np.array([[2.0, 0.0], [0.0, 2.0], [-2.0, 0.0]])
    np.testing.assert_array_equal(
        mlp.predict_classes(x3, three, output_activation="softmax"), [0, 1, 2]
    )


def test_count_parameters_and_layer_sizes():
    params = mlp.init_params([2, 8, 4, 1])
    assert mlp.count_parameters(params) == (2 * 8 + 8) + (8 * 4 + 4) + (4 * 1 + 1)
    assert mlp.layer_sizes_of(params) == [2, 8, 4, 1]


def test_widen_adds_units_that_change_nothing_yet():
    rng = np.random.default_rng(1)
    params = [(w, rng.normal(size=b.shape)) for w, b in mlp.init_params([2, 3, 2, 1])]
    wider = mlp._widen(params, [5, 4], seed=2)
    assert mlp.layer_sizes_of(wider) == [2, 5, 4, 1]
    x = rng.normal(size=(7, 2))
    np.testing.assert_allclose(
        mlp.forward(x, wider, "tanh"), mlp.forward(x, params, "tanh"), atol=1e-12
    )
    with pytest.raises(ValueError, match="not shrink"):
        mlp._widen(params, [2, 2])


def test_fit_lowers_the_loss_and_matches_a_numerical_gradient():
    x = np.linspace(-2, 2, 30)[:, None]
    y = np.sin(2 * x[:, 0])
    params, losses = mlp._fit(x, y, [6], "tanh", epochs=300, learning_rate=0.03)
    assert losses[-1] < 0.5 * losses[0]
    assert mlp.layer_sizes_of(params) == [1, 6, 1]
    # The private backward pass agrees with finite differences.
    out, cache = mlp.forward(x, params, "tanh", return_cache=True)
    grads = mlp._backward(params, cache, 2 * (out - y[:, None]) / len(x), "tanh")
    w, b = params[0]
    h = 1e-5

    def loss_with(delta):
        bumped = w.copy()
        bumped[0, 2] += delta
        changed = [(bumped, b), params[1]]
        return np.mean((mlp.forward(x, changed, "tanh")[:, 0] - y) ** 2)

    numeric = (loss_with(h) - loss_with(-h)) / (2 * h)
    assert grads[0][0][0, 2] == pytest.approx(numeric, rel=1e-5, abs=1e-10)


def test_fit_classifies_with_a_sigmoid_output_and_validates():
    x = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([0, 1, 1, 0])
    params, _ = mlp._fit(x, y, [4], "tanh", task="binary", epochs=600, seed=3)
    np.testing.assert_array_equal(mlp.predict_classes(x, params, "tanh"), y)
    with pytest.raises(ValueError, match="`task`"):
        mlp._fit(x, y, [2], task="ranking")
    with pytest.raises(ValueError, match="`y` must have one value"):
        mlp._fit(x, y[:3], [2])
