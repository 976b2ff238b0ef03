"""``Endpoint``: the 0.6+ base class for interface layers (stand-in).

At hook start (``hookenv.atstart``) one instance is made per endpoint whose
interface layer defines an ``Endpoint`` subclass, and the automatic flags
are managed (fact sheet 9.4):

* ``endpoint.<ep>.joined`` - set while any remote unit is joined, cleared
  automatically when the last one leaves;
* ``endpoint.<ep>.changed`` and ``endpoint.<ep>.changed.<field>`` - set when a
  remote unit's field value differs from what was last seen; never cleared
  automatically;
* ``endpoint.<ep>.departed`` - set in a ``-departed`` hook; never cleared
  automatically.

Data: ``relations[i].to_publish`` (JSON-encoded) / ``to_publish_raw`` /
``to_publish_app`` are written with ``relation-set`` at the end of a
*successful* hook; ``joined_units[j].received`` / ``received_raw`` read
``relation-get``.

Known limits: ``all_departed_units`` is kept only for the current hook (the
real one persists it); app data (``received_app``/``to_publish_app``) is
simplified; no ``RelationBase`` compatibility.
"""

import json
from collections import UserDict

from charmhelpers.core import hookenv
from charms.reactive.flags import set_flag, toggle_flag, is_flag_set
from charms.reactive.helpers import data_changed
from charms.reactive.relations import RelationFactory, relation_factory

__all__ = ['Endpoint']


class Endpoint(RelationFactory):
    """Base class for interface layers; see the module docstring."""

    _endpoints = {}

    @classmethod
    def from_name(cls, endpoint_name):
        return cls._endpoints.get(endpoint_name)

    @classmethod
    def from_flag(cls, flag):
        if not is_flag_set(flag) or '.' not in flag:
            return None
        parts = flag.split('.')
        if parts[0] == 'endpoint':
            return cls.from_name(parts[1])
        return cls.from_name(parts[0])

    @classmethod
    def _startup(cls):
        """Create instances and manage automatic flags (run at hook start)."""
        for endpoint_name in sorted(hookenv.relation_types()):
            relf = relation_factory(endpoint_name)
            if not relf or not issubclass(relf, cls):
                continue
            rids = sorted(hookenv.relation_ids(endpoint_name))
            # in a -broken hook the relation is gone from relation-ids, but
            # the endpoint still needs to know it (its data is readable)
            current = hookenv.relation_id()
            if current and current.split(':')[0] == endpoint_name and \
                    current not in rids and \
                    hookenv.hook_name().endswith('-relation-broken'):
                rids.append(current)
            endpoint = relf(endpoint_name, rids)
            cls._endpoints[endpoint_name] = endpoint
            endpoint._manage_departed()
            endpoint._manage_flags()
            for relation in endpoint.relations:
                hookenv.atexit(relation._flush_data)

    def __init__(self, endpoint_name, relation_ids=None):
        self._endpoint_name = endpoint_name
        self._relations = KeyList(map(Relation, relation_ids or []),
                                  key_attr='relation_id')
        self._all_joined_units = None
        self._all_departed_units = KeyList([], key_attr='unit_name')

    @property
    def endpoint_name(self):
        return self._endpoint_name

    @property
    def relations(self):
        """KeyList of :class:`Relation`, indexable by position or id."""
        return self._relations

    @property
    def is_joined(self):
        return len(self.all_joined_units) > 0

    joined = is_joined

    def expand_name(self, flag):
        """``'available'`` -> ``'endpoint.<name>.available'``;
        ``'{endpoint_name}.x'`` -> ``'<name>.x'``."""
        if '{endpoint_name}' not in flag:
            flag = 'endpoint.{endpoint_name}.' + flag
        return flag.format(endpoint_name=self.endpoint_name)

    def _in_own_hook(self, kind=None):
        hook = hookenv.hook_name()
        prefix = self.endpoint_name + '-relation-'
        if not hook.startswith(prefix):
            return False
        return kind is None or hook == prefix + kind

    def _manage_departed(self):
        if not self._in_own_hook('departed'):
            return
        relation = self.relations[hookenv.relation_id()]
        unit = RelatedUnit(relation, hookenv.remote_unit())
        self._all_departed_units.append(unit)
        if not relation.joined_units:
            del self.relations[relation.relation_id]

    def _manage_flags(self):
        already_joined = is_flag_set(self.expand_name('joined'))
        rel_hook = self._in_own_hook()
        toggle_flag(self.expand_name('joined'), self.is_joined)
        if self._in_own_hook('departed'):
            set_flag(self.expand_name('departed'))
        if already_joined and not rel_hook:
            return  # the real one skips data checks outside its own hooks
        for unit in self.all_joined_units:
            for key, value in unit.received.items():
                data_key = 'endpoint.{}.{}.{}.{}'.format(
                    self.endpoint_name, unit.relation.relation_id,
                    unit.unit_name, key)
                if data_changed(data_key, value):
                    set_flag(self.expand_name('changed'))
                    set_flag(self.expand_name('changed.{}'.format(key)))

    @property
    def all_joined_units(self):
        """All remote units of all relations, ordered by (relation, unit)."""
        if self._all_joined_units is None:
            units = [u for rel in self.relations for u in rel.joined_units]
            self._all_joined_units = CombinedUnitsView(units)
        return self._all_joined_units

    all_units = all_joined_units

    @property
    def all_departed_units(self):
        return self._all_departed_units


