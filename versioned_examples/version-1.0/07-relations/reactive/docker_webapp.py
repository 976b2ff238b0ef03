"""Run nginx in Docker, serving a static site chosen by configuration.

The charm ships several small sites in sites/; the `site` option picks
the one nginx serves, `port` the port on the machine, `image` the nginx
image, and `expires` how long browsers may cache the pages (passed to
the container as an environment variable). Part 3 registered the
container as a Juju payload; part 4 made `juju status` report it.

Part 5's rule: compute the container the configuration asks for, compare
it with what `docker inspect` says is running, and re-create the
container only when something differs. A running container cannot take
a new port, environment or mount, so re-creating is the only way; doing
it only on a difference keeps every hook safe to repeat.

The handlers are chosen by hook name (@hook), not by flags (see
examples/README.md). Every handler checks the docker.available flag
itself, and docker is only ever called with an argument list, so a
configuration value reaches docker as one argument, never as shell text.
Payload hook tools that fail are logged and ignored.

Part 7 adds the `website` relation (interface http): each unit tells a
load balancer where its site is. That code is the "relation stub" at the
end of this module, kept in one block so that part 9 can replace it with
an interface layer.
"""

import json
import os
import re
import subprocess

from charmhelpers.core import hookenv, unitdata
from charms.reactive import hook, is_flag_set

# docs:region constants
# A fixed name lets every hook find the container again.
CONTAINER = 'docker-webapp'
# nginx listens on port 80 inside the container...
CONTAINER_PORT = '80/tcp'
# ...and serves files from its default document root.
NGINX_ROOT = '/usr/share/nginx/html'
# The official nginx image (1.19 and later) fills in every *.template
# file of this directory from the environment when the container starts,
# and writes the result to /etc/nginx/conf.d.
NGINX_TEMPLATES = '/etc/nginx/templates'
# docs:endregion constants

# docs:region env-constants
# The environment variables this charm sets. Only these are compared
# with the running container: the image sets others (PATH, NGINX_VERSION)
# that `docker inspect` lists too.
ENV_EXPIRES = 'SITE_EXPIRES'
MANAGED_ENV = (ENV_EXPIRES,)
# docs:endregion env-constants

# docs:region payload-constants
# The payload class and type declared under payloads: in metadata.yaml.
PAYLOAD_CLASS = 'webapp'
PAYLOAD_TYPE = 'docker'
# Where this unit remembers what it registered. No hook tool lists a
# unit's payloads, so the charm keeps its own record.
PAYLOAD_KEY = 'docker-webapp.payload'
# Container state (see _inspect) -> payload status. Docker is trying to
# bring a restarting container back, which is what "starting" means.
PAYLOAD_STATUS = {'running': 'running', 'restarting': 'starting',
                  'exited': 'stopped'}
# docs:endregion payload-constants


# docs:region install
@hook('install')
def install():
    """Say what happens next; layer:docker installs Docker in this hook.

    This handler runs before layer:docker's flag handlers, so Docker is
    not there yet. There is nothing for this layer to install: the sites
    ship inside the charm and the image is pulled in config-changed.
    """
    hookenv.log('install: layer:docker installs Docker after this handler')
    hookenv.status_set('maintenance', 'installing Docker (layer:docker)')
# docs:endregion install


# docs:region reconcile
@hook('config-changed', 'start')
def reconcile():
    """Make the container match the configuration.

    Juju runs config-changed after install, after every `juju config`
    change, after an upgrade and when the unit agent restarts, then
    start once. Nothing here assumes that anything changed.
    """
    desired = _desired()
    if desired is None or not _docker_ready():
        return
    current = _inspect()
    if desired['site'] is None:
        _serve_nothing(current)
        return
    changed = _differences(desired, current)
    if not changed and current['state'] != 'exited':
        hookenv.log('container already matches the configuration')
        _sync_payload(current)
        _report(current, desired['port'])
        return
    hookenv.log('re-creating the container: {} changed'.format(
        ', '.join(changed)))
    _replace_container(desired, current)
# docs:endregion reconcile


