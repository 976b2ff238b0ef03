"""Stand-ins for the Juju hook tools (jujuc commands).

Each ``tool_<name>(state, args, env)`` returns a :class:`Result` or raises
:class:`ToolError`.  Messages copy the shape of Juju's (``ERROR ...`` on
stderr); argument/usage errors exit 2 like Juju's ``Init`` failures, runtime
errors exit 1.

Storage: ``storage-get`` and ``storage-list`` (no ``storage-add``); the
instance is ``-s <id>`` or, in a storage hook, ``$JUJU_STORAGE_ID``.

Known limits: no ``leader-get/set``, ``storage-add``, ``action-*``,
``secret-*``, ``state-*``, ``credential-get``, ``goal-state``,
``relation-model-get``; ``--endpoints`` on ports is accepted and ignored;
``relation-set --file`` reads YAML only.
"""

import re

from .. import model
from .common import Result, ToolError, format_output, last, parse_flags

WORKLOAD_STATES = ('maintenance', 'blocked', 'waiting', 'active')
PAYLOAD_STATES = ('starting', 'running', 'stopping', 'stopped')
LOG_LEVELS = ('CRITICAL', 'ERROR', 'WARNING', 'INFO', 'DEBUG', 'TRACE')
PORT_RE = re.compile(r'^(\d+)(?:-(\d+))?(?:/([A-Za-z]+))?$')


def _out(value, opts):
    return Result(format_output(value, last(opts, '--format', 'smart')))


def _too_many(extra):
    raise ToolError('ERROR unrecognized args: ["%s"]'
                    % '" "'.join(extra), 2)


# -- config / status / version ----------------------------------------------

def tool_config_get(state, args, env):
    opts, pos = parse_flags(args, value_flags=['--format', ('-o', '--output')],
                            bool_flags=[('-a', '--all')])
    if len(pos) > 1:
        _too_many(pos[1:])
    if pos and opts.get('-a'):
        raise ToolError('ERROR cannot use argument --all together with key '
                        '"%s"' % pos[0], 2)
    if pos:
        value = model.effective_config(state).get(pos[0])
        return _out(value, opts)
    return _out(model.effective_config(state, bool(opts.get('-a'))), opts)


def tool_status_set(state, args, env):
    opts, pos = parse_flags(args, bool_flags=['--application'])
    if not pos:
        raise ToolError('ERROR invalid args, require <status> [message] '
                        '[data]', 2)
    status = pos[0]
    if status not in WORKLOAD_STATES:
        raise ToolError('ERROR invalid status "%s", expected one of [%s]'
                        % (status, ' '.join(WORKLOAD_STATES)), 2)
    if len(pos) > 2:
        _too_many(pos[2:])
    message = pos[1] if len(pos) > 1 else ''
    scope = 'unit'
    if opts.get('--application'):
        if not state['leader']:
            raise ToolError('ERROR setting application status: this unit is '
                            'not the leader')
        scope = 'application'
    state['status'][scope] = {'status': status, 'message': message}
    state['status']['history'].append(
        {'scope': scope, 'status': status, 'message': message,
         'hook': state.get('hook')})
    return Result()


def tool_status_get(state, args, env):
    opts, pos = parse_flags(args, value_flags=['--format'],
                            bool_flags=['--include-data', '--application'])
    if pos:
        _too_many(pos)
    scope = 'application' if opts.get('--application') else 'unit'
    if scope == 'application' and not state['leader']:
        raise ToolError('ERROR finding application status: this unit is not '
                        'the leader')
    current = state['status'][scope]
    if opts.get('--include-data'):
        value = {'status': current['status'], 'message': current['message'],
                 'status-data': {}}
    else:
        value = current['status']
    return _out(value, opts)


def tool_application_version_set(state, args, env):
    opts, pos = parse_flags(args)
    if len(pos) != 1:
        raise ToolError('ERROR no version specified' if not pos
                        else 'ERROR unrecognized args: %s' % pos[1:], 2)
    state['app_version'] = pos[0]
    return Result()


