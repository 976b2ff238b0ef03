"""Juju storage in the harness: generated hooks, attach order, the tools."""

import os
import unittest

from harness_testlib import demo_lines, fixture

from charmharness import Unit


class StorageTest(unittest.TestCase):

    def setUp(self):
        self.unit = Unit.build(fixture('storage-demo'))
        self.addCleanup(self.unit.cleanup)

    def test_builder_generates_the_storage_hooks(self):
        hooks = os.listdir(os.path.join(self.unit.charm_dir, 'hooks'))
        self.assertIn('data-storage-attached', hooks)
        self.assertIn('data-storage-detaching', hooks)

    def test_storage_attached_runs_before_install(self):
        self.unit.deploy()
        order = [h['hook'] for h in self.unit.hooks_run]
        self.assertEqual(order[:2], ['data-storage-attached', 'install'])

    def test_storage_get_in_the_storage_hook_and_elsewhere(self):
        self.unit.deploy()
        inst = self.unit.storage['data/0']
        self.assertTrue(inst['attached'])
        self.assertEqual(inst['declared_location'], '/srv/storage-demo')
        # The mount point lives in the unit's temp dir, never in /srv.
        self.assertTrue(inst['location'].startswith(self.unit.root))
        self.assertEqual(
            demo_lines(self.unit, 'storage-demo: attached'),
            ['storage-demo: attached data/0 kind=filesystem at %s'
             % inst['location']])
        with open(os.path.join(inst['location'], 'marker')) as fp:
            self.assertIn('storage-attached', fp.read())
        self.assertIn("storage-demo: install sees ['data/0'] at ['%s']"
                      % inst['location'], self.unit.log)

    def test_storage_get_without_an_instance_outside_storage_hooks(self):
        self.unit.deploy()
        res = self.unit.exec('storage-get', 'location')
        self.assertEqual(res.returncode, 2)
        self.assertIn('no storage instance specified', res.stderr)
        res = self.unit.exec('storage-get', '-s', 'data/0', 'location')
        self.assertEqual(res.stdout.strip(),
                         self.unit.storage['data/0']['location'])
        res = self.unit.exec('storage-get', '-s', 'data/9')
        self.assertNotEqual(res.returncode, 0)

    def test_detach_runs_detaching_then_forgets_the_instance(self):
        self.unit.deploy()
        self.unit.detach_storage('data/0')
        self.assertEqual(demo_lines(self.unit, 'storage-demo: detaching'),
                         ['storage-demo: detaching data/0'])
        self.assertFalse(self.unit.storage['data/0']['attached'])
        self.unit.update_status()
        self.assertIn('storage-demo: update-status sees [] at []',
                      self.unit.log)
        # Detaching does not destroy the files.
        self.assertTrue(os.path.exists(os.path.join(
            self.unit.storage['data/0']['location'], 'marker')))


if __name__ == '__main__':
    unittest.main()
