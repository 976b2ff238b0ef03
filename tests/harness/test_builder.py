"""Self-tests for the mini builder (charmharness.builder)."""

import os
import shutil
import tempfile
import unittest
from unittest import mock

import yaml

from harness_testlib import fixture
from charmharness import Unit, build
from charmharness.builder import BuildError, deep_merge


def read_yaml(path):
    with open(path) as fp:
        return yaml.safe_load(fp)


class DeepMergeTest(unittest.TestCase):

    def test_dicts_merge_recursively_and_higher_scalar_wins(self):
        lower = {'options': {'a': {'type': 'string', 'default': 'x'}}}
        higher = {'options': {'a': {'default': 'y'}, 'b': {'type': 'int'}}}
        self.assertEqual(deep_merge(lower, higher), {'options': {
            'a': {'type': 'string', 'default': 'y'}, 'b': {'type': 'int'}}})

    def test_lists_append_without_duplicates(self):
        self.assertEqual(deep_merge([1, 2], [2, 3]), [1, 2, 3])


class BuildRulesTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.warnings = []
        cls.out = tempfile.mkdtemp()
        cls.charm = build(fixture('builder-demo'),
                          out_dir=os.path.join(cls.out, 'builder-demo'),
                          log=cls.warnings)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.out)

    def path(self, *parts):
        return os.path.join(self.charm, *parts)

    def read(self, *parts):
        with open(self.path(*parts)) as fp:
            return fp.read()

    def test_shipped_hook_file_beats_the_template(self):
        self.assertIn('custom upgrade-charm', self.read('hooks', 'upgrade-charm'))
        self.assertIn('charms.reactive import main', self.read('hooks', 'install'))

    def test_template_written_for_standard_and_relation_hooks(self):
        template = self.read('hooks', 'hook.template')
        names = ['install', 'config-changed', 'leader-elected',
                 'leader-settings-changed', 'start', 'stop', 'update-status',
                 'pre-series-upgrade', 'post-series-upgrade']
        for ep in ('website', 'cache'):
            names += ['%s-relation-%s' % (ep, k) for k in
                      ('created', 'joined', 'changed', 'departed', 'broken')]
        for name in names:
            self.assertEqual(self.read('hooks', name), template, name)
            self.assertTrue(os.access(self.path('hooks', name), os.X_OK))

    def test_config_yaml_deep_merged(self):
        options = read_yaml(self.path('config.yaml'))['options']
        runtime = options['docker_runtime']
        self.assertEqual(runtime['default'], 'apt')       # top layer wins
        self.assertEqual(runtime['type'], 'string')       # kept from lower
        self.assertIn('runtime', runtime['description'])
        self.assertIn('daemon-opts', options)
        self.assertEqual(options['greeting']['default'], 'hi')

    def test_metadata_merged_like_charm_tools(self):
        meta = read_yaml(self.path('metadata.yaml'))
        self.assertEqual(meta['name'], 'builder-demo')
        self.assertEqual(meta['tags'], ['misc', 'containers', 'demo'])
        self.assertEqual(meta['series'], ['jammy', 'focal', 'bionic',
                                          'xenial'])
        self.assertEqual(meta['maintainers'],
                         ['Top Layer <top@example.invalid>'])
        self.assertEqual(list(meta)[:3], ['name', 'summary', 'maintainers'])

    def test_used_interface_copied_unused_skipped(self):
        self.assertTrue(os.path.exists(
            self.path('hooks', 'relations', 'pingpong', 'provides.py')))
        self.assertFalse(os.path.exists(
            self.path('hooks', 'relations', 'unused')))
        self.assertTrue(any('interface:unused' in w for w in self.warnings))

    def test_higher_layer_file_wins_and_libs_are_merged(self):
        self.assertIn('top layer wins', self.read('README.md'))
        self.assertTrue(os.path.exists(
            self.path('lib', 'charms', 'layer', 'basic.py')))
        self.assertTrue(os.path.exists(
            self.path('lib', 'charms', 'layer', 'builder_demo.py')))
        self.assertTrue(os.path.exists(self.path('reactive', 'docker.py')))

    def test_layer_options_merged(self):
        options = read_yaml(self.path('layer.yaml'))['options']
        self.assertEqual(options['basic']['packages'], ['git'])
        self.assertIs(options['basic']['use_venv'], True)
        self.assertIs(options['docker']['skip-install'], False)