def tool_juju_log(state, args, env):
    opts, pos = parse_flags(args, value_flags=[('-l', '--log-level'),
                                               '--format'],
                            bool_flags=['--debug'])
    if not pos:
        raise ToolError('ERROR no message specified', 2)
    level = last(opts, '-l', 'DEBUG' if opts.get('--debug') else 'INFO')
    level = level.upper()
    if level not in LOG_LEVELS:
        # Juju logs a warning and falls back to INFO rather than failing
        level = 'INFO'
    state['_log_records'] = state.get('_log_records', []) + [
        {'level': level, 'message': ' '.join(pos), 'hook': state.get('hook')}]
    return Result()


def tool_is_leader(state, args, env):
    opts, pos = parse_flags(args, value_flags=['--format'])
    if pos:
        _too_many(pos)
    return _out(bool(state['leader']), opts)


# -- ports ------------------------------------------------------------------

def parse_port_spec(spec):
    """Normalise ``80``, ``80/TCP``, ``1000-2000/udp``, ``icmp`` like Juju."""
    if spec.lower() == 'icmp':
        return 'icmp'
    match = PORT_RE.match(spec)
    if not match:
        raise ToolError('ERROR expected <port>[/<protocol>] or '
                        '<from>-<to>[/<protocol>] or icmp; got "%s"'
                        % spec, 2)
    low, high, proto = match.groups()
    proto = (proto or 'tcp').lower()
    if proto not in ('tcp', 'udp'):
        if proto == 'icmp':
            raise ToolError('ERROR protocol "icmp" doesn\'t support any '
                            'ports; got "%s"' % spec, 2)
        raise ToolError('ERROR invalid protocol "%s", expected "tcp", '
                        '"udp", or "icmp"' % proto, 2)
    for number in (low, high):
        if number is not None and not 1 <= int(number) <= 65535:
            raise ToolError('ERROR port must be in the range [1, 65535]; '
                            'got "%s"' % number, 2)
    if high is not None:
        if int(high) < int(low):
            raise ToolError('ERROR invalid port range %s-%s'
                            % (low, high), 2)
        if low != high:
            return '%d-%d/%s' % (int(low), int(high), proto)
    return '%d/%s' % (int(low), proto)


def _port_args(args):
    opts, pos = parse_flags(args, value_flags=['--endpoints', '--format'])
    if not pos:
        raise ToolError('ERROR no port or range specified', 2)
    if len(pos) > 1:
        _too_many(pos[1:])
    return parse_port_spec(pos[0])


def tool_open_port(state, args, env):
    port = _port_args(args)
    pending = state['pending']
    if port in pending['ports_close']:
        pending['ports_close'].remove(port)
    if port not in pending['ports_open']:
        pending['ports_open'].append(port)
    return Result()


def tool_close_port(state, args, env):
    port = _port_args(args)
    pending = state['pending']
    if port in pending['ports_open']:
        pending['ports_open'].remove(port)
    if port not in pending['ports_close']:
        pending['ports_close'].append(port)
    return Result()


def tool_opened_ports(state, args, env):
    opts, pos = parse_flags(args, value_flags=['--format'],
                            bool_flags=['--endpoints'])
    ports = model.visible_ports(state)
    if last(opts, '--format', 'smart') == 'smart':
        return Result(''.join('%s\n' % p for p in ports))
    return _out(ports, opts)


# -- relations --------------------------------------------------------------

def find_relation(state, ref):
    """Resolve ``-r`` values such as ``website:1`` or ``1``."""
    for rel_id, rel in state['relations'].items():
        if rel.get('removed'):
            continue
        if ref == rel_id or ref == rel_id.split(':')[1]:
            return rel_id
    raise ToolError('ERROR invalid value "%s" for option -r: relation not '
                    'found' % ref, 2)


def _relation_from(opts, env, state):
    ref = last(opts, '-r') or env.get('JUJU_RELATION_ID')
    if not ref:
        raise ToolError('ERROR no relation id specified', 2)
    return find_relation(state, ref)


