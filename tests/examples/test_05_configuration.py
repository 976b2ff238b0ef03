"""Part 5: configuration picks the site, port, image and caching.

The charm computes the container the configuration asks for and
re-creates it only when `docker inspect` shows a difference. These tests
change one option at a time and check the new `docker run` argv, that an
unchanged configuration re-creates nothing, the ports, the payload, and
the blocked messages.
"""

import os
import unittest

import yaml

from examples.support import build, calls_of, example

NAME = 'docker-webapp'
FOLDER = '05-configuration'
NGINX_ROOT = '/usr/share/nginx/html'
TEMPLATES = '/etc/nginx/templates'


def flag_values(argv, flag):
    """Values given to one docker run flag, in order."""
    return [argv[i + 1] for i, arg in enumerate(argv[:-1]) if arg == flag]


class ConfigurationTest(unittest.TestCase):

    def setUp(self):
        self.unit = build(FOLDER)
        self.addCleanup(self.unit.cleanup)
        self.unit.deploy()

    def last_run(self):
        return calls_of(self.unit, 'run')[-1]

    def runs(self):
        return len(calls_of(self.unit, 'run'))

    def site_mount(self):
        mounts = {m['destination']: m for m in
                  self.unit.container(NAME)['mounts']}
        return mounts[NGINX_ROOT]

    def test_deploy_serves_the_default_site_with_the_template(self):
        argv = self.last_run()
        charm = self.unit.charm_dir
        self.assertEqual(flag_values(argv, '-p'), ['80:80'])
        self.assertEqual(flag_values(argv, '-e'), ['SITE_EXPIRES=1h'])
        self.assertEqual(sorted(flag_values(argv, '-v')), sorted([
            os.path.join(charm, 'sites', 'default') + ':' + NGINX_ROOT +
            ':ro',
            os.path.join(charm, 'nginx', 'templates') + ':' + TEMPLATES +
            ':ro']))
        self.assertEqual(argv[-1], 'nginx:1.27-alpine')
        for mount in self.unit.container(NAME)['mounts']:
            self.assertEqual(mount['mode'], 'ro')
            self.assertTrue(mount['host_path_exists'], mount)
        self.assertEqual(self.unit.status, ('active', 'serving on port 80'))

    def test_every_shipped_site_has_a_page_and_no_remote_assets(self):
        sites = os.path.join(example(FOLDER), 'sites')
        names = sorted(os.listdir(sites))
        self.assertGreaterEqual(len(names), 2)
        for name in names:
            for page in ('index.html', 'style.css'):
                path = os.path.join(sites, name, page)
                with open(path) as fp:
                    text = fp.read()
                self.assertNotIn('http://', text.replace(
                    'http://www.w3.org', ''), path)
                self.assertNotIn('https://', text, path)
                self.assertNotIn('<script', text, path)

    def test_template_uses_the_variable_the_charm_sets(self):
        path = os.path.join(example(FOLDER), 'nginx', 'templates',
                            'default.conf.template')
        with open(path) as fp:
            text = fp.read()
        self.assertIn('${SITE_EXPIRES}', text)
        self.assertIn('root         ' + NGINX_ROOT + ';', text)

    def test_unchanged_configuration_recreates_nothing(self):
        before = self.runs()
        for hook in ('config-changed', 'start', 'update-status',
                     'config-changed'):
            self.unit.run_hook(hook)
        self.unit.config_set(site='default', expires='1h', port=80)
        self.assertEqual(self.runs(), before)
        self.assertEqual(calls_of(self.unit, 'rm'), [])

    def test_site_switch_swaps_the_bind_mount_only(self):
        old = self.unit.container(NAME)['id']
        self.unit.config_set(site='maintenance')
        container = self.unit.container(NAME)
        self.assertNotEqual(container['id'], old)
        self.assertEqual(self.site_mount()['source'], os.path.join(
            self.unit.charm_dir, 'sites', 'maintenance'))
        argv = self.last_run()
        self.assertEqual(flag_values(argv, '-p'), ['80:80'])
        self.assertEqual(flag_values(argv, '-e'), ['SITE_EXPIRES=1h'])
        # The same port stays open; nothing to close.
        self.assertEqual(self.unit.opened_ports, {'80/tcp'})
        self.assertNotIn('close-port', [c[0] for c in self.unit.calls()])

    def test_expires_change_recreates_with_the_new_env(self):
        self.unit.config_set(expires='7d')
        argv = self.last_run()
        self.assertEqual(flag_values(argv, '-e'), ['SITE_EXPIRES=7d'])
        self.assertIn('SITE_EXPIRES=7d', self.unit.container(NAME)['env'])
        # The value is one argv element after -e.
        self.assertEqual(argv[argv.index('-e') + 1], 'SITE_EXPIRES=7d')

    def test_port_change_recreates_and_closes_the_old_port(self):
        self.unit.config_set(port=8080)
        self.assertEqual(flag_values(self.last_run(), '-p'), ['8080:80'])
        self.assertEqual(self.unit.opened_ports, {'8080/tcp'})
        self.assertEqual(self.unit.status,
                         ('active', 'serving on port 8080'))

    def test_image_change_recreates_with_the_new_image(self):
        self.unit.config_set(image='nginx:1.27')
        self.assertEqual(self.last_run()[-1], 'nginx:1.27')
        self.assertEqual(self.unit.app_version, '1.27')

    def test_container_changed_by_hand_is_put_back(self):
        """update-status compares env and mounts too, not just image."""
        self.unit.exec('docker', 'rm', '-f', NAME)
        self.unit.exec('docker', 'run', '-d', '--name', NAME, '-p', '80:80',
                       '-e', 'SITE_EXPIRES=max', 'nginx:1.27-alpine')
        self.unit.update_status()
        argv = self.last_run()
        self.assertEqual(flag_values(argv, '-e'), ['SITE_EXPIRES=1h'])
        self.assertEqual(len(flag_values(argv, '-v')), 2)

    def test_empty_site_serves_nothing_and_unregisters(self):
        self.assertEqual(len(self.unit.payloads), 1)
        self.unit.config_set(site='')
        self.assertNotIn(NAME, self.unit.containers)
        self.assertEqual(self.unit.payloads, {})
        self.assertEqual(self.unit.opened_ports, set())
        state, message = self.unit.status
        self.assertEqual(state, 'blocked')
        self.assertIn('juju config docker-webapp site=default', message)
        # Repeating the hooks changes nothing and starts nothing.
        runs = self.runs()
        self.unit.run_hook('config-changed')
        self.unit.update_status()
        self.assertEqual(self.runs(), runs)
        self.assertEqual(self.unit.status[0], 'blocked')
        # Setting a site brings container, port and payload back.
        self.unit.config_set(site='default')
        self.assertTrue(self.unit.container(NAME)['running'])
        self.assertEqual(self.unit.opened_ports, {'80/tcp'})
        (klass, pid), = self.unit.payloads
        self.assertEqual(pid, self.unit.container(NAME)['id'][:12])

    def test_site_change_swaps_the_registered_payload(self):
        (_, old), = self.unit.payloads
        self.unit.config_set(site='maintenance')
        (_, new), = self.unit.payloads
        self.assertNotEqual(new, old)

    def test_reset_returns_to_the_defaults(self):
        self.unit.config_set(site='maintenance', expires='off', port=8081)
        self.unit.config_reset('site', 'expires', 'port')
        argv = self.last_run()
        self.assertEqual(flag_values(argv, '-p'), ['80:80'])
        self.assertEqual(flag_values(argv, '-e'), ['SITE_EXPIRES=1h'])
        self.assertTrue(self.site_mount()['source'].endswith(
            os.path.join('sites', 'default')))
        self.assertEqual(self.unit.opened_ports, {'80/tcp'})


