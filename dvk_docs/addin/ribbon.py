"""The ribbon XML (customUI, Office 2010+ namespace) generated from the button registry.

One tab "Dân vận khéo"; one group per distinct ``Button.group`` in registry order; one large
button per registry entry whose ``tag`` is the button id and whose ``onAction`` is the single VBA
dispatcher. Nothing here is edited by hand: change ``dvk_docs.commands.BUTTONS`` and rebuild.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import quoteattr

from ..commands.registry import Button
from .vba import CALLBACK

CUSTOMUI_NAMESPACE = "http://schemas.microsoft.com/office/2009/07/customui"  #: customUI14 (Office 2010+)
CUSTOMUI_RELATIONSHIP = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"  #: its package relationship
CUSTOMUI_PART = "customUI/customUI14.xml"  #: where the part lives in the .xlam
TAB_ID = "dvkTab"  #: id of the ribbon tab
TAB_LABEL = "Dân vận khéo"  #: label of the ribbon tab
BUTTON_ID_PREFIX = "dvk_"  #: ribbon control id = prefix + Button.id (the tag stays the plain id)


def ribbon_xml(buttons: Sequence[Button]) -> str:
    """The customUI14 XML for ``buttons`` (UTF-8 text, stable for the same input).

    Raises ValueError for duplicate or non-ASCII button ids (the id travels through VBA as ASCII).
    """
    _check_ids(buttons)
    groups: dict[str, list[Button]] = {}
    for button in buttons:
        groups.setdefault(button.group, []).append(button)
    lines = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
        f'<customUI xmlns="{CUSTOMUI_NAMESPACE}">',
        "  <ribbon>",
        "    <tabs>",
        f'      <tab id="{TAB_ID}" label={quoteattr(TAB_LABEL)} insertAfterMso="TabHome">',
    ]
    for number, (label, members) in enumerate(groups.items(), start=1):
        lines.append(f'        <group id="dvkGroup{number}" label={quoteattr(label)}>')
        lines.extend(f"          {_button_element(button)}" for button in members)
        lines.append("        </group>")
    lines += ["      </tab>", "    </tabs>", "  </ribbon>", "</customUI>", ""]
    return "\n".join(lines)


def _button_element(button: Button) -> str:
    attributes = {
        "id": BUTTON_ID_PREFIX + button.id,
        "label": button.label,
        "tag": button.id,
        "size": "large",
        "imageMso": button.image,
        "screentip": button.label,
        "onAction": CALLBACK,
    }
    return "<button " + " ".join(f"{k}={quoteattr(v)}" for k, v in attributes.items()) + "/>"


def _check_ids(buttons: Sequence[Button]) -> None:
    ids = [button.id for button in buttons]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"duplicate button ids: {duplicates}")
    bad = [i for i in ids if not (i.isascii() and i.replace("_", "").isalnum())]
    if bad:
        raise ValueError(f"button ids must be ASCII letters, digits and '_': {bad}")
