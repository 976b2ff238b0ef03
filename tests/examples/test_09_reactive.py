"""Part 9: the same charm re-composed with flags and a local interface.

1. The shared behavioural scenarios (tests/examples/scenarios.py), which
   the hook-era charm of chapter 7 passes, must pass unchanged against
   examples/09-reactive.
2. Mutants prove the scenarios watch what the flags do: a copy of the
   layer with one clear_flag() or one guard flag removed must fail a
   named scenario (and the unmutated copy must pass it).
3. The chapter's own claims: the locally developed interface:http is
   what the builder copies into hooks/relations/http/, its requires side
   reads what a provider publishes, flags persist only when a hook
   succeeds, and the waiting for Docker costs one update-status, not two.
"""

import json
import os
import re
import shutil
import tempfile
import unittest
from unittest import mock

from examples import scenarios
from examples.hostile import findings_for
from examples.support import build, calls_of, example

FOLDER = '09-reactive'
MODULE = os.path.join('reactive', 'docker_webapp.py')
INTERFACES = os.path.join(example(FOLDER), 'interfaces')

# One TestCase method per shared scenario (the list chapter 7 passes).
ReactiveScenarios = scenarios.scenario_test_case(
    FOLDER, name='ReactiveScenarios', module=__name__)


# -- mutants ------------------------------------------------------------------

# (what the mutant removes, regex, replacement, the scenario it must fail)
MUTANTS = [
    ('config_changed() no longer clears webapp.started',
     r"(def config_changed\(\):(?:\n(?!def ).*)*?)\n    clear_flag\(STARTED\)",
     r'\1\n    pass',
     scenarios.port_change_recreates_and_moves_the_port),
    ('start_container() loses its webapp.stopping guard',
     r"@when_not\(STARTED, STOPPING\)\ndef start_container",
     '@when_not(STARTED)\ndef start_container',
     scenarios.stop_removes_container_port_and_payload),
    ('publish_website() loses its webapp.started guard',
     r"@when\(STARTED, 'website.available'\)\ndef publish_website",
     "@when('website.available')\ndef publish_website",
     scenarios.relation_joined_before_the_container_runs),
]


def _mutant_copy(tmp, pattern, replacement):
    """Copy the layer into tmp and apply one mutation to its module."""
    layer = os.path.join(tmp, FOLDER)
    shutil.copytree(example(FOLDER), layer)
    path = os.path.join(layer, MODULE)
    with open(path) as fp:
        source = fp.read()
    mutant, count = re.subn(pattern, replacement, source)
    with open(path, 'w') as fp:
        fp.write(mutant)
    return layer, count


def _run_scenario(scenario, layer):
    """Run one scenario in a throw-away TestCase; return the failure or
    None."""
    probe = unittest.TestCase()
    try:
        scenario(probe, scenarios.unit_factory(probe, layer))
    except AssertionError as failure:
        return failure
    finally:
        probe.doCleanups()
    return None


class MutantTest(unittest.TestCase):
    """Each flag operation the chapter explains is load-bearing."""

    def test_the_unmutated_copy_passes_the_chosen_scenarios(self):
        tmp = tempfile.mkdtemp(prefix='reactive-control-')
        self.addCleanup(shutil.rmtree, tmp)
        layer, _ = _mutant_copy(tmp, r'(?!)', '')
        for _, _, _, scenario in MUTANTS:
            with self.subTest(scenario=scenario.__name__):
                self.assertIsNone(_run_scenario(scenario, layer))

    def test_each_mutant_fails_its_scenario(self):
        for what, pattern, replacement, scenario in MUTANTS:
            with self.subTest(mutant=what):
                tmp = tempfile.mkdtemp(prefix='reactive-mutant-')
                self.addCleanup(shutil.rmtree, tmp)
                layer, count = _mutant_copy(tmp, pattern, replacement)
                self.assertEqual(count, 1, 'the mutation no longer applies; '
                                 'update it to the new handler code')
                failure = _run_scenario(scenario, layer)
                self.assertIsNotNone(
                    failure, '%s, yet %s still passes'
                    % (what, scenario.__name__))


# -- the local interface layer --------------------------------------------------

CLIENT_LAYER = {
    'layer.yaml': "includes: ['layer:basic', 'interface:http']\n",
    'metadata.yaml': ('name: http-client\nsummary: s\ndescription: d\n'
                      'requires:\n  backend:\n    interface: http\n'),
    'reactive/http_client.py': '''
import json

from charmhelpers.core import hookenv
from charms.reactive import endpoint_from_flag, when


@when('backend.available')
def show():
    services = endpoint_from_flag('backend.available').services()
    hookenv.log('SERVICES ' + json.dumps(services, sort_keys=True))
''',
}


