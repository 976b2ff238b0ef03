"""The shared behavioural scenarios of the finished hook-era charm.

Chapter 7 runs them against examples/07-relations (the charm written with
@hook handlers); chapter 9 runs the SAME list against its reactive
re-composition (examples/09-reactive). A scenario therefore only looks at
what Juju and Docker would see: containers, published and opened ports,
workload status, payloads and relation data. It never looks at handler
names, flags, log lines or which docker commands were run, so it holds
for any charm that behaves the same way, however it is written.

API
---
``SCENARIOS``
    The scenario functions, in a stable order. Each one is called as
    ``scenario(test, make_unit)``: ``test`` is a ``unittest.TestCase``
    (used for assertions only) and ``make_unit(deploy=True,
    docker=True)`` builds a fresh harness ``Unit`` of the layer under
    test, cleaned up when the test ends. ``docker=False`` starts with the
    Docker daemon down (``Unit.docker_down()``) before anything runs.

``run_all(test_case, layer_folder)``
    Runs every scenario against ``layer_folder`` (a folder name under
    examples/ or an absolute path), each in its own ``subTest``.

``scenario_test_case(layer_folder, name=None)``
    Returns a ``unittest.TestCase`` subclass with one ``test_<scenario>``
    method per scenario; assign it to a module-level name and unittest
    discovers it.

What the scenarios assume about the charm (its public contract):

* it runs exactly one container for the site, with nginx's port 80
  published on the host port named by the ``port`` option;
* options ``image``, ``port``, ``site`` (a directory name under the
  charm's ``sites/``; empty means "serve nothing") and ``expires``
  (passed to the container as ``SITE_EXPIRES``) exist;
* a problem a person must fix gives ``blocked`` with a message that
  contains ``juju config``; the running container is then left alone;
* it registers the container as a payload of type ``docker``;
* it provides the endpoint ``website`` (interface ``http``) and publishes
  ``hostname``, ``private-address`` (both the unit's ingress address)
  and ``port`` (the published host port) to every remote unit, once the
  container runs.
"""

import functools
import os
import unittest

from examples.support import build

ENDPOINT = 'website'
REMOTE_APP = 'haproxy'
DIGEST_IMAGE = 'nginx@sha256:' + 'cd' * 32
# Docker's default bridge network; never routable from other machines.
BRIDGE_PREFIX = '172.17.'


# -- helpers ------------------------------------------------------------------

def _the_container(test, unit):
    """Return the single site container; fail if there is not exactly one."""
    containers = unit.containers
    test.assertEqual(len(containers), 1,
                     'expected one container, found: %s'
                     % ', '.join(sorted(containers)))
    return next(iter(containers.values()))


def _host_ports(container):
    """Host ports that publish the container's port 80."""
    return {int(p['host_port']) for p in container['ports']
            if p['container_port'] == '80' and p['host_port']}


def _assert_serving(test, unit, port, image=None):
    """The unit is active and one running container serves on ``port``."""
    state, message = unit.status
    test.assertEqual(state, 'active', message)
    container = _the_container(test, unit)
    test.assertTrue(container['running'])
    test.assertEqual(_host_ports(container), {port})
    test.assertEqual(unit.opened_ports, {'%d/tcp' % port})
    if image is not None:
        test.assertEqual(container['image'], image)
    return container


def _assert_blocked_with_fix(test, unit):
    state, message = unit.status
    test.assertEqual(state, 'blocked', message)
    test.assertIn('juju config', message)


def _creates(unit):
    return sum(1 for e in unit.docker_events if e['action'] == 'create')


def _ingress_address(unit, rel_id):
    """The address Juju itself put in this unit's bag for the relation."""
    return unit.relation_data(rel_id)['ingress-address']


