"""Shared pieces of the tool stand-ins: errors, flag parsing, output."""

import json


class ToolError(Exception):
    """Makes the tool print ``message`` to stderr and exit ``code``."""

    def __init__(self, message, code=1, stdout=''):
        super().__init__(message)
        self.message = message
        self.code = code
        self.stdout = stdout


class Result:
    """What a tool run produced."""

    def __init__(self, stdout='', stderr='', code=0):
        self.stdout = stdout
        self.stderr = stderr
        self.code = code


def parse_flags(argv, value_flags=(), bool_flags=(), intersperse=True,
                error_prefix='ERROR ', usage_code=2):
    """Parse gnuflag/pflag-style flags.

    ``value_flags``/``bool_flags`` are iterables of names such as ``'-r'``,
    ``'--relation'``; the returned dict is keyed by the *first* alias in a
    tuple, e.g. ``value_flags=[('-r', '--relation')]`` -> ``opts['-r']``.
    Repeated value flags accumulate in a list.  Returns (opts, positional).
    """
    canon = {}
    kinds = {}
    for group, kind in ((value_flags, 'value'), (bool_flags, 'bool')):
        for names in group:
            names = (names,) if isinstance(names, str) else tuple(names)
            for name in names:
                canon[name] = names[0]
                kinds[name] = kind
    opts, positional = {}, []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == '--':
            positional.extend(argv[i + 1:])
            break
        if arg.startswith('-') and arg != '-' and len(arg) > 1:
            name, eq, inline = arg.partition('=')
            if name not in kinds:
                raise ToolError('%sflag provided but not defined: %s'
                                % (error_prefix, name), usage_code)
            key = canon[name]
            if kinds[name] == 'bool':
                opts[key] = (inline.lower() not in ('false', '0')) \
                    if eq else True
            else:
                if eq:
                    value = inline
                else:
                    i += 1
                    if i >= len(argv):
                        raise ToolError('%sflag needs an argument: %s'
                                        % (error_prefix, name), usage_code)
                    value = argv[i]
                opts.setdefault(key, []).append(value)
        else:
            if not intersperse:
                positional.extend(argv[i:])
                break
            positional.append(arg)
        i += 1
    return opts, positional


def last(opts, key, default=None):
    """The last value given for a value flag."""
    values = opts.get(key)
    return values[-1] if values else default


def format_output(value, fmt='smart'):
    """Juju's smart/yaml/json output formats."""
    fmt = fmt or 'smart'
    if fmt == 'json':
        return json.dumps(value) + '\n'
    if fmt == 'yaml':
        if value is None:
            return ''
        import yaml  # lazily: importing PyYAML costs ~70 ms per tool call
        return yaml.safe_dump(value, default_flow_style=False)
    if fmt != 'smart':
        raise ToolError('ERROR invalid value "%s" for option --format: '
                        'unknown format "%s"' % (fmt, fmt), 2)
    if value is None:
        return ''
    if isinstance(value, bool):
        return ('True' if value else 'False') + '\n'
    if isinstance(value, (dict, list)):
        import yaml
        return yaml.safe_dump(value, default_flow_style=False)
    return '%s\n' % value