# docs:region update-status
@hook('update-status')
def update_status():
    """Check the container every few minutes and repair what is cheap.

    One `docker inspect` answers everything. A container that exited is
    started again; a missing or outdated one means an earlier hook could
    not finish, so retry. Then report what is true now.
    """
    desired = _desired()
    if desired is None or not _docker_ready():
        return
    current = _inspect()
    if desired['site'] is None:
        _serve_nothing(current)
        return
    if _differences(desired, current):
        hookenv.log('update-status: container missing or out of date')
        _replace_container(desired, current)
        return
    if current['state'] == 'exited':
        hookenv.log('update-status: container exited with code {}; '
                    'starting it'.format(current['exit_code']),
                    hookenv.WARNING)
        _sync_payload(current)
        hookenv.status_set('maintenance', 'restarting the container '
                           '(it exited with code {})'.format(
                               current['exit_code']))
        try:
            _docker('start', CONTAINER)
        except subprocess.CalledProcessError as err:
            _block_on_docker_error(err)
            return
        current = _inspect()
    _sync_payload(current)
    _report(current, desired['port'])
# docs:endregion update-status


# docs:region stop
@hook('stop')
def stop():
    """Remove the container and close its port when the unit goes away."""
    port = None
    if is_flag_set('docker.available'):
        current = _inspect()
        if current is not None:
            port = current['port']
            try:
                _docker('rm', '-f', CONTAINER)
            except subprocess.CalledProcessError as err:
                # The unit is being removed; log and carry on.
                hookenv.log('could not remove the container: {}'.format(
                    err.stderr), hookenv.ERROR)
    # Forget the payload even if Docker is gone: the unit is going away.
    _sync_payload(None)
    if port is None:
        port = hookenv.config().get('port')
    if _port_ok(port):
        hookenv.close_port(port)
    hookenv.status_set('maintenance', 'container removed')
# docs:endregion stop


# docs:region desired
def _desired():
    """Return the container the configuration asks for, or None.

    The result holds everything that `docker run` fixes for the life of
    a container: image, published port, environment and bind mounts.
    `site` is None when the operator emptied the option, which means
    "serve nothing". An invalid value blocks the unit and returns None.
    """
    config = hookenv.config()
    problem = _config_problem(config)
    if problem is not None:
        hookenv.log(problem, hookenv.WARNING)
        hookenv.status_set('blocked', _fit(problem))
        return None
    site = config.get('site') or None
    binds = []
    if site is not None:
        binds = sorted([
            '{}:{}:ro'.format(_site_dir(site), NGINX_ROOT),
            '{}:{}:ro'.format(_templates_dir(), NGINX_TEMPLATES),
        ])
    return {
        'image': config['image'],
        'port': config['port'],
        'site': site,
        'env': {ENV_EXPIRES: config.get('expires') or 'off'},
        'binds': binds,
    }
# docs:endregion desired


# docs:region validate
# nginx's `expires` accepts off, epoch, max, or a time such as 30m, 1h,
# 7d or 1h30m. Anything else would break nginx's configuration file.
EXPIRES_RE = re.compile(r'^(off|epoch|max|([0-9]+(ms|s|m|h|d|w|M|y))+)$')
# A site is a directory in sites/: lower-case letters, digits, dashes.
SITE_RE = re.compile(r'^[a-z0-9][a-z0-9-]*$')


def _config_problem(config):
    """Describe the first invalid option and how to fix it, or None."""
    app = hookenv.application_name()
    image, port = config.get('image'), config.get('port')
    site, expires = config.get('site'), config.get('expires')
    if not _port_ok(port):
        return ('port {} is out of range 1-65535; '
                'run: juju config {} port=80'.format(port, app))
    if not image or any(char.isspace() for char in image):
        return ('image must be a name like nginx:1.27-alpine, without '
                'spaces; run: juju config {} --reset image'.format(app))
    if image.startswith('-'):
        # docker would read the value as an option, not as an image.
        return ('image {!r} starts with "-"; '
                'run: juju config {} --reset image'.format(image, app))
    if site and not _site_ok(site):
        return ('site {!r} does not exist; choose one of: {} '
                '(juju config {} site=default)'.format(
                    site, ', '.join(_sites()), app))
    if expires and not EXPIRES_RE.match(expires):
        return ('expires {!r} is not a time like 1h or 30m, or off; '
                'run: juju config {} --reset expires'.format(expires, app))
    return None


