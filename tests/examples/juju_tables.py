"""Read the expected `juju status` and `juju payloads` outputs of a chapter.

Chapters keep the output they show in `examples/NN-slug/outputs/*.txt`.
The tests parse those files and compare the values a harness run can
produce (workload status, message, ports, version, payload class, status
and type) with the unit after the same steps. Values the harness cannot
know (addresses, machine ids, container ids, times) are not compared.

Juju prints its tables with Go's tabwriter: every cell of a column starts
at the same offset as the column's header, and columns are separated by
at least two spaces. So the header line gives the column offsets, and
each row is cut at those offsets.
"""

import os
import re

from examples.support import example


def read_output(folder, name):
    """Text of examples/<folder>/outputs/<name>."""
    with open(os.path.join(example(folder), 'outputs', name)) as fp:
        return fp.read()


def output_names(folder, prefix):
    """Sorted names of the outputs/ files of folder that start with prefix."""
    directory = os.path.join(example(folder), 'outputs')
    return sorted(name for name in os.listdir(directory)
                  if name.startswith(prefix) and name.endswith('.txt'))


def parse_table(text, first_column):
    """Rows of the table whose header starts with first_column, as dicts.

    The table ends at the first blank line (or the end of the text).
    Raises ValueError if no header line starts with first_column.
    """
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if re.match(re.escape(first_column) + r'(\s{2,}|$)', line):
            break
    else:
        raise ValueError('no table with a {!r} column'.format(first_column))
    header = lines[index]
    # Column names may contain one space ("Payload class"), never two.
    names = [m.group(0) for m in re.finditer(r'\S+(?: \S+)*', header)]
    starts = [m.start() for m in re.finditer(r'\S+(?: \S+)*', header)]
    rows = []
    for line in lines[index + 1:]:
        if not line.strip():
            break
        cells = {}
        for i, name in enumerate(names):
            end = starts[i + 1] if i + 1 < len(names) else None
            cells[name] = line[starts[i]:end].strip()
        rows.append(cells)
    return rows


def unit_row(text, unit='docker-webapp/0'):
    """The row of one unit in the Unit table of `juju status` output."""
    for row in parse_table(text, 'Unit'):
        # The leader's unit name carries a "*".
        if row['Unit'].rstrip('*') == unit:
            return row
    raise ValueError('no row for {} in the Unit table'.format(unit))


def app_row(text, app='docker-webapp'):
    """The row of one application in the App table of `juju status`."""
    for row in parse_table(text, 'App'):
        if row['App'] == app:
            return row
    raise ValueError('no row for {} in the App table'.format(app))


def payload_rows(text):
    """The rows of `juju payloads` output (after "[Unit Payloads]")."""
    if not text.startswith('[Unit Payloads]\n'):
        raise ValueError('juju payloads output starts with [Unit Payloads]')
    return parse_table(text, 'Unit')


def ports_of(cell):
    """The set of ports in a Ports cell, e.g. {'80/tcp'}."""
    return set(cell.replace(',', ' ').split())
