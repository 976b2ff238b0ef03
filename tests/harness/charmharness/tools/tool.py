#!/usr/bin/env python3
"""The one executable behind every hook-tool and docker stand-in.

The harness bin dir holds a symlink to this file under each tool name; the
name it was called by (``basename(argv[0])``) picks the behaviour.  Every
call is recorded in the model (argv exactly as received, exit code, hook),
including calls that fail validation.

Environment: ``CHARMHARNESS_STATE`` is the JSON model's path.
"""

import os
import sys

# tests/harness on sys.path, so `charmharness` imports (this file is reached
# through symlinks, hence realpath)
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.realpath(__file__)))))

from charmharness import model  # noqa: E402
from charmharness.tools.common import Result, ToolError  # noqa: E402
from charmharness.tools.juju_tools import JUJU_TOOLS  # noqa: E402


def _docker(state, args, env):
    # imported lazily: its regexes cost ~10 ms that juju-log should not pay
    from charmharness.tools.docker_tool import tool_docker
    return tool_docker(state, args, env)


TOOLS = dict(JUJU_TOOLS, docker=_docker)


def run(name, args, env):
    """Run tool ``name`` against the state file; return a Result."""
    state_path = env.get('CHARMHARNESS_STATE')
    if not state_path or not os.path.exists(state_path):
        return Result('', '%s: CHARMHARNESS_STATE is not set; this stand-in '
                      'only works inside the charm harness\n' % name, 1)
    handler = TOOLS.get(name)
    if handler is None:
        return Result('', '%s: not a harness tool\n' % name, 127)
    with model.locked_state(state_path) as state:
        try:
            result = handler(state, list(args), env)
        except ToolError as exc:
            result = Result(exc.stdout, exc.message + '\n', exc.code)
        for record in state.pop('_log_records', []):
            model.append_record(state_path, 'log', record)
        model.append_record(state_path, 'calls', {
            'tool': name, 'argv': [name] + list(args), 'rc': result.code,
            'hook': state.get('hook')})
    return result


def main(argv):
    result = run(os.path.basename(argv[0]), argv[1:], os.environ)
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    return result.code


if __name__ == '__main__':
    sys.exit(main(sys.argv))
