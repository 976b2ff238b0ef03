"""Stand-in for the ``docker`` CLI, backed by the unit model.

Nothing is pulled or run.  Containers are records; a detached ``run`` leaves
one "running", a foreground ``run`` "exits" at once (``--rm`` then removes
it).  Validation and messages follow docker/cli: client-side errors exit 125
for ``run`` (like ``docker: invalid reference format.``), daemon errors
(``Error response from daemon: ...``) exit 1 elsewhere.

Before the layer:docker stand-in has installed Docker, every call fails like
a missing binary (exit 127, ``docker: command not found``); while the daemon
is down (knob ``docker_down``) it fails with ``Cannot connect to the Docker
daemon ...`` (exit 1).

Supported: ``pull``, ``run``, ``create``, ``ps``/``container ls``,
``inspect``, ``start``, ``stop``, ``restart``, ``kill``, ``rm``, ``logs``,
``exec`` (no-op), ``images``, ``rmi``, ``version``, ``info``; ``container`` and
``image`` management-command prefixes.  Go templates support ``{{.A.B}}``,
``{{json .A}}`` and ``table`` only.

Known limits: no networks/volumes objects, no build/compose, no real
process output, ``exec`` does nothing, ``-P`` publishes nothing.
"""

import hashlib
import json
import os
import re

from .common import Result, ToolError

NOT_INSTALLED = 'docker: command not found'
DAEMON_DOWN = ('Cannot connect to the Docker daemon at '
               'unix:///var/run/docker.sock. Is the docker daemon running?')
NAME_RE = re.compile(r'^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$')
# distribution/reference grammar, simplified but strict about what matters
_COMPONENT = r'[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*'
_DOMAIN = (r'(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])'
           r'(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*'
           r'(?::[0-9]+)?)')
REFERENCE_RE = re.compile(
    r'^(?:(?P<domain>%s)/)?(?P<path>%s(?:/%s)*)'
    r'(?::(?P<tag>[\w][\w.-]{0,127}))?'
    r'(?:@(?P<digest>[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*'
    r':[0-9a-fA-F]{32,}))?$' % (_DOMAIN, _COMPONENT, _COMPONENT))
ENV_NAME_RE = re.compile(r'^[^=\s]+$')
RESTART_NAMES = ('no', 'always', 'unless-stopped', 'on-failure')

RUN_VALUE_FLAGS = [
    '--name', ('-p', '--publish'), ('-e', '--env'), '--env-file',
    ('-v', '--volume'), '--mount', '--restart', ('-u', '--user'),
    ('--network', '--net'), '--log-driver', '--log-opt', '--cap-drop',
    '--cap-add', ('-w', '--workdir'), '--entrypoint', ('-h', '--hostname'),
    ('-l', '--label'), ('-m', '--memory'), '--cpus', '--expose',
    '--add-host', '--dns', '--device', '--tmpfs', '--ulimit',
    '--stop-signal', '--stop-timeout', '--pull', '--health-cmd',
    '--health-interval', '--security-opt', '--platform', '--pid',
    '--shm-size', '--ipc', '--sysctl', '--group-add', '--cidfile',
]
RUN_BOOL_FLAGS = [('-d', '--detach'), '--rm', '--read-only',
                  ('-i', '--interactive'), ('-t', '--tty'), '--privileged',
                  ('-P', '--publish-all'), '--init', '--no-healthcheck',
                  ('-q', '--quiet')]


def _flag_tables(value_flags, bool_flags):
    kinds, canon = {}, {}
    for group, kind in ((value_flags, 'value'), (bool_flags, 'bool')):
        for names in group:
            names = (names,) if isinstance(names, str) else tuple(names)
            for name in names:
                kinds[name] = kind
                canon[name] = names[0]
    return kinds, canon


def parse_docker_flags(argv, command, value_flags, bool_flags,
                       intersperse=False):
    """pflag semantics: ``--x=v``, ``--x v``, ``-xv``, ``-dit`` bundles;
    flags stop at the first positional unless ``intersperse``."""
    kinds, canon = _flag_tables(value_flags, bool_flags)
    opts, pos = {}, []
    i = 0

    def bad(msg):
        raise ToolError('%s\nSee \'docker %s --help\'.' % (msg, command), 125)

    def take_value(name, inline):
        nonlocal i
        if inline is not None:
            return inline
        i += 1
        if i >= len(argv):
            bad('flag needs an argument: %s' % name)
        return argv[i]

    while i < len(argv):
        arg = argv[i]
        if arg == '--':
            pos.extend(argv[i + 1:])
            break
        if arg.startswith('--'):
            name, eq, inline = arg.partition('=')
            if name not in kinds:
                bad('unknown flag: %s' % name)
            if kinds[name] == 'bool':
                opts[canon[name]] = inline.lower() != 'false' if eq else True
            else:
                opts.setdefault(canon[name], []).append(
                    take_value(name, inline if eq else None))
        elif arg.startswith('-') and len(arg) > 1:
            j = 1
            while j < len(arg):
                short = '-' + arg[j]
                if short not in kinds:
                    bad("unknown shorthand flag: '%s' in %s" % (arg[j], arg))
                if kinds[short] == 'bool':
                    opts[canon[short]] = True
                    j += 1
                    continue
                rest = arg[j + 1:]
                if rest.startswith('='):
                    rest = rest[1:]
                opts.setdefault(canon[short], []).append(
                    take_value(short, rest if rest else None))
                break
        else:
            if not intersperse:
                pos.extend(argv[i:])
                break
            pos.append(arg)
        i += 1
    return opts, pos