def _assert_published(test, unit, rel_id, port):
    data = unit.relation_data(rel_id)
    address = _ingress_address(unit, rel_id)
    test.assertFalse(address.startswith(BRIDGE_PREFIX))
    test.assertEqual(data.get('hostname'), address)
    test.assertEqual(data.get('private-address'), address)
    test.assertEqual(data.get('port'), str(port))


def _assert_not_published(test, unit, rel_id):
    data = unit.relation_data(rel_id)
    test.assertNotIn('hostname', data)
    test.assertNotIn('port', data)


def _site_names(unit):
    """Site directories shipped in the built charm's sites/ folder."""
    root = os.path.join(unit.charm_dir, 'sites')
    return sorted(name for name in os.listdir(root)
                  if os.path.isdir(os.path.join(root, name)))


def _relate(unit, units, remote_app=REMOTE_APP):
    return unit.add_relation(ENDPOINT, remote_app, units=list(units))


# -- deploy and configuration -------------------------------------------------

def deploy_reaches_active(test, make_unit):
    """install, config-changed, start: one running container on port 80."""
    unit = make_unit()
    _assert_serving(test, unit, 80)
    test.assertTrue(unit.app_version)


def port_change_recreates_and_moves_the_port(test, make_unit):
    unit = make_unit()
    unit.config_set(port=8080)
    _assert_serving(test, unit, 8080)
    unit.config_set(port=8081)
    _assert_serving(test, unit, 8081)


def image_change_recreates_with_the_new_image(test, make_unit):
    unit = make_unit()
    unit.config_set(image=DIGEST_IMAGE)
    _assert_serving(test, unit, 80, image=DIGEST_IMAGE)
    test.assertIn(DIGEST_IMAGE, unit.images)


def site_change_recreates_with_the_other_site(test, make_unit):
    unit = make_unit()
    before = _the_container(test, unit)
    others = [name for name in _site_names(unit)
              if name != unit.config['site']]
    test.assertTrue(others, 'the charm ships only one site')
    unit.config_set(site=others[0])
    after = _assert_serving(test, unit, 80)
    test.assertNotEqual(after['id'], before['id'])
    sources = {m['source'] for m in after['mounts']}
    test.assertIn(os.path.join(unit.charm_dir, 'sites', others[0]),
                  sources)


def expires_change_recreates_with_the_variable(test, make_unit):
    unit = make_unit()
    unit.config_set(expires='30m')
    container = _assert_serving(test, unit, 80)
    test.assertEqual(container['env_dict'].get('SITE_EXPIRES'), '30m')
    unit.config_set(expires='off')
    container = _assert_serving(test, unit, 80)
    test.assertEqual(container['env_dict'].get('SITE_EXPIRES'), 'off')


def unchanged_config_does_not_recreate(test, make_unit):
    unit = make_unit()
    container = _the_container(test, unit)
    creates = _creates(unit)
    for hook in ('config-changed', 'start', 'update-status',
                 'config-changed'):
        unit.run_hook(hook)
    test.assertEqual(_creates(unit), creates)
    test.assertEqual(_assert_serving(test, unit, 80)['id'], container['id'])


def bad_port_blocks_with_a_fix(test, make_unit):
    unit = make_unit()
    container = _the_container(test, unit)
    for bad in (0, 70000):
        unit.config_set(port=bad)
        _assert_blocked_with_fix(test, unit)
        # Nothing was touched: the site is still served on port 80.
        test.assertEqual(_the_container(test, unit)['id'], container['id'])
        test.assertEqual(unit.opened_ports, {'80/tcp'})
    unit.config_set(port=8080)
    _assert_serving(test, unit, 8080)


def bad_image_blocks_with_a_fix(test, make_unit):
    unit = make_unit()
    image = _the_container(test, unit)['image']
    for bad in ('', 'nginx latest', '--privileged'):
        unit.config_set(image=bad)
        _assert_blocked_with_fix(test, unit)
        test.assertEqual(_the_container(test, unit)['image'], image)
        test.assertTrue(_the_container(test, unit)['running'])
    unit.config_reset('image')
    _assert_serving(test, unit, 80, image=image)


