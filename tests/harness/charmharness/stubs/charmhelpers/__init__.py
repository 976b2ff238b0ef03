"""Stand-in for charmhelpers (only ``core.hookenv``/``core.unitdata``/
``core.host`` subsets)."""