# -- references and ids -------------------------------------------------------

def parse_reference(ref):
    """Return the normalised ``name:tag`` (or ``name@digest``) or raise."""
    match = REFERENCE_RE.match(ref or '')
    if not match or len(ref) > 255:
        if ref and ref.lower() != ref and REFERENCE_RE.match(ref.lower()):
            raise ToolError('invalid reference format: repository name (%s) '
                            'must be lowercase' % ref, 1)
        raise ToolError('invalid reference format', 1)
    if match.group('digest'):
        return ref
    if match.group('tag'):
        return ref
    return ref + ':latest'


def _make_id(seed):
    return hashlib.sha256(seed.encode()).hexdigest()


def _image_id(ref):
    return 'sha256:' + _make_id('image:' + ref)


# -- the command table --------------------------------------------------------

class Docker:
    """One invocation of the stand-in against the loaded state."""

    def __init__(self, state, env):
        self.state = state
        self.env = env
        self.d = state['docker']
        self.out = []
        self.err = []

    # helpers
    def echo(self, text=''):
        self.out.append(text + '\n')

    def warn(self, text):
        self.err.append(text + '\n')

    def find(self, ref):
        """Container by name or (prefix of) id, or None."""
        ref = ref.lstrip('/')
        if ref in self.d['containers']:
            return self.d['containers'][ref]
        for ctr in self.d['containers'].values():
            if ref and ctr['id'].startswith(ref):
                return ctr
        return None

    def need(self, ref):
        ctr = self.find(ref)
        if ctr is None:
            raise ToolError('Error response from daemon: No such container: '
                            '%s' % ref, 1)
        return ctr

    def event(self, action, ctr):
        self.d['history'].append({'action': action, 'name': ctr['name'],
                                  'id': ctr['id'],
                                  'hook': self.state.get('hook')})

    def ensure_image(self, ref, quiet=False, run=False):
        """Pull ``ref`` unless present; honour the failing-images knob."""
        full = parse_reference(ref)
        if full in self.d['images']:
            return full
        if run:
            self.warn("Unable to find image '%s' locally" % full)
        failing = self.state['knobs'].get('failing_images') or []
        if ref in failing or full in failing:
            repo = full.split('@')[0].rsplit(':', 1)[0]
            raise ToolError(
                'Error response from daemon: pull access denied for %s, '
                'repository does not exist or may require \'docker login\': '
                'denied: requested access to the resource is denied' % repo,
                125 if run else 1)
        self.d['images'][full] = {'id': _image_id(full), 'ref': full,
                                  'pulled_in_hook': self.state.get('hook')}
        if not quiet:
            if full.endswith(':latest') and ref == full[:-7]:
                self.echo('Using default tag: latest')
            self.echo('Digest: sha256:%s' % _make_id('digest:' + full))
            self.echo('Status: Downloaded newer image for %s' % full)
        return full

    # commands ---------------------------------------------------------------
    def cmd_pull(self, args):
        opts, pos = parse_docker_flags(args, 'pull', ['--platform'],
                                       [('-q', '--quiet'),
                                        ('-a', '--all-tags')])
        if len(pos) != 1:
            raise ToolError('"docker pull" requires exactly 1 argument.\n'
                            "See 'docker pull --help'.", 1)
        try:
            full = self.ensure_image(pos[0], quiet=bool(opts.get('-q')))
        except ToolError as exc:
            raise ToolError(exc.message, 1)
        self.echo(full if '/' in full.split(':')[0] or '@' in full
                  else 'docker.io/library/' + full)

    def cmd_run(self, args, detach_default=False, create_only=False):
        command = 'create' if create_only else 'run'
        opts, pos = parse_docker_flags(args, command, RUN_VALUE_FLAGS,
                                       RUN_BOOL_FLAGS)
        if not pos:
            raise ToolError("docker: 'docker %s' requires at least 1 "
                            "argument.\nSee 'docker %s --help'."
                            % (command, command), 125)
        image, cmd_args = pos[0], pos[1:]
        try:
            parse_reference(image)
        except ToolError as exc:
            raise ToolError('docker: %s.\nSee \'docker %s --help\'.'
                            % (exc.message, command), 125)
        ctr = self.build_container(opts, image, cmd_args, command)
        name = ctr['name']
        if name in self.d['containers']:
            other = self.d['containers'][name]['id']
            raise ToolError(
                'docker: Error response from daemon: Conflict. The container '
                'name "/%s" is already in use by container "%s". You have to '
                'remove (or rename) that container to be able to reuse that '
                'name.\nSee \'docker %s --help\'.' % (name, other, command),
                125)
        try:
            ctr['image'] = self.ensure_image(image, quiet=True, run=True)
        except ToolError as exc:
            raise ToolError('docker: ' + exc.message, 125)
        ctr['image_id'] = self.d['images'][ctr['image']]['id']
        ctr['image_ref'] = image
        self.d['containers'][name] = ctr
        self.event('create', ctr)
        if create_only:
            self.echo(ctr['id'])
            return
        self.start_container(ctr)
        if ctr['detach']:
            self.echo(ctr['id'])
        elif ctr['running']:
            # a foreground container in the stand-in finishes at once
            self.exit_container(ctr, 0)
        if ctr['rm'] and not ctr['running']:
            self.remove_container(ctr)

    def cmd_create(self, args):
        self.cmd_run(args, create_only=True)

    def build_container(self, opts, image, cmd_args, command):
        def bad(msg):
            raise ToolError('docker: %s.\nSee \'docker %s --help\'.'
                            % (msg, command), 125)

        seq = self.d['next_id']
        self.d['next_id'] = seq + 1
        name = (opts.get('--name') or [None])[-1]
        if name is None:
            name = 'stand_in_%d' % seq
        elif not NAME_RE.match(name):
            raise ToolError('docker: Error response from daemon: Invalid '
                            'container name (%s), only [a-zA-Z0-9]'
                            '[a-zA-Z0-9_.-] are allowed.\nSee \'docker %s '
                            '--help\'.' % (name, command), 125)
        name = name.lstrip('/')
        restart, max_retry = self.parse_restart(
            (opts.get('--restart') or ['no'])[-1], bad)
        if opts.get('--rm') and restart != 'no':
            bad('Conflicting options: --restart and --rm')
        network = (opts.get('--network') or ['default'])[-1]
        ports = []
        for spec in opts.get('-p', []):
            ports.extend(self.parse_publish(spec, bad))
        if network == 'host' and ports:
            self.warn('WARNING: Published ports are discarded when using '
                      'host network mode')
            ports = []
        env, env_files = [], []
        for path in opts.get('--env-file', []):
            env_files.append(self.read_env_file(path, env, bad))
        for item in opts.get('-e', []):
            self.add_env(item, env, bad)
        mounts = [self.parse_volume(v, bad) for v in opts.get('-v', [])]
        mounts += [self.parse_mount(m, bad) for m in opts.get('--mount', [])]
        log_opts = {}
        for item in opts.get('--log-opt', []):
            key, eq, value = item.partition('=')
            if not eq or not key:
                bad('invalid argument "%s" for "--log-opt" flag: invalid '
                    'key-value pair' % item)
            log_opts[key] = value
        user = (opts.get('-u') or [''])[-1]
        if opts.get('-u') is not None and (not user or
                                           re.search(r'\s', user)):
            bad('invalid argument "%s" for "-u, --user" flag' % user)
        return {
            'name': name,
            'id': _make_id('container:%d:%s' % (seq, name)),
            'seq': seq,
            'command': cmd_args,
            'ports': ports,
            'port_bindings': self.port_bindings(ports),
            'env': env,
            'env_dict': dict(e.split('=', 1) for e in env),
            'env_files': env_files,
            'mounts': mounts,
            'restart': restart,
            'restart_max_retries': max_retry,
            'user': user,
            'network': network,
            'read_only': bool(opts.get('--read-only')),
            'cap_drop': list(opts.get('--cap-drop', [])),
            'cap_add': list(opts.get('--cap-add', [])),
            'log_driver': (opts.get('--log-driver') or ['json-file'])[-1],
            'log_opts': log_opts,
            'labels': list(opts.get('-l', [])),
            'entrypoint': (opts.get('--entrypoint') or [None])[-1],
            'workdir': (opts.get('-w') or [''])[-1],
            'rm': bool(opts.get('--rm')),
            'detach': bool(opts.get('-d')),
            'privileged': bool(opts.get('--privileged')),
            'running': False,
            'status': 'created',
            'exit_code': 0,
            'start_count': 0,
            'manually_stopped': False,
            'argv': None,  # filled in by the dispatcher
            'created_in_hook': self.state.get('hook'),
        }

    @staticmethod
    def parse_restart(value, bad):
        name, _, count = value.partition(':')
        if name not in RESTART_NAMES:
            bad("invalid restart policy '%s'; use one of 'no', 'always', "
                "'on-failure', or 'unless-stopped'" % name)
        if count:
            if name != 'on-failure':
                bad("invalid restart policy format: maximum retry count can "
                    "only be used with 'on-failure'")
            if not count.isdigit():
                bad('invalid restart policy format: maximum retry count must '
                    'be an integer')
            return name, int(count)
        return name, 0

    @staticmethod
    def parse_publish(spec, bad):
        body, _, proto = spec.partition('/')
        proto = proto or 'tcp'
        if proto not in ('tcp', 'udp', 'sctp'):
            bad('invalid proto: %s' % proto)
        parts = body.rsplit(':', 2) if not body.startswith('[') else None
        if parts is None:
            bad('invalid publish spec: %s' % spec)
        if len(parts) == 1:
            host_ip, host_port, ctr_port = '', '', parts[0]
        elif len(parts) == 2:
            host_ip, (host_port, ctr_port) = '', parts
        else:
            host_ip, host_port, ctr_port = parts

        def check(value, what):
            if not re.match(r'^\d+(-\d+)?$', value):
                bad('invalid %s: %s' % (what, value))
            lo, _, hi = value.partition('-')
            for num in (lo, hi):
                if num and not 1 <= int(num) <= 65535:
                    bad('invalid %s: %s' % (what, value))
            return value

        if host_ip and not re.match(r'^[0-9a-fA-F.:]+$', host_ip):
            bad('invalid IP address: %s' % host_ip)
        check(ctr_port, 'containerPort')
        if host_port:
            check(host_port, 'hostPort')
        if '-' in ctr_port or '-' in host_port:
            # ranges: expand pairwise
            lo, _, hi = ctr_port.partition('-')
            cports = list(range(int(lo), int(hi or lo) + 1))
            if host_port:
                hlo, _, hhi = host_port.partition('-')
                hports = list(range(int(hlo), int(hhi or hlo) + 1))
                if len(hports) != len(cports):
                    bad('invalid ranges specified for container and host '
                        'Ports: %s and %s' % (ctr_port, host_port))
            else:
                hports = [''] * len(cports)
            return [{'host_ip': host_ip, 'host_port': str(h),
                     'container_port': str(c), 'proto': proto, 'spec': spec}
                    for h, c in zip(hports, cports)]
        return [{'host_ip': host_ip, 'host_port': host_port,
                 'container_port': ctr_port, 'proto': proto, 'spec': spec}]

    @staticmethod
    def port_bindings(ports):
        bindings = {}
        for p in ports:
            key = '%s/%s' % (p['container_port'], p['proto'])
            bindings.setdefault(key, []).append(
                {'HostIp': p['host_ip'], 'HostPort': p['host_port']})
        return bindings

    def add_env(self, item, env, bad, from_file=False):
        name, eq, value = item.partition('=')
        if not name:
            bad('invalid environment variable: %s' % item)
        if re.search(r'\s', name) and from_file:
            bad("variable '%s' contains whitespaces" % name)
        if not eq:
            # `-e VAR` copies the caller's value (the hook environment)
            if name not in self.env:
                return
            value = self.env[name]
        env[:] = [e for e in env if e.split('=', 1)[0] != name]
        env.append('%s=%s' % (name, value))

    def read_env_file(self, path, env, bad):
        try:
            st = os.stat(path)
            with open(path, encoding='utf-8', newline='') as fp:
                text = fp.read()
        except OSError:
            bad('open %s: no such file or directory' % path)
        except UnicodeDecodeError:
            bad('env file %s contains invalid utf8 bytes' % path)
        # Like Go's bufio.ScanLines: split on "\n" only and drop one "\r"
        # before it (Python's splitlines would also split on \x85, \u2028
        # and other characters docker keeps inside a value).
        lines = text.split('\n')
        if lines and lines[-1] == '':
            lines.pop()
        for line in lines:
            if line.endswith('\r'):
                line = line[:-1]
            line = line.lstrip()
            if not line or line.startswith('#'):
                continue
            self.add_env(line, env, bad, from_file=True)
        return {'path': path, 'mode': '%04o' % (st.st_mode & 0o7777)}

    @staticmethod
    def parse_volume(spec, bad):
        parts = spec.split(':')
        if len(parts) == 1:
            src, dst, mode = '', parts[0], ''
        elif len(parts) == 2:
            (src, dst), mode = parts, ''
        elif len(parts) == 3:
            src, dst, mode = parts
        else:
            bad('invalid volume specification: \'%s\'' % spec)
        if not dst.startswith('/'):
            bad('invalid volume specification: \'%s\': invalid mount config '
                'for type "bind": invalid mount path: \'%s\' mount path must '
                'be absolute' % (spec, dst))
        modes = [m for m in mode.split(',') if m]
        for m in modes:
            if m not in ('ro', 'rw', 'z', 'Z', 'shared', 'rshared', 'slave',
                         'rslave', 'private', 'rprivate', 'nocopy'):
                bad('invalid mode: %s' % m)
        if not src:
            kind = 'volume'  # anonymous volume
        elif src.startswith(('/', '.', '~')):
            kind = 'bind'
        else:
            kind = 'volume'  # named volume
        return {'type': kind, 'source': src, 'destination': dst,
                'mode': mode, 'rw': 'ro' not in modes, 'spec': spec,
                'host_path_exists': bool(kind == 'bind' and
                                         os.path.exists(src))}

    @staticmethod
    def parse_mount(spec, bad):
        fields = {}
        for part in spec.split(','):
            key, eq, value = part.partition('=')
            fields[key.strip()] = value if eq else 'true'
        kind = fields.get('type', 'volume')
        if kind not in ('bind', 'volume', 'tmpfs'):
            bad('invalid argument "%s" for "--mount" flag: invalid mount '
                'type: %s' % (spec, kind))
        target = (fields.get('target') or fields.get('destination')
                  or fields.get('dst'))
        if not target:
            bad('invalid argument "%s" for "--mount" flag: target is '
                'required' % spec)
        source = fields.get('source') or fields.get('src') or ''
        if kind == 'bind' and not source:
            bad('invalid argument "%s" for "--mount" flag: source is '
                'required when type is bind' % spec)
        ro = fields.get('readonly', fields.get('ro', 'false'))
        read_only = ro in ('true', '1', '')
        return {'type': kind, 'source': source, 'destination': target,
                'mode': 'ro' if read_only else '', 'rw': not read_only,
                'spec': spec, 'host_path_exists': bool(
                    kind == 'bind' and os.path.exists(source))}

    # lifecycle
    def start_container(self, ctr):
        ctr['start_count'] += 1
        ctr['manually_stopped'] = False
        ctr['restarting'] = False
        crashing = self.state['knobs'].get('crashing_images') or []
        looping = self.state['knobs'].get('restart_looping_images') or []
        if (ctr['restart'] != 'no' and
                (ctr['image'] in looping or ctr.get('image_ref') in looping)):
            # Like moby's State.SetRestarting: the process exited and the
            # restart policy will start it again after a back-off delay.
            # Docker counts a restarting container as running.
            ctr['running'] = True
            ctr['restarting'] = True
            ctr['status'] = 'restarting'
            # A list exits 1; a dict {image: exit code} picks the code.
            ctr['exit_code'] = 1
            if isinstance(looping, dict):
                ctr['exit_code'] = looping.get(
                    ctr['image'], looping.get(ctr.get('image_ref'), 1))
            ctr['restart_count'] = ctr.get('restart_count', 0) + 1
            self.event('die', ctr)
        elif (ctr['image'] in crashing or ctr.get('image_ref') in crashing or
              ctr['image'] in looping or ctr.get('image_ref') in looping):
            self.exit_container(ctr, 1)
        else:
            ctr['running'] = True
            ctr['status'] = 'running'
        self.event('start', ctr)

    def exit_container(self, ctr, code):
        ctr['running'] = False
        ctr['restarting'] = False
        ctr['status'] = 'exited'
        ctr['exit_code'] = code
        self.event('die', ctr)

    def remove_container(self, ctr):
        del self.d['containers'][ctr['name']]
        ctr['removed_in_hook'] = self.state.get('hook')
        self.d['removed'].append(ctr)
        self.event('destroy', ctr)

    def cmd_start(self, args):
        opts, pos = parse_docker_flags(args, 'start', [],
                                       [('-a', '--attach'),
                                        ('-i', '--interactive')], True)
        if not pos:
            raise ToolError('"docker start" requires at least 1 argument.', 1)
        for ref in pos:
            ctr = self.need(ref)
            if not ctr['running']:
                self.start_container(ctr)
            self.echo(ref)

    def cmd_stop(self, args, kill=False):
        command = 'kill' if kill else 'stop'
        value_flags = [('-s', '--signal')] if kill else \
            [('-t', '--time', '--timeout'), ('-s', '--signal')]
        opts, pos = parse_docker_flags(args, command, value_flags, [], True)
        if not pos:
            raise ToolError('"docker %s" requires at least 1 argument.'
                            % command, 1)
        for ref in pos:
            ctr = self.need(ref)
            if kill and not ctr['running']:
                raise ToolError('Error response from daemon: cannot kill '
                                'container: %s: container %s is not running'
                                % (ref, ctr['id']), 1)
            if ctr['running']:
                self.exit_container(ctr, 137 if kill else 0)
            ctr['manually_stopped'] = True
            self.echo(ref)

    def cmd_kill(self, args):
        self.cmd_stop(args, kill=True)

    def cmd_restart(self, args):
        opts, pos = parse_docker_flags(args, 'restart',
                                       [('-t', '--time', '--timeout')], [],
                                       True)
        for ref in pos:
            ctr = self.need(ref)
            if ctr['running']:
                self.exit_container(ctr, 0)
            self.start_container(ctr)
            self.echo(ref)

    def cmd_rm(self, args):
        opts, pos = parse_docker_flags(args, 'rm', [],
                                       [('-f', '--force'),
                                        ('-v', '--volumes'),
                                        ('-l', '--link')], True)
        if not pos:
            raise ToolError('"docker rm" requires at least 1 argument.', 1)
        errors = []
        for ref in pos:
            ctr = self.find(ref)
            if ctr is None:
                errors.append('Error response from daemon: No such '
                              'container: %s' % ref)
                continue
            if ctr['running'] and not opts.get('-f'):
                errors.append(
                    'Error response from daemon: cannot remove container '
                    '"/%s": container is running: stop the container before '
                    'removing or force remove' % ctr['name'])
                continue
            if ctr['running']:
                self.exit_container(ctr, 137)
            ctr['removed_volumes'] = bool(opts.get('-v'))
            self.remove_container(ctr)
            self.echo(ref)
        if errors:
            raise ToolError('\n'.join(errors), 1)

    def cmd_logs(self, args):
        opts, pos = parse_docker_flags(
            args, 'logs', ['--since', '--until', ('-n', '--tail')],
            [('-f', '--follow'), ('-t', '--timestamps'), '--details'], True)
        if len(pos) != 1:
            raise ToolError('"docker logs" requires exactly 1 argument.', 1)
        ctr = self.need(pos[0])
        if ctr['log_driver'] == 'none':
            raise ToolError('Error response from daemon: configured logging '
                            'driver does not support reading', 1)

    def cmd_exec(self, args):
        opts, pos = parse_docker_flags(
            args, 'exec', [('-e', '--env'), ('-u', '--user'),
                           ('-w', '--workdir')],
            [('-d', '--detach'), ('-i', '--interactive'), ('-t', '--tty'),
             '--privileged'])
        if len(pos) < 2:
            raise ToolError('"docker exec" requires at least 2 arguments.',
                            1)
        ctr = self.need(pos[0])
        if not ctr['running']:
            raise ToolError('Error response from daemon: container %s is '
                            'not running' % ctr['id'], 1)

    def cmd_ps(self, args):
        opts, pos = parse_docker_flags(
            args, 'ps', [('-f', '--filter'), '--format', ('-n', '--last')],
            [('-a', '--all'), ('-q', '--quiet'), '--no-trunc',
             ('-s', '--size'), ('-l', '--latest')], True)
        if pos:
            raise ToolError('"docker ps" accepts no arguments.', 1)
        ctrs = sorted(self.d['containers'].values(), key=lambda c: -c['seq'])
        if not opts.get('-a'):
            ctrs = [c for c in ctrs if c['running']]
        for flt in opts.get('-f', []):
            key, eq, value = flt.partition('=')
            if not eq:
                raise ToolError('invalid argument "%s" for "-f, --filter" '
                                'flag: bad format of filter (expected '
                                'name=value)' % flt, 1)
            ctrs = [c for c in ctrs if self.filter_match(c, key, value)]
        fmt = (opts.get('--format') or [None])[-1]
        if opts.get('-q'):
            for c in ctrs:
                self.echo(c['id'] if opts.get('--no-trunc') else c['id'][:12])
            return
        rows = [self.ps_row(c) for c in ctrs]
        if fmt and not fmt.startswith('table'):
            for row in rows:
                self.echo(render_template(fmt, row))
            return
        self.echo('CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    '
                  'PORTS     NAMES')
        for row in rows:
            self.echo('   '.join([row['ID'], row['Image'], row['Command'],
                                  row['CreatedAt'], row['Status'],
                                  row['Ports'], row['Names']]))

    @staticmethod
    def filter_match(ctr, key, value):
        if key == 'name':
            return re.search(value, ctr['name']) is not None
        if key == 'id':
            return ctr['id'].startswith(value)
        if key == 'status':
            return ctr['status'] == value
        if key == 'ancestor':
            return value in (ctr['image'], ctr.get('image_ref'))
        if key == 'label':
            return value in ctr['labels'] or any(
                lbl.split('=', 1)[0] == value for lbl in ctr['labels'])
        raise ToolError('Error response from daemon: invalid filter \'%s\''
                        % key, 1)

    @staticmethod
    def ps_row(ctr):
        ports = ', '.join(
            '%s:%s->%s/%s' % (p['host_ip'] or '0.0.0.0', p['host_port'],
                              p['container_port'], p['proto'])
            if p['host_port'] else '%s/%s' % (p['container_port'], p['proto'])
            for p in ctr['ports'])
        if ctr.get('restarting'):
            status = 'Restarting (%d) 2 seconds ago' % ctr['exit_code']
        elif ctr['running']:
            status = 'Up 2 seconds'
        elif ctr['status'] == 'created':
            status = 'Created'
        else:
            status = 'Exited (%d) 2 seconds ago' % ctr['exit_code']
        return {'ID': ctr['id'][:12], 'Names': ctr['name'],
                'Image': ctr.get('image_ref') or ctr['image'],
                'Command': '"%s"' % ' '.join(ctr['command'])[:20],
                'CreatedAt': '2 seconds ago', 'Status': status,
                'State': ctr['status'], 'Ports': ports,
                'Labels': ','.join(ctr['labels']),
                'Mounts': ','.join(m['source'] or m['destination']
                                   for m in ctr['mounts']),
                'Networks': ctr['network'] if ctr['network'] != 'default'
                else 'bridge'}

    def inspect_container(self, ctr):
        return {
            'Id': ctr['id'],
            'Created': '2015-10-23T00:00:00.000000000Z',
            'Path': ctr['entrypoint'] or (ctr['command'][0]
                                          if ctr['command'] else ''),
            'Args': ctr['command'][1:],
            'State': {'Status': ctr['status'], 'Running': ctr['running'],
                      'Paused': False,
                      'Restarting': bool(ctr.get('restarting')),
                      'OOMKilled': False, 'Dead': False,
                      'ExitCode': ctr['exit_code'],
                      'Pid': 0 if ctr.get('restarting') or not ctr['running']
                      else 4242},
            'Image': ctr['image_id'],
            'Name': '/' + ctr['name'],
            'RestartCount': ctr.get('restart_count', 0),
            'HostConfig': {
                'PortBindings': ctr['port_bindings'],
                'RestartPolicy': {'Name': ctr['restart'],
                                  'MaximumRetryCount':
                                      ctr['restart_max_retries']},
                'AutoRemove': ctr['rm'],
                'NetworkMode': ctr['network'],
                'ReadonlyRootfs': ctr['read_only'],
                'CapDrop': ctr['cap_drop'] or None,
                'CapAdd': ctr['cap_add'] or None,
                'Privileged': ctr['privileged'],
                'LogConfig': {'Type': ctr['log_driver'],
                              'Config': ctr['log_opts']},
                'Binds': [m['spec'] for m in ctr['mounts']
                          if m['spec'].count(':') >= 1 and
                          not m['spec'].startswith('type=')] or None,
            },
            'Mounts': [{'Type': m['type'], 'Source': m['source'],
                        'Destination': m['destination'], 'Mode': m['mode'],
                        'RW': m['rw'],
                        'Name': m['source'] if m['type'] == 'volume'
                        else None} for m in ctr['mounts']],
            'Config': {'Hostname': ctr['id'][:12], 'User': ctr['user'],
                       'Env': list(ctr['env']), 'Cmd': ctr['command'] or None,
                       'Image': ctr.get('image_ref') or ctr['image'],
                       'WorkingDir': ctr['workdir'],
                       'Entrypoint': [ctr['entrypoint']]
                       if ctr['entrypoint'] else None,
                       'Labels': dict(lbl.partition('=')[::2]
                                      for lbl in ctr['labels']),
                       'ExposedPorts': {k: {} for k in ctr['port_bindings']}},
            'NetworkSettings': {
                'Ports': ctr['port_bindings'] if ctr['running'] else {},
                # the bridge address is NOT routable from other machines;
                # charms must advertise the unit's ingress address instead
                'IPAddress': '172.17.0.%d' % (1 + ctr['seq'] % 250)
                if ctr['running'] and ctr['network'] == 'default' else ''},
        }

    def cmd_inspect(self, args):
        opts, pos = parse_docker_flags(args, 'inspect',
                                       [('-f', '--format'), '--type'],
                                       [('-s', '--size')], True)
        if not pos:
            raise ToolError('"docker inspect" requires at least 1 argument.',
                            1)
        fmt = (opts.get('-f') or [None])[-1]
        kind = (opts.get('--type') or [None])[-1]
        found, missing = [], []
        for ref in pos:
            obj = None
            if kind in (None, 'container'):
                ctr = self.find(ref)
                obj = self.inspect_container(ctr) if ctr else None
            if obj is None and kind in (None, 'image'):
                img = self.find_image(ref)
                if img:
                    obj = {'Id': img['id'], 'RepoTags': [img['ref']],
                           'Config': {}}
            if obj is None:
                missing.append(ref)
            else:
                found.append(obj)
        if fmt:
            for obj in found:
                self.echo(render_template(fmt, obj))
        else:
            self.out.append(json.dumps(found, indent=4) + '\n')
        if missing:
            if not fmt and not found:
                self.out = ['[]\n']
            raise ToolError('\n'.join('Error: No such object: %s' % m
                                      for m in missing), 1,
                            stdout=''.join(self.out))

    def find_image(self, ref):
        try:
            full = parse_reference(ref)
        except ToolError:
            full = ref
        return self.d['images'].get(full)

    def cmd_images(self, args):
        opts, pos = parse_docker_flags(args, 'images', ['--format'],
                                       [('-q', '--quiet'), ('-a', '--all')],
                                       True)
        fmt = (opts.get('--format') or [None])[-1]
        if not (opts.get('-q') or fmt):
            self.echo('REPOSITORY   TAG   IMAGE ID   CREATED   SIZE')
        for ref, img in sorted(self.d['images'].items()):
            repo, _, tag = ref.rpartition(':') if '@' not in ref else \
                (ref.split('@')[0], '', '<none>')
            row = {'Repository': repo, 'Tag': tag, 'ID': img['id'][7:19]}
            if opts.get('-q'):
                self.echo(row['ID'])
            elif fmt:
                self.echo(render_template(fmt, row))
            else:
                self.echo('   '.join([repo, tag, row['ID'], '2 days ago',
                                      '187MB']))

    def cmd_rmi(self, args):
        opts, pos = parse_docker_flags(args, 'rmi', [], [('-f', '--force')],
                                       True)
        for ref in pos:
            img = self.find_image(ref)
            if img is None:
                raise ToolError('Error response from daemon: No such image: '
                                '%s' % ref, 1)
            users = [c['name'] for c in self.d['containers'].values()
                     if c['image'] == img['ref']]
            if users and not opts.get('-f'):
                raise ToolError('Error response from daemon: conflict: '
                                'unable to remove repository reference "%s" '
                                '(must force) - container %s is using its '
                                'referenced image' % (ref, users[0]), 1)
            del self.d['images'][img['ref']]
            self.echo('Untagged: %s' % img['ref'])

    def version_info(self):
        return {'Client': {'Version': '24.0.7', 'ApiVersion': '1.43'},
                'Server': {'Version': '24.0.7', 'ApiVersion': '1.43'}}

    def cmd_version(self, args):
        opts, pos = parse_docker_flags(args, 'version', [('-f', '--format')],
                                       [])
        info = self.version_info()
        fmt = (opts.get('-f') or [None])[-1]
        if fmt:
            self.echo(render_template(fmt, info))
        else:
            self.echo('Client:\n Version:           24.0.7\n'
                      'Server: Docker Engine (harness stand-in)\n Engine:\n'
                      '  Version:          24.0.7')

    def cmd_info(self, args):
        parse_docker_flags(args, 'info', [('-f', '--format')], [])
        running = sum(1 for c in self.d['containers'].values()
                      if c['running'])
        self.echo('Containers: %d\n Running: %d\nImages: %d\n'
                  'Server Version: 24.0.7'
                  % (len(self.d['containers']), running,
                     len(self.d['images'])))