def _site_ok(site):
    """Return True if site names a directory in sites/ with a page."""
    return (SITE_RE.match(site) is not None
            and os.path.isfile(os.path.join(_site_dir(site),
                                            'index.html')))


def _sites():
    """Names of the sites this charm ships, sorted."""
    root = os.path.join(hookenv.charm_dir(), 'sites')
    return sorted(name for name in os.listdir(root) if _site_ok(name))


def _port_ok(port):
    """Return True if port is a whole number from 1 to 65535."""
    # bool is a subclass of int in Python; True is not a port.
    return (isinstance(port, int) and not isinstance(port, bool)
            and 1 <= port <= 65535)
# docs:endregion validate


# docs:region docker-ready
def _docker_ready():
    """Return True if layer:docker says Docker can run workloads."""
    if is_flag_set('docker.available'):
        return True
    # layer:docker sets the flag later in this hook or in a later one;
    # update-status calls us again every five minutes.
    hookenv.log('docker.available is not set yet; waiting')
    hookenv.status_set('waiting', 'waiting for Docker')
    return False
# docs:endregion docker-ready


# docs:region inspect
def _inspect():
    """Describe the existing container, or return None if there is none.

    Returns a dict with the same keys as _desired() for the things
    `docker run` fixed (image, port, env, binds), plus the container's
    id, its state ('running', 'restarting' or 'exited') and the exit code
    of its last run.
    """
    result = subprocess.run(['docker', 'inspect', CONTAINER],
                            capture_output=True, text=True)
    if result.returncode != 0:
        # "No such object" is the normal answer before the first run.
        hookenv.log('docker inspect: {}'.format(
            _first_line(result.stderr)), hookenv.DEBUG)
        return None
    info = json.loads(result.stdout)[0]
    host = info['HostConfig']
    published = (host.get('PortBindings') or {}).get(CONTAINER_PORT)
    host_port = (published or [{}])[0].get('HostPort') or ''
    env = {}
    for item in info['Config'].get('Env') or []:
        name, _, value = item.partition('=')
        if name in MANAGED_ENV:
            env[name] = value
    state = info['State']
    if state.get('Restarting'):
        summary = 'restarting'
    elif state.get('Running'):
        summary = 'running'
    else:
        summary = 'exited'
    return {
        'id': info['Id'],
        'image': info['Config']['Image'],
        'port': int(host_port) if host_port.isdigit() else None,
        'env': env,
        # Binds lists the -v values exactly as they were given.
        'binds': sorted(host.get('Binds') or []),
        'state': summary,
        'running': summary == 'running',
        'exit_code': state.get('ExitCode', 0),
    }


def _differences(desired, current):
    """Name what `docker run` would set differently; [] if nothing."""
    if current is None:
        return ['container']
    return [key for key in ('image', 'port', 'env', 'binds')
            if desired[key] != current[key]]
# docs:endregion inspect


# docs:region replace
def _replace_container(desired, current):
    """Pull the image, then swap the old container for a new one."""
    image, port = desired['image'], desired['port']
    hookenv.status_set('maintenance', _fit('pulling {}'.format(image)))
    try:
        # Pull first: if the image cannot be fetched, the old container
        # is still there and still serving.
        _docker('pull', image)
        hookenv.status_set('maintenance', 'starting the container')
        if current is not None:
            _remove_container(current, port)
        started = _docker(*_run_args(desired))
    except subprocess.CalledProcessError as err:
        _block_on_docker_error(err)
        return
    hookenv.log('started container {}'.format(started.stdout.strip()))
    hookenv.open_port(port)
    hookenv.application_version_set(_version(image))
    # An image whose process exits at once is already restarting now.
    current = _inspect()
    _sync_payload(current)
    _report(current, port)


