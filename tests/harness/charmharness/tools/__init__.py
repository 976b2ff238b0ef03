"""Stand-ins for the Juju hook tools and the docker CLI.

``tool.py`` is the one executable; the bin dir holds a symlink to it under
each tool name and it dispatches on ``basename(argv[0])``.
"""
