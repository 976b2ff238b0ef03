"""Stand-in for ``charmhelpers.core``."""