COMMANDS = {'pull': 'pull', 'run': 'run', 'create': 'create', 'ps': 'ps',
            'inspect': 'inspect', 'start': 'start', 'stop': 'stop',
            'restart': 'restart', 'kill': 'kill', 'rm': 'rm', 'logs': 'logs',
            'exec': 'exec', 'images': 'images', 'rmi': 'rmi',
            'version': 'version', 'info': 'info'}
MANAGEMENT = {
    'container': {'run': 'run', 'create': 'create', 'ls': 'ps', 'ps': 'ps',
                  'list': 'ps', 'inspect': 'inspect', 'start': 'start',
                  'stop': 'stop', 'restart': 'restart', 'kill': 'kill',
                  'rm': 'rm', 'remove': 'rm', 'logs': 'logs',
                  'exec': 'exec'},
    'image': {'pull': 'pull', 'ls': 'images', 'list': 'images',
              'rm': 'rmi', 'remove': 'rmi', 'inspect': 'inspect'},
}


def tool_docker(state, args, env):
    if not state['docker']['installed']:
        raise ToolError(NOT_INSTALLED, 127)
    args = list(args)
    original = ['docker'] + list(args)
    if not args or args[0] in ('-h', '--help', 'help'):
        return Result('Usage:  docker [OPTIONS] COMMAND\n')
    if args[0] in ('-v', '--version'):
        return Result('Docker version 24.0.7, build harness\n')
    if args[0].startswith('-'):
        raise ToolError("unknown flag: %s\nSee 'docker --help'." % args[0],
                        125)
    sub = args.pop(0)
    if sub in MANAGEMENT:
        if not args:
            raise ToolError("docker: '%s' requires a subcommand" % sub, 1)
        inner = args.pop(0)
        if inner not in MANAGEMENT[sub]:
            raise ToolError("docker: '%s %s' is not a docker command.\n"
                            "See 'docker --help'" % (sub, inner), 1)
        name = MANAGEMENT[sub][inner]
    elif sub in COMMANDS:
        name = COMMANDS[sub]
    else:
        raise ToolError("docker: '%s' is not a docker command.\n"
                        "See 'docker --help'" % sub, 1)
    runner = Docker(state, env)
    if not state['docker']['daemon_running'] and name != 'version':
        raise ToolError(DAEMON_DOWN, 1)
    if name == 'version' and not state['docker']['daemon_running']:
        runner.cmd_version(args)
        return Result(''.join(runner.out), DAEMON_DOWN + '\n', 1)
    before = set(state['docker']['containers'])
    try:
        getattr(runner, 'cmd_' + name)(args)
    finally:
        for cname in set(state['docker']['containers']) - before:
            state['docker']['containers'][cname]['argv'] = original
    return Result(''.join(runner.out), ''.join(runner.err))


