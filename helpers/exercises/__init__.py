"""Auto-checked exercises: the framework every notebook uses.

An exercise cell in a notebook starts with the placeholder ``____`` where
the learner's answer goes, and a following cell calls the exercise's
``check``. Untouched, the starter cell runs and the check says
*Not attempted*, so "Restart kernel and run all" always completes.

The exercises of each notebook live in a module of this package
(``helpers.exercises.nb01`` and so on), each exercise with its checker,
hints and solution code in one place. ``python -m helpers.solutions``
builds solved notebooks from them, so the three can never drift apart.

Examples
--------
>>> from helpers.exercises import Exercise, Incorrect, ____
>>> def _check_double(answer):
...     if answer != 4:
...         raise Incorrect(f"Two doubled is 4; your answer was {answer!r}.")
>>> double = Exercise(
...     "00.double", "Double two", _check_double,
...     hints=["Doubling means multiplying by 2."], solution_code="answer = 4",
...     record=False,
... )
>>> print(double.check(____))
Not attempted: replace ____ with your answer, then run the cell again.
>>> print(double.check(5))
Not quite: Two doubled is 4; your answer was 5.
>>> print(double.check(4))
Correct!
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import textwrap
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from helpers import progress

__all__ = [
    "____",
    "Exercise",
    "Feedback",
    "Incorrect",
    "NotAttempted",
    "all_exercises",
    "call_learner",
    "exercises_of",
    "holds_placeholder",
    "is_placeholder",
    "learner_array",
]


class NotAttempted(Exception):
    """Raised when an answer still contains the placeholder ``____``."""


class Incorrect(Exception):
    """Raised by a checker when the answer is wrong.

    The message is shown to the learner, so it says what was wrong and
    steers towards the fix without giving the answer away.
    """


class _Placeholder:
    """The blank ``____`` that starter cells leave for the learner to fill.

    Any arithmetic, comparison, indexing or conversion with it raises
    :class:`NotAttempted`, so a starter cell can be run (it only defines
    things) while the check of it reports *Not attempted*.
    """

    _instance: _Placeholder | None = None

    def __new__(cls) -> _Placeholder:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "____"

    def _refuse(self, *args: Any, **kwargs: Any) -> Any:
        raise NotAttempted("The placeholder ____ has not been replaced yet.")

    __array__ = _refuse
    __bool__ = _refuse
    __call__ = _refuse
    __float__ = _refuse
    __getitem__ = _refuse
    __index__ = _refuse
    __int__ = _refuse
    __iter__ = _refuse
    __len__ = _refuse
    __lt__ = __le__ = __gt__ = __ge__ = _refuse
    __neg__ = __pos__ = __abs__ = _refuse
    for _name in (
        "add",
        "sub",
        "mul",
        "truediv",
        "floordiv",
        "mod",
        "pow",
        "matmul",
        "and",
        "or",
        "xor",
    ):
        locals()[f"__{_name}__"] = _refuse
        locals()[f"__r{_name}__"] = _refuse
    del _name


____ = _Placeholder()


def is_placeholder(value: Any) -> bool:
    """Tell whether ``value`` is, or directly holds, the placeholder ``____``.

    Lists, tuples and dict values are searched one level deep, so an answer
    like ``weights = [____, ____]`` counts as not attempted.
    """
    if value is ____:
        return True
    if isinstance(value, (list, tuple)):
        return any(item is ____ for item in value)
    if isinstance(value, dict):
        return any(item is ____ for item in value.values())
    return False


def holds_placeholder(value: Any, depth: int = 0) -> bool:
    """Tell whether ``value`` holds ``____`` anywhere, a few levels deep."""
    if is_placeholder(value):
        return True
    if depth < 4 and isinstance(value, (list, tuple)):
        return any(holds_placeholder(item, depth + 1) for item in value)
    return False


def learner_array(result: Any, call: str) -> Any:
    """Return what a learner's function gave back as a numeric numpy array.

    ``call`` is how the call reads to the learner, for example
    ``"predict(x)"``. A result still holding ``____`` raises
    :class:`NotAttempted`; ``None`` or something that is not numbers raises
    :class:`Incorrect` with a message that says what came back. Booleans and
    integers keep their dtype.

    Examples:
        >>> learner_array([1, 2], "f()").tolist()
        [1, 2]
        >>> try:
        ...     learner_array(None, "f()")
        ... except Incorrect as error:
        ...     print(error)
        `f()` gave back nothing (`None`). Did you write `return` before your answer?
    """
    import numpy as np

    if holds_placeholder(result):
        raise NotAttempted(f"{call} still returns ____.")
    if result is None:
        raise Incorrect(
            f"`{call}` gave back nothing (`None`). Did you write `return` "
            "before your answer?"
        )
    not_numbers = Incorrect(
        f"`{call}` returned {type(result).__name__} {result!r:.60}, which is "
        "not a number or an array of numbers."
    )
    try:
        array = np.asarray(result)
        if array.dtype == object:
            array = array.astype(np.float64)
    except (TypeError, ValueError):
        raise not_numbers from None
    if array.dtype.kind not in "biuf":
        raise not_numbers
    return array


def call_learner(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call the learner's ``function``, turning its exceptions into feedback.

    Checkers call learner code through this, so that an error in the
    learner's code becomes a *Not quite* message that names the call,
    instead of a traceback from inside ``helpers``.

    Raises
    ------
    NotAttempted
        If the learner's code touched the placeholder ``____``.
    Incorrect
        If the learner's code raised any other exception.
    """
    if not callable(function):
        raise Incorrect(
            f"Expected a function; received {type(function).__name__} "
            f"{_short(function)}. Did you write `def` and run the cell?"
        )
    try:
        return function(*args, **kwargs)
    except NotAttempted:
        raise
    except Exception as error:
        name = getattr(function, "__name__", "your function")
        shown = ", ".join(
            [_short(a) for a in args] + [f"{k}={_short(v)}" for k, v in kwargs.items()]
        )
        where = _learner_line(error)
        raise Incorrect(
            f"Calling `{name}({shown})` raised {type(error).__name__}: {error}{where}"
        ) from None


