"""Hostile config values reach docker as data in every hook-era example.

Also proves the check bites: a copy of the chapter 2 layer that builds its
docker command as a shell string must be caught.
"""

import os
import re
import shutil
import tempfile
import unittest

from examples.hostile import findings_for
from examples.support import example, hook_era_folders


class HostileInputTest(unittest.TestCase):

    def test_every_hook_era_example_treats_config_as_data(self):
        folders = hook_era_folders()
        self.assertIn('02-docker-layer', folders)
        for folder in folders:
            with self.subTest(folder=folder):
                self.assertEqual(findings_for(example(folder)), [])

    def test_a_shell_string_docker_call_is_caught(self):
        """Mutate _docker() to join its argv into a shell command."""
        tmp = tempfile.mkdtemp(prefix='hostile-mutant-')
        self.addCleanup(shutil.rmtree, tmp)
        layer = os.path.join(tmp, '02-docker-layer')
        shutil.copytree(example('02-docker-layer'), layer)
        module = os.path.join(layer, 'reactive', 'docker_webapp.py')
        with open(module) as fp:
            source = fp.read()
        # The bug a hurried author writes: one string, run by a shell.
        mutant, count = re.subn(
            r"return subprocess\.run\(command,",
            "return subprocess.run(' '.join(command), shell=True,",
            source)
        self.assertEqual(count, 1, 'the mutation no longer applies; '
                         'update this test with the new _docker() code')
        with open(module, 'w') as fp:
            fp.write(mutant)
        findings = findings_for(layer)
        self.assertTrue(any('a shell ran the value' in f for f in findings),
                        findings)


if __name__ == '__main__':
    unittest.main()
