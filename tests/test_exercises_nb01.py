"""Tests for helpers.exercises.nb01: each check passes the reference solution,
names typical mistakes, and matches the notebook's exercise cells."""

import ast
import json
from pathlib import Path

import numpy as np
import pytest

from helpers.exercises import ____, exercises_of
from helpers.exercises import nb01 as ex

NOTEBOOK = Path(__file__).parent.parent / "notebooks" / "01_perceptron.ipynb"
IN_ORDER = [
    ex.weighted_sum,
    ex.predict,
    ex.and_gate,
    ex.update,
    ex.nand_gate,
    ex.train_epoch,
]


def _solved():
    """Run every solution, in notebook order, in one namespace."""
    namespace = {"np": np}
    for exercise in IN_ORDER:
        exec(exercise.solution_code, namespace)
    return namespace


def _answer(exercise, namespace):
    """Return what the notebook's check cell passes to ``exercise.check``."""
    name = exercise.id.split(".", 1)[1]
    if name.endswith("_gate"):
        prefix = name.removesuffix("_gate")
        return (namespace[f"{prefix}_weights"], namespace[f"{prefix}_bias"])
    return namespace[name]


def _wrong(feedback, *phrases):
    assert feedback.status == "incorrect", str(feedback)
    for phrase in phrases:
        assert phrase in feedback.message, feedback.message


def test_the_module_defines_the_exercises_in_notebook_order():
    assert exercises_of(ex) == IN_ORDER
    assert [e.id for e in IN_ORDER] == [
        "01.weighted_sum",
        "01.predict",
        "01.and_gate",
        "01.update",
        "01.nand_gate",
        "01.train_epoch",
    ]


@pytest.mark.parametrize("exercise", IN_ORDER, ids=lambda e: e.id)
def test_the_reference_solution_passes(exercise):
    feedback = exercise.check(_answer(exercise, _solved()))
    assert feedback.status == "correct", str(feedback)


@pytest.mark.parametrize("exercise", IN_ORDER, ids=lambda e: e.id)
def test_every_exercise_has_graded_hints(exercise):
    assert len(exercise.hints) >= 3
    assert exercise.hint(1).status == "hint"
    assert "```python" in exercise.solution()._repr_markdown_()


def test_a_pass_is_recorded_in_the_progress_file():
    from helpers.progress import load_progress

    ex.weighted_sum.check(_solved()["weighted_sum"])
    assert "01.weighted_sum" in load_progress()


# 01.weighted_sum


@pytest.mark.parametrize(
    ("answer", "phrases"),
    [
        (lambda x, w, b: x @ w, ["bias was left out"]),
        (lambda x, w, b: x @ w - b, ["bias was subtracted"]),
        (lambda x, w, b: np.sum(x * w, axis=-1) + 2 * b, ["once for each input"]),
        (lambda x, w, b: x * w + b, ["two numbers", "add the products up"]),
        (lambda x, w, b: np.sum(x * w) + b, ["one number for all of them"]),
        (lambda x, w, b: x[0] * w[0] + x[1] * w[1] + b, ["`x[0]` is the first point"]),
        (lambda x, w, b: w @ x + b, ["It works for one point, but", "ValueError"]),
        (
            lambda x, w, b: x[..., 0] * w[0] + x[..., 1] * w[1] + b,
            ["With three inputs", "only the first two"],
        ),
        (lambda x, w, b: None, ["`None`", "`return`"]),
    ],
    ids=[
        "no bias",
        "minus bias",
        "bias per input",
        "products only",
        "np.sum of a batch",
        "indexes points",
        "weights @ x",
        "two inputs only",
        "no return",
    ],
)
def test_weighted_sum_names_the_mistake(answer, phrases):
    _wrong(ex.weighted_sum.check(answer), *phrases)


# 01.predict


def _predicting(rule):
    def predict(x, weights, bias):
        return rule(x @ weights + bias)

    return predict


