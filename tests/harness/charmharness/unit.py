"""The test-facing API: one deployed unit of a built charm.

Hooks run as real subprocesses (``hooks/<name>`` in the built charm, cwd =
charm dir) with a clean, Juju-like environment:

* ``JUJU_UNIT_NAME=<app>/0``, ``JUJU_CHARM_DIR``/``CHARM_DIR``,
  ``JUJU_MODEL_NAME``, ``JUJU_MODEL_UUID``, ``JUJU_HOOK_NAME`` (set by Juju
  since 2.8; ``hookenv.hook_name()`` reads it, falling back to argv[0]),
  ``JUJU_VERSION``, ``JUJU_PRINCIPAL_UNIT`` (empty), ``JUJU_MACHINE_ID``;
* in relation hooks ``JUJU_RELATION``, ``JUJU_RELATION_ID``,
  ``JUJU_REMOTE_UNIT``, ``JUJU_REMOTE_APP`` (and ``JUJU_DEPARTING_UNIT`` in
  ``-departed``);
* in storage hooks ``JUJU_STORAGE_ID`` (``<name>/<n>``);
* ``PATH`` = the stand-in bin dir first, then ``/usr/sbin:/usr/bin:/sbin:
  /bin`` only (``/usr/local/bin``, where a real docker may live, is left
  out on purpose); ``PYTHONPATH`` = the library stubs; ``HOME`` and
  ``TMPDIR`` inside the unit's temp dir.

Like Juju, port changes and relation settings from a hook are committed only
if it exits 0; reactive flags likewise persist only on success.

Storage: every ``storage:`` entry of metadata.yaml gets one instance
(``<name>/0``), attached by :meth:`Unit.deploy` *before* ``install`` as Juju
does.  Its mount point is a real directory under the unit's temp dir
(``<root>/storage/<location>``), not the ``location`` itself, so tests never
touch ``/srv``; ``storage-get location`` reports that directory.

Known limits: one unit (``<app>/0``) per Unit; leadership is fixed at
creation; a failed hook does not block later ones (no error state /
``juju resolve``); missing hook files are skipped silently like Juju; the
remote side of a relation is data only (no remote charm runs).
"""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

import yaml

from . import model
from .builder import build as build_charm

HARNESS_DIR = os.path.dirname(os.path.abspath(__file__))
TOOL_SCRIPT = os.path.join(HARNESS_DIR, 'tools', 'tool.py')
STUBS_DIR = os.path.join(HARNESS_DIR, 'stubs')
TOOL_NAMES = (
    'config-get', 'status-set', 'status-get', 'application-version-set',
    'open-port', 'close-port', 'opened-ports', 'juju-log', 'relation-get',
    'relation-set', 'relation-ids', 'relation-list', 'network-get',
    'unit-get', 'is-leader', 'payload-register', 'payload-status-set',
    'payload-unregister', 'docker', 'harness-install-docker',
    'storage-get', 'storage-list',
)
BOOL_TRUE = ('1', 't', 'T', 'TRUE', 'true', 'True')
BOOL_FALSE = ('0', 'f', 'F', 'FALSE', 'false', 'False')


class ConfigError(ValueError):
    """``juju config`` would reject this (unknown option or bad type)."""


class HookResult:
    """Outcome of one hook (or tool) run."""

    def __init__(self, hook, returncode, stdout, stderr, skipped=False):
        self.hook = hook
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr
        self.skipped = skipped

    @property
    def ok(self):
        return self.returncode == 0

    def __repr__(self):
        return '<HookResult %s rc=%s>' % (self.hook, self.returncode)


class HookFailed(Exception):
    """A hook exited non-zero (Juju would put the unit in error state)."""

    def __init__(self, result):
        self.result = result
        self.hook = result.hook
        self.returncode = result.returncode
        self.stderr = result.stderr
        self.stdout = result.stdout
        tail = '\n'.join(result.stderr.strip().splitlines()[-30:])
        super().__init__('hook %r failed with exit code %s; stderr tail:\n%s'
                         % (result.hook, result.returncode, tail))


