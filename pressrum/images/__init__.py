"""Pictures: press images from content, the county graphic of a round, and social cards.

Everything here is deterministic: the same input gives the same bytes (``png.encode`` writes
no metadata and fixes the compression; fonts come from one pinned package, ``fonts.py``).
"""
