"""Part 4: `juju status` tells the truth about the container.

Two kinds of test: the charm's status logic (exit codes, a container
that keeps restarting, message length), and the expected `juju status`
outputs in examples/04-juju-status/outputs/, each compared with a
harness run that reaches the same state.
"""

import re
import unittest

from examples.juju_tables import (app_row, output_names, parse_table,
                                  ports_of, read_output, unit_row)
from examples.support import build, calls_of

NAME = 'docker-webapp'
FOLDER = '04-juju-status'
# busybox's default command is `sh`, which exits at once with code 0
# when it has no terminal; --restart unless-stopped starts it again.
LOOPING = {'busybox:1.36': 0}


# Each scenario drives a fresh unit to the state one outputs/ file shows.

def reach_active(unit):
    unit.deploy()


def reach_restarting(unit):
    unit.deploy()
    unit.exec('docker', 'stop', NAME)
    unit.update_status()


def reach_blocked_config(unit):
    unit.deploy()
    unit.config_set(port=0)


def reach_blocked_pull(unit):
    unit.deploy()
    unit.fail_pulls('nginx-typo:1.27')
    unit.config_set(image='nginx-typo:1.27')


def reach_crash_loop(unit):
    unit.deploy()
    unit.set_knob('restart_looping_images', LOOPING)
    unit.config_set(image='busybox:1.36')


SCENARIOS = {
    'status-active.txt': reach_active,
    'status-restarting.txt': reach_restarting,
    'status-blocked-config.txt': reach_blocked_config,
    'status-blocked-pull.txt': reach_blocked_pull,
    'status-crash-loop.txt': reach_crash_loop,
}


def tool_calls_in(unit, tool, hook):
    """Calls of one hook tool made while `hook` ran."""
    return [c for c in unit.call_records
            if c['tool'] == tool and c['hook'] == hook]


class ExpectedStatusOutputTest(unittest.TestCase):
    """Every outputs/status-*.txt matches a harness run."""

    def test_every_output_file_has_a_scenario(self):
        self.assertEqual(output_names(FOLDER, 'status-'),
                         sorted(SCENARIOS))

    def test_outputs(self):
        for name, reach in sorted(SCENARIOS.items()):
            with self.subTest(output=name):
                unit = build(FOLDER)
                self.addCleanup(unit.cleanup)
                reach(unit)
                self.check(name, unit)

    def check(self, name, unit):
        text = read_output(FOLDER, name)
        model, = parse_table(text, 'Model')
        self.assertTrue(model['Version'].startswith('3.6'), name)
        unit_cells, app_cells = unit_row(text), app_row(text)
        self.assertTrue(unit_cells['Unit'].endswith('*'), 'leader mark')
        message = unit_cells['Message']
        # The App row repeats the only unit's status (no app status set).
        self.assertEqual(app_cells['Status'], unit_cells['Workload'])
        if unit_cells['Agent'] == 'executing':
            # Juju prefixes the hook that is running: "(install) ...".
            hook, text_shown = re.match(r'^\((\S+)\) (.*)$',
                                        message).groups()
            self.assertEqual(app_cells['Message'], text_shown)
            self.assertIn({'status': unit_cells['Workload'],
                           'message': text_shown, 'hook': hook},
                          unit.status_log)
            if not unit_cells['Ports']:
                self.assertEqual(tool_calls_in(unit, 'open-port', hook), [])
            if not app_cells['Version']:
                self.assertEqual(tool_calls_in(
                    unit, 'application-version-set', hook), [])
            return
        self.assertEqual(unit_cells['Agent'], 'idle')
        self.assertEqual(app_cells['Message'], message)
        self.assertEqual(unit.status, (unit_cells['Workload'], message))
        self.assertLessEqual(len(message), 120)
        self.assertEqual(unit.opened_ports, ports_of(unit_cells['Ports']))
        self.assertEqual(unit.app_version or '', app_cells['Version'])


class StatusLogicTest(unittest.TestCase):

    def setUp(self):
        self.unit = build(FOLDER)
        self.addCleanup(self.unit.cleanup)
        self.unit.deploy()

    def test_progress_is_narrated_in_maintenance(self):
        history = self.unit.status_history
        start = history.index(('maintenance', 'pulling nginx:1.27-alpine'))
        self.assertEqual(history[start + 1:start + 3],
                         [('maintenance', 'starting the container'),
                          ('active', 'serving on port 80')])

    def test_exited_container_is_restarted_with_its_exit_code_shown(self):
        self.unit.exec('docker', 'kill', NAME)
        self.unit.update_status()
        self.assertIn(('maintenance', 'restarting the container (it '
                       'exited with code 137)'), self.unit.status_history)
        self.assertEqual(self.unit.status, ('active', 'serving on port 80'))
        self.assertTrue(self.unit.container(NAME)['running'])

    def test_container_that_keeps_exiting_blocks_with_code_and_hint(self):
        self.unit.set_knob('restart_looping_images', {'busybox:1.36': 3})
        self.unit.config_set(image='busybox:1.36')
        state, message = self.unit.status
        self.assertEqual(state, 'blocked')
        self.assertIn('keeps exiting with code 3', message)
        self.assertIn('juju exec --unit docker-webapp/0 -- docker logs '
                      'docker-webapp', message)
        (_, payload), = self.unit.payloads.items()
        self.assertEqual(payload['status'], 'starting')
        # The version still says what was deployed.
        self.assertEqual(self.unit.app_version, '1.36')

    def test_config_changed_does_not_recreate_a_restarting_container(self):
        self.unit.set_knob('restart_looping_images', LOOPING)
        self.unit.config_set(image='busybox:1.36')
        runs = len(calls_of(self.unit, 'run'))
        self.unit.run_hook('config-changed')
        self.unit.update_status()
        self.assertEqual(len(calls_of(self.unit, 'run')), runs)
        self.assertEqual(self.unit.status[0], 'blocked')

    def test_fixing_the_image_returns_to_active(self):
        self.unit.set_knob('restart_looping_images', LOOPING)
        self.unit.config_set(image='busybox:1.36')
        self.unit.config_reset('image')
        self.assertEqual(self.unit.status, ('active', 'serving on port 80'))
        (_, payload), = self.unit.payloads.items()
        self.assertEqual(payload['status'], 'running')

    def test_messages_fit_in_juju_status(self):
        long_image = 'registry.example.com/' + 'a' * 150 + ':1'
        self.unit.fail_pulls(long_image)
        self.unit.config_set(image=long_image)
        for state, message in self.unit.status_history:
            self.assertLessEqual(len(message), 120, message)
        state, message = self.unit.status
        self.assertEqual(state, 'blocked')
        self.assertTrue(message.endswith('...'))
        self.assertNotIn('Error response from daemon', message)

    def test_stop_leaves_maintenance(self):
        self.unit.stop()
        self.assertEqual(self.unit.status, ('maintenance',
                                            'container removed'))


if __name__ == '__main__':
    unittest.main()
