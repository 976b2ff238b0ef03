"""Stand-in for ``charmhelpers.core.hookenv``.

Like the real module, every function shells out to the Juju hook tool of the
same purpose (which, in the harness, are the stand-ins on PATH), uses the
same argv shapes (e.g. ``config-get --all --format=json``), keeps the same
signatures, and caches read-only look-ups per process (``@cached``).

Known limits: ``relation_set`` passes ``key=value`` arguments (the real one
uses ``--file`` when available; both reach the same stand-in); no
``leader_get/leader_set``, ``storage_add``, actions, resources, secrets,
``juju_version``, ``ingress_address``/``egress_subnets`` are simplified.
"""

import copy
import json
import os
import subprocess
import sys
from enum import Enum
from functools import wraps

import yaml

CRITICAL = "CRITICAL"
ERROR = "ERROR"
WARNING = "WARNING"
INFO = "INFO"
DEBUG = "DEBUG"
TRACE = "TRACE"
MARKER = object()

cache = {}


class WORKLOAD_STATES(Enum):
    ACTIVE = 'active'
    BLOCKED = 'blocked'
    MAINTENANCE = 'maintenance'
    WAITING = 'waiting'


class NoNetworkBinding(Exception):
    pass


def cached(func):
    """Cache a function's result per (args, kwargs) for this process."""
    @wraps(func)
    def wrapper(*args, **kwargs):
        key = str((func, args, kwargs))
        try:
            return cache[key]
        except KeyError:
            pass
        result = func(*args, **kwargs)
        cache[key] = result
        return result
    wrapper._wrapped = func
    return wrapper


def flush(key):
    """Drop cached entries whose key mentions ``key``."""
    for item in [k for k in cache if key in k]:
        del cache[item]


def _check_output(cmd):
    return subprocess.check_output(cmd).decode('UTF-8')


# -- logging / context --------------------------------------------------------

def log(message, level=None):
    """Write a message to the juju log (``juju-log [-l LEVEL] message``)."""
    command = ['juju-log']
    if level:
        command += ['-l', level]
    if not isinstance(message, str):
        message = repr(message)
    command += [message[:20000]]
    try:
        subprocess.call(command)
    except OSError:
        print('juju-log: %s%s' % ('%s: ' % level if level else '', message),
              file=sys.stderr)


def hook_name():
    """The name of the currently executing hook."""
    return os.environ.get('JUJU_HOOK_NAME', os.path.basename(sys.argv[0]))


def charm_dir():
    """The root directory of the current charm."""
    d = os.environ.get('JUJU_CHARM_DIR')
    if d is not None:
        return d
    return os.environ.get('CHARM_DIR')


def local_unit():
    return os.environ['JUJU_UNIT_NAME']


def service_name():
    return local_unit().split('/')[0]


application_name = service_name


def model_name():
    return os.environ['JUJU_MODEL_NAME']


def in_relation_hook():
    return 'JUJU_RELATION' in os.environ


def relation_type():
    return os.environ.get('JUJU_RELATION', None)


def remote_unit():
    return os.environ.get('JUJU_REMOTE_UNIT', None)


def departing_unit():
    return os.environ.get('JUJU_DEPARTING_UNIT', None)


# -- config -------------------------------------------------------------------

