# For pip and setuptools releases that still look for a setup.py; pyproject.toml holds the
# metadata.
from setuptools import setup

setup()