@pytest.mark.parametrize(
    ("rule", "phrases"),
    [
        (lambda z: np.where(z > 0, 1, 0), ["exactly 0", "`>=`, not `>`"]),
        (lambda z: z >= 0, ["True/False"]),
        (lambda z: z, ["the weighted sum itself"]),
        (lambda z: np.sign(z), ["-1 and 1"]),
        (lambda z: np.where(z < 0, 1, 0), ["wrong way round"]),
        (lambda z: 1 / (1 + np.exp(-z)), ["neither 0 nor 1"]),
        (lambda z: 1 if z >= 0 else 0, ["`if` can decide for one number"]),
    ],
    ids=["strict >", "booleans", "the sum", "sign", "flipped", "sigmoid", "if"],
)
def test_predict_names_the_mistake(rule, phrases):
    _wrong(ex.predict.check(_predicting(rule)), *phrases)


def test_predict_accepts_float_zeros_and_ones_with_a_note():
    feedback = ex.predict.check(_predicting(lambda z: np.where(z >= 0, 1.0, 0.0)))
    assert feedback.status == "correct"
    assert "floats" in feedback.message


# Gates


def test_gate_check_counts_the_points_still_wrong():
    _wrong(
        ex.and_gate.check(([1.0, 1.0], -0.5)),
        "2 of 4 points are still wrong",
        "(0, 1) gives 1 but AND wants 0",
    )


def test_gate_check_explains_a_point_on_the_line():
    _wrong(
        ex.and_gate.check(([1.0, 1.0], -1.0)),
        "lies exactly on the line",
        "a sum of 0 gives 1",
    )


def test_gate_check_spots_swapped_sides():
    _wrong(ex.nand_gate.check(([1.0, 1.0], -1.5)), "All 4 points are wrong", "swap")


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        (([1.0, 1.0, 1.0], -1.5), "needs two numbers"),
        (([0.0, 0.0], -1.0), "no line at all"),
        ((["a", 1.0], -1.5), "without quotes"),
        ((["1", "1"], "-1.5"), "without quotes"),
        (([1.0, 1.0], None), "two numbers"),
        ([1.0, 1.0, -1.5], "as a pair"),
    ],
)
def test_gate_check_explains_malformed_answers(answer, phrase):
    _wrong(ex.and_gate.check(answer), phrase)


@pytest.mark.parametrize(
    "answer", [([____, ____], ____), ([1.0, ____], -1.5), ([1.0, 1.0], ____)]
)
def test_gate_with_blanks_is_not_attempted(answer):
    assert ex.and_gate.check(answer).status == "not_attempted"


# 01.update


def _updating(rule):
    namespace = _solved()
    predict = namespace["predict"]

    def update(x, target, weights, bias, learning_rate):
        error = target - predict(x, weights, bias)
        return rule(x, target, weights, bias, learning_rate, error)

    return update


def _in_place(x, t, w, b, lr, e):
    w += lr * e * x
    return w, b + lr * e


@pytest.mark.parametrize(
    ("rule", "phrases"),
    [
        (lambda x, t, w, b, lr, e: (w - lr * e * x, b - lr * e), ["wrong sign"]),
        (lambda x, t, w, b, lr, e: (w + e * x, b + e), ["learning rate is missing"]),
        (lambda x, t, w, b, lr, e: (w + lr * e, b + lr * e), ["by its input"]),
        (lambda x, t, w, b, lr, e: (w + lr * t * x, b + lr * t), ["not by the target"]),
        (lambda x, t, w, b, lr, e: (w + lr * e * x, b), ["bias did not change"]),
        (
            lambda x, t, w, b, lr, e: (w + lr * e * x, b - lr * e),
            ["bias moved the wrong"],
        ),
        (lambda x, t, w, b, lr, e: (w + lr * e * x, b + lr * e * x), ["one number"]),
        (lambda x, t, w, b, lr, e: w + lr * e * x, ["two things"]),
        (_in_place, ["changes it in place"]),
    ],
    ids=[
        "wrong sign",
        "no learning rate",
        "no x",
        "target not error",
        "bias kept",
        "bias sign",
        "bias times x",
        "weights only",
        "in place",
    ],
)
def test_update_names_the_mistake(rule, phrases):
    _wrong(ex.update.check(_updating(rule)), *phrases)