def _remove_container(current, new_port=None):
    """Remove the container; unregister it and close its old port."""
    _docker('rm', '-f', CONTAINER)
    _sync_payload(None)
    if current['port'] is not None and current['port'] != new_port:
        # The 2015 charm forgot this and left old ports open.
        hookenv.close_port(current['port'])
# docs:endregion replace


# docs:region run-args
def _run_args(desired):
    """The `docker run` argument list for the desired container."""
    args = ['run', '-d', '--name', CONTAINER,
            # unless-stopped survives a daemon restart or a reboot.
            '--restart', 'unless-stopped',
            '-p', '{}:80'.format(desired['port'])]
    for name, value in sorted(desired['env'].items()):
        # One list element per variable: the value is never split or
        # interpreted, whatever characters it holds.
        args += ['-e', '{}={}'.format(name, value)]
    for bind in desired['binds']:
        args += ['-v', bind]
    return args + [desired['image']]
# docs:endregion run-args


# docs:region serve-nothing
def _serve_nothing(current):
    """Apply an empty `site`: no container, no port, no payload."""
    if current is not None:
        hookenv.log('site is empty: removing the container')
        try:
            _remove_container(current)
        except subprocess.CalledProcessError as err:
            _block_on_docker_error(err)
            return
    else:
        # Nothing to remove; forget a payload left from a lost container.
        _sync_payload(None)
    hookenv.status_set('blocked', 'no site selected, nothing is served; '
                       'run: juju config {} site=default'.format(
                           hookenv.application_name()))
# docs:endregion serve-nothing


# docs:region errors
def _docker(*args):
    """Run one docker command; raise CalledProcessError if it fails."""
    command = ['docker'] + list(args)
    hookenv.log('running: {}'.format(' '.join(command)))
    return subprocess.run(command, check=True, capture_output=True,
                          text=True)


def _block_on_docker_error(err):
    """Turn a failed docker command into a blocked status, not a crash.

    A crashed hook is retried by Juju and says nothing useful in
    `juju status`; docker's own first line usually says what is wrong.
    """
    hookenv.log('{} failed with exit code {}:\n{}'.format(
        ' '.join(err.cmd), err.returncode, err.stderr), hookenv.ERROR)
    detail = _first_line(err.stderr) or 'exit code {}'.format(err.returncode)
    for noise in ('docker: ', 'Error response from daemon: '):
        # Prefixes that say nothing, in a message with little room.
        if detail.startswith(noise):
            detail = detail[len(noise):]
    hookenv.status_set('blocked', _fit('docker {} failed: {}'.format(
        err.cmd[1], detail)))
# docs:endregion errors


# docs:region fit
# `juju status` cuts a longer message to 117 characters plus "..."
# (Juju 3.1 and later). Staying within it keeps the end of the message,
# often the useful part, on screen.
MAX_MESSAGE = 120


def _fit(message):
    """Shorten a status message to what `juju status` shows whole."""
    if len(message) <= MAX_MESSAGE:
        return message
    return message[:MAX_MESSAGE - 3] + '...'
# docs:endregion fit


def _first_line(text):
    """Return the first non-empty line of text, stripped."""
    for line in (text or '').splitlines():
        if line.strip():
            return line.strip()
    return ''


def _site_dir(site):
    """The directory of one site, inside the unpacked charm."""
    return os.path.join(hookenv.charm_dir(), 'sites', site)


def _templates_dir():
    """The nginx configuration templates that ship with the charm."""
    return os.path.join(hookenv.charm_dir(), 'nginx', 'templates')


# docs:region version
def _version(image):
    """Return the tag or digest of an image reference, for juju status."""
    if '@' in image:
        return image.split('@', 1)[1]
    last = image.rsplit('/', 1)[-1]
    return last.rsplit(':', 1)[1] if ':' in last else 'latest'
# docs:endregion version


