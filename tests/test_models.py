"""Tests for helpers.models: the Keras builders shared by notebooks 04 and 05."""

import numpy as np
import pytest

keras = pytest.importorskip("keras")
models = pytest.importorskip("helpers.models")


def _layer_types(model):
    return [type(layer).__name__ for layer in model.layers]


def test_dense_model_has_the_asked_layers_and_parameter_count():
    model = models.build_dense_model(hidden_units=[64, 32], dropout=0.2)
    assert _layer_types(model) == [
        "Flatten",
        "Dense",
        "Dropout",
        "Dense",
        "Dropout",
        "Dense",
    ]
    expected = (784 * 64 + 64) + (64 * 32 + 32) + (32 * 10 + 10)
    assert model.count_params() == expected
    assert model.layers[-1].get_config()["activation"] == "softmax"


def test_dense_model_on_2d_points_needs_no_flatten():
    model = models.build_dense_model((2,), [4], n_classes=2, activation="tanh")
    assert _layer_types(model) == ["Dense", "Dense"]
    probabilities = model(np.zeros((3, 2), dtype="float32")).numpy()
    assert probabilities.shape == (3, 2)
    assert np.allclose(probabilities.sum(axis=1), 1.0, atol=1e-6)


def test_l2_adds_a_penalty_to_the_loss():
    model = models.build_dense_model((2,), [4], n_classes=2, l2=0.1)
    model(np.zeros((1, 2), dtype="float32"))
    assert len(model.losses) == 1


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"hidden_units": 128}, TypeError, "`hidden_units` must be a list"),
        ({"hidden_units": [0]}, ValueError, "`hidden_units` must hold"),
        ({"activation": "swish!"}, ValueError, "`activation` must be one of"),
        ({"dropout": 1.0}, ValueError, "`dropout` must be at least 0"),
        ({"n_classes": 1}, ValueError, "`n_classes` must be 2 or more"),
    ],
)
def test_dense_model_rejects_bad_settings(kwargs, error, match):
    with pytest.raises(error, match=match):
        models.build_dense_model(**kwargs)


def test_convnet_classifies_digits_into_ten_classes():
    model = models.build_convnet()
    assert "Conv2D" in _layer_types(model)
    out = model(np.zeros((2, 28, 28), dtype="float32")).numpy()
    assert out.shape == (2, 10)


def test_same_seed_gives_same_weights():
    models.set_seed(3)
    first = models.build_dense_model((2,), [3], n_classes=2).get_weights()[0]
    models.set_seed(3)
    second = models.build_dense_model((2,), [3], n_classes=2).get_weights()[0]
    assert np.array_equal(first, second)


@pytest.mark.parametrize("seed", [-1, 1.5, True])
def test_set_seed_rejects_bad_seeds(seed):
    with pytest.raises(ValueError, match="`seed`"):
        models.set_seed(seed)


@pytest.mark.parametrize(
    ("decay", "after_20_steps"),
    [("none", 0.1), ("step", 0.025), ("exponential", 0.025)],
)
def test_optimizer_learning_rate_decays_as_asked(decay, after_20_steps):
    optimizer = models.make_optimizer("sgd", 0.1, decay=decay, decay_steps=10)
    optimizer.build([])
    optimizer.iterations.assign(20)
    assert float(optimizer.learning_rate) == pytest.approx(after_20_steps, rel=1e-5)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"name": "adamw2"}, ValueError, "`name` must be one of"),
        ({"learning_rate": 0}, ValueError, "`learning_rate` must be greater than 0"),
        ({"learning_rate": "fast"}, TypeError, "`learning_rate` must be a number"),
        ({"decay": "linear"}, ValueError, "`decay` must be one of"),
    ],
)
def test_optimizer_rejects_bad_settings(kwargs, error, match):
    with pytest.raises(error, match=match):
        models.make_optimizer(**kwargs)
