"""layer:docker stand-in handlers (see README.md)."""

import subprocess

from charmhelpers.core import hookenv
from charms import layer
from charms.reactive import clear_flag, set_flag, when, when_not


def _probe_runtime_availability():
    """Like the real layer: the daemon is usable if ``docker info`` works."""
    try:
        subprocess.check_call(['docker', 'info'], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
        return True
    except (subprocess.CalledProcessError, OSError):
        return False


@when_not('docker.ready')
def install():
    """Install the Docker daemon (into the harness model)."""
    if layer.options.get('docker', 'skip-install'):
        set_flag('docker.available')
        set_flag('docker.ready')
        return
    hookenv.status_set('maintenance', 'Installing docker.io from universe.')
    subprocess.check_call(['harness-install-docker'])
    hookenv.log('Docker installed, setting "docker.ready" state.')
    set_flag('docker.ready')


@when('docker.ready')
@when_not('docker.available')
def signal_workloads_start():
    """Signal higher layers that the runtime can run workloads."""
    if not _probe_runtime_availability():
        hookenv.status_set('waiting', 'Container runtime not available.')
        return
    hookenv.status_set('active', 'Container runtime available.')
    set_flag('docker.available')


@when('docker.available')
def check_runtime_still_available():
    """Stand-in extra: drop docker.available while the daemon is down."""
    if not _probe_runtime_availability():
        hookenv.log('Docker daemon not responding; clearing '
                    'docker.available', level=hookenv.WARNING)
        hookenv.status_set('waiting', 'Container runtime not available.')
        clear_flag('docker.available')


@when('docker.restart')
def docker_restart():
    hookenv.log('Restarting docker service.')
    clear_flag('docker.restart')