# docs:region report
def _report(current, port):
    """Set the workload status from what `docker inspect` said.

    active: the site is served, so publish where on every website
    relation. blocked: the container is not running and the charm
    cannot fix that alone, so the message says where to look.
    (maintenance and waiting are set elsewhere, while the charm is busy
    or waits for Docker.)
    """
    if current is None:
        hookenv.status_set('blocked', 'the container disappeared; see '
                           'juju debug-log')
    elif current['state'] == 'running':
        hookenv.status_set('active', 'serving on port {}'.format(port))
        # The container serves: make sure every load balancer knows.
        _publish_website()
    else:
        # The exit code is the most useful fact: 0 means the process
        # finished on its own, 137 that it was killed (for example out
        # of memory), 1 or more that it failed.
        verb = 'keeps exiting' if current['state'] == 'restarting' \
            else 'exited'
        hookenv.status_set('blocked', (
            'container {} with code {}; see: juju exec --unit {} -- '
            'docker logs {}').format(verb, current['exit_code'],
                                     hookenv.local_unit(), CONTAINER))
# docs:endregion report


# docs:region sync-payload
def _sync_payload(current):
    """Make Juju's payload record match the container, or its absence.

    `current` is a dict from _inspect() (only 'id' and 'state' are
    used), or None when there is no container. The unit's key/value
    store remembers what was registered, so a container that vanished
    is unregistered too, and a hook that runs twice changes nothing.
    """
    store = unitdata.kv()
    known = store.get(PAYLOAD_KEY)  # {'id': ..., 'status': ...} or None
    wanted = None
    if current is not None:
        wanted = {'id': _payload_id(current['id']),
                  'status': PAYLOAD_STATUS[current['state']]}
    if known == wanted:
        return
    if known is not None and (wanted is None or known['id'] != wanted['id']):
        # That container was removed or replaced. Forget it even if
        # Juju says it never heard of it.
        _payload_tool(hookenv.payload_unregister,
                      PAYLOAD_CLASS, known['id'])
        store.unset(PAYLOAD_KEY)
        known = None
    if wanted is None:
        return
    if known is None:
        # Type first, then class, then id. Juju sets status "running".
        if not _payload_tool(hookenv.payload_register,
                             PAYLOAD_TYPE, PAYLOAD_CLASS, wanted['id']):
            return
        known = {'id': wanted['id'], 'status': 'running'}
        store.set(PAYLOAD_KEY, known)
    if known['status'] != wanted['status']:
        # Only starting, running, stopping and stopped are accepted.
        if _payload_tool(hookenv.payload_status_set,
                         PAYLOAD_CLASS, wanted['id'], wanted['status']):
            store.set(PAYLOAD_KEY, wanted)
# docs:endregion sync-payload


def _payload_id(container_id):
    """Shorten a container id to the 12 characters `docker ps` shows."""
    return container_id[:12]


# docs:region payload-tool
def _payload_tool(function, *args):
    """Run a charmhelpers payload function; never let it fail the hook.

    charmhelpers raises NotImplementedError when the hook tool does not
    exist, and CalledProcessError when Juju refuses the call. Either way
    the container is fine, so log a warning and carry on.
    """
    try:
        function(*args)
    except (NotImplementedError, subprocess.CalledProcessError) as err:
        hookenv.log('{}{} failed: {}'.format(function.__name__, args, err),
                    hookenv.WARNING)
        return False
    hookenv.log('{}{}'.format(function.__name__, args))
    return True
# docs:endregion payload-tool


# docs:region relation-stub
# ======================================================================
# The relation stub: hand-written code for the `website` endpoint
# (interface: http), which tells a load balancer where this unit serves.
#
# Everything the charm knows about relations is in this block. Chapter 9
# deletes it and includes the interface:http layer instead, which does
# the same job behind flags such as `website.available`.
# ======================================================================

# The endpoint name from metadata.yaml (provides: website: http).
WEBSITE = 'website'


