"""Self-tests for the Unit API, driving the docker-demo fixture charm."""

import unittest

from harness_testlib import demo_lines, fixture
from charmharness import ConfigError, HookFailed, Unit

HOSTILE = 'a b "c" \'d\' $(touch /tmp/pwned) `id`; rm -rf / \n next line'


class DeployedUnitTest(unittest.TestCase):

    def setUp(self):
        self.unit = Unit.build(fixture('docker-demo'))
        self.addCleanup(self.unit.cleanup)
        self.unit.deploy()

    def test_deploy_runs_hooks_in_juju_order(self):
        self.assertEqual([h['hook'] for h in self.unit.hooks_run],
                         ['install', 'leader-elected', 'config-changed',
                          'start'])

    def test_deploy_starts_the_container_after_docker_is_available(self):
        u = self.unit
        self.assertEqual(u.status, ('active', 'Serving on port 8080'))
        self.assertEqual(u.opened_ports, {'8080/tcp'})
        self.assertEqual(u.app_version, 'nginx:1.25')
        ctr = u.container('demo-web')
        self.assertTrue(ctr['running'])
        self.assertEqual(ctr['restart'], 'unless-stopped')
        self.assertEqual(ctr['port_bindings'],
                         {'80/tcp': [{'HostIp': '', 'HostPort': '8080'}]})
        self.assertEqual(u.payloads, {('webapp', ctr['id']): {
            'type': 'docker', 'status': 'running', 'tags': []}})
        tools = [c[0] for c in u.calls()]
        self.assertLess(tools.index('harness-install-docker'),
                        tools.index('docker'))
        self.assertTrue({'docker.ready', 'docker.available',
                         'demo.started'} <= u.flags)
        self.assertIn(('maintenance', 'Installing docker.io from universe.'),
                      u.status_history)

    def test_status_log_names_the_hook_of_each_status(self):
        log = self.unit.status_log
        self.assertEqual([(e['status'], e['message']) for e in log],
                         self.unit.status_history)
        self.assertIn({'status': 'maintenance',
                       'message': 'Installing docker.io from universe.',
                       'hook': 'install'}, log)

    def test_port_change_recreates_container_and_moves_port(self):
        old_id = self.unit.container('demo-web')['id']
        self.unit.config_set(port=9090)
        ctr = self.unit.container('demo-web')
        self.assertNotEqual(ctr['id'], old_id)
        self.assertEqual(ctr['ports'][0]['host_port'], '9090')
        self.assertEqual(self.unit.opened_ports, {'9090/tcp'})
        self.assertEqual([c['id'] for c in self.unit.removed_containers],
                         [old_id])
        self.assertEqual(list(self.unit.payloads), [('webapp', ctr['id'])])
        self.assertIn(['close-port', '8080/TCP'], self.unit.calls())

    def test_hostile_config_value_reaches_docker_as_one_argument(self):
        self.unit.config_set(message=HOSTILE)
        ctr = self.unit.container('demo-web')
        self.assertEqual(ctr['env_dict']['MESSAGE'], HOSTILE)
        self.assertIn('MESSAGE=' + HOSTILE, ctr['argv'])
        run = [c for c in self.unit.calls('docker') if c[1] == 'run'][-1]
        self.assertEqual(run, ctr['argv'])

    def test_config_validated_like_juju(self):
        for bad in ({'port': 'abc'}, {'port': True}, {'port': 1.5},
                    {'ratio': 'x'}, {'image': None}, {'nope': 1}):
            with self.assertRaises(ConfigError, msg=bad):
                self.unit.config_set(**bad)
        self.assertEqual(self.unit.config['port'], 8080)
        self.assertIsNone(self.unit.config_set(port=8080))  # no change
        self.unit.config_set(port='9091', ratio=2)
        self.assertEqual(self.unit.config['port'], 9091)
        self.assertEqual(self.unit.config['ratio'], 2.0)
        self.unit.config_reset('port')
        self.assertEqual(self.unit.opened_ports, {'8080/tcp'})

    def test_relation_lifecycle(self):
        u = self.unit
        rel = u.add_relation('website', remote_app='haproxy',
                             units=['haproxy/0'])
        self.assertEqual(rel, 'website:0')
        hooks = [h['hook'] for h in u.hooks_run[4:]]
        self.assertEqual(hooks, ['website-relation-created',
                                 'website-relation-joined',
                                 'website-relation-changed'])
        data = u.relation_data(rel)
        self.assertEqual(data['hostname'], '10.1.2.3')  # ingress, not bridge
        self.assertEqual(data['port'], '8080')
        self.assertEqual(data['extended'], '{"port": 8080}')
        self.assertTrue({'website.available',
                         'endpoint.website.joined'} <= u.flags)
        u.set_remote_data(rel, 'haproxy/0', {'ping': 'hello'})
        self.assertIn('PINGPONG pings: hello', u.log)
        self.assertIn('website.pinged', u.flags)
        u.add_remote_unit(rel, 'haproxy/1')
        self.assertEqual(u.relation_units(rel), ['haproxy/0', 'haproxy/1'])
        u.remove_remote_unit(rel, 'haproxy/1')
        self.assertIn('PINGPONG departed: haproxy/1', u.log)
        u.remove_relation(rel)
        self.assertEqual(u.hooks_run[-2]['hook'], 'website-relation-departed')
        self.assertEqual(u.hooks_run[-1]['hook'], 'website-relation-broken')
        self.assertFalse({'website.available',
                          'endpoint.website.joined'} & u.flags)

    def test_docker_available_going_away_is_tolerated(self):
        self.unit.docker_down()
        self.unit.update_status()
        self.assertEqual(self.unit.status, ('waiting', 'Waiting for Docker'))
        self.assertNotIn('docker.available', self.unit.flags)
        self.assertNotIn('demo.started', self.unit.flags)
        self.unit.docker_up()
        self.unit.update_status()
        self.assertEqual(self.unit.status, ('active', 'Serving on port 8080'))
        self.assertTrue(self.unit.container('demo-web')['running'])

    def test_failed_hook_discards_ports_and_flags_but_not_status(self):
        self.unit.fail_pulls('nginx:broken')
        with self.assertRaises(HookFailed) as ctx:
            self.unit.config_set(image='nginx:broken', port=9000)
        self.assertEqual(ctx.exception.hook, 'config-changed')
        self.assertIn('pull access denied', ctx.exception.stderr)
        self.assertEqual(self.unit.opened_ports, {'8080/tcp'})
        self.assertIn('demo.started', self.unit.flags)  # rolled back
        self.assertEqual(self.unit.status,
                         ('maintenance', 'Starting nginx:broken'))

    def test_stop_cleans_up(self):
        self.unit.stop()
        self.assertEqual(self.unit.containers, {})
        self.assertEqual(self.unit.payloads, {})
        self.assertEqual(self.unit.opened_ports, set())


