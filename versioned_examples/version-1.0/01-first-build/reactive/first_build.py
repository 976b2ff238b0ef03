"""The only code of the first-build layer.

The hook files in the built charm come from layer:basic. Each one starts
the reactive bus, which imports every module in reactive/ and calls the
handlers that match. This module shows that code from the top layer runs
inside those generated hooks.
"""

from charmhelpers.core import hookenv
from charms.reactive import hook


# docs:region handler
@hook('install', 'start')
def report_ready():
    """Log which hook ran us and tell juju status that we are here."""
    hookenv.log('first-build: handler ran in the {} hook'.format(
        hookenv.hook_name()))
    hookenv.status_set('active', 'built from layers')
# docs:endregion handler
