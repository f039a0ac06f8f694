"""Building cleanfeed's labelled training and evaluation corpus from real pages.

Not part of the runtime library: ``cleanfeed corpus build`` and ``cleanfeed train`` use it,
and it needs the ``corpus`` extra (``pip install 'cleanfeed[corpus]'``).
"""
