"""Self-tests for the hook-tool and docker CLI stand-ins (run via
``Unit.exec``, i.e. like ``juju exec`` on the unit)."""

import json
import os
import unittest

from harness_testlib import fixture
from charmharness import Unit

HOSTILE = 'a b "c" \'d\' $(touch /tmp/pwned) `id`; rm -rf / \n next line'


class ToolTestCase(unittest.TestCase):
    layer = 'docker-demo'
    leader = True

    @classmethod
    def setUpClass(cls):
        cls.unit = Unit.build(fixture(cls.layer), leader=cls.leader)

    @classmethod
    def tearDownClass(cls):
        cls.unit.cleanup()

    def run_ok(self, *argv):
        res = self.unit.exec(*argv)
        self.assertEqual(res.returncode, 0, res.stderr)
        return res

    def run_fails(self, code, pattern, *argv):
        res = self.unit.exec(*argv)
        self.assertEqual(res.returncode, code, (argv, res.stderr))
        self.assertRegex(res.stderr, pattern)
        return res


class StatusAndPortsTest(ToolTestCase):

    def test_status_set_accepts_only_charm_settable_states(self):
        for state in ('maintenance', 'blocked', 'waiting', 'active'):
            self.run_ok('status-set', state, 'msg ' + state)
            self.assertEqual(self.unit.status, (state, 'msg ' + state))
        for bad in ('error', 'unknown', 'started', 'terminated', 'Active'):
            self.run_fails(2, 'ERROR invalid status "%s"' % bad,
                           'status-set', bad, 'x')
        self.assertEqual(self.unit.status, ('active', 'msg active'))
        self.assertEqual(self.unit.status_history[-1],
                         ('active', 'msg active'))

    def test_status_get_reports_what_was_set(self):
        self.run_ok('status-set', 'blocked', 'need relation')
        res = self.run_ok('status-get', '--format=json', '--include-data')
        self.assertEqual(json.loads(res.stdout)['message'], 'need relation')

    def test_open_port_validation(self):
        for bad, pattern in (('0', 'range'), ('65536', 'range'),
                             ('abc', 'expected <port>'),
                             ('80/sctp', 'invalid protocol'),
                             ('80/icmp', 'icmp'), ('90-80', 'range'),
                             ('-1', 'flag provided but not defined')):
            self.run_fails(2, pattern, 'open-port', bad)
        self.run_fails(2, 'range', 'close-port', '70000')

    def test_open_and_close_port_normalise_and_commit(self):
        for spec in ('80', '443/TCP', '1000-2000/udp', 'icmp'):
            self.run_ok('open-port', spec)
        self.assertTrue({'80/tcp', '443/tcp', '1000-2000/udp', 'icmp'}
                        <= self.unit.opened_ports)
        self.run_ok('close-port', '80/tcp')
        self.assertNotIn('80/tcp', self.unit.opened_ports)
        self.assertEqual(self.run_ok('opened-ports').stdout.count('443/tcp'),
                         1)


class ConfigAndNetworkTest(ToolTestCase):

    def test_config_get_like_charmhelpers_calls_it(self):
        res = self.run_ok('config-get', '--all', '--format=json')
        values = json.loads(res.stdout)
        self.assertEqual(values['port'], 8080)
        self.assertEqual(values['docker_runtime'], 'auto')
        self.assertEqual(self.run_ok('config-get', 'image').stdout,
                         'nginx:1.25\n')
        self.assertEqual(self.run_ok('config-get', 'nope', '--format',
                                     'json').stdout, 'null\n')
        self.run_fails(2, '--all together', 'config-get', 'port', '--all')

    def test_network_and_addresses_never_a_docker_bridge(self):
        self.assertEqual(self.run_ok('network-get', 'website',
                                     '--ingress-address').stdout,
                         '10.1.2.3\n')
        full = json.loads(self.run_ok('network-get', 'website', '--format',
                                      'json').stdout)
        self.assertEqual(full['ingress-addresses'], ['10.1.2.3'])
        self.run_fails(1, 'no network config found for binding "db"',
                       'network-get', 'db')
        self.assertEqual(self.run_ok('unit-get', 'private-address').stdout,
                         '10.1.2.3\n')
        self.run_fails(2, 'unknown setting', 'unit-get', 'address')
        self.assertEqual(self.run_ok('is-leader', '--format=json').stdout,
                         'true\n')

    def test_relation_tools_need_a_relation(self):
        self.run_fails(2, 'no relation id specified', 'relation-get')
        self.run_fails(2, 'relation not found', 'relation-get', '-r',
                       'website:99', '-', 'haproxy/0')
        self.assertEqual(json.loads(self.run_ok(
            'relation-ids', '--format=json', 'website').stdout), [])
        self.run_fails(2, 'no endpoint named', 'relation-ids', 'nope')

    def test_every_call_is_recorded_with_exact_argv(self):
        self.unit.exec('juju-log', '-l', 'WARNING', HOSTILE)
        self.assertEqual(self.unit.calls('juju-log')[-1],
                         ['juju-log', '-l', 'WARNING', HOSTILE])
        self.assertEqual(self.unit.log[-1], HOSTILE)
        self.unit.exec('status-set', 'error', 'x')
        self.assertEqual(self.unit.call_records[-1]['rc'], 2)


