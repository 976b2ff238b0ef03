"""Run nginx in Docker, serving a static site chosen by configuration.

This is the charm of part 7 re-composed with charms.reactive flags. It
has the same options (site, expires, image, port), runs the same
container, registers the same payload and publishes the same data on
the `website` relation. What changes is how the code is chosen: the
hook-era module picked handlers by hook name, here every handler names
the flags it needs, and the reactive bus runs it in whichever hook they
hold:

* docker.available (layer:docker): Docker can run workloads.
* config.changed (layer:basic): an option changed in this hook.
* website.available (interface:http, in interfaces/http): a remote unit
  is joined on the website endpoint.
* webapp.started (ours): the container matches the configuration and
  runs.
* webapp.stopping (ours): the unit is being removed.

The helpers below the handlers are part 7's, unchanged except that
_report() no longer publishes on the relation: publish_website() does.
Docker is only ever called with an argument list, so a configuration
value reaches docker as one argument, never as shell text.
"""

import json
import os
import re
import subprocess

from charmhelpers.core import hookenv, unitdata
from charms.reactive import (clear_flag, endpoint_from_flag, hook,
                             is_flag_set, set_flag, when, when_not)

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

# The environment variables this charm sets. Only these are compared
# with the running container: the image sets others (PATH, NGINX_VERSION)
# that `docker inspect` lists too.
ENV_EXPIRES = 'SITE_EXPIRES'
MANAGED_ENV = (ENV_EXPIRES,)

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

# docs:region flags
# The flags this layer owns. Name them after the layer, as layer:docker
# does with docker.*, so that no other layer uses the same name.
STARTED = 'webapp.started'
STOPPING = 'webapp.stopping'
# docs:endregion flags


# docs:region wait-for-docker
@when_not('docker.available')
def wait_for_docker():
    """Report that nothing can run until layer:docker is done.

    layer:docker also clears docker.available when the daemon stops
    answering or when it reinstalls Docker. What we knew about the
    container is then out of date, so forget it: once Docker is back,
    start_container() looks at the container again.
    """
    if is_flag_set(STARTED):
        hookenv.log('docker.available went away; clearing ' + STARTED)
        clear_flag(STARTED)
    hookenv.status_set('waiting', 'waiting for Docker')
# docs:endregion wait-for-docker


# docs:region config-changed
@when('config.changed')
def config_changed():
    """Some option changed in this hook: look at the container again.

    layer:basic sets config.changed at the start of the hook and clears
    it at the end. Clearing our own flag makes start_container() run in
    the next pass of this same hook; it re-creates the container only if
    the image, port, site or environment really differ.
    """
    hookenv.log('configuration changed; clearing ' + STARTED)
    clear_flag(STARTED)
# docs:endregion config-changed


# docs:region start
@when('docker.available')
@when_not(STARTED, STOPPING)
def start_container():
    """Make the container match the configuration, then set STARTED.

    While STARTED is not set, this runs in every hook: after a bad
    value, a failed pull or a container that keeps exiting, the next
    hook (at the latest update-status, five minutes later) tries again.
    """
    desired = _desired()
    if desired is None:
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
    else:
        hookenv.log('re-creating the container: {} changed'.format(
            ', '.join(changed) or 'state'))
        current = _replace_container(desired, current)
    if current is not None and current['running']:
        set_flag(STARTED)
# docs:endregion start


# docs:region check
@when('docker.available', STARTED)
def check_container():
    """In every hook, check that the container is still there and up.

    One `docker inspect`. Configuration changes are not this handler's
    business: config_changed() hands those to start_container(). A
    container that exited is started again; a missing one clears
    STARTED, and start_container() creates it in the next pass.
    """
    current = _inspect()
    if current is None:
        hookenv.log('the container is gone; clearing ' + STARTED)
        clear_flag(STARTED)
        return
    if current['state'] == 'exited':
        hookenv.log('container exited with code {}; starting it'.format(
            current['exit_code']), hookenv.WARNING)
        _sync_payload(current)
        hookenv.status_set('maintenance', 'restarting the container '
                           '(it exited with code {})'.format(
                               current['exit_code']))
        try:
            _docker('start', CONTAINER)
        except subprocess.CalledProcessError as err:
            _block_on_docker_error(err)
            clear_flag(STARTED)
            return
        current = _inspect()
    _sync_payload(current)
    _report(current, current['port'] if current else None)
    if current is None or not current['running']:
        clear_flag(STARTED)
# docs:endregion check


# docs:region website
@when(STARTED, 'website.available')
def publish_website():
    """Tell every unit on the website relation where the site is served.

    Runs in every hook while both flags are set, so a new remote unit, a
    new relation or a new port is published without more code. The
    interface layer only writes values that changed.
    """
    website = endpoint_from_flag('website.available')
    website.configure(port=hookenv.config()['port'])
# docs:endregion website


# docs:region stop
@hook('stop')
def stop():
    """Remove the container and close its port when the unit goes away.

    No flag says "the unit is being removed", so this one handler is
    matched by hook name. @hook handlers run before the flag handlers of
    the same hook, and those still run afterwards: STOPPING keeps
    start_container() from starting the container again.
    """
    set_flag(STOPPING)
    clear_flag(STARTED)
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


def _replace_container(desired, current):
    """Pull the image, then swap the old container for a new one.

    Return what `docker inspect` says about the new container, or None
    if a docker command failed (the unit is then blocked).
    """
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
        return None
    hookenv.log('started container {}'.format(started.stdout.strip()))
    hookenv.open_port(port)
    hookenv.application_version_set(_version(image))
    # An image whose process exits at once is already restarting now.
    current = _inspect()
    _sync_payload(current)
    _report(current, port)
    return current


def _remove_container(current, new_port=None):
    """Remove the container; unregister it and close its old port."""
    _docker('rm', '-f', CONTAINER)
    _sync_payload(None)
    if current['port'] is not None and current['port'] != new_port:
        # The 2015 charm forgot this and left old ports open.
        hookenv.close_port(current['port'])


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


# `juju status` cuts a longer message to 117 characters plus "..."
# (Juju 3.1 and later). Staying within it keeps the end of the message,
# often the useful part, on screen.
MAX_MESSAGE = 120


def _fit(message):
    """Shorten a status message to what `juju status` shows whole."""
    if len(message) <= MAX_MESSAGE:
        return message
    return message[:MAX_MESSAGE - 3] + '...'


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


def _version(image):
    """Return the tag or digest of an image reference, for juju status."""
    if '@' in image:
        return image.split('@', 1)[1]
    last = image.rsplit('/', 1)[-1]
    return last.rsplit(':', 1)[1] if ':' in last else 'latest'


def _report(current, port):
    """Set the workload status from what `docker inspect` said.

    active: the site is served (publish_website() tells the load
    balancers). blocked: the container is not running and the charm
    cannot fix that alone, so the message says where to look.
    (maintenance and waiting are set elsewhere, while the charm is busy
    or waits for Docker.)
    """
    if current is None:
        hookenv.status_set('blocked', 'the container disappeared; see '
                           'juju debug-log')
    elif current['state'] == 'running':
        hookenv.status_set('active', 'serving on port {}'.format(port))
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


def _payload_id(container_id):
    """Shorten a container id to the 12 characters `docker ps` shows."""
    return container_id[:12]


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
