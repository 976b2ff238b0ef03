"""FAQ variant faq-env-file: a setting with -e, a secret with --env-file.

Proves what the FAQ answers claim: the env file is 0600, the secret is in
no docker argv, no log line and no status, values reach the container
exactly (docker's env-file format takes them literally), and a value
that would break the one-variable-per-line format blocks the unit.
"""

import os
import stat
import unittest

from examples.hostile import findings_for, hostile_values
from examples.support import build, calls_of, example, workload_calls

NAME = 'docker-webapp'
SECRET = 's3cr3t-"quoted" $HOME #not-a-comment'


class EnvFileTest(unittest.TestCase):

    def setUp(self):
        self.unit = build('faq-env-file', config={'secret-token': SECRET})
        self.addCleanup(self.unit.cleanup)
        self.unit.deploy()
        self.env_file = os.path.join(os.path.dirname(self.unit.charm_dir),
                                     'docker-webapp.env')

    def test_secret_reaches_the_container_through_a_0600_file(self):
        c = self.unit.container(NAME)
        self.assertEqual(c['env_dict']['SECRET_TOKEN'], SECRET)
        self.assertEqual(c['env_dict']['APP_GREETING'],
                         'Hello from docker-webapp')
        self.assertEqual(c['env_files'],
                         [{'path': self.env_file, 'mode': '0600'}])
        mode = stat.S_IMODE(os.stat(self.env_file).st_mode)
        self.assertEqual(mode, 0o600)
        with open(self.env_file) as fp:
            self.assertEqual(fp.read(), 'SECRET_TOKEN={}\n'.format(SECRET))
        self.assertEqual(self.unit.status, ('active', 'serving on port 80'))

    def test_secret_is_in_no_argv_log_or_status(self):
        self.unit.config_set(**{'secret-token': 'other-secret-value'})
        for argv in self.unit.calls():
            self.assertFalse(any('secret-value' in arg or 's3cr3t' in arg
                                 for arg in argv), argv)
        for line in self.unit.log:
            self.assertNotIn('secret-value', line)
            self.assertNotIn('s3cr3t', line)
        for _, message in self.unit.status_history:
            self.assertNotIn('secret-value', message)
        run, = calls_of(self.unit, 'run')[-1:]
        self.assertIn('--env-file', run)
        self.assertIn(['-e', 'APP_GREETING=Hello from docker-webapp'],
                      [run[i:i + 2] for i in range(len(run))])

    def test_changing_the_secret_recreates_the_container(self):
        self.unit.config_set(**{'secret-token': 'new-value'})
        self.assertEqual(
            self.unit.container(NAME)['env_dict']['SECRET_TOKEN'],
            'new-value')
        self.assertEqual([r['name'] for r in self.unit.removed_containers],
                         [NAME])
        # Idempotent: nothing changes, nothing is re-created.
        before = len(calls_of(self.unit, 'run'))
        self.unit.run_hook('config-changed')
        self.unit.update_status()
        self.assertEqual(len(calls_of(self.unit, 'run')), before)

    def test_a_leftover_file_with_a_loose_mode_is_tightened(self):
        os.chmod(self.env_file, 0o644)
        self.unit.config_set(**{'secret-token': 'again'})
        mode = stat.S_IMODE(os.stat(self.env_file).st_mode)
        self.assertEqual(mode, 0o600)

    def test_hostile_values_arrive_exactly_or_block(self):
        canary = os.path.join(self.unit.root, 'CANARY')
        odd = ['  leading and trailing  ', 'a=b=c', '#hash', "'single'",
               '"double"', 'x\u2028y', 'back\\slash', 'x\x85y']
        for value in hostile_values(canary) + odd:
            for option, var in (('secret-token', 'SECRET_TOKEN'),
                                ('greeting', 'APP_GREETING')):
                with self.subTest(option=option, value=value):
                    self.unit.config_set(check=True, **{option: value})
                    self.assertFalse(os.path.exists(canary))
                    if '\n' in value:
                        state, message = self.unit.status
                        self.assertEqual(state, 'blocked')
                        self.assertIn('--reset ' + option, message)
                        self.assertNotIn(value, message)
                    else:
                        self.assertEqual(self.unit.status[0], 'active')
                        env = self.unit.container(NAME)['env_dict']
                        self.assertEqual(env[var], value)
                    self.unit.config_reset(option)

    def test_carriage_return_and_nul_block_too(self):
        for value in ('ends with CR\r', 'has\x00nul'):
            self.unit.config_set(**{'secret-token': value})
            self.assertEqual(self.unit.status[0], 'blocked')
            self.assertEqual(
                self.unit.container(NAME)['env_dict']['SECRET_TOKEN'],
                SECRET)

    def test_stop_removes_the_env_file(self):
        self.unit.stop()
        self.assertFalse(os.path.exists(self.env_file))
        self.assertNotIn(NAME, self.unit.containers)


class HostileInputTest(unittest.TestCase):

    def test_every_string_option_is_treated_as_data(self):
        self.assertEqual(findings_for(example('faq-env-file')), [])

    def test_docker_calls_are_argument_lists(self):
        unit = build('faq-env-file')
        self.addCleanup(unit.cleanup)
        unit.deploy()
        self.assertTrue(all(isinstance(argv, list)
                            for argv in workload_calls(unit)))


if __name__ == '__main__':
    unittest.main()
