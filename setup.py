"""Packaging glue: ship the top-level data folders inside the ``dvk_docs`` package.

``word_templates/``, ``samples/`` and ``excel_addin/`` live at the top of the repository so clerks
and reviewers find them; installed, they become ``dvk_docs.word_templates`` etc. and are read with
``importlib.resources`` (see ``dvk_docs/resources.py``).
"""

from setuptools import find_namespace_packages, setup

DATA_DIRS = {  #: installed package name -> folder in the repository
    "dvk_docs.word_templates": "word_templates",
    "dvk_docs.samples": "samples",
    "dvk_docs.excel_addin": "excel_addin",
}

setup(
    packages=find_namespace_packages(include=["dvk_docs", "dvk_docs.*"], exclude=["*.__pycache__"])
    + list(DATA_DIRS),
    package_dir=DATA_DIRS,
    package_data={
        "dvk_docs": ["py.typed"],
        "dvk_docs.data": ["*.json"],
        "dvk_docs.data.fonts": ["*.json"],
        "dvk_docs.data.profiles": ["*.json"],
        "dvk_docs.data.ooxml_xsd": ["*.xsd", "*.md"],
        "dvk_docs.word_templates": ["**/*.docx", "**/*.md"],
        "dvk_docs.samples": ["**/*.xlsx", "**/*.docx", "**/*.md", "**/*.png"],
        "dvk_docs.excel_addin": ["*.xlam", "*.xml", "*.bas", "*.md"],
    },
)
