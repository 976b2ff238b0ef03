"""Self-tests for the charms.reactive / layer:basic stand-ins."""

import re
import unittest

from harness_testlib import demo_lines, fixture
from charmharness import HookFailed, Unit


def ran(trace, name):
    return [t for t in trace if t['handler'].endswith(':' + name)]


def flags_line(unit, hook):
    lines = demo_lines(unit, 'DEMO flags %s:' % hook)
    return set(lines[-1].split(':', 1)[1].split())


class InstallDispatchTest(unittest.TestCase):
    """One install hook of dispatch-demo, inspected many ways."""

    @classmethod
    def setUpClass(cls):
        cls.unit = Unit.build(fixture('dispatch-demo'))
        cls.result = cls.unit.run_hook('install')
        cls.trace = cls.unit.dispatch_trace

    @classmethod
    def tearDownClass(cls):
        cls.unit.cleanup()

    def test_hook_handlers_run_before_flag_handlers(self):
        phases = [t['phase'] for t in self.trace]
        self.assertEqual(phases[:2], ['hooks', 'hooks'])
        self.assertEqual(phases.count('hooks'), 2)
        self.assertNotIn('hooks', phases[phases.index('other'):])
        self.assertEqual(ran(self.trace, 'install_hook')[0]['phase'], 'hooks')

    def test_flag_set_in_a_pass_triggers_the_next_pass(self):
        a, b, c = (ran(self.trace, n)[0]['iteration']
                   for n in ('step_a', 'step_b', 'step_c'))
        self.assertEqual((b - a, c - b), (1, 1))

    def test_clearing_a_flag_retests_the_rest_of_the_pass(self):
        self.assertEqual(len(ran(self.trace, 'clearer')), 1)
        self.assertEqual(ran(self.trace, 'victim'), [])
        self.assertNotIn('DEMO victim ran', self.unit.log)

    def test_rerun_only_when_watched_flags_changed(self):
        # watcher sets one of its own flags -> runs again next pass, once
        self.assertEqual([t['iteration'] for t in ran(self.trace, 'watcher')],
                         [0, 1])
        # steady's flag never changes -> once, though passes go on
        self.assertEqual(len(ran(self.trace, 'steady')), 1)
        self.assertGreater(max(t['iteration'] for t in self.trace), 1)

    def test_config_flags_present_during_first_hook(self):
        flags = flags_line(self.unit, 'install')
        for flag in ('config.changed', 'config.changed.message',
                     'config.changed.count', 'config.set.message',
                     'config.default.message', 'config.default.count'):
            self.assertIn(flag, flags)
        # the truthiness gotcha: 0 and false do not raise config.set.*
        self.assertNotIn('config.set.count', flags)
        self.assertNotIn('config.set.crash', flags)

    def test_flags_persist_but_config_flags_do_not(self):
        flags = self.unit.flags
        self.assertTrue({'demo.go', 'demo.a', 'demo.b', 'demo.c', 'demo.w2',
                         'demo.cleared-once'} <= flags)
        self.assertFalse([f for f in flags if f.startswith('config.')])

    def test_invocations_are_logged_like_the_real_bus(self):
        self.assertTrue(any(
            re.match(r'Invoking reactive handler: '
                     r'reactive/dispatch_demo\.py:\d+:step_a$', line)
            for line in self.unit.log))


class LaterHooksTest(unittest.TestCase):

    def setUp(self):
        self.unit = Unit.build(fixture('dispatch-demo'))
        self.addCleanup(self.unit.cleanup)
        self.unit.deploy()

    def test_handlers_do_not_rerun_once_their_flags_are_settled(self):
        self.unit.update_status()
        trace = self.unit.dispatch_trace
        self.assertEqual(ran(trace, 'step_a'), [])
        self.assertEqual(len(ran(trace, 'steady')), 1)  # matches every hook

    def test_config_changed_flags_last_one_hook(self):
        self.unit.config_set(message='bye')
        self.assertIn("DEMO message changed to 'bye' (previous 'hello')",
                      self.unit.log)
        self.assertIn('config.changed.message',
                      flags_line(self.unit, 'config-changed'))
        self.unit.update_status()
        after = flags_line(self.unit, 'update-status')
        self.assertNotIn('config.changed.message', after)
        self.assertNotIn('config.changed', after)
        self.assertIn('config.set.message', after)   # still truthy
        self.assertNotIn('config.default.message', after)

    def test_crashing_hook_discards_flag_changes(self):
        before = self.unit.flags
        res = self.unit.config_set(crash=True, check=False)
        self.assertNotEqual(res.returncode, 0)
        self.assertIn('boom on purpose', res.stderr)
        self.assertTrue(any(line.startswith('Hook error:')
                            for line in self.unit.log))
        self.assertNotIn('demo.doomed', self.unit.flags)
        self.assertEqual(self.unit.flags, before)
        with self.assertRaises(HookFailed) as ctx:
            self.unit.update_status()
        self.assertEqual(ctx.exception.hook, 'update-status')
        self.assertIn('boom on purpose', str(ctx.exception))

    def test_crashed_hook_does_not_save_previous_config(self):
        self.unit.config_set(crash=True, check=False)
        # .juju-persistent-config still holds crash=false from the last
        # successful hook, so resetting is not a change for the charm
        self.unit.config_reset('crash')
        self.assertNotIn('config.changed.crash',
                         flags_line(self.unit, 'config-changed'))

    def test_hook_combined_with_when_never_runs(self):
        self.unit.update_status()
        self.assertNotIn('DEMO mixed ran', self.unit.log)
        self.assertTrue(any('combines @hook with @when' in line
                            for line in self.unit.log))


class PassCapTest(unittest.TestCase):

    def test_dispatch_stops_after_100_passes(self):
        with Unit.build(fixture('loop-demo')) as unit:
            result = unit.run_hook('install')
            self.assertEqual(result.returncode, 0)
            trace = unit.dispatch_trace
            self.assertEqual(len(ran(trace, 'tick')), 50)
            self.assertEqual(len(ran(trace, 'tock')), 50)
            self.assertEqual([t['iteration'] for t in trace],
                             list(range(100)))
            self.assertEqual(len([line for line in unit.log if line.startswith(
                'Invoking reactive handler')]), 100)


if __name__ == '__main__':
    unittest.main()
