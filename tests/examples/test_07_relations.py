"""Part 7: the website endpoint and its hand-written relation stub.

1. The shared behavioural scenarios (tests/examples/scenarios.py) run
   against examples/07-relations, one test method each. Chapter 9 runs
   the same list against its reactive re-composition.
2. The chapter's own claims about the stub: two or more haproxy units
   joining and leaving, what is published and how (network-get with -r,
   never unit-get, only changed values), Juju 4.0, the *endpoint
   signature, and the ERROR line charms.reactive logs.
3. The outputs shown on the page (examples/07-relations/outputs/) agree
   with what the harness unit reports after the same steps.
"""

import os
import re
import unittest

import yaml

from examples import scenarios
from examples.juju_tables import (app_row, parse_table, ports_of,
                                  read_output, unit_row)
from examples.support import build, example

FOLDER = '07-relations'
ENDPOINT = 'website'
UNITS = ['haproxy/0', 'haproxy/1', 'haproxy/2']
STUB_PREFIX = 'website relation: '
NO_INTERFACE = 'Unable to find implementation for relation: provides of http'

# One TestCase method per shared scenario.
HookEraScenarios = scenarios.scenario_test_case(
    FOLDER, name='HookEraScenarios', module=__name__)


def relation_sets(unit):
    return [argv for argv in unit.calls() if argv[0] == 'relation-set']


def stub_log(unit):
    """The relation stub's own log lines, without the prefix."""
    return [m[len(STUB_PREFIX):] for m in unit.log
            if m.startswith(STUB_PREFIX)]


class RelationStubTest(unittest.TestCase):
    """What the website handlers do, beyond the shared scenarios."""

    def setUp(self):
        self.unit = build(FOLDER)
        self.addCleanup(self.unit.cleanup)
        self.unit.deploy()

    def relate(self, units=UNITS):
        return self.unit.add_relation(ENDPOINT, 'haproxy', units=units)

    def test_each_remote_unit_gets_joined_then_changed(self):
        rel_id = self.relate()
        hooks = [(h['hook'], h['remote_unit']) for h in self.unit.hooks_run
                 if h['relation_id'] == rel_id]
        expected = [('website-relation-created', None)]
        for remote in UNITS:
            expected += [('website-relation-joined', remote),
                         ('website-relation-changed', remote)]
        self.assertEqual(hooks, expected)
        for remote in UNITS:
            self.assertIn('website-relation-joined for ' + remote,
                          stub_log(self.unit))

    def test_publishes_once_and_only_writes_changes(self):
        rel_id = self.relate()
        # Three joined and three changed hooks, but one bag per unit: the
        # data is written once, by the first -joined.
        self.assertEqual(len(relation_sets(self.unit)), 1)
        # haproxy answers with its own data: -changed, nothing to write.
        self.unit.set_remote_data(rel_id, 'haproxy/0',
                                  {'public-address': '203.0.113.9'})
        self.unit.update_status()
        self.assertEqual(len(relation_sets(self.unit)), 1)
        self.unit.config_set(port=8080)
        self.assertEqual(len(relation_sets(self.unit)), 2)
        argv = relation_sets(self.unit)[-1]
        self.assertEqual(argv[:3], ['relation-set', '-r', rel_id])

    def test_address_comes_from_network_get_with_the_relation(self):
        rel_id = self.relate(['haproxy/0'])
        self.assertIn(['network-get', ENDPOINT, '--ingress-address',
                       '-r', rel_id], self.unit.calls('network-get'))
        self.assertEqual(self.unit.calls('unit-get'), [])

    def test_never_publishes_the_container_bridge_address(self):
        rel_id = self.relate(['haproxy/0'])
        inspect = self.unit.exec('docker', 'inspect', '--format',
                                 '{{.NetworkSettings.IPAddress}}',
                                 'docker-webapp')
        bridge = inspect.stdout.strip()
        self.assertTrue(bridge.startswith('172.17.'), bridge)
        self.assertNotIn(bridge, self.unit.relation_data(rel_id).values())

    def test_departed_and_broken_only_log(self):
        rel_id = self.relate()
        published = self.unit.relation_data(rel_id)
        before = len(relation_sets(self.unit))
        self.unit.remove_remote_unit(rel_id, 'haproxy/1')
        self.assertIn('haproxy/1 left; still related to: haproxy/0, '
                      'haproxy/2', stub_log(self.unit))
        self.assertEqual(self.unit.relation_data(rel_id), published)
        self.unit.remove_relation(rel_id)
        self.assertIn('{} removed; nothing more to publish there'.format(
            rel_id), stub_log(self.unit))
        self.assertEqual(len(relation_sets(self.unit)), before)
        self.assertEqual(self.unit.status[0], 'active')

    def test_every_hook_logs_the_missing_interface_layer(self):
        self.relate(['haproxy/0'])
        errors = {r['hook'] for r in self.unit.log_records
                  if r['level'] == 'ERROR' and r['message'] == NO_INTERFACE}
        ran = {h['hook'] for h in self.unit.hooks_run if not h['skipped']}
        self.assertEqual(errors, ran)


class Juju40Test(unittest.TestCase):
    """Juju 4.0 fills in no private-address; the charm sets it itself."""

    def test_private_address_is_published_by_the_charm(self):
        unit = build(FOLDER, juju_version='4.0.0')
        self.addCleanup(unit.cleanup)
        unit.deploy()
        rel_id = unit.add_relation(ENDPOINT, 'haproxy', units=['haproxy/0'])
        data = unit.relation_data(rel_id)
        self.assertEqual(data['private-address'], data['ingress-address'])
        # What the legacy haproxy charm needs to add a backend server.
        self.assertEqual(data['port'], '80')