def tool_relation_get(state, args, env):
    opts, pos = parse_flags(args, value_flags=[('-r', '--relation'),
                                               '--format', ('-o', '--output')],
                            bool_flags=['--app'])
    rel_id = _relation_from(opts, env, state)
    rel = state['relations'][rel_id]
    if len(pos) > 2:
        _too_many(pos[2:])
    key = pos[0] if pos else '-'
    target = pos[1] if len(pos) > 1 else None
    if opts.get('--app'):
        app = target or env.get('JUJU_REMOTE_APP') or rel['remote_app']
        if app == state['app']:
            if not state['leader']:
                raise ToolError('ERROR permission denied')
            data = model.local_settings(state, rel_id, app=True)
        elif app == rel['remote_app']:
            data = dict(rel['remote_app_data'])
        else:
            raise ToolError('ERROR cannot read application settings for '
                            '"%s" in relation "%s"' % (app, rel_id))
    else:
        unit = target or env.get('JUJU_REMOTE_UNIT')
        if not unit:
            raise ToolError('ERROR no unit id specified', 2)
        if unit == state['unit']:
            data = model.local_settings(state, rel_id)
        elif unit in rel['remote']:
            data = dict(rel['remote'][unit])
        else:
            raise ToolError('ERROR cannot read settings for unit "%s" in '
                            'relation "%s": unit "%s": settings not found'
                            % (unit, rel_id, unit))
    value = data if key == '-' else data.get(key)
    return _out(value, opts)


def tool_relation_set(state, args, env):
    if '--help' in args or '-h' in args:
        # charmhelpers probes for --file support this way
        return Result('Usage: relation-set [options] key=value [key=value '
                      '...]\n\nOptions:\n--app  (= false)\n--file  (= )\n'
                      '    file containing key-value pairs\n'
                      '--format  (= "")\n-r, --relation  (= )\n')
    opts, pos = parse_flags(args, value_flags=[('-r', '--relation'),
                                               '--file', '--format'],
                            bool_flags=['--app'])
    rel_id = _relation_from(opts, env, state)
    settings = {}
    file_arg = last(opts, '--file')
    if file_arg:
        if file_arg == '-':
            raise ToolError('ERROR reading settings from stdin is not '
                            'supported by the stand-in')
        import yaml  # lazily, see common.format_output
        try:
            with open(file_arg) as fp:
                loaded = yaml.safe_load(fp) or {}
        except OSError as exc:
            raise ToolError('ERROR %s' % exc)
        if not isinstance(loaded, dict):
            raise ToolError('ERROR expected YAML map in %s' % file_arg)
        for k, v in loaded.items():
            settings[str(k)] = None if v in (None, '') else str(v)
    for arg in pos:
        key, eq, value = arg.partition('=')
        if not eq or not key:
            raise ToolError('ERROR expected "key=value", got "%s"' % arg, 2)
        settings[key] = value if value != '' else None
    scope = 'unit'
    if opts.get('--app'):
        if not state['leader']:
            raise ToolError('ERROR cannot write relation settings: this unit '
                            'is not the leader')
        scope = 'app'
    bucket = state['pending']['relation_settings'].setdefault(
        '%s:%s' % (scope, rel_id), {})
    bucket.update(settings)
    return Result()


def tool_relation_ids(state, args, env):
    opts, pos = parse_flags(args, value_flags=['--format'])
    if len(pos) > 1:
        _too_many(pos[1:])
    name = pos[0] if pos else env.get('JUJU_RELATION')
    if not name:
        raise ToolError('ERROR no endpoint name specified', 2)
    if name not in endpoint_names(state):
        raise ToolError('ERROR invalid value "%s" for option : no endpoint '
                        'named "%s"' % (name, name), 2)
    ids = [rid for rid, rel in sorted(state['relations'].items(),
                                      key=lambda item: item[1]['number'])
           if rel['endpoint'] == name and not rel.get('removed')
           and not rel.get('broken')]
    if last(opts, '--format', 'smart') == 'smart':
        return Result(''.join('%s\n' % r for r in ids))
    return _out(ids, opts)


