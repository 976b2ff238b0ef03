"""Stand-in for ``charmhelpers.core.unitdata``: a sqlite key/value store.

Like the real ``Storage``, values are JSON in a sqlite table in
``$UNIT_STATE_DB`` or ``$CHARM_DIR/.unit-state.db``; changes sit in an open
transaction until :meth:`Storage.flush`, so a hook that crashes before the
reactive framework flushes loses them (which is how flag changes are
discarded on failure).

Known limits: no revision history (``gethistory``), no ``hook_scope``, no
``HookData`` delta tracking.
"""

import json
import os
import sqlite3


class Storage:
    """Simple key value database for local unit state within charms."""

    def __init__(self, path=None):
        self.db_path = path
        if path is None:
            if 'UNIT_STATE_DB' in os.environ:
                self.db_path = os.environ['UNIT_STATE_DB']
            else:
                self.db_path = os.path.join(
                    os.environ.get('CHARM_DIR', ''), '.unit-state.db')
        self.conn = sqlite3.connect('%s' % self.db_path)
        self.cursor = self.conn.cursor()
        self.revision = None
        self._closed = False
        self._init()

    def _init(self):
        self.cursor.execute('create table if not exists kv '
                            '(key text, data text, primary key (key))')
        self.conn.commit()

    def close(self):
        if self._closed:
            return
        self.flush(False)
        self.cursor.close()
        self.conn.close()
        self._closed = True

    def get(self, key, default=None, record=False):
        self.cursor.execute('select data from kv where key=?', [key])
        result = self.cursor.fetchone()
        if not result:
            return default
        return json.loads(result[0])

    def getrange(self, key_prefix, strip=False):
        """All keys starting with ``key_prefix`` (optionally stripped)."""
        self.cursor.execute("select key, data from kv where key like ?",
                            ['%s%%' % key_prefix])
        result = self.cursor.fetchall()
        if not result:
            return {}
        if not strip:
            key_prefix = ''
        return dict([(k[len(key_prefix):], json.loads(v))
                     for k, v in result])

    def update(self, mapping, prefix=""):
        for k, v in mapping.items():
            self.set("%s%s" % (prefix, k), v)

    def unset(self, key):
        self.cursor.execute('delete from kv where key=?', [key])

    def unsetrange(self, keys=None, prefix=""):
        if keys is not None:
            for key in keys:
                self.unset('%s%s' % (prefix, key))
        else:
            self.cursor.execute('delete from kv where key like ?',
                                ['%s%%' % prefix])

    def set(self, key, value):
        serialized = json.dumps(value)
        self.cursor.execute('replace into kv (key, data) values (?, ?)',
                            [key, serialized])
        return value

    def flush(self, save=True):
        if save:
            self.conn.commit()
        elif self._closed:
            return
        else:
            self.conn.rollback()


_KV = None


def kv():
    global _KV
    if _KV is None:
        _KV = Storage()
    return _KV