class InvalidConfigurationTest(unittest.TestCase):
    """A bad value blocks with a fix and leaves the container alone."""

    def setUp(self):
        self.unit = build(FOLDER)
        self.addCleanup(self.unit.cleanup)
        self.unit.deploy()
        self.container_id = self.unit.container(NAME)['id']

    def assert_blocked_untouched(self, *words):
        state, message = self.unit.status
        self.assertEqual(state, 'blocked', message)
        for word in words:
            self.assertIn(word, message)
        self.assertEqual(self.unit.container(NAME)['id'], self.container_id)

    def test_unknown_site_names_the_choices(self):
        self.unit.config_set(site='blog')
        self.assert_blocked_untouched("site 'blog' does not exist",
                                      'default, maintenance',
                                      'juju config docker-webapp site=')

    def test_site_cannot_leave_the_sites_directory(self):
        for bad in ('../site', '/etc', 'default/../..', 'Default'):
            self.unit.config_set(site=bad)
            self.assert_blocked_untouched('does not exist')

    def test_bad_expires_blocks(self):
        for bad in ('1 hour', '1h;', 'x', '${PATH}'):
            self.unit.config_set(expires=bad)
            self.assert_blocked_untouched('expires', '--reset expires')

    def test_fixing_the_value_returns_to_active(self):
        self.unit.config_set(site='blog')
        self.unit.config_set(site='maintenance')
        self.assertEqual(self.unit.status, ('active', 'serving on port 80'))


class ConfigYamlTest(unittest.TestCase):

    def test_every_option_has_type_default_and_description(self):
        with open(os.path.join(example(FOLDER), 'config.yaml')) as fp:
            options = yaml.safe_load(fp)['options']
        self.assertEqual(sorted(options),
                         ['expires', 'image', 'port', 'site'])
        for name, spec in options.items():
            self.assertIn(spec['type'], ('string', 'int'), name)
            self.assertIn('default', spec, name)
            self.assertGreater(spec['description'].count('\n'), 1, name)


if __name__ == '__main__':
    unittest.main()
