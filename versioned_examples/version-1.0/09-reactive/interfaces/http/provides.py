"""The `provides` end of the http interface: "I serve HTTP here".

A charm that serves HTTP declares an endpoint with `interface: http`
under `provides:` in its metadata.yaml (docker-webapp calls it
`website`). charms.reactive makes one instance of this class per such
endpoint and gives the charm layer two things:

* the flag `<endpoint>.available`, set while at least one remote unit
  (a load balancer, say) is joined, and cleared when the last one leaves;
* `configure()`, which publishes the unit's address and port to every
  remote unit.

The data is the same as the published interface:http layer sends, so
the legacy haproxy charm's `reverseproxy` endpoint and any charm built
with interface:http can read it.
"""

from charmhelpers.core import hookenv
from charms.reactive import Endpoint, clear_flag, set_flag, when, when_not


class HttpProvides(Endpoint):
    """Publish hostname, private-address and port on an http endpoint."""

    # docs:region available
    @when('endpoint.{endpoint_name}.joined')
    def announce(self):
        """A remote unit is there: tell the charm layer it may publish."""
        set_flag(self.expand_name('{endpoint_name}.available'))

    @when_not('endpoint.{endpoint_name}.joined')
    def withdraw(self):
        """The last remote unit left: nobody to publish to any more."""
        clear_flag(self.expand_name('{endpoint_name}.available'))
    # docs:endregion available

    # docs:region configure
    def configure(self, port, private_address=None, hostname=None):
        """Publish where this unit serves HTTP, on every relation.

        The address defaults to the unit's ingress address for each
        relation: the one the remote side can reach. A Docker bridge
        address (172.17.x.x) would be useless to another machine, so
        publish the host's address and the port Docker publishes on it.
        Only changed values are written, so calling this in every hook
        costs nothing.
        """
        for relation in self.relations:
            address = hookenv.ingress_address(relation.relation_id,
                                              hookenv.local_unit())
            wanted = {
                'hostname': hostname or address,
                'private-address': private_address or address,
                # Relation data is always text.
                'port': str(port),
            }
            published = relation.to_publish_raw
            for key, value in wanted.items():
                if published.get(key) != value:
                    published[key] = value
    # docs:endregion configure