def tool_relation_list(state, args, env):
    opts, pos = parse_flags(args, value_flags=[('-r', '--relation'),
                                               '--format'],
                            bool_flags=['--app'])
    if pos:
        _too_many(pos)
    rel = state['relations'][_relation_from(opts, env, state)]
    if opts.get('--app'):
        return _out(rel['remote_app'], opts)
    if last(opts, '--format', 'smart') == 'smart':
        return Result(''.join('%s\n' % u for u in rel['units']))
    return _out(list(rel['units']), opts)


def endpoint_names(state):
    meta = state.get('metadata') or {}
    names = []
    for role in ('provides', 'requires', 'peers'):
        names.extend((meta.get(role) or {}).keys())
    return names


# -- network ----------------------------------------------------------------

def tool_network_get(state, args, env):
    address_flags = ['--ingress-address', '--primary-address',
                     '--bind-address', '--egress-subnets']
    opts, pos = parse_flags(args, value_flags=[('-r', '--relation'),
                                               '--format'],
                            bool_flags=address_flags)
    if not pos:
        raise ToolError('ERROR no arguments specified', 2)
    if len(pos) > 1:
        _too_many(pos[1:])
    binding = pos[0]
    extra = list(((state.get('metadata') or {}).get('extra-bindings')
                  or {}).keys())
    if binding not in endpoint_names(state) + extra:
        raise ToolError('ERROR no network config found for binding "%s"'
                        % binding)
    if last(opts, '-r'):
        find_relation(state, last(opts, '-r'))
    addr = state['network']['ingress']
    values = {'--ingress-address': addr, '--primary-address': addr,
              '--bind-address': addr, '--egress-subnets': addr + '/32'}
    wanted = [f for f in address_flags if opts.get(f)]
    if len(wanted) == 1:
        return _out(values[wanted[0]], opts)
    if wanted:
        return _out({f[2:]: values[f] for f in wanted}, opts)
    cidr = addr.rsplit('.', 1)[0] + '.0/24'
    full = {
        'bind-addresses': [{
            'mac-address': '00:16:3e:00:00:03', 'interface-name': 'eth0',
            'addresses': [{'hostname': '', 'address': addr, 'value': addr,
                           'cidr': cidr}],
            'macaddress': '00:16:3e:00:00:03', 'interfacename': 'eth0'}],
        'egress-subnets': [addr + '/32'],
        'ingress-addresses': [addr],
    }
    return _out(full, opts)


def tool_unit_get(state, args, env):
    opts, pos = parse_flags(args, value_flags=['--format'])
    if len(pos) != 1:
        raise ToolError('ERROR no setting specified' if not pos
                        else 'ERROR unrecognized args: %s' % pos[1:], 2)
    if pos[0] == 'private-address':
        return _out(state['network']['private'], opts)
    if pos[0] == 'public-address':
        return _out(state['network']['public'], opts)
    raise ToolError('ERROR unknown setting "%s"' % pos[0], 2)


# -- payloads ---------------------------------------------------------------

def _payload_key(klass, pid):
    return '%s/%s' % (klass, pid)


def tool_payload_register(state, args, env):
    opts, pos = parse_flags(args)
    if len(pos) < 3:
        raise ToolError('ERROR missing required arguments', 2)
    ptype, klass, pid, tags = pos[0], pos[1], pos[2], pos[3:]
    declared = ((state.get('metadata') or {}).get('payloads') or {})
    if klass not in declared:
        raise ToolError('ERROR payload "%s" not found in metadata.yaml'
                        % klass)
    want = (declared[klass] or {}).get('type')
    if want != ptype:
        raise ToolError('ERROR incorrect type "%s" for payload "%s", '
                        'expected "%s"' % (ptype, klass, want))
    state['payloads'][_payload_key(klass, pid)] = {
        'class': klass, 'id': pid, 'type': ptype, 'status': 'running',
        'tags': tags, 'unit': state['unit']}
    return Result()


