"""Publishing: build as of now, deploy the site to a target, notify, keep an archive.

``publish.py`` is the recipe (build → deploy → notify); the targets live in their own modules
(``folder.py``, ``ssh.py``, ``s3.py``) behind the one interface in ``target.py``.
"""