def test_update_with_blanks_is_not_attempted():
    blank = _updating(lambda x, t, w, b, lr, e: (w + lr * e * x, ____))
    assert ex.update.check(blank).status == "not_attempted"


def test_update_on_a_blank_predict_names_predict():
    def predict(x, weights, bias):
        return ____

    def update(x, target, weights, bias, learning_rate):
        error = target - predict(x, weights, bias)
        return weights + learning_rate * error * x, bias + learning_rate * error

    feedback = ex.update.check(update)
    assert feedback.status == "not_attempted"
    assert "one is still in `predict`" in feedback.message, feedback.message


def test_an_untouched_answer_names_no_earlier_exercise():
    feedback = ex.update.check(____)
    assert feedback.status == "not_attempted"
    assert "predict" not in feedback.message


# 01.train_epoch


def _epoch(kind):
    namespace = _solved()
    predict, update = namespace["predict"], namespace["update"]

    def train_epoch(X, y, weights, bias, learning_rate):
        mistakes = 0
        start = (weights, bias)
        for x, target in zip(X, y):
            if kind != "count after" and predict(x, weights, bias) != target:
                mistakes += 1
            if kind == "no assign":
                new = update(x, target, *start, learning_rate)
            else:
                new = update(x, target, weights, bias, learning_rate)
                weights, bias = new
            if kind == "count after" and predict(x, weights, bias) != target:
                mistakes += 1
            if kind == "return inside":
                return weights, bias, mistakes
        if kind == "no assign":
            weights, bias = new
        if kind == "pair":
            return weights, bias
        return weights, bias, mistakes

    return train_epoch


@pytest.mark.parametrize(
    ("kind", "phrase"),
    [
        ("return inside", "indented inside the loop"),
        ("no assign", "started again from the starting weights"),
        ("count after", "checked before its update"),
        ("pair", "three things"),
    ],
)
def test_train_epoch_names_the_mistake(kind, phrase):
    _wrong(ex.train_epoch.check(_epoch(kind)), phrase)


# The notebook's cells


def _cells():
    if not NOTEBOOK.exists():
        pytest.fail(f"{NOTEBOOK} is missing")
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        if isinstance(cell["source"], list):
            cell["source"] = "".join(cell["source"])
    return cells


def _defined_names(source):
    names = set()
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


def test_starter_cells_define_what_the_solutions_define():
    starters = {
        c["metadata"]["exercise"]: c["source"]
        for c in _cells()
        if "exercise" in c["metadata"]
    }
    assert list(starters) == [e.id for e in IN_ORDER]
    for exercise in IN_ORDER:
        assert _defined_names(starters[exercise.id]) == _defined_names(
            exercise.solution_code
        ), exercise.id


def test_untouched_starter_cells_run_and_say_not_attempted():
    namespace = {"np": np, "____": ____, "ex": ex}
    checks = {}
    for cell in _cells():
        if "exercise" in cell["metadata"]:
            exec(cell["source"], namespace)
        elif "exercise_check" in cell["metadata"]:
            lines = [
                line
                for line in cell["source"].splitlines()
                if line and not line.startswith("#")
            ]
            checks[cell["metadata"]["exercise_check"]] = eval(lines[-1], namespace)
    assert sorted(checks) == sorted(e.id for e in IN_ORDER)
    for exercise_id, feedback in checks.items():
        assert feedback.status == "not_attempted", (exercise_id, str(feedback))
