"""Part 3: the container is registered with Juju as a payload.

The tests drive hook sequences through the harness and check the
payloads the unit registered, and that the expected `juju payloads`
outputs shown on the page match what the charm reports.
"""

import os
import shutil
import tempfile
import unittest

import yaml

from examples.juju_tables import payload_rows, read_output
from examples.support import build, calls_of, example

NAME = 'docker-webapp'
FOLDER = '03-payloads'


def payload_calls(unit):
    """Every payload-* hook tool call the charm made, as argv lists."""
    return [argv for argv in unit.calls()
            if argv[0].startswith('payload-')]


class PayloadTest(unittest.TestCase):

    def setUp(self):
        self.unit = build(FOLDER)
        self.addCleanup(self.unit.cleanup)
        self.unit.deploy()

    def only_payload(self):
        (key, payload), = self.unit.payloads.items()
        return key, payload

    def test_deploy_registers_the_container_type_class_id(self):
        (klass, pid), payload = self.only_payload()
        self.assertEqual(klass, 'webapp')
        self.assertEqual(payload['type'], 'docker')
        self.assertEqual(payload['status'], 'running')
        container_id = self.unit.container(NAME)['id']
        # The short id that `docker ps` shows.
        self.assertEqual(pid, container_id[:12])
        # Type, then class, then id: the order the hook tool wants.
        self.assertEqual(payload_calls(self.unit),
                         [['payload-register', 'docker', 'webapp', pid]])

    def test_the_documented_argument_order_fails(self):
        """The old docs passed class before type; Juju refuses that."""
        result = self.unit.exec('payload-register', 'webapp', 'docker',
                                'abc123')
        self.assertNotEqual(result.returncode, 0)

    def test_started_is_not_a_payload_status(self):
        (klass, pid), _ = self.only_payload()
        refused = self.unit.exec('payload-status-set', klass, pid, 'started')
        self.assertNotEqual(refused.returncode, 0)
        for status in ('starting', 'running', 'stopping', 'stopped'):
            result = self.unit.exec('payload-status-set', klass, pid, status)
            self.assertEqual(result.returncode, 0, result.stderr)

    def test_hooks_do_not_register_twice(self):
        for hook in ('config-changed', 'start', 'update-status'):
            self.unit.run_hook(hook)
        self.assertEqual(len(payload_calls(self.unit)), 1)
        self.assertEqual(len(self.unit.payloads), 1)

    def test_port_change_swaps_the_registered_container(self):
        (_, old_id), _ = self.only_payload()
        self.unit.config_set(port=8080)
        (_, new_id), payload = self.only_payload()
        self.assertNotEqual(new_id, old_id)
        self.assertEqual(new_id, self.unit.container(NAME)['id'][:12])
        self.assertEqual(payload['status'], 'running')
        self.assertIn(['payload-unregister', 'webapp', old_id],
                      payload_calls(self.unit))

    def test_image_change_swaps_the_registered_container(self):
        (_, old_id), _ = self.only_payload()
        self.unit.config_set(image='nginx:1.27')
        (_, new_id), _ = self.only_payload()
        self.assertNotEqual(new_id, old_id)

    def test_stopped_container_is_restarted_and_reported_running(self):
        self.unit.exec('docker', 'stop', NAME)
        self.unit.update_status()
        _, payload = self.only_payload()
        self.assertEqual(payload['status'], 'running')
        statuses = [argv[3] for argv in payload_calls(self.unit)
                    if argv[0] == 'payload-status-set']
        self.assertEqual(statuses, ['stopped', 'running'])

    def test_container_that_will_not_stay_up_is_reported_stopped(self):
        self.unit.set_knob('crashing_images', ['nginx:1.27-alpine'])
        self.unit.exec('docker', 'stop', NAME)
        self.unit.update_status()
        _, payload = self.only_payload()
        self.assertEqual(payload['status'], 'stopped')
        self.assertEqual(self.unit.status[0], 'blocked')

    def test_container_removed_behind_the_charms_back(self):
        (_, old_id), _ = self.only_payload()
        self.unit.exec('docker', 'rm', '-f', NAME)
        self.unit.update_status()
        (_, new_id), _ = self.only_payload()
        self.assertNotEqual(new_id, old_id)
        self.assertIn(['payload-unregister', 'webapp', old_id],
                      payload_calls(self.unit))

    def test_stop_unregisters(self):
        self.unit.stop()
        self.assertEqual(self.unit.payloads, {})
        self.assertNotIn(NAME, self.unit.containers)