FAKE_INTERFACE = '''\
"""A stand-in interface:http layer, as if layer.yaml included one."""
from charms.reactive import Endpoint


class HttpProvides(Endpoint):
    pass
'''


class EndpointArgumentTest(unittest.TestCase):
    """@hook passes the endpoint object when an interface layer exists.

    The handlers take *endpoint, so they work with or without one; a
    handler without parameters would crash the hook.
    """

    def relate_with_fake_interface(self, unit):
        path = os.path.join(unit.charm_dir, 'hooks', 'relations', 'http')
        os.makedirs(path)
        with open(os.path.join(path, 'provides.py'), 'w') as fp:
            fp.write(FAKE_INTERFACE)
        return unit.add_relation(ENDPOINT, 'haproxy', units=['haproxy/0'],
                                 check=False)

    def test_handlers_accept_the_endpoint_object(self):
        unit = build(FOLDER)
        self.addCleanup(unit.cleanup)
        unit.deploy()
        rel_id = self.relate_with_fake_interface(unit)
        failed = [h for h in unit.hooks_run if h['rc'] != 0]
        self.assertEqual(failed, [])
        self.assertEqual(unit.relation_data(rel_id)['port'], '80')

    def test_a_handler_without_parameters_would_fail(self):
        unit = build(FOLDER)
        self.addCleanup(unit.cleanup)
        unit.deploy()
        module = os.path.join(unit.charm_dir, 'reactive', 'docker_webapp.py')
        with open(module) as fp:
            source = fp.read()
        mutant, count = re.subn(r'def website_joined_or_changed\(\*endpoint\)',
                                'def website_joined_or_changed()', source)
        self.assertEqual(count, 1)
        with open(module, 'w') as fp:
            fp.write(mutant)
        self.relate_with_fake_interface(unit)
        joined = [h for h in unit.hooks_run
                  if h['hook'] == 'website-relation-joined']
        self.assertNotEqual(joined[0]['rc'], 0)


class OutputsTest(unittest.TestCase):
    """The outputs on the page match the harness after the same steps."""

    @classmethod
    def setUpClass(cls):
        cls.unit = build(FOLDER)
        cls.unit.deploy()
        cls.rel_id = cls.unit.add_relation(ENDPOINT, 'haproxy',
                                           units=['haproxy/0'])
        # The legacy haproxy charm publishes its public address on join.
        cls.unit.set_remote_data(cls.rel_id, 'haproxy/0',
                                 {'public-address': '10.76.142.30'})
        cls.address = cls.unit.relation_data(cls.rel_id)['ingress-address']

    @classmethod
    def tearDownClass(cls):
        cls.unit.cleanup()

    def test_status_relations(self):
        text = read_output(FOLDER, 'status-relations.txt')
        state, message = self.unit.status
        for name in ('docker-webapp/0', 'docker-webapp/1',
                     'docker-webapp/2'):
            row = unit_row(text, name)
            self.assertEqual(row['Workload'], state)
            self.assertEqual(row['Message'], message)
            self.assertEqual(ports_of(row['Ports']), self.unit.opened_ports)
        app = app_row(text)
        self.assertEqual(app['Version'], self.unit.app_version)
        self.assertEqual(app['Status'], state)
        self.assertEqual(app['Message'], message)
        self.assertEqual(app['Scale'], '3')
        relations = parse_table(text, 'Integration provider')
        self.assertIn({'Integration provider': 'docker-webapp:website',
                       'Requirer': 'haproxy:reverseproxy',
                       'Interface': 'http', 'Type': 'regular',
                       'Message': ''}, relations)
        with open(os.path.join(example(FOLDER), 'metadata.yaml')) as fp:
            metadata = yaml.safe_load(fp)
        self.assertEqual(metadata['provides'][ENDPOINT]['interface'], 'http')

    def test_show_unit_data_is_what_the_unit_published(self):
        text = read_output(FOLDER, 'show-unit-haproxy.txt')
        info = yaml.safe_load(text)['haproxy/0']['relation-info'][0]
        self.assertEqual(info['endpoint'], 'reverseproxy')
        self.assertEqual(info['related-endpoint'], ENDPOINT)
        harness = self.unit.relation_data(self.rel_id)
        for name, unit in info['related-units'].items():
            self.assertTrue(name.startswith('docker-webapp/'))
            shown = unit['data']
            # The page shows each unit with its own address.
            address = shown['ingress-address']
            expected = {k: str(v).replace(self.address, address)
                        for k, v in harness.items()}
            self.assertEqual({k: str(v) for k, v in shown.items()},
                             expected)

    def test_debug_log_lines_are_the_stub_lines(self):
        text = read_output(FOLDER, 'debug-log-website.txt')
        shown = []
        for line in text.splitlines():
            match = re.match(r'unit-docker-webapp-0: \S+ INFO '
                             r'unit\.docker-webapp/0\.juju-log '
                             r'(website:\d+): (.*)$', line)
            self.assertIsNotNone(match, line)
            shown.append(match.group(2).replace(match.group(1),
                                                self.rel_id))
        ran = [STUB_PREFIX + m for m in stub_log(self.unit)]
        # docker-webapp/0's address in the outputs on the page.
        ran = [m.replace(self.address, '10.76.142.21') for m in ran]
        self.assertEqual(shown, ran)

    def test_debug_log_error_line(self):
        text = read_output(FOLDER, 'debug-log-error.txt').strip()
        self.assertTrue(text.endswith(' ERROR unit.docker-webapp/0.juju-log '
                                      + NO_INTERFACE), text)


if __name__ == '__main__':
    unittest.main()
