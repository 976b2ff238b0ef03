"""FAQ variant faq-storage: the site lives on Juju storage.

Proves the FAQ's claims: Juju runs site-data-storage-attached before
install, the charm finds the mount point with storage-get, seeds it once
without overwriting, bind-mounts that location read-only, and the files
survive the container being removed and re-created.
"""

import os
import unittest

from examples.support import build, calls_of

NAME = 'docker-webapp'
NGINX_ROOT = '/usr/share/nginx/html'


class StorageTest(unittest.TestCase):

    def setUp(self):
        self.unit = build('faq-storage')
        self.addCleanup(self.unit.cleanup)
        self.unit.deploy()
        self.location = self.unit.storage['site-data/0']['location']

    def test_storage_attached_runs_before_install(self):
        hooks = [h['hook'] for h in self.unit.hooks_run]
        self.assertEqual(hooks[:2], ['site-data-storage-attached',
                                     'install'])
        # Our handler runs before layer:docker's flag handlers (which
        # install Docker in this first hook), so it calls no docker.
        ours = [r['argv'] for r in self.unit.call_records
                if r['hook'] == 'site-data-storage-attached'
                and r['tool'] == 'docker' and r['argv'][1:2] != ['info']]
        self.assertEqual(ours, [])

    def test_the_storage_location_is_bind_mounted_read_only(self):
        self.assertEqual(self.unit.storage['site-data/0']
                         ['declared_location'], '/srv/docker-webapp')
        mount, = self.unit.container(NAME)['mounts']
        self.assertEqual(mount['source'], self.location)
        self.assertEqual(mount['destination'], NGINX_ROOT)
        self.assertEqual(mount['type'], 'bind')
        self.assertFalse(mount['rw'])
        self.assertTrue(os.path.isfile(os.path.join(self.location,
                                                    'index.html')))
        self.assertEqual(self.unit.status, ('active', 'serving on port 80'))

    def test_data_survives_recreating_the_container(self):
        page = os.path.join(self.location, 'index.html')
        with open(page, 'w') as fp:
            fp.write('<p>edited by the operator</p>\n')
        self.unit.config_set(port=8080)  # re-creates the container
        self.assertEqual([r['name'] for r in self.unit.removed_containers],
                         [NAME])
        self.assertEqual(self.unit.container(NAME)['mounts'][0]['source'],
                         self.location)
        with open(page) as fp:
            self.assertIn('edited by the operator', fp.read())

    def test_seeding_never_overwrites(self):
        page = os.path.join(self.location, 'index.html')
        with open(page, 'w') as fp:
            fp.write('kept\n')
        self.unit.run_hook('site-data-storage-attached',
                           storage_id='site-data/0')
        with open(page) as fp:
            self.assertEqual(fp.read(), 'kept\n')

    def test_detaching_removes_the_container_and_waits(self):
        self.unit.detach_storage('site-data/0')
        self.assertNotIn(NAME, self.unit.containers)
        self.assertEqual(self.unit.status,
                         ('waiting', 'waiting for site-data storage'))
        before = len(calls_of(self.unit, 'run'))
        self.unit.update_status()
        self.assertEqual(len(calls_of(self.unit, 'run')), before)
        self.assertEqual(self.unit.status[0], 'waiting')
        # Detached, not destroyed: the files are still there.
        self.assertTrue(os.path.isfile(os.path.join(self.location,
                                                    'index.html')))


if __name__ == '__main__':
    unittest.main()