class LocalInterfaceTest(unittest.TestCase):

    def test_builder_copies_the_local_interface_once(self):
        with mock.patch.dict(os.environ,
                             {'CHARM_INTERFACES_DIR': INTERFACES}):
            unit = build(FOLDER)
        self.addCleanup(unit.cleanup)
        for name in ('interface.yaml', 'provides.py', 'requires.py'):
            with open(os.path.join(INTERFACES, 'http', name)) as fp:
                source = fp.read()
            with open(os.path.join(unit.charm_dir, 'hooks', 'relations',
                                   'http', name)) as fp:
                self.assertEqual(fp.read(), source, name)
        # layer.yaml excludes the source copy (and the build recipe).
        self.assertFalse(os.path.exists(
            os.path.join(unit.charm_dir, 'interfaces')))
        self.assertFalse(os.path.exists(
            os.path.join(unit.charm_dir, 'charmcraft.yaml')))
        for kind in ('joined', 'changed', 'departed', 'broken'):
            self.assertTrue(os.path.exists(os.path.join(
                unit.charm_dir, 'hooks', 'website-relation-' + kind)))

    def test_requires_side_reads_what_a_provider_publishes(self):
        tmp = tempfile.mkdtemp(prefix='http-client-')
        self.addCleanup(shutil.rmtree, tmp)
        layer = os.path.join(tmp, 'http-client')
        for rel, text in CLIENT_LAYER.items():
            os.makedirs(os.path.dirname(os.path.join(layer, rel)),
                        exist_ok=True)
            with open(os.path.join(layer, rel), 'w') as fp:
                fp.write(text)
        with mock.patch.dict(os.environ,
                             {'CHARM_INTERFACES_DIR': INTERFACES}):
            unit = build(layer)
        self.addCleanup(unit.cleanup)
        unit.deploy()
        unit.add_relation('backend', 'docker-webapp', units=[
            'docker-webapp/0', 'docker-webapp/1'], unit_data={
                'docker-webapp/0': {'hostname': '10.0.0.7',
                                    'private-address': '10.0.0.7',
                                    'port': '8080'},
                'docker-webapp/1': {'hostname': '10.0.0.8',
                                    'private-address': '10.0.0.8'}})
        shown = [json.loads(m[len('SERVICES '):]) for m in unit.log
                 if m.startswith('SERVICES ')]
        self.assertTrue(shown, 'backend.available was never set')
        # Only the unit that published a port is a usable host.
        self.assertEqual(shown[-1], [{
            'service_name': 'docker-webapp',
            'hosts': [{'hostname': '10.0.0.7',
                       'private-address': '10.0.0.7', 'port': '8080'}]}])


# -- what the chapter says about flags ---------------------------------------------

class FlagsTest(unittest.TestCase):

    def setUp(self):
        self.unit = build(FOLDER)
        self.addCleanup(self.unit.cleanup)

    def handlers_run(self):
        """Names of the handlers of the last hook, in dispatch order."""
        return [entry['handler'].split(':')[2]
                for entry in self.unit.dispatch_trace]

    def test_flags_persist_but_config_flags_last_one_hook(self):
        self.unit.deploy()
        flags = self.unit.flags
        self.assertTrue({'docker.available', 'webapp.started'} <= flags)
        self.assertFalse([f for f in flags if f.startswith('config.')])

    def test_only_stop_is_matched_by_hook_name(self):
        self.unit.deploy()
        self.unit.config_set(port=8080)
        self.assertNotIn('hooks', {e['phase']
                                   for e in self.unit.dispatch_trace})
        # config_changed() clears the flag in one pass, start_container()
        # runs in the next one and publishes nothing without a relation.
        ran = self.handlers_run()
        self.assertLess(ran.index('config_changed'),
                        ran.index('start_container'))
        self.unit.stop()
        self.assertEqual(
            [e['handler'].split(':')[2] for e in self.unit.dispatch_trace
             if e['phase'] == 'hooks'], ['stop'])
        self.assertIn('webapp.stopping', self.unit.flags)

    def test_a_port_change_pass_by_pass(self):
        # The sequence Part 10 describes, read from the dispatch trace.
        self.unit.deploy()
        self.unit.add_relation('website', 'haproxy', units=['haproxy/0'])
        self.unit.config_set(port=8080)
        passes = {}
        for entry in self.unit.dispatch_trace:
            if entry['handler'].startswith('reactive/docker_webapp.py'):
                passes.setdefault(entry['handler'].split(':')[2],
                                  entry['iteration'])
        self.assertEqual(passes, {'config_changed': 0, 'start_container': 1,
                                  'check_container': 2,
                                  'publish_website': 2})

    def test_waiting_for_docker_costs_one_update_status(self):
        # The hook-era charm needs two update-status hooks here (chapter
        # 8); with @when('docker.available') the start handler runs in the
        # very pass after layer:docker sets the flag.
        self.unit.docker_down()
        self.unit.deploy()
        self.assertEqual(self.unit.status, ('waiting', 'waiting for Docker'))
        self.unit.docker_up()
        self.unit.update_status()
        self.assertEqual(self.unit.status[0], 'active')
        self.assertEqual(len(calls_of(self.unit, 'run')), 1)

    def test_a_failed_hook_keeps_the_old_flags(self):
        self.unit.deploy()
        # Make the next config-changed crash after our handler cleared
        # webapp.started: the flag change must not be saved.
        with open(os.path.join(self.unit.charm_dir, MODULE), 'a') as fp:
            fp.write("\n\n@when('config.changed')\n"
                     "def crash():\n    raise RuntimeError('boom')\n")
        result = self.unit.config_set(port=8080, check=False)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn('webapp.started', self.unit.flags)

    def test_docker_going_away_clears_started(self):
        self.unit.deploy()
        self.unit.docker_down()
        result = self.unit.update_status(check=False)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNotIn('webapp.started', self.unit.flags)
        self.assertEqual(self.unit.status, ('waiting', 'waiting for Docker'))


class HostileInputTest(unittest.TestCase):

    def test_config_values_reach_docker_as_data(self):
        self.assertEqual(findings_for(example(FOLDER)), [])


if __name__ == '__main__':
    unittest.main()
