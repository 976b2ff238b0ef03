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

    def test_the_hook_era_examples_are_covered(self):
        self.assertIn('02-docker-layer', hook_era_folders())

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


def _folder_test(folder):
    def test(self):
        self.assertEqual(findings_for(example(folder)), [])
    test.__doc__ = 'Hostile values in {} reach docker as data.'.format(folder)
    return test


# One test per hook-era folder, so each can run in its own worker.
for _folder in hook_era_folders():
    setattr(HostileInputTest,
            'test_config_is_data_in_' + _folder.replace('-', '_'),
            _folder_test(_folder))


if __name__ == '__main__':
    unittest.main()