def bad_site_or_expires_blocks_with_a_fix(test, make_unit):
    unit = make_unit()
    container = _the_container(test, unit)
    for option, bad in (('site', 'no-such-site'), ('site', '../../etc'),
                        ('expires', 'forever'), ('expires', '1h; evil')):
        unit.config_set(**{option: bad})
        _assert_blocked_with_fix(test, unit)
        test.assertEqual(_the_container(test, unit)['id'], container['id'])
        unit.config_reset(option)
        _assert_serving(test, unit, 80)


def empty_site_serves_nothing_until_set(test, make_unit):
    unit = make_unit()
    unit.config_set(site='')
    _assert_blocked_with_fix(test, unit)
    test.assertEqual(unit.containers, {})
    test.assertEqual(unit.opened_ports, set())
    test.assertEqual(unit.payloads, {})
    unit.config_reset('site')
    _assert_serving(test, unit, 80)


def docker_not_ready_waits_then_catches_up(test, make_unit):
    unit = make_unit(docker=False)
    test.assertEqual(unit.containers, {})
    test.assertEqual(unit.status[0], 'waiting', unit.status[1])
    unit.docker_up()
    # Two update-status runs: one for layer:docker to notice the daemon,
    # one for the charm to catch up (a flag-based charm may need only one).
    unit.update_status()
    unit.update_status()
    _assert_serving(test, unit, 80)


def stop_removes_container_port_and_payload(test, make_unit):
    unit = make_unit()
    unit.stop()
    test.assertEqual(unit.containers, {})
    test.assertEqual(unit.opened_ports, set())
    test.assertEqual(unit.payloads, {})


def payload_follows_the_container(test, make_unit):
    unit = make_unit()

    def running_payloads():
        return [p for p in unit.payloads.values()
                if p['type'] == 'docker' and p['status'] == 'running']

    test.assertEqual(len(unit.payloads), 1)
    test.assertEqual(len(running_payloads()), 1)
    unit.config_set(port=8080)
    # The old container's payload is gone, the new one is running.
    test.assertEqual(len(unit.payloads), 1)
    test.assertEqual(len(running_payloads()), 1)
    unit.stop()
    test.assertEqual(unit.payloads, {})


# -- the website relation -----------------------------------------------------

def two_remote_units_see_the_ingress_address_and_port(test, make_unit):
    unit = make_unit()
    rel_id = _relate(unit, ['haproxy/0', 'haproxy/1'])
    test.assertEqual(unit.relation_units(rel_id), ['haproxy/0', 'haproxy/1'])
    # One data bag per unit and relation: every haproxy unit reads it.
    _assert_published(test, unit, rel_id, 80)
    unit.add_remote_unit(rel_id, 'haproxy/2')
    _assert_published(test, unit, rel_id, 80)
    test.assertEqual(unit.status[0], 'active')


def port_change_republishes_on_every_relation(test, make_unit):
    unit = make_unit()
    first = _relate(unit, ['haproxy/0', 'haproxy/1'])
    second = _relate(unit, ['haproxy-b/0'], remote_app='haproxy-b')
    unit.config_set(port=8080)
    _assert_serving(test, unit, 8080)
    _assert_published(test, unit, first, 8080)
    _assert_published(test, unit, second, 8080)


def invalid_config_keeps_the_working_port_published(test, make_unit):
    unit = make_unit()
    rel_id = _relate(unit, ['haproxy/0'])
    unit.config_set(port=70000)
    _assert_blocked_with_fix(test, unit)
    # The old container still serves on 80, so that is what haproxy needs.
    _assert_published(test, unit, rel_id, 80)