class BuildErrorsTest(unittest.TestCase):

    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.tmp)

    def make_layer(self, name, layer_yaml):
        path = os.path.join(self.tmp, name)
        os.makedirs(path)
        with open(os.path.join(path, 'layer.yaml'), 'w') as fp:
            fp.write(layer_yaml)
        with open(os.path.join(path, 'metadata.yaml'), 'w') as fp:
            fp.write('name: %s\nsummary: s\ndescription: d\n' % name)
        return path

    def test_missing_include_fails(self):
        layer = self.make_layer('x', "includes: ['layer:nonexistent']\n")
        with self.assertRaisesRegex(BuildError, 'layer:nonexistent'):
            build(layer, out_dir=os.path.join(self.tmp, 'out'))

    def test_no_hook_template_fails(self):
        layer = self.make_layer('y', 'includes: []\n')
        with self.assertRaisesRegex(BuildError, 'hook.template'):
            build(layer, out_dir=os.path.join(self.tmp, 'out'))

    def test_charm_interfaces_dir_is_searched_first(self):
        alt = os.path.join(self.tmp, 'ifaces', 'interface-pingpong')
        shutil.copytree(fixture('interfaces/pingpong'), alt)
        with open(os.path.join(alt, 'provides.py'), 'a') as fp:
            fp.write('\nFROM_ENV_DIR = True\n')
        with mock.patch.dict(os.environ, {
                'CHARM_INTERFACES_DIR': os.path.dirname(alt)}):
            charm = build(fixture('docker-demo'),
                          out_dir=os.path.join(self.tmp, 'out'))
        with open(os.path.join(charm, 'hooks', 'relations', 'pingpong',
                               'provides.py')) as fp:
            self.assertIn('FROM_ENV_DIR', fp.read())


class BuiltCharmRunsTest(unittest.TestCase):

    def test_shipped_hook_and_layer_lib_run(self):
        with Unit.build(fixture('builder-demo')) as unit:
            unit.run_hook('install')
            self.assertIn("BUILDER from charms.layer.builder_demo; "
                          "packages=['git']", unit.log)
            unit.run_hook('upgrade-charm')
            self.assertIn('custom upgrade-charm hook ran', unit.log)


class LocalInterfaceAndExcludeTest(unittest.TestCase):
    """A layer that keeps its interface layer in its own interfaces/
    folder and excludes that folder (and a build recipe) from the charm,
    as examples/09-reactive does."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.tmp)
        self.layer = os.path.join(self.tmp, 'own-iface')
        shutil.copytree(fixture('docker-demo'), self.layer)
        iface = os.path.join(self.layer, 'interfaces', 'pingpong')
        shutil.copytree(fixture('interfaces/pingpong'), iface)
        with open(os.path.join(iface, 'provides.py'), 'a') as fp:
            fp.write('\nFROM_OWN_INTERFACES = True\n')
        with open(os.path.join(iface, 'NOTES.txt'), 'w') as fp:
            fp.write('excluded by the top layer\n')
        with open(os.path.join(self.layer, 'recipe.yaml'), 'w') as fp:
            fp.write('type: charm\n')
        with open(os.path.join(self.layer, 'layer.yaml'), 'a') as fp:
            fp.write('\nexclude:\n  - interfaces\n  - recipe.yaml\n'
                     '  - NOTES.txt\n')

    def test_own_interfaces_folder_found_and_excluded(self):
        with mock.patch.dict(os.environ):
            os.environ.pop('CHARM_INTERFACES_DIR', None)
            charm = build(self.layer, out_dir=os.path.join(self.tmp, 'out'))
        with open(os.path.join(charm, 'hooks', 'relations', 'pingpong',
                               'provides.py')) as fp:
            self.assertIn('FROM_OWN_INTERFACES', fp.read())
        # excluded: the layer's own copies, and (top-layer patterns apply
        # to interface files too) NOTES.txt inside the interface
        for gone in ('interfaces', 'recipe.yaml',
                     'hooks/relations/pingpong/NOTES.txt'):
            self.assertFalse(os.path.exists(os.path.join(charm, gone)), gone)
        # a lower layer's file is never hit by this layer's exclude
        self.assertTrue(os.path.exists(
            os.path.join(charm, 'reactive', 'docker.py')))

    def test_charm_interfaces_dir_beats_the_own_folder(self):
        alt = os.path.join(self.tmp, 'elsewhere', 'pingpong')
        shutil.copytree(fixture('interfaces/pingpong'), alt)
        with mock.patch.dict(os.environ, {
                'CHARM_INTERFACES_DIR': os.path.dirname(alt)}):
            charm = build(self.layer, out_dir=os.path.join(self.tmp, 'out'))
        with open(os.path.join(charm, 'hooks', 'relations', 'pingpong',
                               'provides.py')) as fp:
            self.assertNotIn('FROM_OWN_INTERFACES', fp.read())

    def test_exclude_patterns(self):
        from charmharness.builder import excluded
        self.assertTrue(excluded('interfaces/http/provides.py',
                                 ['interfaces']))
        self.assertTrue(excluded('a/b/x.pyc', ['*.pyc']))
        self.assertTrue(excluded('tests/unit/t.py', ['tests/unit']))
        self.assertFalse(excluded('src/tests/unit/t.py', ['tests/unit']))
        self.assertFalse(excluded('reactive/x.py', ['interfaces', '#x']))


if __name__ == '__main__':
    unittest.main()