class UpgradeFromPart2Test(unittest.TestCase):
    """A unit running part 2's charm gets its container registered."""

    def test_existing_container_is_registered_without_a_restart(self):
        unit = build('02-docker-layer')
        self.addCleanup(unit.cleanup)
        unit.deploy()
        self.assertEqual(unit.payloads, {})
        # Swap in part 3's module and metadata, as `juju refresh` would.
        # The harness keeps the metadata the tools read in its model
        # state, so update it there too.
        shutil.copy(
            os.path.join(example(FOLDER), 'reactive', 'docker_webapp.py'),
            os.path.join(unit.charm_dir, 'reactive', 'docker_webapp.py'))
        with open(os.path.join(example(FOLDER), 'metadata.yaml')) as fp:
            meta = yaml.safe_load(fp)
        with unit._modify() as state:
            state['metadata'] = meta
        runs = len(calls_of(unit, 'run'))
        unit.upgrade_charm()
        self.assertEqual(len(calls_of(unit, 'run')), runs)
        (klass, pid), = unit.payloads
        self.assertEqual(pid, unit.container(NAME)['id'][:12])


class PayloadsUnavailableTest(unittest.TestCase):
    """A refused payload-register is logged; the site is still served."""

    def test_refused_registration_does_not_break_the_hook(self):
        tmp = tempfile.mkdtemp(prefix='no-payloads-')
        self.addCleanup(shutil.rmtree, tmp)
        layer = os.path.join(tmp, FOLDER)
        shutil.copytree(example(FOLDER), layer)
        # Without the payloads: section, Juju refuses payload-register.
        path = os.path.join(layer, 'metadata.yaml')
        with open(path) as fp:
            meta = yaml.safe_load(fp)
        del meta['payloads']
        with open(path, 'w') as fp:
            yaml.safe_dump(meta, fp)
        unit = build(layer)
        self.addCleanup(unit.cleanup)
        unit.deploy()
        self.assertEqual(unit.status, ('active', 'serving on port 80'))
        self.assertEqual(unit.payloads, {})
        self.assertTrue(any('payload_register' in line and 'failed' in line
                            for line in unit.log))


class ExpectedOutputTest(unittest.TestCase):
    """outputs/payloads.txt shows what the charm really registers."""

    def check(self, name, unit):
        row, = payload_rows(read_output(FOLDER, name))
        ((klass, pid), payload), = unit.payloads.items()
        self.assertEqual(row['Unit'], 'docker-webapp/0')
        self.assertEqual(row['Payload class'], klass)
        self.assertEqual(row['Type'], payload['type'])
        self.assertEqual(row['Status'], payload['status'])
        # A 12-character container id, like the charm registers.
        self.assertRegex(row['Id'], r'^[0-9a-f]{12}$')
        self.assertEqual(len(pid), 12)
        self.assertEqual(row['Tags'], '')

    def test_payloads_txt_after_deploy(self):
        unit = build(FOLDER)
        self.addCleanup(unit.cleanup)
        unit.deploy()
        self.check('payloads.txt', unit)

    def test_layer_leaves_outputs_out_of_the_charm(self):
        with open(os.path.join(example(FOLDER), 'layer.yaml')) as fp:
            self.assertIn('outputs', yaml.safe_load(fp)['exclude'])


if __name__ == '__main__':
    unittest.main()
