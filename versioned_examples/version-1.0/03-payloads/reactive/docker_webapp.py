"""Run nginx in Docker, serving the static site shipped in this charm.

Part 3 adds one thing to part 2: the container is registered with Juju
as a payload (class "webapp", type "docker"), so `juju payloads` shows
it, with its container id and whether it runs.

`charm build` copies this module into the built charm's reactive/
directory. The hook files that layer:basic generates start the reactive
bus, which imports the module and calls the handlers below.

The handlers are chosen by hook name (@hook), not by flags. That is a
deliberate first step; examples/README.md explains it. Two rules follow:

* @hook handlers run before any flag handler in the same hook, so they
  can run before layer:docker has finished installing Docker. Every
  handler checks the docker.available flag and waits if it is not set.
* Docker is only ever called with an argument list, never a shell
  string, so configuration values reach docker as data.

Payloads are informational. A payload hook tool that fails is logged
and ignored: it must never stop the site from being served.
"""

import json
import os
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
# docs:endregion constants

# docs:region payload-constants
# The payload class and type declared under payloads: in metadata.yaml.
PAYLOAD_CLASS = 'webapp'
PAYLOAD_TYPE = 'docker'
# Where this unit remembers what it registered. No hook tool lists a
# unit's payloads, so the charm keeps its own record.
PAYLOAD_KEY = 'docker-webapp.payload'
# docs:endregion payload-constants


# docs:region install
@hook('install')
def install():
    """Say what happens next; layer:docker installs Docker in this hook.

    This handler runs before layer:docker's flag handlers, so Docker is
    not there yet. There is nothing for this layer to install: the site
    ships inside the charm and the image is pulled in config-changed.
    """
    hookenv.log('install: layer:docker installs Docker after this handler')
    hookenv.status_set('maintenance', 'installing Docker (layer:docker)')
# docs:endregion install


# docs:region reconcile
@hook('config-changed', 'start')
def reconcile():
    """Make the container match the configuration.

    Juju runs config-changed after install, after every `juju config`
    change and after an upgrade, then start once. The handler must be
    safe to run any number of times: it only touches the container when
    it differs from what the configuration asks for.
    """
    desired = _desired_config()
    if desired is None or not _docker_ready():
        return
    image, port = desired
    current = _inspect()
    if _matches(current, image, port) and current['running']:
        hookenv.log('container already runs {} on port {}'.format(
            image, port))
        # Registers a container started by an older revision of this
        # charm, which did not know about payloads.
        _sync_payload(current)
        _set_active(port)
        return
    _replace_container(image, port, current)
# docs:endregion reconcile


# docs:region update-status
@hook('update-status')
def update_status():
    """Check the container every few minutes and repair what is cheap.

    One `docker inspect` answers everything. A stopped container is
    started again. A missing or outdated one means an earlier hook could
    not finish (Docker was not ready yet, or a pull failed), so retry.
    """
    desired = _desired_config()
    if desired is None or not _docker_ready():
        return
    image, port = desired
    current = _inspect()
    if not _matches(current, image, port):
        hookenv.log('update-status: container missing or out of date')
        _replace_container(image, port, current)
        return
    if not current['running']:
        hookenv.log('update-status: container stopped; starting it',
                    hookenv.WARNING)
        # docs:region update-status-payload
        # Tell Juju first: if the restart fails, the payload stays
        # "stopped" in `juju payloads`.
        _sync_payload(current)
        hookenv.status_set('maintenance', 'restarting the container')
        try:
            _docker('start', CONTAINER)
        except subprocess.CalledProcessError as err:
            _block_on_docker_error(err)
            return
        # Look again: a container can exit as soon as it starts.
        current = _inspect()
        _sync_payload(current)
        # docs:endregion update-status-payload
        if current is None or not current['running']:
            hookenv.status_set('blocked', 'the container stopped and did '
                               'not stay up; see juju debug-log')
            return
    _sync_payload(current)
    _set_active(port)
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


# docs:region validate
def _desired_config():
    """Return (image, port) from the config, or None if it is invalid.

    Invalid values block the unit with a message that says how to fix
    them. Blocking is the right answer: only a person can fix it.
    """
    config = hookenv.config()
    image, port = config.get('image'), config.get('port')
    problem = _config_problem(image, port)
    if problem is not None:
        hookenv.log(problem, hookenv.WARNING)
        hookenv.status_set('blocked', problem)
        return None
    return image, port