class PayloadTest(ToolTestCase):

    def test_class_must_be_in_metadata_with_same_type(self):
        self.run_fails(1, 'payload "monitoring" not found in metadata.yaml',
                       'payload-register', 'docker', 'monitoring', 'abc')
        # the documented example passes class before type and fails
        self.run_fails(1, 'payload "docker" not found in metadata.yaml',
                       'payload-register', 'webapp', 'docker', 'abc')
        self.run_fails(1, 'incorrect type "kvm" for payload "webapp"',
                       'payload-register', 'kvm', 'webapp', 'abc')

    def test_status_values_and_unregister(self):
        self.run_ok('payload-register', 'docker', 'webapp', 'c1', 'tag1')
        self.assertEqual(self.unit.payloads[('webapp', 'c1')],
                         {'type': 'docker', 'status': 'running',
                          'tags': ['tag1']})
        self.run_fails(2, 'status must be in', 'payload-status-set',
                       'webapp', 'c1', 'started')
        for status in ('starting', 'running', 'stopping', 'stopped'):
            self.run_ok('payload-status-set', 'webapp', 'c1', status)
            self.assertEqual(
                self.unit.payloads[('webapp', 'c1')]['status'], status)
        self.run_fails(1, 'not found', 'payload-status-set', 'webapp', 'zz',
                       'running')
        self.run_ok('payload-unregister', 'webapp', 'c1')
        self.assertNotIn(('webapp', 'c1'), self.unit.payloads)
        self.run_fails(1, 'not found', 'payload-unregister', 'webapp', 'c1')


class NotLeaderTest(ToolTestCase):
    layer = 'dispatch-demo'
    leader = False

    def test_application_status_needs_leadership(self):
        self.run_fails(1, 'not the leader', 'status-set', '--application',
                       'active', 'x')
        self.assertEqual(self.run_ok('is-leader').stdout, 'False\n')


class DockerBeforeInstallTest(ToolTestCase):

    def test_docker_refused_before_install(self):
        res = self.run_fails(127, 'docker: command not found',
                             'docker', 'ps')
        self.assertEqual(res.stdout, '')
        self.assertEqual(self.unit.calls('docker'), [['docker', 'ps']])