class Config(dict):
    """Dict of charm config with ``changed()``/``previous()``.

    Previous values live in ``$CHARM_DIR/.juju-persistent-config`` and are
    saved by an ``atexit`` callback, i.e. only when the hook succeeds.
    """
    CONFIG_FILE_NAME = '.juju-persistent-config'

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.implicit_save = True
        self._prev_dict = None
        self.path = os.path.join(charm_dir(), Config.CONFIG_FILE_NAME)
        if os.path.exists(self.path) and os.stat(self.path).st_size:
            self.load_previous()
        atexit(self._implicit_save)

    def load_previous(self, path=None):
        self.path = path or self.path
        with open(self.path) as f:
            try:
                self._prev_dict = json.load(f)
            except ValueError as e:
                log('Found but was unable to parse previous config data, '
                    'ignoring which will report all values as changed - {}'
                    .format(str(e)), level=ERROR)
                return
        for k, v in copy.deepcopy(self._prev_dict).items():
            if k not in self:
                self[k] = v

    def changed(self, key):
        """True if the value differs from the previous hook's (or there is
        no previous value at all)."""
        if self._prev_dict is None:
            return True
        return self.previous(key) != self.get(key)

    def previous(self, key):
        if self._prev_dict:
            return self._prev_dict.get(key)
        return None

    def save(self):
        with open(self.path, 'w') as f:
            os.fchmod(f.fileno(), 0o600)
            json.dump(self, f)

    def _implicit_save(self):
        if self.implicit_save:
            self.save()


_cache_config = None


def config(scope=None):
    """Juju charm configuration (``config-get --all --format=json``)."""
    global _cache_config
    config_cmd_line = ['config-get', '--all', '--format=json']
    try:
        if _cache_config is None:
            config_data = json.loads(_check_output(config_cmd_line))
            _cache_config = Config(config_data)
        if scope is not None:
            return _cache_config.get(scope)
        return _cache_config
    except (ValueError, OSError, subprocess.CalledProcessError) as e:
        log('Unable to load config: {}'.format(e), level=ERROR)
        return None


# -- status / version / ports ------------------------------------------------

def status_set(workload_state, message, application=False):
    """Set the unit's (or, for the leader, the app's) workload status."""
    if isinstance(workload_state, WORKLOAD_STATES):
        workload_state = workload_state.value
    if workload_state not in [s.value for s in WORKLOAD_STATES]:
        raise ValueError(
            '{!r} is not a valid workload state'.format(workload_state))
    cmd = ['status-set']
    if application:
        cmd.append('--application')
    cmd.extend([workload_state, message])
    try:
        ret = subprocess.call(cmd)
        if ret == 0:
            return
    except OSError:
        pass
    log('status-set failed: {} {}'.format(workload_state, message),
        level=INFO)


def status_get():
    raw = _check_output(['status-get', '--format=json', '--include-data'])
    status = json.loads(raw)
    return (status['status'], status['message'])


def application_version_set(version):
    cmd = ['application-version-set', version]
    try:
        subprocess.check_call(cmd)
    except OSError:
        log('Application Version: {}'.format(version))


def open_port(port, protocol="TCP"):
    subprocess.check_call(['open-port', '{}/{}'.format(port, protocol)])


def close_port(port, protocol="TCP"):
    subprocess.check_call(['close-port', '{}/{}'.format(port, protocol)])


def open_ports(start, end, protocol="TCP"):
    subprocess.check_call(['open-port',
                           '{}-{}/{}'.format(start, end, protocol)])


def close_ports(start, end, protocol="TCP"):
    subprocess.check_call(['close-port',
                           '{}-{}/{}'.format(start, end, protocol)])


def opened_ports():
    """Ports this unit has opened, e.g. ``['80/tcp']``."""
    return json.loads(_check_output(['opened-ports', '--format=json']))


def is_leader():
    """Does this unit hold leadership (``is-leader --format=json``)?"""
    try:
        return json.loads(_check_output(['is-leader', '--format=json']))
    except OSError:
        raise NotImplementedError


# -- metadata -----------------------------------------------------------------

@cached
def metadata():
    with open(os.path.join(charm_dir(), 'metadata.yaml')) as md:
        return yaml.safe_load(md)


@cached
def charm_name():
    return metadata().get('name')


@cached
def relation_types():
    rel_types = []
    md = metadata()
    for key in ('provides', 'requires', 'peers'):
        section = md.get(key)
        if section:
            rel_types.extend(section.keys())
    return rel_types


@cached
def relation_to_role_and_interface(relation_name):
    md = metadata()
    for role in ('provides', 'requires', 'peers'):
        interface = (md.get(role) or {}).get(relation_name, {}).get(
            'interface')
        if interface:
            return role, interface
    return None, None