def _config_problem(image, port):
    """Describe what is wrong with image or port, or return None."""
    app = hookenv.application_name()
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
    return None


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

    Returns a dict with the container's id, the image reference it was
    started from, the host port published for the container's port 80
    (or None), and whether it is running.
    """
    result = subprocess.run(['docker', 'inspect', CONTAINER],
                            capture_output=True, text=True)
    if result.returncode != 0:
        # "No such object" is the normal answer before the first run.
        hookenv.log('docker inspect: {}'.format(
            _first_line(result.stderr)), hookenv.DEBUG)
        return None
    info = json.loads(result.stdout)[0]
    bindings = info['HostConfig'].get('PortBindings') or {}
    published = bindings.get(CONTAINER_PORT) or [{}]
    host_port = published[0].get('HostPort') or ''
    return {
        'id': info['Id'],
        'image': info['Config']['Image'],
        'port': int(host_port) if host_port.isdigit() else None,
        'running': bool(info['State']['Running']),
    }


def _matches(current, image, port):
    """Return True if the container was started with this image and port."""
    return (current is not None and current['image'] == image
            and current['port'] == port)
# docs:endregion inspect


# docs:region replace
def _replace_container(image, port, current):
    """Pull the image, then swap the old container for a new one."""
    hookenv.status_set('maintenance', 'starting {}'.format(image))
    try:
        # Pull first: if the image cannot be fetched, the old container
        # is still there and still serving.
        _docker('pull', image)
        if current is not None:
            _docker('rm', '-f', CONTAINER)
            # The old container is gone: unregister its payload.
            _sync_payload(None)
            if current['port'] is not None and current['port'] != port:
                # The 2015 charm forgot this and left old ports open.
                hookenv.close_port(current['port'])
        # docs:region docker-run
        started = _docker('run', '-d', '--name', CONTAINER,
                          # unless-stopped survives a daemon restart or a
                          # reboot; on-failure (used in 2015) does not.
                          '--restart', 'unless-stopped',
                          '-p', '{}:80'.format(port),
                          '-v', '{}:{}:ro'.format(_webroot(), NGINX_ROOT),
                          image)
        # docs:endregion docker-run
    except subprocess.CalledProcessError as err:
        _block_on_docker_error(err)
        return
    # `docker run -d` prints the new container's full id and nothing else.
    _sync_payload({'id': started.stdout.strip(), 'running': True})
    hookenv.open_port(port)
    hookenv.application_version_set(_version(image))
    _set_active(port)
# docs:endregion replace


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
    hookenv.status_set('blocked', 'docker {} failed: {}'.format(
        err.cmd[1], detail))
# docs:endregion errors


def _first_line(text):
    """Return the first non-empty line of text, shortened for a status."""
    for line in (text or '').splitlines():
        if line.strip():
            return line.strip()[:120]
    return ''


def _webroot():
    """Return the directory of static files that ships with the charm."""
    return os.path.join(hookenv.charm_dir(), 'site')


# docs:region version
def _version(image):
    """Return the tag or digest of an image reference, for juju status."""
    if '@' in image:
        return image.split('@', 1)[1]
    last = image.rsplit('/', 1)[-1]
    return last.rsplit(':', 1)[1] if ':' in last else 'latest'
# docs:endregion version


def _set_active(port):
    """Report that the site is being served."""
    hookenv.status_set('active', 'serving on port {}'.format(port))


# docs:region sync-payload
def _sync_payload(current):
    """Make Juju's payload record match the container, or its absence.

    `current` is a dict from _inspect() (only 'id' and 'running' are
    used), or None when there is no container. The unit's key/value
    store remembers what was registered, so a container that vanished
    is unregistered too, and a hook that runs twice changes nothing.
    """
    store = unitdata.kv()
    known = store.get(PAYLOAD_KEY)  # {'id': ..., 'status': ...} or None
    wanted = None
    if current is not None:
        wanted = {'id': _payload_id(current['id']),
                  'status': 'running' if current['running'] else 'stopped'}
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
