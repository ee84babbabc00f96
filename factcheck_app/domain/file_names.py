"""One plain, safe file name from whatever name a workspace or an import stores."""

from __future__ import annotations

import re

# Names Windows reserves for devices, whatever the extension ("NUL.txt" is the device).
_RESERVED = frozenset({"con", "prn", "aux", "nul", "conin$", "conout$",
                       *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))})
MAX_NAME_BYTES = 200  # below every filesystem's 255, with room for a "_" prefix


def safe_file_name(name: str) -> str:
    """A display/export name with no directory parts, control characters or device names.

    Whatever a workspace stores (it may come from someone else), the result is one
    plain path component: never empty, '.', '..', absolute or a reserved device.
    """
    base = re.split(r"[\\/]", str(name or ""))[-1]
    base = re.sub(r"[\x00-\x1f\x7f]", "", base)
    base = re.sub(r'[<>:"|?*]', "_", base).strip().lstrip(".").rstrip(" .")
    if base.split(".")[0].strip().lower() in _RESERVED:
        base = "_" + base
    if len(base.encode("utf-8")) > MAX_NAME_BYTES:  # keep a short extension, trim the stem
        stem, dot, ext = base.rpartition(".")
        if not stem or len(ext) > 16:
            stem, dot, ext = base, "", ""
        room = MAX_NAME_BYTES - len((dot + ext).encode("utf-8"))
        base = stem.encode("utf-8")[:room].decode("utf-8", "ignore").rstrip(" .") + dot + ext
    return base or "attachment"
