"""Pictures: press images from content, the county graphic of a round, and social cards.

Everything here is deterministic: the same input gives the same bytes (``png.palette_png``
writes no metadata and fixes the compression; fonts come from one pinned package, ``fonts.py``,
and the generated pictures lay text out with FreeType alone, whatever shaping library Pillow
found on the machine).
"""