@cached
def relation_to_interface(relation_name):
    return relation_to_role_and_interface(relation_name)[1]


@cached
def role_and_interface_to_relations(role, interface_name):
    results = []
    for relation_name, relation in (metadata().get(role) or {}).items():
        if relation['interface'] == interface_name:
            results.append(relation_name)
    return results


@cached
def interface_to_relations(interface_name):
    results = []
    for role in ('provides', 'requires', 'peers'):
        results.extend(role_and_interface_to_relations(role, interface_name))
    return results


# -- relations ----------------------------------------------------------------

@cached
def relation_id(relation_name=None, service_or_unit=None):
    """The current relation id, or the one for (relation_name, unit)."""
    if not relation_name and not service_or_unit:
        return os.environ.get('JUJU_RELATION_ID', None)
    elif relation_name and service_or_unit:
        service = service_or_unit.split('/')[0]
        for relid in relation_ids(relation_name):
            if remote_service_name(relid) == service:
                return relid
    else:
        raise ValueError('Must specify neither or both of relation_name and '
                         'service_or_unit')


@cached
def relation_get(attribute=None, unit=None, rid=None, app=None):
    """Relation settings of ``unit`` (default: the remote unit)."""
    _args = ['relation-get', '--format=json']
    if app is not None:
        if unit is not None:
            raise ValueError("Cannot use both 'unit' and 'app'")
        _args.append('--app')
    if rid:
        _args.extend(['-r', rid])
    _args.append(attribute or '-')
    if unit or app:
        _args.append(unit or app)
    try:
        return json.loads(_check_output(_args))
    except ValueError:
        return None
    except subprocess.CalledProcessError as e:
        if e.returncode == 2:
            return None
        raise


def relation_set(relation_id=None, relation_settings=None, app=False,
                 **kwargs):
    """Publish settings for this unit (or app, with ``app=True``)."""
    relation_settings = relation_settings if relation_settings else {}
    cmd = ['relation-set']
    if app:
        cmd.append('--app')
    if relation_id is not None:
        cmd.extend(('-r', relation_id))
    settings = dict(relation_settings)
    settings.update(kwargs)
    for key, value in settings.items():
        if value is None:
            cmd.append('{}='.format(key))
        else:
            cmd.append('{}={}'.format(key, value))
    subprocess.check_call(cmd)
    flush(local_unit())


@cached
def relation_ids(reltype=None):
    reltype = reltype or relation_type()
    cmd = ['relation-ids', '--format=json']
    if reltype is not None:
        cmd.append(reltype)
        return json.loads(_check_output(cmd)) or []
    return []


@cached
def related_units(relid=None):
    relid = relid or relation_id()
    cmd = ['relation-list', '--format=json']
    if relid is not None:
        cmd.extend(('-r', relid))
    return json.loads(_check_output(cmd)) or []


@cached
def remote_service_name(relid=None):
    if relid is None:
        unit = remote_unit()
    else:
        units = related_units(relid)
        unit = units[0] if units else None
    return unit.split('/')[0] if unit else None


@cached
def relation_for_unit(unit=None, rid=None):
    unit = unit or remote_unit()
    relation = relation_get(unit=unit, rid=rid)
    for key in relation:
        if key.endswith('-list'):
            relation[key] = relation[key].split()
    relation['__unit__'] = unit
    return relation


@cached
def relations_for_id(relid=None):
    relation_data = []
    relid = relid or relation_ids()
    for unit in related_units(relid):
        unit_data = relation_for_unit(unit, relid)
        unit_data['__relid__'] = relid
        relation_data.append(unit_data)
    return relation_data


@cached
def relations_of_type(reltype=None):
    relation_data = []
    reltype = reltype or relation_type()
    for relid in relation_ids(reltype):
        for relation in relations_for_id(relid):
            relation['__relid__'] = relid
            relation_data.append(relation)
    return relation_data


