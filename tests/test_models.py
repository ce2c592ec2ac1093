"""Tests for helpers.models: the Keras builders shared by notebooks 04 and 05."""

import numpy as np
import pytest

from helpers import models
from helpers.quiet import import_keras

keras = import_keras()


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


# Augmentation and the tuned recipes of notebook 04 -------------------------------


def test_augmentation_layers_shift_and_turn_training_images_only():
    layers = models.augmentation_layers()
    assert _layer_types(keras.Sequential(layers)) == [
        "Reshape",
        "RandomTranslation",
        "RandomRotation",
    ]
    augment = keras.Sequential([keras.Input(shape=(28, 28)), *layers])
    image = np.zeros((1, 28, 28), dtype="float32")
    image[0, 10:18, 12:16] = 1.0
    batch = np.repeat(image, 8, axis=0)
    models.set_seed(0)
    trained = np.asarray(augment(batch, training=True))[..., 0]
    predicted = np.asarray(augment(batch, training=False))[..., 0]
    assert np.allclose(predicted, batch)
    assert not np.allclose(trained, batch, atol=0.05)


def test_augmentation_layers_can_be_only_shifts_and_check_their_settings():
    shift_only = models.augmentation_layers((28, 28, 1), rotation=0.0)
    assert [type(layer).__name__ for layer in shift_only] == ["RandomTranslation"]
    with pytest.raises(ValueError, match="`shift` must be at least 0"):
        models.augmentation_layers(shift=0.6)
    with pytest.raises(ValueError, match="`input_shape` must be an image shape"):
        models.augmentation_layers((784,))


def test_augmented_models_learn_the_same_number_of_weights():
    plain = models.build_dense_model(hidden_units=[32])
    augmented = models.build_dense_model(hidden_units=[32], augment=True)
    assert augmented.count_params() == plain.count_params()
    assert _layer_types(augmented)[:3] == [
        "Reshape",
        "RandomTranslation",
        "RandomRotation",
    ]
    convnet = models.build_convnet(augment=True, padding="valid")
    assert convnet.output_shape == (None, 10)
    assert "RandomTranslation" in _layer_types(convnet)


def test_valid_padding_makes_a_smaller_convnet():
    same = models.build_convnet()
    valid = models.build_convnet(padding="valid")
    # 28 -> 26 -> pool 13 -> 11 -> pool 5: 5 x 5 x 64 inputs to the dense layer.
    assert valid.count_params() == (
        (9 * 32 + 32) + (9 * 32 * 64 + 64) + (5 * 5 * 64 * 128 + 128) + 1290
    )
    assert valid.count_params() < same.count_params()
    with pytest.raises(ValueError, match="`padding` must be one of"):
        models.build_convnet(padding="full")


def test_recipes_build_the_models_the_notebook_trains():
    dense = models.build_dense_model(**models.DENSE_RECIPE)
    convnet = models.build_convnet(**models.CONVNET_RECIPE)
    assert dense.output_shape == convnet.output_shape == (None, 10)
    assert set(models.TRAINING_RECIPES) == {"dense", "convnet"}
    for settings in models.TRAINING_RECIPES.values():
        assert set(settings) == {"epochs", "batch_size", "learning_rate"}
