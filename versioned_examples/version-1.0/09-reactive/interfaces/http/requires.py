"""The `requires` end of the http interface: "I use HTTP services".

A charm that talks to HTTP services (a load balancer, a monitoring
probe) declares an endpoint with `interface: http` under `requires:`.
It gets the flag `<endpoint>.available` once any remote unit has
published a port, and `services()` to read what they published.
docker-webapp does not use this side; an interface layer ships both
ends so that the charms on either side of a relation can include it.
"""

from charms.reactive import Endpoint, clear_flag, toggle_flag, when
from charms.reactive import when_not


class HttpRequires(Endpoint):
    """Read the hostname, private-address and port of HTTP services."""

    @when('endpoint.{endpoint_name}.changed')
    def check_ports(self):
        """Remote data changed: is there a unit with a port now?"""
        toggle_flag(self.expand_name('{endpoint_name}.available'),
                    any(unit.received_raw['port']
                        for unit in self.all_joined_units))
        # charms.reactive never clears the `changed` flags itself. Clear
        # it here, so this handler runs again only on the next change.
        clear_flag(self.expand_name('changed'))

    @when_not('endpoint.{endpoint_name}.joined')
    def forget(self):
        """No remote units left, so no services."""
        clear_flag(self.expand_name('{endpoint_name}.available'))

    def services(self):
        """Return the services that remote units published, by app.

        A list with one dict per remote application that published a
        usable address and port::

            [{'service_name': 'docker-webapp',
              'hosts': [{'hostname': '10.0.0.5',
                         'private-address': '10.0.0.5',
                         'port': '80'}]}]

        Hosts are sorted and de-duplicated, so the result is stable
        from hook to hook.
        """
        services = []
        for relation in self.relations:
            hosts = set()
            for unit in relation.joined_units:
                data = unit.received_raw
                address = data['private-address']
                host = data['hostname'] or address
                if host and data['port']:
                    hosts.add((host, address, data['port']))
            if hosts:
                services.append({
                    'service_name': relation.application_name,
                    'hosts': [{'hostname': host, 'private-address': address,
                               'port': port}
                              for host, address, port in sorted(hosts)],
                })
        return services