def a_remote_unit_departs(test, make_unit):
    unit = make_unit()
    rel_id = _relate(unit, ['haproxy/0', 'haproxy/1', 'haproxy/2'])
    unit.remove_remote_unit(rel_id, 'haproxy/1')
    test.assertEqual(unit.relation_units(rel_id), ['haproxy/0', 'haproxy/2'])
    _assert_published(test, unit, rel_id, 80)
    unit.remove_remote_unit(rel_id, 'haproxy/0')
    unit.remove_remote_unit(rel_id, 'haproxy/2')
    test.assertEqual(unit.relation_units(rel_id), [])
    _assert_serving(test, unit, 80)


def relation_broken_leaves_the_site_alone(test, make_unit):
    unit = make_unit()
    rel_id = _relate(unit, ['haproxy/0', 'haproxy/1'])
    container = _the_container(test, unit)
    unit.remove_relation(rel_id)
    test.assertEqual(unit.relation_ids(ENDPOINT), [])
    test.assertEqual(_assert_serving(test, unit, 80)['id'], container['id'])
    # Later hooks must not try to publish to the removed relation.
    unit.config_set(port=8080)
    _assert_serving(test, unit, 8080)
    # A new relation starts from scratch and gets the current port.
    again = _relate(unit, ['haproxy/5'])
    _assert_published(test, unit, again, 8080)


def relation_joined_before_the_container_runs(test, make_unit):
    unit = make_unit(docker=False)
    rel_id = _relate(unit, ['haproxy/0', 'haproxy/1'])
    # Nothing listens yet, so nothing may be advertised.
    _assert_not_published(test, unit, rel_id)
    unit.docker_up()
    unit.update_status()
    unit.update_status()
    _assert_serving(test, unit, 80)
    _assert_published(test, unit, rel_id, 80)


SCENARIOS = [
    deploy_reaches_active,
    port_change_recreates_and_moves_the_port,
    image_change_recreates_with_the_new_image,
    site_change_recreates_with_the_other_site,
    expires_change_recreates_with_the_variable,
    unchanged_config_does_not_recreate,
    bad_port_blocks_with_a_fix,
    bad_image_blocks_with_a_fix,
    bad_site_or_expires_blocks_with_a_fix,
    empty_site_serves_nothing_until_set,
    docker_not_ready_waits_then_catches_up,
    stop_removes_container_port_and_payload,
    payload_follows_the_container,
    two_remote_units_see_the_ingress_address_and_port,
    port_change_republishes_on_every_relation,
    invalid_config_keeps_the_working_port_published,
    a_remote_unit_departs,
    relation_broken_leaves_the_site_alone,
    relation_joined_before_the_container_runs,
]


# -- running them -------------------------------------------------------------

def unit_factory(test, layer_folder):
    """Return ``make_unit(deploy=True, docker=True)`` for ``layer_folder``."""
    def make_unit(deploy=True, docker=True):
        unit = build(layer_folder)
        test.addCleanup(unit.cleanup)
        if not docker:
            unit.docker_down()
        if deploy:
            unit.deploy()
        return unit
    return make_unit


def run_all(test_case, layer_folder):
    """Run every scenario against ``layer_folder``, one subTest each."""
    for scenario in SCENARIOS:
        with test_case.subTest(scenario=scenario.__name__):
            scenario(test_case, unit_factory(test_case, layer_folder))


def scenario_test_case(layer_folder, name=None, module=None):
    """A TestCase class with one test method per scenario.

    Pass module=__name__ so the class's test ids name the test module that
    holds it (tests/run_unittests_parallel.py runs tests by id).
    """
    def method(scenario):
        @functools.wraps(scenario)
        def test(self):
            scenario(self, unit_factory(self, layer_folder))
        return test

    attrs = {'test_' + s.__name__: method(s) for s in SCENARIOS}
    attrs['__doc__'] = 'Shared behavioural scenarios run against %s.' % (
        layer_folder)
    if module:
        attrs['__module__'] = module
    class_name = name or 'Scenarios_' + os.path.basename(
        layer_folder.rstrip('/')).replace('-', '_')
    return type(class_name, (unittest.TestCase,), attrs)
