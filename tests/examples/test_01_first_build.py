"""Part 1: the smallest layer builds and reports active status."""

import os
import unittest

from examples.support import build, example


class FirstBuildTest(unittest.TestCase):

    def setUp(self):
        self.unit = build('01-first-build')
        self.addCleanup(self.unit.cleanup)

    def test_generated_hooks_run_the_handler_and_reach_active(self):
        self.unit.deploy()
        state, message = self.unit.status
        self.assertEqual(state, 'active')
        self.assertTrue(message, 'the active status should say something')

    def test_builder_generates_every_standard_hook(self):
        hooks = os.listdir(os.path.join(self.unit.charm_dir, 'hooks'))
        for hook in ('install', 'config-changed', 'start', 'stop',
                     'update-status', 'upgrade-charm', 'leader-elected'):
            self.assertIn(hook, hooks)

    def test_layer_ships_no_hook_files_of_its_own(self):
        # Part 1 teaches that a shipped hook file replaces the generated
        # one; the example itself must not do it.
        self.assertFalse(os.path.isdir(
            os.path.join(example('01-first-build'), 'hooks')))


if __name__ == '__main__':
    unittest.main()
