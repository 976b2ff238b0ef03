"""Run nginx in Docker, with settings passed in as environment variables.

This is the FAQ variant "env-file" of the part 2 charm. Two options reach
the container as environment variables, in the two ways a charm should use:

* greeting, an ordinary value, as one `-e APP_GREETING=<value>` argument;
* secret-token, a value that must not be seen, through `--env-file`: the
  charm writes it to a file that only root can read, so it never appears
  on a docker command line (which `ps` shows to every user).

nginx itself ignores both variables; an image of your own would read them.

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
# docs:endregion constants

# docs:region env-constants
# Ordinary settings go on the command line with -e...
GREETING_VAR = 'APP_GREETING'
# ...secrets go into this file, in the unit's agent directory.
SECRET_VAR = 'SECRET_TOKEN'
ENV_FILE_NAME = 'docker-webapp.env'
# docker --env-file reads one variable per line, so a value must not
# contain a line break; NUL cannot be passed to a program at all.
FORBIDDEN_IN_ENV = ('\n', '\r', '\0')
# docs:endregion env-constants


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
    current = _inspect()
    if _matches(current, desired) and current['running']:
        hookenv.log('container already runs {} on port {}'.format(
            desired['image'], desired['port']))
        _set_active(desired['port'])
        return
    _replace_container(desired, current)
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
    current = _inspect()
    if not _matches(current, desired):
        hookenv.log('update-status: container missing or out of date')
        _replace_container(desired, current)
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
    _set_active(desired['port'])
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
    # The unit is going away: do not leave the secret behind.
    try:
        os.remove(_env_file_path())
    except FileNotFoundError:
        pass
    hookenv.status_set('maintenance', 'container removed')
# docs:endregion stop


# docs:region validate
def _desired_config():
    """Return the wanted settings as a dict, or None if one is invalid.

    Invalid values block the unit with a message that says how to fix
    them. Blocking is the right answer: only a person can fix it.
    """
    config = hookenv.config()
    desired = {
        'image': config.get('image'),
        'port': config.get('port'),
        'greeting': config.get('greeting') or '',
        'secret': config.get('secret-token') or '',
    }
    problem = (_config_problem(desired['image'], desired['port'])
               or _env_problem('greeting', desired['greeting'])
               or _env_problem('secret-token', desired['secret']))
    if problem is not None:
        hookenv.log(problem, hookenv.WARNING)
        hookenv.status_set('blocked', problem)
        return None
    return desired


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


# docs:region env-validate
def _env_problem(option, value):
    """Say why value cannot become an environment variable, or None.

    The message names the option but never repeats the value: it ends
    up in `juju status`, and the value may be a secret.
    """
    if any(char in value for char in FORBIDDEN_IN_ENV):
        return ('{} must be a single line without NUL characters; '
                'run: juju config {} --reset {}'.format(
                    option, hookenv.application_name(), option))
    return None
# docs:endregion env-validate


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
    return {
        'image': info['Config']['Image'],
        'port': int(host_port) if host_port.isdigit() else None,
        'running': bool(info['State']['Running']),
        # KEY=value strings: ours plus those the image itself defines.
        'env': info['Config'].get('Env') or [],
    }


def _matches(current, desired):
    """Return True if the container was started with these settings.

    docker cannot change a running container's environment, so a new
    greeting or secret means a new container, like a new image or port.
    """
    if current is None:
        return False
    wanted = ['{}={}'.format(key, value)
              for key, value in sorted(_environment(desired).items())]
    return (current['image'] == desired['image']
            and current['port'] == desired['port']
            and all(item in current['env'] for item in wanted))
# docs:endregion inspect


# docs:region replace
def _replace_container(desired, current):
    """Pull the image, then swap the old container for a new one."""
    image, port = desired['image'], desired['port']
    hookenv.status_set('maintenance', 'starting {}'.format(image))
    try:
        # Pull first: if the image cannot be fetched, the old container
        # is still there and still serving.
        _docker('pull', image)
        env_file = _write_env_file({SECRET_VAR: desired['secret']})
        if current is not None:
            _docker('rm', '-f', CONTAINER)
            if current['port'] is not None and current['port'] != port:
                # The 2015 charm forgot this and left old ports open.
                hookenv.close_port(current['port'])
        # docs:region docker-run
        _docker('run', '-d', '--name', CONTAINER,
                '--restart', 'unless-stopped',
                '-p', '{}:80'.format(port),
                '-v', '{}:{}:ro'.format(_webroot(), NGINX_ROOT),
                # One argument each, whatever the value contains.
                '-e', '{}={}'.format(GREETING_VAR, desired['greeting']),
                # The CLI reads this file; the secret is not in argv.
                '--env-file', env_file,
                image)
        # docs:endregion docker-run
    except subprocess.CalledProcessError as err:
        _block_on_docker_error(err)
        return
    except OSError as err:
        # The env file could not be written (disk full, read-only...).
        hookenv.log('cannot write the env file: {}'.format(err),
                    hookenv.ERROR)
        hookenv.status_set('blocked', 'cannot write the env file: {}'.format(
            err.strerror))
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


def _webroot():
    """Return the directory of static files that ships with the charm."""
    return os.path.join(hookenv.charm_dir(), 'site')


# docs:region env-file
def _environment(desired):
    """Every variable the container gets from the charm, by name."""
    return {GREETING_VAR: desired['greeting'],
            SECRET_VAR: desired['secret']}


def _env_file_path():
    """Where the env file lives: beside the charm directory, not in it.

    The parent of the charm directory is the unit's agent directory,
    which belongs to root; layer:basic keeps its virtualenv there too.
    """
    return os.path.abspath(
        os.path.join(hookenv.charm_dir(), '..', ENV_FILE_NAME))


def _write_env_file(variables):
    """Write KEY=value lines to a file only root can read; return its path.

    docker takes every character after the first "=" literally: no
    quotes are removed and no variables are expanded, so a value needs
    no escaping. _env_problem has already refused line breaks.
    """
    path = _env_file_path()
    text = ''.join('{}={}\n'.format(key, value)
                   for key, value in sorted(variables.items()))
    tmp = path + '.new'
    # Create the file as 0600 before anything is written to it...
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    # ...and tighten a leftover file, since the mode above only applies
    # to a file that open() creates.
    os.fchmod(fd, 0o600)
    with os.fdopen(fd, 'w', encoding='utf-8') as fp:
        fp.write(text)
    # Swap it in whole, so docker never reads half a file.
    os.replace(tmp, path)
    hookenv.log('wrote {} variable(s) to {}'.format(len(variables), path))
    return path
# docs:endregion env-file


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
