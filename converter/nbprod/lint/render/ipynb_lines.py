"""Map a (cell, line) position to the line of the ``.ipynb`` file that holds it.

Jupyter writes each source line of a cell as its own JSON string on its own line, so code
scanning and PR annotations can point at the exact line of the file under review.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

SOURCE_KEY = re.compile(r'^\s*"source"\s*:\s*(\[)?')


@dataclass(frozen=True)
class IpynbLineMap:
    #: For each cell, the 1-based file line of its first source line, and whether the
    #: source is a list (one file line per source line) or a single string.
    starts: tuple[tuple[int, bool], ...]

    @classmethod
    def for_path(cls, path: str) -> IpynbLineMap | None:
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return None
        return cls.for_text(text)

    @classmethod
    def for_text(cls, text: str) -> IpynbLineMap | None:
        try:
            cells = json.loads(text).get("cells")
        except (ValueError, AttributeError, RecursionError):
            return None
        if not isinstance(cells, list):
            return None
        starts: list[tuple[int, bool]] = []
        for number, line in enumerate(text.splitlines(), start=1):
            match = SOURCE_KEY.match(line)
            if match:
                is_list = match.group(1) is not None
                starts.append((number + 1 if is_list else number, is_list))
        if len(starts) != len(cells):
            return None  # not the one-key-per-line layout Jupyter writes
        return cls(tuple(starts))

    def file_line(self, cell_index: int | None, line: int | None) -> int | None:
        if cell_index is None or not 0 <= cell_index < len(self.starts):
            return None
        start, is_list = self.starts[cell_index]
        return start + (max(line or 1, 1) - 1 if is_list else 0)
