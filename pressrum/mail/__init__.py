"""E-mail to journalists: subscribers, sending each release once, sign-up and unsubscribe.

``deliver`` is the step ``publish`` (and ``python build.py skicka``) calls after a build.
"""
from .deliver import Advance, Delivered, deliver

__all__ = ["Advance", "Delivered", "deliver"]
