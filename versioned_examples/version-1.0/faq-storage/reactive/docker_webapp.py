"""Run nginx in Docker, serving a site kept on Juju storage.

This is the FAQ variant "storage" of the part 2 charm. metadata.yaml
declares a filesystem storage, site-data. Juju attaches it before the
install hook and runs site-data-storage-attached; the charm copies the
shipped site into it once and bind-mounts it into the container. Files on
the storage outlive the container (docker rm), the charm and the unit's
machine if the storage is detached rather than destroyed.

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
"""

import json
import os
import shutil
import subprocess

from charmhelpers.core import hookenv
from charms.reactive import hook, is_flag_set

# docs:region constants
# A fixed name lets every hook find the container again.
CONTAINER = 'docker-webapp'
# nginx listens on port 80 inside the container...
CONTAINER_PORT = '80/tcp'
# ...and serves files from its default document root.
NGINX_ROOT = '/usr/share/nginx/html'
# The storage name in metadata.yaml.
STORAGE = 'site-data'
# docs:endregion constants


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


# docs:region storage-attached
@hook('site-data-storage-attached')
def storage_attached():
    """Put the shipped site on new, empty storage.

    Juju runs this hook before install, so it is the unit's first hook.
    @hook handlers run before layer:docker's flag handlers, which only
    now install Docker: do nothing here that needs it. config-changed
    mounts the storage.
    """
    # In a storage hook, storage-get needs no -s: it describes the
    # instance being attached ($JUJU_STORAGE_ID).
    location = hookenv.storage_get('location')
    hookenv.log('{} storage attached at {}'.format(STORAGE, location))
    _seed(location)
# docs:endregion storage-attached


# docs:region storage-detaching
@hook('site-data-storage-detaching')
def storage_detaching():
    """Stop using the storage before Juju takes it away."""
    if is_flag_set('docker.available') and _inspect() is not None:
        try:
            _docker('rm', '-f', CONTAINER)
        except subprocess.CalledProcessError as err:
            hookenv.log('could not remove the container: {}'.format(
                err.stderr), hookenv.ERROR)
    hookenv.status_set('waiting', 'waiting for {} storage'.format(STORAGE))
# docs:endregion storage-detaching


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
    if _matches(current, image, port, _webroot()) and current['running']:
        hookenv.log('container already runs {} on port {}'.format(
            image, port))
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
    if not _matches(current, image, port, _webroot()):
        hookenv.log('update-status: container missing or out of date')
        _replace_container(image, port, current)
        return
    if not current['running']:
        hookenv.log('update-status: container stopped; starting it',
                    hookenv.WARNING)
        hookenv.status_set('maintenance', 'restarting the container')
        try:
            _docker('start', CONTAINER)
        except subprocess.CalledProcessError as err:
            _block_on_docker_error(err)
            return
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
    them. Blocking is the right answer: only a person can fix it. With
    no storage attached there is nothing to serve yet: wait.
    """
    if _webroot() is None:
        hookenv.log('no {} storage attached; waiting'.format(STORAGE))
        hookenv.status_set('waiting', 'waiting for {} storage'.format(
            STORAGE))
        return None
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

    Returns a dict with the image reference it was started from, the
    host port published for the container's port 80 (or None), and
    whether it is running.
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
    sources = [mount['Source'] for mount in info.get('Mounts') or []
               if mount.get('Destination') == NGINX_ROOT]
    return {
        'image': info['Config']['Image'],
        'port': int(host_port) if host_port.isdigit() else None,
        'running': bool(info['State']['Running']),
        'webroot': sources[0] if sources else None,
    }


def _matches(current, image, port, webroot):
    """Return True if the container runs this image, port and storage."""
    return (current is not None and current['image'] == image
            and current['port'] == port and current['webroot'] == webroot)
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
            if current['port'] is not None and current['port'] != port:
                # The 2015 charm forgot this and left old ports open.
                hookenv.close_port(current['port'])
        # docs:region docker-run
        _docker('run', '-d', '--name', CONTAINER,
                # unless-stopped survives a daemon restart or a reboot;
                # on-failure (used in 2015) does not.
                '--restart', 'unless-stopped',
                '-p', '{}:80'.format(port),
                '-v', '{}:{}:ro'.format(_webroot(), NGINX_ROOT),
                image)
        # docs:endregion docker-run
    except subprocess.CalledProcessError as err:
        _block_on_docker_error(err)
        return
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


# docs:region webroot
def _webroot():
    """Return where the site-data storage is mounted, or None.

    Outside storage hooks, storage-get needs the instance id, which
    storage-list gives.
    """
    ids = hookenv.storage_list(STORAGE) or []
    if not ids:
        return None
    return hookenv.storage_get('location', ids[0])


def _seed(location):
    """Copy the shipped site into location, keeping files already there.

    The storage may come from an earlier unit, with a site an operator
    has edited since; never overwrite it.
    """
    shipped = os.path.join(hookenv.charm_dir(), 'site')
    for name in sorted(os.listdir(shipped)):
        target = os.path.join(location, name)
        if not os.path.exists(target):
            shutil.copy2(os.path.join(shipped, name), target)
            hookenv.log('seeded {}'.format(target))
# docs:endregion webroot


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