# docs:region website-joined
@hook('website-relation-{joined,changed}')
def website_joined_or_changed(*endpoint):
    """Tell the remote unit where this unit's site can be reached.

    Juju runs -joined once for each remote unit (each haproxy unit) and
    -changed right after it, then again whenever that unit changes its
    own data. The answer is the same every time, so both hooks share
    one handler.

    charms.reactive passes a @hook handler the endpoint's object when an
    interface layer for it is part of the charm. This charm has none for
    `http`, so nothing is passed; *endpoint keeps the handler working
    either way.
    """
    hookenv.log('website relation: {} for {}'.format(
        hookenv.hook_name(), hookenv.remote_unit()))
    _publish_website([hookenv.relation_id()])
# docs:endregion website-joined


# docs:region website-departed
@hook('website-relation-departed')
def website_departed(*endpoint):
    """Note that a remote unit left; a provider has nothing to undo.

    This unit only published its own address. It kept nothing from the
    departing haproxy unit, so there is nothing to clean up here. (The
    haproxy units that stay rewrite their own configuration.)
    """
    hookenv.log('website relation: {} left; still related to: {}'.format(
        hookenv.departing_unit() or hookenv.remote_unit(),
        ', '.join(hookenv.related_units()) or 'nobody'))
# docs:endregion website-departed


# docs:region website-broken
@hook('website-relation-broken')
def website_broken(*endpoint):
    """The relation is gone: stop publishing to it.

    Juju deletes the relation and its data after this hook. The
    publishing code only ever writes to the relations that
    `relation-ids website` lists, so there is nothing else to stop.
    """
    hookenv.log('website relation: {} removed; nothing more to '
                'publish there'.format(hookenv.relation_id()))
# docs:endregion website-broken


# docs:region publish
def _publish_website(relation_ids=None):
    """Publish hostname, private-address and port on website relations.

    Called from the relation hooks above and whenever the container is
    (re)started, so a relation that joined before the container existed
    gets its data as soon as there is something to reach. Only publishes
    while the container runs, and only the port Docker really publishes.
    """
    if relation_ids is None:
        relation_ids = hookenv.relation_ids(WEBSITE)
    if not relation_ids:
        return
    # docker may not even be installed yet in an early relation hook.
    current = _inspect() if is_flag_set('docker.available') else None
    if current is None or not current['running'] or not current['port']:
        hookenv.log('website relation: the container is not running '
                    'yet; publishing when it is')
        return
    for relation_id in relation_ids:
        address = _ingress_address(relation_id)
        if address is None:
            continue
        settings = {
            # What the legacy haproxy charm's README asks for...
            'hostname': address,
            # ...and what its code reads. Juju 4.0 stops filling this in.
            'private-address': address,
            # The host port Docker publishes, not nginx's port 80 inside.
            'port': str(current['port']),
        }
        _relation_set_if_changed(relation_id, settings)
# docs:endregion publish


# docs:region ingress-address
def _ingress_address(relation_id):
    """Return the address remote units should use to reach this unit.

    `network-get website --ingress-address` answers for the network the
    endpoint is bound to (with -r, for that relation, which matters
    across models). Never the container's 172.17.x.x bridge address:
    other machines cannot route to it.
    """
    command = ['network-get', WEBSITE, '--ingress-address',
               '-r', relation_id]
    result = subprocess.run(command, capture_output=True, text=True)
    address = result.stdout.strip()
    if result.returncode != 0 or not address:
        hookenv.log('{} failed: {}'.format(
            ' '.join(command), _first_line(result.stderr)),
            hookenv.WARNING)
        return None
    return address
# docs:endregion ingress-address


# docs:region relation-set
def _relation_set_if_changed(relation_id, settings):
    """Write settings to this unit's data bag unless they are there."""
    published = hookenv.relation_get(
        rid=relation_id, unit=hookenv.local_unit()) or {}
    if all(published.get(key) == value
           for key, value in settings.items()):
        return
    hookenv.log('website relation: publishing {} on {}'.format(
        ' '.join('{}={}'.format(k, v) for k, v in sorted(settings.items())),
        relation_id))
    hookenv.relation_set(relation_id=relation_id,
                         relation_settings=settings)
# docs:endregion relation-set
# docs:endregion relation-stub