class Relation:
    """One relation (one remote application) on an endpoint."""

    def __init__(self, relation_id):
        self._relation_id = relation_id
        self._endpoint_name = relation_id.split(':')[0]
        self._units = None
        self._data = None
        self._app_data = None

    @property
    def relation_id(self):
        return self._relation_id

    @property
    def endpoint_name(self):
        return self._endpoint_name

    @property
    def endpoint(self):
        return Endpoint.from_name(self.endpoint_name)

    @property
    def application_name(self):
        return hookenv.remote_service_name(self.relation_id) or \
            _relation_list_app(self.relation_id)

    @property
    def joined_units(self):
        if self._units is None:
            self._units = CombinedUnitsView([
                RelatedUnit(self, name) for name in
                sorted(hookenv.related_units(self.relation_id))])
        return self._units

    units = joined_units

    @property
    def to_publish(self):
        """Writeable JSON-encoding view of this unit's settings."""
        if self._data is None:
            self._data = JSONUnitDataView(
                hookenv.relation_get(unit=hookenv.local_unit(),
                                     rid=self.relation_id) or {},
                writeable=True)
        return self._data

    @property
    def to_publish_raw(self):
        """Writeable raw (string) view of this unit's settings."""
        return self.to_publish.data

    @property
    def to_publish_app(self):
        """Writeable JSON view of the app settings (leader only)."""
        if self._app_data is None:
            data = {}
            if hookenv.is_leader():
                data = hookenv.relation_get(app=hookenv.application_name(),
                                            rid=self.relation_id) or {}
            self._app_data = JSONUnitDataView(data, writeable=True)
        return self._app_data

    @property
    def received_app(self):
        app = _relation_list_app(self.relation_id)
        return JSONUnitDataView(
            hookenv.relation_get(app=app, rid=self.relation_id) or {})

    def _flush_data(self):
        if self._data and self._data.modified:
            hookenv.relation_set(self.relation_id, dict(self.to_publish.data))
        if self._app_data and self._app_data.modified:
            hookenv.relation_set(self.relation_id,
                                 dict(self._app_data.data), app=True)


def _relation_list_app(relation_id):
    import subprocess
    return subprocess.check_output(
        ['relation-list', '--app', '-r', relation_id]).decode().strip()


class RelatedUnit:
    """A remote unit on a relation."""

    def __init__(self, relation, unit_name, data=None):
        self._relation = relation
        self._unit_name = unit_name
        self._application_name = unit_name.split('/')[0]
        self._data = data

    @property
    def relation(self):
        return self._relation

    @property
    def unit_name(self):
        return self._unit_name

    @property
    def application_name(self):
        return self._application_name

    @property
    def received(self):
        """JSON-decoding view of the data this unit published."""
        if self._data is None:
            self._data = JSONUnitDataView(hookenv.relation_get(
                unit=self.unit_name, rid=self.relation.relation_id) or {})
        return self._data

    @property
    def received_raw(self):
        return self.received.raw_data


class KeyList(list):
    """A list whose items can also be looked up by an attribute."""

    def __init__(self, items, key_attr):
        super().__init__(items)
        self._key_attr = key_attr

    def _translate_key(self, key):
        if isinstance(key, int):
            return key
        for i, item in enumerate(self):
            if getattr(item, self._key_attr) == key:
                return i
        raise KeyError(key)

    def __getitem__(self, key):
        return super().__getitem__(self._translate_key(key))

    def __delitem__(self, key):
        super().__delitem__(self._translate_key(key))

    def pop(self, key=-1):
        return super().pop(self._translate_key(key))

    def keys(self):
        return [getattr(item, self._key_attr) for item in self]

    def values(self):
        return list(self)

    def items(self):
        return ((getattr(item, self._key_attr), item) for item in self)

    def __contains__(self, key_or_value):
        return key_or_value in self.keys() or key_or_value in self.values()


class CombinedUnitsView(KeyList):
    """Units sorted by (relation id, unit name) with merged ``received``
    (lowest relation/unit wins for a shared key)."""

    def __init__(self, items):
        super().__init__(sorted(items, key=lambda i: (i.relation.relation_id,
                                                      i.unit_name)),
                         key_attr='unit_name')

    @property
    def received(self):
        if not hasattr(self, '_data'):
            self._data = JSONUnitDataView(
                {key: value for unit in reversed(self)
                 for key, value in unit.received_raw.items()})
        return self._data

    @property
    def received_raw(self):
        return self.received.raw_data


class UnitDataView(UserDict):
    """Dict of raw strings; missing keys read as None; read-only unless
    ``writeable``."""

    def __init__(self, data, writeable=False):
        self.data = data
        self._writeable = writeable
        self._modified = False

    @property
    def modified(self):
        return self._modified

    @property
    def writeable(self):
        return self._writeable

    def get(self, key, default=None):
        return self.data.get(key, default)

    def __getitem__(self, key):
        return self.data.get(key)

    def __setitem__(self, key, value):
        if not self._writeable:
            raise ValueError('Remote unit data cannot be modified')
        self._modified = True
        self.data[key] = value

    def __delitem__(self, key):
        if not self._writeable:
            raise ValueError('Remote unit data cannot be modified')
        self._modified = True
        # None makes relation-set delete the key on flush
        self.data[key] = None


class JSONUnitDataView(UserDict):
    """JSON en/decoding view over a :class:`UnitDataView`.  Values that are
    not valid JSON are returned raw."""

    def __init__(self, data, writeable=False):
        self.data = UnitDataView(data, writeable)

    @property
    def raw_data(self):
        return self.data

    @property
    def modified(self):
        return self.raw_data.modified

    @property
    def writeable(self):
        return self.raw_data.writeable

    def get(self, key, default=None):
        if key not in self.raw_data:
            return default
        return self[key]

    def __getitem__(self, key):
        value = self.raw_data[key]
        if not value:
            return value
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return value

    def __setitem__(self, key, value):
        self.raw_data[key] = json.dumps(value, sort_keys=True)


hookenv.atstart(Endpoint._startup)