def _validate_config_value(name, spec, value):
    """Coerce/validate like ``juju config``; return the stored value."""
    kind = (spec or {}).get('type', 'string')

    def bad():
        raise ConfigError('option "%s" expected %s, got %r'
                          % (name, kind, value))

    if kind == 'int':
        if isinstance(value, bool) or isinstance(value, float):
            bad()
        if isinstance(value, int):
            return value
        if isinstance(value, str) and value.strip().lstrip('-').isdigit():
            return int(value)
        bad()
    if kind == 'float':
        if isinstance(value, bool):
            bad()
        if isinstance(value, (int, float)):
            return float(value)
        try:
            return float(value)
        except (TypeError, ValueError):
            bad()
    if kind == 'boolean':
        if isinstance(value, bool):
            return value
        if value in BOOL_TRUE:
            return True
        if value in BOOL_FALSE:
            return False
        bad()
    if kind == 'string':
        if isinstance(value, str):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)  # the CLI hands Juju strings anyway
        bad()
    raise ConfigError('option "%s" has unsupported type %r' % (name, kind))


class Unit:
    """One unit of a built charm, plus the model the stand-ins keep."""

    def __init__(self, charm_dir, root, leader=True, model_name='test-model',
                 config=None, juju_version='3.6.4', failing_images=(),
                 timeout=120):
        self.root = root
        self.charm_dir = charm_dir
        self.timeout = timeout
        with open(os.path.join(charm_dir, 'metadata.yaml')) as fp:
            self.metadata = yaml.safe_load(fp) or {}
        options = {}
        config_yaml = os.path.join(charm_dir, 'config.yaml')
        if os.path.exists(config_yaml):
            with open(config_yaml) as fp:
                options = (yaml.safe_load(fp) or {}).get('options') or {}
        self.app = self.metadata['name']
        self.name = '%s/0' % self.app
        self.bin_dir = os.path.join(root, 'bin')
        self.home = os.path.join(root, 'home')
        self.tmp = os.path.join(root, 'tmp')
        state_dir = os.path.join(root, 'state')
        for d in (self.bin_dir, self.home, self.tmp, state_dir):
            os.makedirs(d, exist_ok=True)
        self.state_path = os.path.join(state_dir, 'model.json')
        self.trace_path = os.path.join(state_dir, 'dispatch-trace.jsonl')
        state = model.new_state(self.name, model_name, leader, options,
                                self.metadata, juju_version)
        state['knobs']['failing_images'] = list(failing_images)
        state.setdefault('storage', {}).update(
            self._declare_storage(self.metadata))
        model.save_state(self.state_path, state)
        self._install_tools()
        if config:
            self._apply_config(config)
        self._closed = False

    # -- construction -------------------------------------------------------
    @classmethod
    def build(cls, layer_dir, **kwargs):
        """Build ``layer_dir`` (absolute, or relative to the repo root) into
        a fresh temp dir and return an undeployed Unit."""
        root = tempfile.mkdtemp(prefix='charmharness-')
        try:
            charm_dir = build_charm(layer_dir,
                                    out_dir=os.path.join(root, 'charm'))
            return cls(charm_dir, root, **kwargs)
        except BaseException:
            shutil.rmtree(root, ignore_errors=True)
            raise

    def _install_tools(self):
        os.chmod(TOOL_SCRIPT, 0o755)
        for name in TOOL_NAMES:
            link = os.path.join(self.bin_dir, name)
            if not os.path.lexists(link):
                os.symlink(TOOL_SCRIPT, link)
        # hooks and tools run under the same interpreter as the tests
        py = os.path.join(self.bin_dir, 'python3')
        if not os.path.lexists(py):
            os.symlink(sys.executable, py)

    def _declare_storage(self, metadata):
        """One unattached instance per ``storage:`` entry, with a mount
        point inside the unit's temp dir."""
        found = {}
        for name, spec in sorted((metadata.get('storage') or {}).items()):
            spec = spec or {}
            location = spec.get('location') or '/var/lib/juju/storage/%s/0' \
                % name
            storage_id = '%s/0' % name
            found[storage_id] = {
                'id': storage_id, 'name': name,
                'kind': spec.get('type', 'filesystem'),
                'location': os.path.join(self.root, 'storage',
                                         location.lstrip('/')),
                'declared_location': location, 'attached': False}
        return found

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.cleanup()

    def cleanup(self):
        """Remove the unit's temp dir (charm, model, everything)."""
        self._closed = True
        shutil.rmtree(self.root, ignore_errors=True)

    # -- environment and running hooks --------------------------------------
    def _env(self, hook=None, relation_id=None, remote_unit=None,
             remote_app=None, departing_unit=None, storage_id=None):
        env = {
            'PATH': '%s:/usr/sbin:/usr/bin:/sbin:/bin' % self.bin_dir,
            'PYTHONPATH': STUBS_DIR,
            'PYTHONDONTWRITEBYTECODE': '1',
            'HOME': self.home,
            'TMPDIR': self.tmp,
            'LANG': 'C.UTF-8',
            'JUJU_UNIT_NAME': self.name,
            'JUJU_CHARM_DIR': self.charm_dir,
            'CHARM_DIR': self.charm_dir,
            'JUJU_MODEL_NAME': self._state()['model'],
            'JUJU_MODEL_UUID': '00000000-0000-4000-8000-000000000000',
            'JUJU_VERSION': self._state()['juju_version'],
            'JUJU_PRINCIPAL_UNIT': '',
            'JUJU_MACHINE_ID': '0',
            'JUJU_AVAILABILITY_ZONE': 'zone-a',
            'CHARMHARNESS_STATE': self.state_path,
            'CHARMHARNESS_TRACE': self.trace_path,
        }
        if hook:
            env['JUJU_HOOK_NAME'] = hook
        if relation_id:
            env['JUJU_RELATION'] = relation_id.split(':')[0]
            env['JUJU_RELATION_ID'] = relation_id
        if remote_app:
            env['JUJU_REMOTE_APP'] = remote_app
        if remote_unit:
            env['JUJU_REMOTE_UNIT'] = remote_unit
        if departing_unit:
            env['JUJU_DEPARTING_UNIT'] = departing_unit
        if storage_id:
            env['JUJU_STORAGE_ID'] = storage_id
        return env

    def _state(self):
        return model.load_state(self.state_path)

    def _modify(self):
        return model.locked_state(self.state_path)

    def run_hook(self, hook, check=True, relation_id=None, remote_unit=None,
                 remote_app=None, departing_unit=None, storage_id=None):
        """Run ``hooks/<hook>``; raise HookFailed on failure if ``check``."""
        if self._closed:
            raise RuntimeError('unit was cleaned up')
        with self._modify() as state:
            state['hook'] = hook
            model.discard_pending(state)
        open(self.trace_path, 'w').close()
        path = os.path.join(self.charm_dir, 'hooks', hook)
        if not os.path.exists(path):
            result = HookResult(hook, 0, '', '', skipped=True)
        else:
            env = self._env(hook, relation_id, remote_unit, remote_app,
                            departing_unit, storage_id)
            try:
                proc = subprocess.run([path], cwd=self.charm_dir, env=env,
                                      capture_output=True, text=True,
                                      timeout=self.timeout,
                                      stdin=subprocess.DEVNULL)
                result = HookResult(hook, proc.returncode, proc.stdout,
                                    proc.stderr)
            except subprocess.TimeoutExpired as exc:
                result = HookResult(hook, -9, exc.stdout or '',
                                    (exc.stderr or '') +
                                    '\nharness: hook timed out after %ss'
                                    % self.timeout)
            except OSError as exc:  # e.g. a shipped hook that is not +x
                result = HookResult(hook, 126, '', 'harness: cannot run '
                                    'hook %s: %s' % (hook, exc))
        with self._modify() as state:
            if result.returncode == 0:
                model.commit_pending(state)
            else:
                model.discard_pending(state)
            state['hook'] = None
            state['hooks_run'].append({
                'hook': hook, 'rc': result.returncode,
                'relation_id': relation_id, 'remote_unit': remote_unit,
                'skipped': result.skipped})
        if check and result.returncode != 0:
            raise HookFailed(result)
        return result

    def exec(self, *argv):
        """Run a command in the unit's hook-tool environment outside any
        hook (like ``juju exec``); returns a HookResult."""
        proc = subprocess.run(list(argv), cwd=self.charm_dir, env=self._env(),
                              capture_output=True, text=True,
                              stdin=subprocess.DEVNULL, timeout=self.timeout)
        with self._modify() as state:
            if proc.returncode == 0:
                model.commit_pending(state)
            else:
                model.discard_pending(state)
        return HookResult(' '.join(argv), proc.returncode, proc.stdout,
                          proc.stderr)

    # -- lifecycle ------------------------------------------------------------
    def deploy(self, check=True):
        """``<name>-storage-attached`` for each declared storage, install,
        peer -relation-created, leader-elected (leader) or
        leader-settings-changed, config-changed, start.  With
        ``check=False`` stops at the first failing hook; returns results."""
        results = []

        def step(hook, **kw):
            res = self.run_hook(hook, check=check, **kw)
            results.append(res)
            return res.ok

        # Juju attaches the unit's storage first: -storage-attached runs
        # before install.
        for storage_id in sorted(self._state()['storage']):
            if not self.attach_storage(storage_id, _results=results,
                                       check=check):
                return results
        if not step('install'):
            return results
        for endpoint, spec in (self.metadata.get('peers') or {}).items():
            rel_id = self._new_relation(endpoint, self.app)
            if not step('%s-relation-created' % endpoint,
                        relation_id=rel_id, remote_app=self.app):
                return results
        leader = self._state()['leader']
        if not step('leader-elected' if leader else 'leader-settings-changed'):
            return results
        if not step('config-changed'):
            return results
        step('start')
        return results

    def update_status(self, check=True):
        return self.run_hook('update-status', check=check)

    # -- storage ------------------------------------------------------------
    def attach_storage(self, storage_id, check=True, _results=None):
        """Create the mount point, mark the instance attached and run
        ``<name>-storage-attached``.  Returns True if the hook succeeded."""
        with self._modify() as state:
            inst = state['storage'][storage_id]
            os.makedirs(inst['location'], exist_ok=True)
            inst['attached'] = True
        res = self.run_hook('%s-storage-attached' % inst['name'],
                            check=check, storage_id=storage_id)
        if _results is not None:
            _results.append(res)
        return res.ok

    def detach_storage(self, storage_id, check=True):
        """Run ``<name>-storage-detaching`` (the instance is still attached
        during the hook), then mark it detached.  The directory and its
        files stay, like a volume Juju detaches but does not destroy."""
        inst = self._state()['storage'][storage_id]
        res = self.run_hook('%s-storage-detaching' % inst['name'],
                            check=check, storage_id=storage_id)
        with self._modify() as state:
            state['storage'][storage_id]['attached'] = False
        return res

    @property
    def storage(self):
        """{id: {'id', 'name', 'kind', 'location', 'declared_location',
        'attached'}}"""
        return {sid: dict(inst)
                for sid, inst in self._state().get('storage', {}).items()}

    def upgrade_charm(self, check=True):
        """upgrade-charm followed by config-changed, as Juju does."""
        first = self.run_hook('upgrade-charm', check=check)
        if not first.ok:
            return [first]
        return [first, self.run_hook('config-changed', check=check)]

    def stop(self, check=True):
        return self.run_hook('stop', check=check)

    # -- config ---------------------------------------------------------------
    def _apply_config(self, values, reset=()):
        """Validate and store; return True if any effective value changed."""
        with self._modify() as state:
            options = state['config']['options']
            before = model.effective_config(state)
            for name, value in values.items():
                if name not in options:
                    raise ConfigError('unknown option "%s"' % name)
                state['config']['values'][name] = _validate_config_value(
                    name, options[name], value)
            for name in reset:
                if name not in options:
                    raise ConfigError('unknown option "%s"' % name)
                state['config']['values'].pop(name, None)
            return model.effective_config(state) != before

    def config_set(self, check=True, **values):
        """Like ``juju config <app> k=v``: validate, store, and run
        config-changed if anything changed (returns its HookResult, or None
        when nothing changed - Juju fires no hook then)."""
        if self._apply_config(values):
            return self.run_hook('config-changed', check=check)
        return None

    def config_reset(self, *names, check=True):
        """Like ``juju config <app> --reset k``."""
        if self._apply_config({}, reset=names):
            return self.run_hook('config-changed', check=check)
        return None

    @property
    def config(self):
        """Effective config values (defaults overlaid by set values)."""
        return model.effective_config(self._state())

    # -- knobs ------------------------------------------------------------------
    def set_knob(self, name, value):
        with self._modify() as state:
            if name not in state['knobs']:
                raise KeyError('unknown knob %r (known: %s)'
                               % (name, ', '.join(sorted(state['knobs']))))
            state['knobs'][name] = value

    def fail_pulls(self, *images):
        """Make ``docker pull``/``run`` of these images fail."""
        with self._modify() as state:
            state['knobs']['failing_images'].extend(images)

    def docker_down(self):
        """Stop the Docker daemon: containers stop, the CLI cannot connect,
        and the layer:docker stand-in clears docker.available next hook."""
        with self._modify() as state:
            state['knobs']['docker_down'] = True
            state['docker']['daemon_running'] = False
            for ctr in state['docker']['containers'].values():
                if ctr['running']:
                    ctr['running'] = False
                    ctr['status'] = 'exited'
                    ctr['exit_code'] = 0

    def docker_up(self):
        """Start the daemon again; containers come back per restart policy
        (``always``; ``unless-stopped`` unless stopped by hand)."""
        with self._modify() as state:
            state['knobs']['docker_down'] = False
            state['docker']['daemon_running'] = state['docker']['installed']
            for ctr in state['docker']['containers'].values():
                policy = ctr['restart']
                if policy == 'always' or (policy == 'unless-stopped' and
                                          not ctr['manually_stopped']):
                    ctr['running'] = True
                    ctr['status'] = 'running'
                    ctr['start_count'] += 1

    # -- observations -----------------------------------------------------------
    @property
    def status(self):
        s = self._state()['status']['unit']
        return (s['status'], s['message'])

    @property
    def app_status(self):
        s = self._state()['status']['application']
        return (s['status'], s['message'])

    @property
    def status_history(self):
        return [(h['status'], h['message'])
                for h in self._state()['status']['history']
                if h['scope'] == 'unit']

    @property
    def status_log(self):
        """Unit status history with the hook that set each entry:
        [{'status', 'message', 'hook'}] (hook None outside hooks)."""
        return [{'status': h['status'], 'message': h['message'],
                 'hook': h.get('hook')}
                for h in self._state()['status']['history']
                if h['scope'] == 'unit']

    @property
    def app_version(self):
        return self._state()['app_version']

    @property
    def opened_ports(self):
        return set(self._state()['ports'])

    @property
    def containers(self):
        return dict(self._state()['docker']['containers'])

    def container(self, name):
        containers = self.containers
        if name not in containers:
            raise KeyError('no container %r (have: %s)'
                           % (name, ', '.join(sorted(containers)) or 'none'))
        return containers[name]

    @property
    def removed_containers(self):
        return list(self._state()['docker']['removed'])

    @property
    def docker_events(self):
        """[{'action': create|start|die|destroy, 'name', 'id', 'hook'}]"""
        return list(self._state()['docker']['history'])

    @property
    def images(self):
        return set(self._state()['docker']['images'])

    @property
    def docker_installed(self):
        return self._state()['docker']['installed']

    @property
    def payloads(self):
        return {(p['class'], p['id']): {'type': p['type'],
                                        'status': p['status'],
                                        'tags': list(p['tags'])}
                for p in self._state()['payloads'].values()}

    def calls(self, tool=None):
        """argv lists (argv[0] = tool name) of every tool call, in order."""
        return [c['argv'] for c in self.call_records
                if tool is None or c['tool'] == tool]

    @property
    def call_records(self):
        """Full call records: tool, argv, rc, hook."""
        return model.read_records(self.state_path, 'calls')

    @property
    def log(self):
        """juju-log messages, in order."""
        return [entry['message'] for entry in self.log_records]

    @property
    def log_records(self):
        """[{'level', 'message', 'hook'}] for every juju-log call."""
        return model.read_records(self.state_path, 'log')

    @property
    def hooks_run(self):
        return list(self._state()['hooks_run'])

    @property
    def dispatch_trace(self):
        """Handlers invoked in the last hook: [{phase, iteration, handler}]."""
        if not os.path.exists(self.trace_path):
            return []
        with open(self.trace_path) as fp:
            return [json.loads(line) for line in fp if line.strip()]

    @property
    def flags(self):
        """Reactive flags persisted after the last successful hook."""
        db = os.path.join(self.charm_dir, '.unit-state.db')
        if not os.path.exists(db):
            return set()
        conn = sqlite3.connect('file:%s?mode=ro' % db, uri=True)
        try:
            rows = conn.execute("select key from kv where key like "
                                "'reactive.states.%'").fetchall()
        finally:
            conn.close()
        return {key[len('reactive.states.'):] for (key,) in rows}

    # -- relations ---------------------------------------------------------------
    def _endpoint_spec(self, endpoint):
        for role in ('provides', 'requires', 'peers'):
            spec = (self.metadata.get(role) or {}).get(endpoint)
            if spec is not None:
                return role, (spec or {}).get('interface')
        raise ValueError('charm %s has no endpoint %r' % (self.app, endpoint))

    def _new_relation(self, endpoint, remote_app, app_data=None):
        role, interface = self._endpoint_spec(endpoint)
        with self._modify() as state:
            number = state['next_relation_id']
            state['next_relation_id'] = number + 1
            rel_id = '%s:%d' % (endpoint, number)
            addr = state['network']['ingress']
            local = {'ingress-address': addr, 'egress-subnets': addr + '/32'}
            if not state['juju_version'].startswith('4.'):
                local['private-address'] = addr  # dropped in Juju 4.0
            state['relations'][rel_id] = {
                'id': rel_id, 'number': number, 'endpoint': endpoint,
                'role': role, 'interface': interface,
                'remote_app': remote_app, 'units': [], 'departed': [],
                'remote': {}, 'remote_app_data': dict(app_data or {}),
                'local': local, 'local_app': {}, 'broken': False,
                'removed': False}
        return rel_id

    def _remote_unit_defaults(self, state, unit):
        index = sum(len(r['remote']) for r in state['relations'].values())
        addr = '%s%d' % (model.REMOTE_ADDRESS_BASE, 100 + index)
        data = {'ingress-address': addr, 'egress-subnets': addr + '/32'}
        if not state['juju_version'].startswith('4.'):
            data['private-address'] = addr
        return data

    def add_relation(self, endpoint, remote_app, units=(), app_data=None,
                     unit_data=None, check=True):
        """Relate: -created, then -joined and -changed per remote unit.
        ``unit_data`` {unit: {k: v}} is what each remote unit has published
        by the time it joins.  Returns the relation id (``endpoint:N``)."""
        role, _ = self._endpoint_spec(endpoint)
        rel_id = self._new_relation(endpoint, remote_app, app_data)
        self.run_hook('%s-relation-created' % endpoint, check=check,
                      relation_id=rel_id, remote_app=remote_app)
        for unit in units:
            self.add_remote_unit(rel_id, unit,
                                 data=(unit_data or {}).get(unit),
                                 check=check)
        return rel_id

    def _relation(self, rel_id):
        rel = self._state()['relations'].get(rel_id)
        if rel is None:
            raise KeyError('no relation %r' % rel_id)
        return rel

    def add_remote_unit(self, rel_id, unit, data=None, check=True):
        """A remote unit joins: -joined then -changed."""
        rel = self._relation(rel_id)
        if unit.split('/')[0] != rel['remote_app']:
            raise ValueError('%s is not a unit of %s'
                             % (unit, rel['remote_app']))
        with self._modify() as state:
            r = state['relations'][rel_id]
            if unit in r['units']:
                raise ValueError('%s already joined %s' % (unit, rel_id))
            settings = self._remote_unit_defaults(state, unit)
            settings.update({k: str(v) for k, v in (data or {}).items()
                             if v is not None})
            r['remote'][unit] = settings
            r['units'].append(unit)
        kw = dict(relation_id=rel_id, remote_unit=unit,
                  remote_app=rel['remote_app'], check=check)
        joined = self.run_hook('%s-relation-joined' % rel['endpoint'], **kw)
        if not joined.ok:
            return [joined]
        return [joined,
                self.run_hook('%s-relation-changed' % rel['endpoint'], **kw)]

    def set_remote_data(self, rel_id, unit, data, check=True):
        """The remote unit changes its settings (None deletes a key); runs
        -changed."""
        rel = self._relation(rel_id)
        with self._modify() as state:
            target = state['relations'][rel_id]['remote'].setdefault(unit, {})
            for k, v in data.items():
                if v is None:
                    target.pop(k, None)
                else:
                    target[k] = str(v)
        return self.run_hook('%s-relation-changed' % rel['endpoint'],
                             relation_id=rel_id, remote_unit=unit,
                             remote_app=rel['remote_app'], check=check)

    def set_remote_app_data(self, rel_id, data, check=True):
        """The remote leader changes app data; runs -changed (no unit)."""
        rel = self._relation(rel_id)
        with self._modify() as state:
            target = state['relations'][rel_id]['remote_app_data']
            for k, v in data.items():
                if v is None:
                    target.pop(k, None)
                else:
                    target[k] = str(v)
        return self.run_hook('%s-relation-changed' % rel['endpoint'],
                             relation_id=rel_id, remote_app=rel['remote_app'],
                             check=check)

    def remove_remote_unit(self, rel_id, unit, check=True):
        """A remote unit leaves: it vanishes from relation-list, then
        -departed runs (its data stays readable during the hook)."""
        rel = self._relation(rel_id)
        with self._modify() as state:
            r = state['relations'][rel_id]
            if unit not in r['units']:
                raise ValueError('%s is not joined to %s' % (unit, rel_id))
            r['units'].remove(unit)
            r['departed'].append(unit)
        return self.run_hook('%s-relation-departed' % rel['endpoint'],
                             relation_id=rel_id, remote_unit=unit,
                             remote_app=rel['remote_app'],
                             departing_unit=unit, check=check)

    def remove_relation(self, rel_id, check=True):
        """-departed for each remote unit, then -broken."""
        rel = self._relation(rel_id)
        results = []
        for unit in list(rel['units']):
            res = self.remove_remote_unit(rel_id, unit, check=check)
            results.append(res)
            if not res.ok:
                return results
        with self._modify() as state:
            state['relations'][rel_id]['broken'] = True
        results.append(self.run_hook('%s-relation-broken' % rel['endpoint'],
                                     relation_id=rel_id,
                                     remote_app=rel['remote_app'],
                                     check=check))
        with self._modify() as state:
            state['relations'][rel_id]['removed'] = True
        return results

    def relation_ids(self, endpoint=None):
        return [rid for rid, rel in self._state()['relations'].items()
                if not rel['removed'] and
                (endpoint is None or rel['endpoint'] == endpoint)]

    def relation_data(self, rel_id, unit=None):
        """Committed settings this unit published (or, with ``unit``, what
        that remote unit published)."""
        rel = self._relation(rel_id)
        if unit is None or unit == self.name:
            return dict(rel['local'])
        return dict(rel['remote'][unit])

    def relation_app_data(self, rel_id, app=None):
        """Committed app settings of this app (or of the remote app)."""
        rel = self._relation(rel_id)
        if app is None or app == self.app:
            return dict(rel['local_app'])
        return dict(rel['remote_app_data'])

    def relation_units(self, rel_id):
        return list(self._relation(rel_id)['units'])