def _learner_line(error: Exception) -> str:
    """Return " (at `code`)" naming the learner's line that raised."""
    package = Path(__file__).resolve().parent.parent
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if package not in Path(frame.filename).resolve().parents and frame.line:
            return f" (at `{frame.line.strip()}`)"
    return ""


def _short(value: Any, limit: int = 60) -> str:
    """Return a one-line repr of ``value``, cut to ``limit`` characters."""
    text = " ".join(repr(value).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


class Feedback:
    """What a check, a hint or a solution says to the learner.

    It renders as Markdown in Jupyter and as plain text elsewhere. ``bool``
    of a feedback is True only for a correct answer.

    Parameters
    ----------
    status : {"correct", "incorrect", "not_attempted", "hint", "solution"}
        What kind of message this is.
    message : str
        The text, in Markdown (code in backticks).
    """

    _LABELS = {
        "correct": ("Correct!", "\u2705"),
        "incorrect": ("Not quite:", "\u274c"),
        "not_attempted": ("Not attempted:", "\u270f\ufe0f"),
        "hint": ("Hint:", "\U0001f4a1"),
        "solution": ("Solution:", "\U0001f4d6"),
    }

    def __init__(self, status: str, message: str = "", label: str | None = None):
        if status not in self._LABELS:
            raise ValueError(
                f"`status` must be one of {sorted(self._LABELS)}; received {status!r}."
            )
        self.status = status
        self.message = message
        self.label = label or self._LABELS[status][0]

    def __bool__(self) -> bool:
        return self.status == "correct"

    def __str__(self) -> str:
        text = f"{self.label} {self.message}".strip()
        text = re.sub(r"\s*```[a-z]*\n?", "\n", text).strip()
        return text.replace("`", "")

    def __repr__(self) -> str:
        return str(self)

    def _repr_markdown_(self) -> str:
        icon = self._LABELS[self.status][1]
        return f"{icon} **{self.label}** {self.message}".strip()


class Exercise:
    """One auto-checked exercise.

    Parameters
    ----------
    exercise_id : str
        A stable id, ``"<notebook number>.<name>"``, for example
        ``"01.predict"``. Notebook cells are tagged with it.
    title : str
        A few words shown in the progress table.
    checker : callable
        ``checker(answer)`` raises :class:`Incorrect` with a helpful message
        when the answer is wrong, and returns ``None`` or a short note
        (shown after "Correct!") when it is right. It calls learner code
        through :func:`call_learner`.
    hints : list of str
        Hints from gentle to nearly-the-answer; :meth:`hint` gives the next
        one each time it is called.
    solution_code : str
        Code that solves the exercise when it replaces the starter cell.
    record : bool, optional
        Whether a correct answer is saved to the progress record.
        Defaults to True.
    uses : sequence of str, optional
        Names of functions from earlier exercises that the learner's answer
        calls. When a ``____`` comes back from the answer, the feedback
        names them, since the blank may be left in one of those.

    Attributes
    ----------
    passed : bool
        Whether the last answer checked in this session was right. A
        notebook can then use the learner's own function where it passed,
        and the course's own until then.
    """

    def __init__(
        self,
        exercise_id: str,
        title: str,
        checker: Callable[[Any], str | None],
        hints: Iterable[str],
        solution_code: str,
        *,
        record: bool = True,
        uses: Iterable[str] = (),
    ):
        if not isinstance(exercise_id, str) or "." not in exercise_id:
            raise ValueError(
                f"`exercise_id` must look like '01.predict'; received {exercise_id!r}."
            )
        self.id = exercise_id
        self.notebook = exercise_id.split(".", 1)[0]
        self.title = title
        self._checker = checker
        self.hints = list(hints)
        self.solution_code = textwrap.dedent(solution_code).strip() + "\n"
        self._record = record
        self.uses = tuple(uses)
        self.passed = False
        self._hints_given = 0

    def __repr__(self) -> str:
        return f"Exercise({self.id!r}: {self.title})"

    def check(self, answer: Any = ____) -> Feedback:
        """Check the learner's ``answer`` and say what is right or wrong."""
        self.passed = False
        if is_placeholder(answer):
            return _not_attempted()
        try:
            note = self._checker(answer)
        except NotAttempted:
            return _not_attempted(self.uses)
        except Incorrect as wrong:
            return Feedback("incorrect", str(wrong))
        except Exception as error:
            return Feedback(
                "incorrect",
                f"The check could not use your answer {_short(answer)} "
                f"({type(error).__name__}: {error}). Compare its type and shape "
                "with what the exercise asks for.",
            )
        self.passed = True
        if self._record:
            try:
                progress.record_pass(self.id)
            except OSError as error:
                note = f"{note or ''} (Your progress could not be saved: {error}.)"
        return Feedback("correct", (note or "").strip())

    def hint(self, level: int | None = None) -> Feedback:
        """Give the next hint, or hint number ``level`` (counted from 1)."""
        if not self.hints:
            return Feedback(
                "hint",
                "There is no hint for this one: try the solution if you are stuck.",
            )
        if level is None:
            self._hints_given = min(self._hints_given + 1, len(self.hints))
            level = self._hints_given
        if not isinstance(level, int) or not 1 <= level <= len(self.hints):
            raise ValueError(
                f"`level` must be a whole number from 1 to {len(self.hints)}; "
                f"received {level!r}."
            )
        label = f"Hint {level} of {len(self.hints)}:"
        return Feedback("hint", self.hints[level - 1], label=label)

    def solution(self) -> Feedback:
        """Show the solution code."""
        return Feedback("solution", f"\n\n```python\n{self.solution_code}```")


def _not_attempted(uses: tuple[str, ...] = ()) -> Feedback:
    message = "replace `____` with your answer, then run the cell again."
    if uses:
        names = " or ".join(f"`{name}`" for name in uses)
        message += (
            f" If this cell has no `____` left, one is still in {names}, "
            "from an earlier exercise: this answer calls it."
        )
    return Feedback("not_attempted", message)


def exercises_of(module: Any) -> list[Exercise]:
    """Return the exercises defined in a module, in the order they appear."""
    return [v for v in vars(module).values() if isinstance(v, Exercise)]


def all_exercises() -> dict[str, Exercise]:
    """Return every exercise of the course, keyed by id, in course order."""
    found: dict[str, Exercise] = {}
    names = sorted(m.name for m in pkgutil.iter_modules(__path__))
    for name in names:
        if name.startswith("nb"):
            module = importlib.import_module(f"{__name__}.{name}")
            for exercise in exercises_of(module):
                found[exercise.id] = exercise
    return found