class UndeployedUnitTest(unittest.TestCase):

    def test_docker_before_install_is_caught(self):
        with Unit.build(fixture('early-docker')) as unit:
            with self.assertRaises(HookFailed) as ctx:
                unit.deploy()
            self.assertEqual(ctx.exception.hook, 'install')
            self.assertIn('docker: command not found', ctx.exception.stderr)
            self.assertFalse(unit.docker_installed)

    def test_docker_install_failure_knob(self):
        with Unit.build(fixture('docker-demo')) as unit:
            unit.set_knob('docker_install_fails', True)
            results = unit.deploy(check=False)
            self.assertEqual(len(results), 1)
            self.assertEqual(results[0].returncode, 1)
            self.assertIn('Unable to locate package', results[0].stderr)
            self.assertNotIn('docker.ready', unit.flags)

    def test_juju4_drops_private_address(self):
        with Unit.build(fixture('docker-demo'), juju_version='4.0.0') as u:
            u.deploy()
            rel = u.add_relation('website', 'haproxy', units=['haproxy/0'])
            self.assertNotIn('private-address', u.relation_data(rel))
            self.assertNotIn('private-address',
                             u.relation_data(rel, 'haproxy/0'))
            self.assertIn('ingress-address', u.relation_data(rel))

    def test_unknown_endpoint_rejected(self):
        with Unit.build(fixture('dispatch-demo')) as unit:
            with self.assertRaisesRegex(ValueError, 'no endpoint'):
                unit.add_relation('website', 'haproxy')
            self.assertEqual(demo_lines(unit, 'DEMO'), [])


if __name__ == '__main__':
    unittest.main()
