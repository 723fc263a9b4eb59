"""GraphQL documents that tests of the document checks and of the live server share."""

from __future__ import annotations


def fan_out(fragments: int) -> str:
    """Fragments spreading the next one twice (no cycle): 2**fragments selections expanded."""
    lines = ["query FanOut { ...F0 }"]
    for index in range(fragments):
        lines.append(
            f"fragment F{index} on Query {{ __typename ...F{index + 1} "
            f"... on Query {{ ...F{index + 1} }} }}"
        )
    lines.append(f"fragment F{fragments} on Query {{ __typename }}")
    return "\n".join(lines)
