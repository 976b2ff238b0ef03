"""Handler registry, discovery and dispatch (stand-in for charms.reactive.bus).

Dispatch follows the real ``bus.dispatch``:

1. phase ``hooks``: every matching ``@hook`` handler runs once;
2. phase ``other``: handlers are tested and invoked in iterations (passes),
   at most 100; the loop ends when a pass matches nothing;
3. a flag *set* during a pass only counts from the next pass, while
   *clearing* a flag immediately re-tests the rest of the current pass;
4. re-run rule (``FlagWatch``): in pass 0 every handler that matches runs;
   in later passes a handler that watches flags runs only if one of *its*
   flags was set or cleared during the previous pass.  (So a handler that
   already ran is not re-run unless its flags changed - and one whose flags
   changed is re-run even though it already ran.)
5. handler order within a pass is registration order (the real one's is
   "undefined"; charms must not rely on it).

Discovery imports every ``.py`` file under ``$CHARM_DIR/reactive``,
``hooks/reactive`` and ``hooks/relations`` as modules of the packages
``reactive`` / ``relations``, exactly as the real one does.

Harness extension: if ``$CHARMHARNESS_TRACE`` is set, every invocation is
appended to that file as a JSON line ``{"phase", "iteration", "handler"}``
(written even if the hook later crashes, so tests can see what ran).

Known limits: executable (bash) external handlers are *not* supported - they
are reported with a WARNING and skipped; restricted hooks
(``collect-metrics``, ``meter-status-changed``) run only ``@hook`` handlers
like the real one, but nothing else about them is modelled; no tracing
(``charms.reactive.trace``) or ``REACTIVE_LOG_OPTS``.
"""

import importlib
import json
import os
import sys

from charmhelpers.core import hookenv
from charmhelpers.core import unitdata

MAX_ITERATIONS = 100


def _action_id(action, suffix=None):
    if hasattr(action, '_action_id'):
        return action._action_id
    parts = [action.__code__.co_filename, action.__code__.co_firstlineno,
             action.__code__.co_name]
    if suffix is not None:
        parts.append(suffix)
    return ':'.join(map(str, parts))


def _short_action_id(action, suffix=None):
    if hasattr(action, '_short_action_id'):
        return action._short_action_id
    filepath = os.path.relpath(action.__code__.co_filename,
                               hookenv.charm_dir())
    parts = [filepath, action.__code__.co_firstlineno,
             action.__code__.co_name]
    if suffix is not None:
        parts.append(suffix)
    return ':'.join(map(str, parts))


class Handler(object):
    """A registered reactive handler: an action plus predicates."""
    _HANDLERS = {}
    _CONSUMED_FLAGS = set()

    @classmethod
    def get(cls, action, suffix=None):
        """Get or create the handler for ``action`` (decorators stack onto
        the same handler)."""
        action_id = _action_id(action, suffix)
        if action_id not in cls._HANDLERS:
            cls._HANDLERS[action_id] = cls(action, suffix)
        return cls._HANDLERS[action_id]

    @classmethod
    def get_handlers(cls):
        return list(cls._HANDLERS.values())

    @classmethod
    def clear(cls):
        cls._HANDLERS = {}

    def __init__(self, action, suffix=None):
        self._action_id = _short_action_id(action, suffix)
        self._action = action
        self._args = []
        self._predicates = []
        self._post_callbacks = []
        self._flags = set()
        self._kinds = set()   # 'hook' / 'when' - to warn about mixing them

    def id(self):
        return self._action_id

    def add_args(self, args):
        """Add a (lazily evaluated) iterable of call arguments."""
        self._args.append(args)

    def add_predicate(self, predicate):
        self._predicates.append(predicate)

    def add_post_callback(self, callback):
        self._post_callbacks.append(callback)

    def mark_kind(self, kind):
        self._kinds.add(kind)
        if self._kinds == {'hook', 'when'}:
            # The real framework silently never runs such a handler (the
            # @hook predicate needs phase "hooks", @when* needs "other").
            hookenv.log('Handler %s combines @hook with @when*; '
                        'charms.reactive never invokes it' % self.id(),
                        level=hookenv.WARNING)

    def test(self):
        """Should this handler be invoked now?"""
        if self._flags and not FlagWatch.watch(self._action_id, self._flags):
            return False
        return all(predicate() for predicate in self._predicates)

    def _get_args(self):
        if not hasattr(self, '_args_evaled'):
            # cached so a re-invocation in a later pass gets the same args
            self._args_evaled = [arg for source in self._args
                                 for arg in source]
        return self._args_evaled

    def invoke(self):
        self._action(*self._get_args())
        for callback in self._post_callbacks:
            callback()

    def register_flags(self, flags):
        """Flags this handler watches for the re-run rule."""
        self._CONSUMED_FLAGS.update(flags)
        self._flags.update(flags)


