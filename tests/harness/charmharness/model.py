"""The JSON model of one unit, shared by the Unit API and the tool stand-ins.

The state file (path in ``$CHARMHARNESS_STATE``) holds everything Juju and
Docker would know about the unit.  Every tool invocation takes an exclusive
``flock`` on ``<state>.lock`` for its read-modify-write, so the file is never
torn even if a charm runs tools in parallel.

Transactional parts: like Juju, port changes and relation settings written
during a hook are *pending* and only committed when the hook exits 0
(:func:`commit_pending`); :func:`discard_pending` drops them on failure.
Status, payloads, logs and docker side-effects are immediate, as in reality.
"""

import contextlib
import copy
import fcntl
import json
import os

UNIT_ADDRESS = '10.1.2.3'          # ingress/private address of the unit
PUBLIC_ADDRESS = '203.0.113.3'     # public address (documentation range)
REMOTE_ADDRESS_BASE = '10.1.2.'    # remote units get 10.1.2.100, .101 ...


def new_state(unit_name, model_name='test-model', leader=True,
              config_options=None, metadata=None, juju_version='3.6.4'):
    """A fresh model for a just-deployed unit."""
    return {
        'unit': unit_name,
        'app': unit_name.split('/')[0],
        'model': model_name,
        'juju_version': juju_version,
        'leader': leader,
        'metadata': metadata or {},
        'config': {'options': config_options or {}, 'values': {}},
        'status': {'unit': {'status': 'unknown', 'message': ''},
                   'application': {'status': 'unknown', 'message': ''},
                   'history': []},
        'app_version': '',
        'ports': [],
        'relations': {},
        'next_relation_id': 0,
        'network': {'ingress': UNIT_ADDRESS, 'private': UNIT_ADDRESS,
                    'public': PUBLIC_ADDRESS},
        'payloads': {},
        # Juju storage instances, keyed by id ('<name>/<n>'):
        # {'id', 'name', 'kind', 'location', 'attached'}.  Unit fills it
        # from metadata.yaml's ``storage:`` (see Unit._declare_storage).
        'storage': {},
        'docker': {
            'installed': False,
            'daemon_running': False,
            'images': {},
            'containers': {},
            'removed': [],
            'history': [],
            'next_id': 1,
        },
        'knobs': {
            'docker_install_fails': False,
            'docker_down': False,
            'failing_images': [],     # images whose pull fails
            'crashing_images': [],    # images whose containers exit 1
            # images whose containers exit 1 and, with a --restart policy,
            # stay in docker's "restarting" loop (Running and Restarting)
            'restart_looping_images': [],
        },
        'hook': None,                 # hook currently running, if any
        'pending': empty_pending(),
        'hooks_run': [],
    }


def empty_pending():
    return {'ports_open': [], 'ports_close': [], 'relation_settings': {}}


@contextlib.contextmanager
def locked_state(path):
    """Load the state under an exclusive lock, yield it, save it back."""
    with open(path + '.lock', 'a') as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            state = load_state(path)
            yield state
            save_state(path, state)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def load_state(path):
    with open(path) as fp:
        return json.load(fp)


def save_state(path, state):
    tmp = path + '.tmp'
    with open(tmp, 'w') as fp:
        json.dump(state, fp, separators=(',', ':'))
    os.replace(tmp, path)


# Tool calls and juju-log lines grow without bound, so they live in
# append-only JSON-lines files next to the state (``<state>.calls.jsonl``,
# ``<state>.log.jsonl``) instead of being rewritten on every call.

def append_record(state_path, kind, record):
    with open('%s.%s.jsonl' % (state_path, kind), 'a') as fp:
        fp.write(json.dumps(record) + '\n')


def read_records(state_path, kind):
    path = '%s.%s.jsonl' % (state_path, kind)
    if not os.path.exists(path):
        return []
    with open(path) as fp:
        return [json.loads(line) for line in fp if line.strip()]


# -- config -----------------------------------------------------------------

def effective_config(state, include_unset=True):
    """Option values as config-get sees them: defaults overlaid by values."""
    result = {}
    for name, spec in state['config']['options'].items():
        value = state['config']['values'].get(name, (spec or {}).get('default'))
        if value is None and not include_unset:
            continue
        result[name] = value
    return result


# -- ports ------------------------------------------------------------------

def visible_ports(state):
    """Committed ports plus the current hook's pending changes."""
    ports = list(state['ports'])
    for port in state['pending']['ports_open']:
        if port not in ports:
            ports.append(port)
    return [p for p in ports if p not in state['pending']['ports_close']]


# -- relations --------------------------------------------------------------

def live_relation(state, rel_id):
    rel = state['relations'].get(rel_id)
    if rel is None or rel.get('removed'):
        return None
    return rel


def local_settings(state, rel_id, app=False):
    """This unit's (or app's) settings including uncommitted writes."""
    rel = state['relations'][rel_id]
    base = dict(rel['local_app'] if app else rel['local'])
    key = ('app:' if app else 'unit:') + rel_id
    for k, v in state['pending']['relation_settings'].get(key, {}).items():
        if v is None:
            base.pop(k, None)
        else:
            base[k] = v
    return base


def commit_pending(state):
    pending = state['pending']
    for port in pending['ports_open']:
        if port not in state['ports']:
            state['ports'].append(port)
    state['ports'] = [p for p in state['ports']
                      if p not in pending['ports_close']]
    for key, changes in pending['relation_settings'].items():
        scope, rel_id = key.split(':', 1)
        rel = state['relations'].get(rel_id)
        if rel is None:
            continue
        target = rel['local_app'] if scope == 'app' else rel['local']
        for k, v in changes.items():
            if v is None:
                target.pop(k, None)
            else:
                target[k] = v
    state['pending'] = empty_pending()


def discard_pending(state):
    state['pending'] = empty_pending()


def snapshot(state):
    return copy.deepcopy(state)
