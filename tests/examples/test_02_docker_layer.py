"""Part 2: the docker-webapp layer runs nginx in a container.

Each test drives real hook sequences through the harness and checks the
model of the unit: container, ports, status and version.
"""

import os
import unittest

from examples.support import build, calls_of, workload_calls

NAME = 'docker-webapp'


class DeployTest(unittest.TestCase):
    """install -> config-changed -> start, then operator actions."""

    def setUp(self):
        self.unit = build('02-docker-layer')
        self.addCleanup(self.unit.cleanup)
        self.unit.deploy()

    def test_deploy_runs_nginx_with_the_fixed_2015_bugs(self):
        c = self.unit.container(NAME)
        self.assertTrue(c['running'])
        self.assertEqual(c['image'], 'nginx:1.27-alpine')
        self.assertEqual([p['spec'] for p in c['ports']], ['80:80'])
        # unless-stopped survives a daemon restart; on-failure did not.
        self.assertEqual(c['restart'], 'unless-stopped')
        mount, = c['mounts']
        self.assertEqual(mount['destination'], '/usr/share/nginx/html')
        self.assertEqual(mount['mode'], 'ro')
        self.assertEqual(mount['source'],
                         os.path.join(self.unit.charm_dir, 'site'))
        self.assertTrue(os.path.isfile(
            os.path.join(mount['source'], 'index.html')))

    def test_deploy_reports_status_port_and_version(self):
        self.assertEqual(self.unit.status, ('active', 'serving on port 80'))
        self.assertEqual(self.unit.opened_ports, {'80/tcp'})
        self.assertEqual(self.unit.app_version, '1.27-alpine')
        states = [state for state, _ in self.unit.status_history]
        self.assertIn('maintenance', states)

    def test_image_is_pulled_before_the_container_is_created(self):
        subcommands = [argv[1] for argv in workload_calls(self.unit)]
        self.assertLess(subcommands.index('pull'), subcommands.index('run'))

    def test_port_change_recreates_container_and_moves_the_port(self):
        self.unit.config_set(port=8080)
        c = self.unit.container(NAME)
        self.assertEqual([p['spec'] for p in c['ports']], ['8080:80'])
        self.assertTrue(c['running'])
        self.assertEqual([r['name'] for r in self.unit.removed_containers],
                         [NAME])
        # The 2015 charm never closed the old port.
        self.assertEqual(self.unit.opened_ports, {'8080/tcp'})
        self.assertEqual(self.unit.status, ('active', 'serving on port 8080'))

    def test_image_change_pulls_and_reports_the_new_version(self):
        digest = 'nginx@sha256:' + 'ab' * 32
        self.unit.config_set(image=digest)
        self.assertEqual(self.unit.container(NAME)['image'], digest)
        self.assertEqual(self.unit.app_version, 'sha256:' + 'ab' * 32)
        self.assertIn(['docker', 'pull', digest], workload_calls(self.unit))

    def test_hooks_are_idempotent(self):
        before = len(calls_of(self.unit, 'run'))
        for hook in ('config-changed', 'start', 'update-status',
                     'config-changed'):
            self.unit.run_hook(hook)
        self.assertEqual(len(calls_of(self.unit, 'run')), before)
        self.assertEqual(calls_of(self.unit, 'rm'), [])
        self.assertEqual(self.unit.status, ('active', 'serving on port 80'))

    def test_update_status_starts_a_stopped_container(self):
        self.unit.exec('docker', 'stop', NAME)
        self.assertFalse(self.unit.container(NAME)['running'])
        self.unit.update_status()
        self.assertTrue(self.unit.container(NAME)['running'])
        self.assertEqual(self.unit.status[0], 'active')

    def test_update_status_recreates_a_removed_container(self):
        self.unit.exec('docker', 'rm', '-f', NAME)
        self.unit.update_status()
        self.assertTrue(self.unit.container(NAME)['running'])

    def test_stop_removes_the_container_and_closes_the_port(self):
        self.unit.stop()
        self.assertNotIn(NAME, self.unit.containers)
        self.assertEqual(self.unit.opened_ports, set())

    def test_failed_pull_blocks_and_keeps_the_old_container_serving(self):
        self.unit.fail_pulls('nginx:9.99')
        self.unit.config_set(image='nginx:9.99')
        state, message = self.unit.status
        self.assertEqual(state, 'blocked')
        self.assertIn('docker pull failed', message)
        c = self.unit.container(NAME)
        self.assertEqual(c['image'], 'nginx:1.27-alpine')
        self.assertTrue(c['running'])


class BadConfigTest(unittest.TestCase):
    """Invalid values block the unit with a fix; no hook ever crashes."""

    def setUp(self):
        self.unit = build('02-docker-layer')
        self.addCleanup(self.unit.cleanup)
        self.unit.deploy()

    def assert_blocked_with(self, *words):
        state, message = self.unit.status
        self.assertEqual(state, 'blocked', message)
        for word in words:
            self.assertIn(word, message)

    def test_port_zero_and_70000_block_with_the_fix(self):
        for bad in (0, 70000):
            self.unit.config_set(port=bad)
            self.assert_blocked_with(str(bad), 'juju config docker-webapp')
            # The running container is left alone.
            self.assertEqual(
                [p['spec'] for p in self.unit.container(NAME)['ports']],
                ['80:80'])
        self.unit.config_set(port=8081)
        self.assertEqual(self.unit.status[0], 'active')

    def test_empty_image_blocks(self):
        self.unit.config_set(image='')
        self.assert_blocked_with('image', '--reset image')
        self.assertEqual(self.unit.container(NAME)['image'],
                         'nginx:1.27-alpine')

    def test_image_that_looks_like_an_option_blocks(self):
        self.unit.config_set(image='--privileged')
        self.assert_blocked_with('--reset image')
        self.assertFalse(any('--privileged' in argv
                             for argv in workload_calls(self.unit)))


class DockerNotReadyTest(unittest.TestCase):
    """The @hook handlers must wait for layer:docker's docker.available."""

    def test_waits_for_docker_then_catches_up_in_update_status(self):
        unit = build('02-docker-layer')
        self.addCleanup(unit.cleanup)
        # The daemon does not answer, so layer:docker never raises
        # docker.available; our handlers must wait rather than call docker.
        unit.docker_down()
        unit.deploy()
        self.assertNotIn(NAME, unit.containers)
        self.assertIn(('waiting', 'waiting for Docker'), unit.status_history)
        self.assertEqual(calls_of(unit, 'run'), [])
        unit.docker_up()
        unit.update_status()  # layer:docker raises docker.available
        unit.update_status()  # our update-status handler catches up
        self.assertTrue(unit.container(NAME)['running'])
        self.assertEqual(unit.status, ('active', 'serving on port 80'))

    def test_docker_going_away_is_tolerated(self):
        unit = build('02-docker-layer')
        self.addCleanup(unit.cleanup)
        unit.deploy()
        unit.docker_down()
        for hook in ('update-status', 'config-changed'):
            result = unit.run_hook(hook, check=False)
            self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn(unit.status[0], ('waiting', 'blocked', 'maintenance'))


if __name__ == '__main__':
    unittest.main()
