"""The docker stand-in reads --env-file the way docker's CLI does."""

import os
import unittest

from harness_testlib import fixture

from charmharness import Unit


class EnvFileTest(unittest.TestCase):

    def setUp(self):
        self.unit = Unit.build(fixture('docker-demo'))
        self.addCleanup(self.unit.cleanup)
        self.unit.deploy()
        self.path = os.path.join(self.unit.root, 'test.env')

    def run_with(self, raw):
        with open(self.path, 'wb') as fp:
            fp.write(raw)
        os.chmod(self.path, 0o600)
        res = self.unit.exec('docker', 'run', '-d', '--name', 'envtest',
                             '--env-file', self.path, 'busybox:1')
        self.addCleanup(self.unit.exec, 'docker', 'rm', '-f', 'envtest')
        return res

    def test_values_are_literal_and_only_newline_splits(self):
        raw = ('# a comment line\n'
               '   A="quoted" \'too\' $HOME #not-a-comment\n'
               'B=x\u2028y\x85z\r\n'
               'C= keeps leading spaces\n').encode('utf-8')
        res = self.run_with(raw)
        self.assertEqual(res.returncode, 0, res.stderr)
        ctr = self.unit.container('envtest')
        self.assertEqual(ctr['env_dict'], {
            'A': '"quoted" \'too\' $HOME #not-a-comment',
            'B': 'x\u2028y\x85z',
            'C': ' keeps leading spaces'})
        self.assertEqual(ctr['env_files'],
                         [{'path': self.path, 'mode': '0600'}])

    def test_invalid_utf8_is_refused(self):
        res = self.run_with(b'A=\xff\n')
        self.assertEqual(res.returncode, 125)
        self.assertIn('invalid utf8', res.stderr)


if __name__ == '__main__':
    unittest.main()