class DockerCliTest(ToolTestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.unit.exec('harness-install-docker')
        cls.unit.fail_pulls('example/missing:1')

    def test_run_records_a_realistic_container(self):
        self.run_ok('docker', 'run', '-d', '--name', 'web1', '-p',
                    '127.0.0.1:8081:80/tcp', '-p', '9000:9000/udp',
                    '--restart=on-failure:3', '-e', 'A=1', '-v',
                    '/srv/www:/usr/share/nginx/html:ro', '--mount',
                    'type=volume,source=data,target=/data', '-u', '1000:1000',
                    '--read-only', '--cap-drop', 'ALL', '--log-driver',
                    'json-file', '--log-opt', 'max-size=10m', 'nginx',
                    'nginx', '-g', 'daemon off;')
        ctr = self.unit.container('web1')
        self.assertTrue(ctr['running'])
        self.assertEqual(ctr['image'], 'nginx:latest')
        self.assertEqual(ctr['command'], ['nginx', '-g', 'daemon off;'])
        self.assertEqual(ctr['port_bindings']['80/tcp'],
                         [{'HostIp': '127.0.0.1', 'HostPort': '8081'}])
        self.assertEqual(ctr['restart'], 'on-failure')
        self.assertEqual(ctr['restart_max_retries'], 3)
        self.assertEqual(ctr['user'], '1000:1000')
        self.assertEqual([m['rw'] for m in ctr['mounts']], [False, True])
        self.assertEqual(ctr['cap_drop'], ['ALL'])
        self.assertIn('nginx:latest', self.unit.images)

    def test_inspect_output_and_templates(self):
        self.run_ok('docker', 'run', '-d', '--name', 'insp', '-p', '8082:80',
                    '--restart', 'unless-stopped', '-e', 'X=y', 'nginx:1.25')
        data = json.loads(self.run_ok('docker', 'inspect', 'insp').stdout)[0]
        self.assertEqual(data['Name'], '/insp')
        self.assertIs(data['State']['Running'], True)
        self.assertEqual(data['Config']['Image'], 'nginx:1.25')
        self.assertEqual(data['Config']['Env'], ['X=y'])
        self.assertEqual(data['HostConfig']['PortBindings'],
                         {'80/tcp': [{'HostIp': '', 'HostPort': '8082'}]})
        self.assertEqual(data['HostConfig']['RestartPolicy']['Name'],
                         'unless-stopped')

        def fmt(template):
            return self.run_ok('docker', 'inspect', '-f', template,
                               'insp').stdout
        self.assertEqual(fmt('{{.State.Running}}'), 'true\n')
        self.assertEqual(fmt('{{.Config.Image}}'), 'nginx:1.25\n')
        self.assertEqual(json.loads(fmt('{{json .HostConfig.PortBindings}}')),
                         {'80/tcp': [{'HostIp': '', 'HostPort': '8082'}]})
        res = self.run_fails(1, r'^Error: No such object: ghost$', 'docker',
                             'inspect', 'ghost')
        self.assertEqual(res.stdout, '[]\n')

    def test_name_conflict_and_rm_rules(self):
        self.run_ok('docker', 'run', '-d', '--name', 'dup', 'nginx')
        self.run_fails(125, 'Conflict. The container name "/dup" is already '
                       'in use', 'docker', 'run', '-d', '--name', 'dup',
                       'nginx')
        self.run_fails(1, 'container is running: stop the container before '
                       'removing or force remove', 'docker', 'rm', 'dup')
        self.run_ok('docker', 'stop', 'dup')
        self.assertIn('Exited', self.run_ok(
            'docker', 'ps', '-a', '--filter', 'name=dup', '--format',
            '{{.Names}} {{.Status}}').stdout)
        self.assertEqual(self.run_ok('docker', 'ps', '--filter', 'name=dup',
                                     '--format', '{{.Names}}').stdout, '')
        self.run_ok('docker', 'rm', 'dup')
        self.assertIn('dup', [c['name'] for c in
                              self.unit.removed_containers])
        self.run_ok('docker', 'run', '-d', '--name', 'dup', 'nginx')
        self.run_ok('docker', 'rm', '-f', 'dup')

    def test_invalid_references_rejected(self):
        for image in ('', 'nginx latest', 'NGINX', 'ng$inx', 'nginx:',
                      ':tag', 'a b'):
            self.run_fails(125, 'invalid reference format', 'docker', 'run',
                           '-d', image)
        self.run_fails(1, 'invalid reference format', 'docker', 'pull',
                       'bad image')
        self.run_ok('docker', 'pull',
                    'nginx@sha256:' + 'a' * 64)

    def test_flag_validation_like_docker(self):
        cases = [
            (['--frobnicate'], 'unknown flag: --frobnicate'),
            (['-Z'], "unknown shorthand flag: 'Z' in -Z"),
            (['--restart', 'always', '--rm'],
             'Conflicting options: --restart and --rm'),
            (['--restart', 'sometimes'], "invalid restart policy 'sometimes'"),
            (['--restart', 'on-failure:x'], 'must be an integer'),
            (['-p', '99999:80'], 'invalid hostPort: 99999'),
            (['-p', '80:abc'], 'invalid containerPort: abc'),
            (['-p', '80:80/xyz'], 'invalid proto: xyz'),
            (['-v', '/srv:relative'], 'invalid volume specification'),
            (['--mount', 'type=bind,source=/x'], 'target is required'),
            (['--env-file', '/nonexistent/env'], 'no such file'),
            (['--name', 'bad name'], 'Invalid container name'),
            (['-e', '=x'], 'invalid environment variable'),
        ]
        for flags, pattern in cases:
            self.run_fails(125, pattern, 'docker', 'run', '-d', *flags,
                           'nginx')

    def test_pull_failure_knob(self):
        self.run_fails(1, 'pull access denied for example/missing', 'docker',
                       'pull', 'example/missing:1')
        self.run_fails(125, 'pull access denied', 'docker', 'run', '-d',
                       'example/missing:1')

    def test_env_file_read_and_hostile_value_stays_one_argument(self):
        path = os.path.join(self.unit.root, 'tmp', 'app.env')
        with open(path, 'w') as fp:
            fp.write('# comment\nSECRET=s3cr3t # not a comment\n\n  B=2\n')
        os.chmod(path, 0o600)
        self.run_ok('docker', 'run', '-d', '--name', 'envy', '--env-file',
                    path, '-e', 'MESSAGE=' + HOSTILE, 'nginx')
        ctr = self.unit.container('envy')
        self.assertEqual(ctr['env_dict'], {'SECRET': 's3cr3t # not a comment',
                                           'B': '2', 'MESSAGE': HOSTILE})
        self.assertEqual(ctr['env_files'], [{'path': path, 'mode': '0600'}])
        self.assertIn('MESSAGE=' + HOSTILE, self.unit.calls('docker')[-1])
        self.assertFalse(os.path.exists('/tmp/pwned'))

    def test_daemon_down_refuses(self):
        self.run_ok('docker', 'run', '-d', '--name', 'survivor', '--restart',
                    'always', 'nginx')
        self.run_ok('docker', 'run', '-d', '--name', 'casualty', 'nginx')
        self.unit.docker_down()
        try:
            self.run_fails(1, 'Cannot connect to the Docker daemon', 'docker',
                           'ps')
        finally:
            self.unit.docker_up()
        self.assertTrue(self.unit.container('survivor')['running'])
        self.assertFalse(self.unit.container('casualty')['running'])



class RestartLoopTest(ToolTestCase):
    """Knob restart_looping_images: docker's "restarting" state."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.unit.exec('harness-install-docker')
        cls.unit.set_knob('restart_looping_images', ['busybox:1.36'])

    def state(self, name):
        data = json.loads(self.run_ok('docker', 'inspect', name).stdout)[0]
        return data['State'], data['RestartCount']

    def test_policy_keeps_a_crashing_container_restarting(self):
        self.run_ok('docker', 'run', '-d', '--name', 'loop',
                    '--restart', 'unless-stopped', 'busybox:1.36')
        state, count = self.state('loop')
        # moby counts a restarting container as running.
        self.assertIs(state['Running'], True)
        self.assertIs(state['Restarting'], True)
        self.assertEqual(state['Status'], 'restarting')
        self.assertEqual(state['ExitCode'], 1)
        self.assertEqual(state['Pid'], 0)
        self.assertGreaterEqual(count, 1)
        self.assertIn('Restarting (1)', self.run_ok(
            'docker', 'ps', '--filter', 'name=loop', '--format',
            '{{.Status}}').stdout)
        self.run_ok('docker', 'stop', 'loop')
        state, _ = self.state('loop')
        self.assertEqual((state['Running'], state['Restarting']),
                         (False, False))

    def test_a_dict_sets_the_exit_code(self):
        self.unit.set_knob('restart_looping_images', {'busybox:1.36': 0})
        self.addCleanup(self.unit.set_knob, 'restart_looping_images',
                        ['busybox:1.36'])
        self.run_ok('docker', 'run', '-d', '--name', 'zero',
                    '--restart', 'always', 'busybox:1.36')
        state, _ = self.state('zero')
        self.assertEqual((state['Status'], state['ExitCode']),
                         ('restarting', 0))

    def test_without_a_policy_it_just_exits(self):
        self.run_ok('docker', 'run', '-d', '--name', 'once', 'busybox:1.36')
        state, count = self.state('once')
        self.assertEqual((state['Status'], state['Running'],
                          state['Restarting'], state['ExitCode'], count),
                         ('exited', False, False, 1, 0))


if __name__ == '__main__':
    unittest.main()
