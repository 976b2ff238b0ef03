"""Self-tests for interface layers on the Endpoint API (added for the
reactive chapter: examples/09-reactive ships its own interface:http)."""

import os
import shutil
import tempfile
import unittest
from unittest import mock

from harness_testlib import fixture
from charmharness import Unit

# Appended to the pingpong fixture's requires.py. docker-demo only
# *provides* pingpong, so charms.reactive must not register these.
UNUSED_ROLE_HANDLER = '''

from charmhelpers.core import hookenv as _hookenv
from charms.reactive import when_not as _when_not


@_when_not('endpoint.{endpoint_name}.joined')
def idle(self):
    _hookenv.log('REQUIRES-IDLE ran for ' + self.endpoint_name)
'''

# Appended to docker-demo's handler module: what endpoint_from_flag gives.
PROBE_HANDLER = '''

from charms.reactive import endpoint_from_flag as _eff, when as _when


@_when('endpoint.website.joined')
def probe_endpoint_from_flag():
    for flag in ('website.available', 'endpoint.website.joined',
                 'website.never-set'):
        ep = _eff(flag)
        hookenv.log('PROBE %s -> %s' % (
            flag, type(ep).__name__ if ep else None))
'''


class EndpointRolesTest(unittest.TestCase):

    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.tmp)
        layer = os.path.join(self.tmp, 'docker-demo')
        shutil.copytree(fixture('docker-demo'), layer)
        with open(os.path.join(layer, 'reactive', 'docker_demo.py'),
                  'a') as fp:
            fp.write(PROBE_HANDLER)
        ifaces = os.path.join(self.tmp, 'ifaces')
        shutil.copytree(fixture('interfaces/pingpong'),
                        os.path.join(ifaces, 'pingpong'))
        with open(os.path.join(ifaces, 'pingpong', 'requires.py'),
                  'a') as fp:
            fp.write(UNUSED_ROLE_HANDLER)
        with mock.patch.dict(os.environ, {'CHARM_INTERFACES_DIR': ifaces}):
            self.unit = Unit.build(layer)
        self.addCleanup(self.unit.cleanup)

    def test_handlers_of_an_unused_role_are_not_registered(self):
        # A requires.py handler with {endpoint_name} in a charm that only
        # provides the interface would otherwise be called without self.
        self.unit.deploy()
        self.assertFalse([m for m in self.unit.log
                          if m.startswith('REQUIRES-IDLE')])

    def test_endpoint_from_flag(self):
        self.unit.deploy()
        self.unit.add_relation('website', 'client', units=['client/0'])
        probes = [m for m in self.unit.log if m.startswith('PROBE')]
        self.assertIn('PROBE website.available -> PingpongProvides', probes)
        self.assertIn('PROBE endpoint.website.joined -> PingpongProvides',
                      probes)
        self.assertIn('PROBE website.never-set -> None', probes)


if __name__ == '__main__':
    unittest.main()
