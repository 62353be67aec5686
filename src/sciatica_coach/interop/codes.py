"""The fixed list of codes the FHIR export may use (codes.toml), and the checks run on a
bundle before it leaves the project: every coding must be one of these, exactly.

The codes themselves are checked when the list is loaded: a SNOMED CT concept id carries a
Verhoeff check digit and the partition 00 (a concept); a LOINC code a mod-10 check digit. A
typo in the list fails at once instead of reaching someone's health record."""

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from sciatica_coach.errors import ContentError, InvalidInput


@dataclass(frozen=True)
class Code:
    key: str
    system: str  # the code system's URI
    code: str
    display: str
    source: str

    def coding(self) -> dict[str, str]:
        return {"system": self.system, "code": self.code, "display": self.display}


# Verhoeff's tables: the dihedral group D5's multiplication, and the position permutations.
_D = [[int(c) for c in row] for row in (
    "0123456789", "1234067895", "2340178956", "3401289567", "4012395678",
    "5987604321", "6598710432", "7659821043", "8765932104", "9876543210",
)]  # fmt: skip
_P = [list(range(10)), [1, 5, 7, 6, 2, 8, 3, 0, 9, 4]]
while len(_P) < 8:
    _P.append([_P[1][j] for j in _P[-1]])


def verhoeff_ok(digits: str) -> bool:
    check = 0
    for n, digit in enumerate(reversed(digits)):
        check = _D[check][_P[n % 8][int(digit)]]
    return check == 0


def snomed_concept_ok(code: str) -> bool:
    """A SNOMED CT concept id: 6 to 18 digits, no leading zero, partition 00, Verhoeff digit."""
    return (
        code.isascii() and code.isdigit() and 6 <= len(code) <= 18 and code[0] != "0"
        and code[-3:-1] == "00" and verhoeff_ok(code)
    )  # fmt: skip


def loinc_ok(code: str) -> bool:
    """A LOINC code NNNNN-C, C the mod-10 check digit of the digits before it."""
    number, _, check = code.partition("-")
    if not (number.isascii() and number.isdigit() and check.isascii() and check.isdigit()):
        return False
    total = 0
    for n, digit in enumerate(reversed(number)):
        value = int(digit) * (2 if n % 2 == 0 else 1)
        total += value // 10 + value % 10
    return len(check) == 1 and (10 - total % 10) % 10 == int(check)


_WELL_FORMED = {"snomed": snomed_concept_ok, "loinc": loinc_ok}


def load_codes(text: str) -> dict[str, Code]:
    data = tomllib.loads(text)
    systems: dict[str, str] = data["systems"]
    table: dict[str, Code] = {}
    for key, row in data["codes"].items():
        name = row["system"]
        if name not in systems or not row.get("display") or len(row.get("source", "")) < 10:
            raise ContentError(f"codes.toml: {key}: needs a known system, a display and a source")
        check = _WELL_FORMED.get(name)
        if check is not None and not check(row["code"]):
            raise ContentError(f"codes.toml: {key}: {row['code']} is not a valid {name} code")
        table[key] = Code(key, systems[name], row["code"], row["display"], row["source"])
    return table


@cache
def codes() -> dict[str, Code]:
    file = resources.files("sciatica_coach.interop") / "codes.toml"
    return load_codes(file.read_text(encoding="utf-8"))


def coding(key: str) -> dict[str, str]:
    if key not in codes():
        raise InvalidInput("code", key, f"one of {', '.join(codes())}")
    return codes()[key].coding()


def _codings(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        for name, value in node.items():
            if name == "coding" and isinstance(value, list):
                yield from value
            else:
                yield from _codings(value)
    elif isinstance(node, list):
        for item in node:
            yield from _codings(item)


def check_codings(document: dict[str, Any]) -> None:
    """Every coding anywhere in the document is one of the fixed list, system, code and
    display alike; InvalidInput names the first that is not."""
    allowed = {tuple(c.coding().values()) for c in codes().values()}
    for found in _codings(document):
        triple = (found.get("system"), found.get("code"), found.get("display"))
        if triple not in allowed:
            raise InvalidInput("code", "|".join(map(str, triple)), "a code from interop/codes.toml")