def tool_payload_status_set(state, args, env):
    opts, pos = parse_flags(args)
    if len(pos) != 3:
        raise ToolError('ERROR expected <class> <id> <status>', 2)
    klass, pid, status = pos
    if status not in PAYLOAD_STATES:
        raise ToolError('ERROR status must be in %s, got "%s"'
                        % (', '.join('"%s"' % s for s in PAYLOAD_STATES),
                           status), 2)
    payload = state['payloads'].get(_payload_key(klass, pid))
    if payload is None:
        raise ToolError('ERROR payload "%s" not found'
                        % _payload_key(klass, pid))
    payload['status'] = status
    return Result()


def tool_payload_unregister(state, args, env):
    opts, pos = parse_flags(args)
    if len(pos) != 2:
        raise ToolError('ERROR expected <class> <id>', 2)
    if state['payloads'].pop(_payload_key(*pos), None) is None:
        raise ToolError('ERROR payload "%s" not found'
                        % _payload_key(*pos))
    return Result()


# -- harness-only helpers used by the layer:docker stand-in ------------------

def tool_harness_install_docker(state, args, env):
    """Pretend ``apt-get install docker.io``; honours the test knob."""
    if state['knobs'].get('docker_install_fails'):
        raise ToolError('E: Unable to locate package docker.io '
                        '(harness knob docker_install_fails)', 100)
    state['docker']['installed'] = True
    state['docker']['daemon_running'] = not state['knobs'].get('docker_down')
    return Result('docker.io installed (harness stand-in)\n')


# -- storage ------------------------------------------------------------------

def _storage_instance(state, storage_id):
    inst = state.get('storage', {}).get(storage_id)
    if inst is None or not inst['attached']:
        raise ToolError('ERROR invalid value "%s" for option -s: storage '
                        'instance "%s" not found' % (storage_id, storage_id),
                        2)
    return inst


def tool_storage_get(state, args, env):
    """``storage-get [-s <id>] [<key>]``: kind and location of an instance.

    Without ``-s`` Juju uses the storage of the current storage hook
    (``$JUJU_STORAGE_ID``); anywhere else that is an error.
    """
    opts, pos = parse_flags(args, value_flags=['-s', '--format'])
    if len(pos) > 1:
        _too_many(pos[1:])
    storage_id = last(opts, '-s') or env.get('JUJU_STORAGE_ID')
    if not storage_id:
        raise ToolError('ERROR no storage instance specified', 2)
    inst = _storage_instance(state, storage_id)
    values = {'kind': inst['kind'], 'location': inst['location']}
    if pos:
        if pos[0] not in values:
            raise ToolError('ERROR invalid storage attribute "%s"' % pos[0])
        return _out(values[pos[0]], opts)
    return _out(values, opts)


def tool_storage_list(state, args, env):
    """``storage-list [<name>]``: ids of the attached storage instances."""
    opts, pos = parse_flags(args, value_flags=['--format'])
    if len(pos) > 1:
        _too_many(pos[1:])
    ids = sorted(sid for sid, inst in state.get('storage', {}).items()
                 if inst['attached'] and (not pos or inst['name'] == pos[0]))
    return _out(ids, opts)


JUJU_TOOLS = {
    'config-get': tool_config_get,
    'status-set': tool_status_set,
    'status-get': tool_status_get,
    'application-version-set': tool_application_version_set,
    'juju-log': tool_juju_log,
    'is-leader': tool_is_leader,
    'open-port': tool_open_port,
    'close-port': tool_close_port,
    'opened-ports': tool_opened_ports,
    'relation-get': tool_relation_get,
    'relation-set': tool_relation_set,
    'relation-ids': tool_relation_ids,
    'relation-list': tool_relation_list,
    'network-get': tool_network_get,
    'unit-get': tool_unit_get,
    'payload-register': tool_payload_register,
    'payload-status-set': tool_payload_status_set,
    'payload-unregister': tool_payload_unregister,
    'storage-get': tool_storage_get,
    'storage-list': tool_storage_list,
    'harness-install-docker': tool_harness_install_docker,
}

