"""Stand-in for a few ``charmhelpers.core.host`` helpers.

Only pure-filesystem helpers are provided; anything that would touch the
real system (services, users, apt, mounts) is deliberately absent, so a
charm that needs it fails with ImportError/AttributeError in the harness
rather than changing the test machine.
"""

import hashlib
import os


def file_hash(path, hash_type='md5'):
    if os.path.exists(path):
        h = getattr(hashlib, hash_type)()
        with open(path, 'rb') as source:
            h.update(source.read())
        return h.hexdigest()
    return None


def mkdir(path, owner='root', group='root', perms=0o555, force=False):
    """Create a directory (owner/group are ignored by the stand-in)."""
    if not os.path.exists(path):
        os.makedirs(path, perms)


def write_file(path, content, owner='root', group='root', perms=0o444):
    """Write ``content`` (str or bytes) to ``path`` with ``perms``."""
    if isinstance(content, str):
        content = content.encode('UTF-8')
    with open(path, 'wb') as target:
        os.fchmod(target.fileno(), perms)
        target.write(content)