class FlagWatch(object):
    """Tracks which flags changed in the previous pass (kept in unitdata)."""
    key = 'reactive.state_watch'

    @classmethod
    def _store(cls):
        return unitdata.kv()

    @classmethod
    def _get(cls):
        return cls._store().get(cls.key, {'iteration': 0, 'changes': [],
                                          'pending': []})

    @classmethod
    def _set(cls, data):
        cls._store().set(cls.key, data)

    @classmethod
    def reset(cls):
        cls._store().unset(cls.key)

    @classmethod
    def iteration(cls, i):
        data = cls._get()
        data['iteration'] = i
        cls._set(data)

    @classmethod
    def watch(cls, watcher, flags):
        data = cls._get()
        return data['iteration'] == 0 or bool(set(flags) &
                                              set(data['changes']))

    @classmethod
    def change(cls, flag):
        data = cls._get()
        data['pending'].append(flag)
        cls._set(data)

    @classmethod
    def commit(cls):
        data = cls._get()
        data['changes'] = data['pending']
        data['pending'] = []
        cls._set(data)


def _trace(phase, iteration, handler):
    path = os.environ.get('CHARMHARNESS_TRACE')
    if not path:
        return
    with open(path, 'a') as fp:
        fp.write(json.dumps({'hook': hookenv.hook_name(), 'phase': phase,
                             'iteration': iteration,
                             'handler': handler.id()}) + '\n')


def dispatch(restricted=False):
    """Run matching handlers until the flags settle (see module doc)."""
    FlagWatch.reset()
    kv = unitdata.kv()

    def _test(to_test):
        return [h for h in to_test if h.test()]

    def _invoke(to_invoke, phase, iteration):
        while to_invoke:
            kv.set('reactive.dispatch.removed_state', False)
            for handler in list(to_invoke):
                to_invoke.remove(handler)
                hookenv.log('Invoking reactive handler: %s' % handler.id(),
                            level=hookenv.INFO)
                _trace(phase, iteration, handler)
                handler.invoke()
                if kv.get('reactive.dispatch.removed_state'):
                    # a flag was cleared: re-test what is left of this pass
                    to_invoke = _test(to_invoke)
                    break
        FlagWatch.commit()

    if restricted:
        kv.set('reactive.dispatch.phase', 'restricted')
        _invoke(_test(Handler.get_handlers()), 'restricted', 0)
        return

    kv.set('reactive.dispatch.phase', 'hooks')
    _invoke(_test(Handler.get_handlers()), 'hooks', 0)

    kv.set('reactive.dispatch.phase', 'other')
    for i in range(MAX_ITERATIONS):
        FlagWatch.iteration(i)
        other_handlers = _test(Handler.get_handlers())
        if not other_handlers:
            break
        _invoke(other_handlers, 'other', i)

    FlagWatch.reset()


def discover():
    """Import handler modules from the charm's reactive/relations dirs."""
    # $CHARM_DIR and $CHARM_DIR/hooks on sys.path make `reactive.x` and
    # `relations.x` importable, and let layers import each other's modules.
    _append_path(hookenv.charm_dir())
    _append_path(os.path.join(hookenv.charm_dir(), 'hooks'))
    for search_dir in ('reactive', 'hooks/reactive', 'hooks/relations'):
        search_path = os.path.join(hookenv.charm_dir(), search_dir)
        for dirpath, dirnames, filenames in os.walk(search_path):
            dirnames.sort()
            for filename in sorted(filenames):
                filepath = os.path.join(dirpath, filename)
                _register_handlers_from_file(search_path, filepath)


def _append_path(d):
    if d not in sys.path:
        sys.path.append(d)


def _load_module(root, filepath):
    package = os.path.basename(root)  # 'reactive' or 'relations'
    module = filepath[len(root):-3].replace(os.sep, '.')
    if module.endswith('.__init__'):
        module = module[:-9]
    return importlib.import_module(package + module)


def _register_handlers_from_file(root, filepath):
    skip = ('.md', '.yaml', '.txt', '.ini', '.pyc', 'makefile', '.gitignore',
            'copyright', 'license')
    if filepath.lower().endswith(skip) or '__pycache__' in filepath:
        return
    if filepath.endswith('.py'):
        _load_module(root, filepath)
    elif os.access(filepath, os.X_OK):
        hookenv.log('External (non-Python) reactive handler %s is not '
                    'supported by the charm harness; skipped'
                    % os.path.relpath(filepath, hookenv.charm_dir()),
                    level=hookenv.WARNING)