@cached
def relations():
    rels = {}
    for reltype in relation_types():
        relids = {}
        for relid in relation_ids(reltype):
            units = {local_unit(): relation_get(unit=local_unit(), rid=relid)}
            for unit in related_units(relid):
                units[unit] = relation_get(unit=unit, rid=relid)
            relids[relid] = units
        rels[reltype] = relids
    return rels


# -- network ------------------------------------------------------------------

@cached
def unit_get(attribute):
    try:
        return json.loads(_check_output(['unit-get', '--format=json',
                                         attribute]))
    except ValueError:
        return None


def unit_public_ip():
    return unit_get('public-address')


def unit_private_ip():
    return unit_get('private-address')


@cached
def network_get_primary_address(binding):
    """``network-get --primary-address <binding>``."""
    cmd = ['network-get', '--primary-address', binding]
    try:
        return subprocess.check_output(
            cmd, stderr=subprocess.STDOUT).decode('UTF-8').strip()
    except subprocess.CalledProcessError as e:
        if 'no network config found for binding' in e.output.decode('UTF-8'):
            raise NoNetworkBinding("No network binding for {}"
                                   .format(binding))
        raise


def network_get(endpoint, relation_id=None):
    """The full network-get structure for ``endpoint`` (a dict)."""
    cmd = ['network-get', endpoint, '--format', 'yaml']
    if relation_id:
        cmd.extend(['-r', relation_id])
    response = subprocess.check_output(
        cmd, stderr=subprocess.STDOUT).decode('UTF-8').strip()
    return yaml.safe_load(response)


def ingress_address(rid=None, unit=None):
    settings = relation_get(rid=rid, unit=unit)
    return (settings.get('ingress-address') or
            settings.get('private-address'))


# -- storage ------------------------------------------------------------------

@cached
def storage_get(attribute=None, storage_id=None):
    """``storage-get --format=json [-s <id>] [<attribute>]``."""
    _args = ['storage-get', '--format=json']
    if storage_id:
        _args.extend(('-s', storage_id))
    if attribute:
        _args.append(attribute)
    try:
        return json.loads(subprocess.check_output(_args).decode('UTF-8'))
    except ValueError:
        return None


@cached
def storage_list(storage_name=None):
    """``storage-list --format=json [<name>]``: attached storage ids."""
    _args = ['storage-list', '--format=json']
    if storage_name:
        _args.append(storage_name)
    try:
        return json.loads(subprocess.check_output(_args).decode('UTF-8'))
    except ValueError:
        return None
    except OSError:
        return []


# -- payloads -----------------------------------------------------------------

def payload_register(ptype, klass, pid):
    """Tell Juju a payload (e.g. a docker container) was started."""
    cmd = ['payload-register']
    for x in [ptype, klass, pid]:
        cmd.append(x)
    try:
        subprocess.check_call(cmd)
    except OSError:
        raise NotImplementedError


def payload_unregister(klass, pid):
    cmd = ['payload-unregister']
    for x in [klass, pid]:
        cmd.append(x)
    try:
        subprocess.check_call(cmd)
    except OSError:
        raise NotImplementedError


def payload_status_set(klass, pid, status):
    """status must be one of starting, running, stopping, stopped."""
    cmd = ['payload-status-set']
    for x in [klass, pid, status]:
        cmd.append(x)
    try:
        subprocess.check_call(cmd)
    except OSError:
        raise NotImplementedError


# -- atstart / atexit ---------------------------------------------------------

_atexit = []
_atstart = []


def atstart(callback, *args, **kwargs):
    """Schedule a callback to run before the main hook (in order added)."""
    _atstart.append((callback, args, kwargs))


def atexit(callback, *args, **kwargs):
    """Schedule a callback to run on successful hook completion (in reverse
    order added)."""
    _atexit.append((callback, args, kwargs))


def _run_atstart():
    for callback, args, kwargs in _atstart:
        callback(*args, **kwargs)
    del _atstart[:]


def _run_atexit():
    for callback, args, kwargs in reversed(_atexit):
        callback(*args, **kwargs)
    del _atexit[:]

