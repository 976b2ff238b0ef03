"""Shared helpers for the harness self-tests (not a test module)."""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

FIXTURES = os.path.join(HERE, 'fixtures', 'layers')


def fixture(name):
    """Absolute path of a fixture charm layer."""
    return os.path.join(FIXTURES, name)


def demo_lines(unit, prefix):
    """juju-log messages starting with ``prefix``."""
    return [line for line in unit.log if line.startswith(prefix)]