# -- Go template subset -------------------------------------------------------

_TEMPLATE_RE = re.compile(r'{{\s*(json\s+)?(\.[A-Za-z0-9_.]*)\s*}}')


def _lookup(obj, path):
    value = obj
    for part in [p for p in path.split('.') if p]:
        if isinstance(value, dict) and part in value:
            value = value[part]
        else:
            return None, False
    return value, True


def _go_format(value):
    if value is None:
        return '<no value>'
    if isinstance(value, bool):
        return 'true' if value else 'false'
    if isinstance(value, dict):
        return 'map[%s]' % ' '.join('%s:%s' % (k, _go_format(v))
                                    for k, v in sorted(value.items()))
    if isinstance(value, list):
        return '[%s]' % ' '.join(_go_format(v) for v in value)
    return str(value)


def render_template(fmt, obj):
    """Render the subset of Go templates that charms use with docker."""
    if fmt.startswith('table'):
        fmt = fmt[5:].lstrip()
    fmt = fmt.replace('\\t', '\t').replace('\\n', '\n')

    def sub(match):
        is_json, path = match.group(1), match.group(2)
        value, found = _lookup(obj, path)
        if is_json:
            return json.dumps(value)
        if not found:
            return '<no value>'
        return _go_format(value)

    unsupported = re.sub(_TEMPLATE_RE, '', fmt)
    if '{{' in unsupported:
        raise ToolError('template: the harness docker stand-in does not '
                        'support this template: %s' % fmt, 1)
    return _TEMPLATE_RE.sub(sub, fmt)
