"""The Python package behind the notebooks of the course.

Importing ``helpers`` is cheap: it loads no TensorFlow. The Keras parts
(:mod:`helpers.training`) import TensorFlow quietly when they are imported.
"""

from helpers.config import fast_mode, pick

__all__ = ["fast_mode", "pick", "__version__"]
__version__ = "0.1.0"
