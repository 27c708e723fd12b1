"""Vehicle identification number (VIN) helpers, ISO 3779.

Pure functions without database access, shared by the vehicle master and
anything that reads VINs (imports, appraisals, receipts).
"""

import re

VIN_LENGTH = 17
VIN_PATTERN = re.compile(r"^[A-HJ-NPR-Z0-9]{17}$")

# ISO 3779 / 49 CFR 565 transliteration and weights (used by North America and China GB 16735)
_TRANSLITERATION = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)

# 10th character -> first model year of the 30-year cycle (1980-2009; +30 for 2010-2039)
_YEAR_CODES = "ABCDEFGHJKLMNPRSTVWXY123456789"


def normalize_vin(vin):
    """Upper case, all whitespace and separators removed; False for empty input."""
    if not vin:
        return False
    return re.sub(r"[\s\-.]", "", vin).upper() or False


def vin_format_error(vin):
    """Return None for a well-formed VIN, else a short reason (not translated)."""
    if len(vin) != VIN_LENGTH:
        return "length"
    if set(vin) & set("IOQ"):
        return "ioq"
    if not VIN_PATTERN.match(vin):
        return "chars"
    return None


def vin_error(env, vin, check_digit=False):
    """The user's message (in ``env``'s language) why ``vin`` is no valid VIN, or None: its format
    always, its ISO 3779 check digit when ``check_digit`` (the company's setting). The one VIN
    validation of the suite: vehicles, appraisals and anything else reading VINs use it."""
    error = vin_format_error(vin)
    if error == "length":
        return env._("VIN %(vin)s has %(count)s characters: a VIN has exactly 17.", vin=vin, count=len(vin))
    if error == "ioq":
        return env._("VIN %(vin)s contains I, O or Q: these letters never occur in a VIN.", vin=vin)
    if error:
        return env._("VIN %(vin)s may contain only the letters A-Z (without I, O, Q) and digits.", vin=vin)
    expected = vin_check_digit(vin)
    if check_digit and vin[8] != expected:
        return env._(
            "VIN %(vin)s has the check digit %(found)s where %(expected)s is expected: "
            "please check the VIN for typing errors.",
            vin=vin,
            found=vin[8],
            expected=expected,
        )
    return None


def vin_check_digit(vin):
    """Expected 9th character of a 17-character VIN."""
    total = sum(_TRANSLITERATION[char] * weight for char, weight in zip(vin, _WEIGHTS, strict=True))
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


def vin_model_year(vin, max_year):
    """Model year encoded by the 10th character: the latest candidate not after ``max_year``."""
    if len(vin) != VIN_LENGTH or vin[9] not in _YEAR_CODES:
        return False
    year = 1980 + _YEAR_CODES.index(vin[9])
    while year + 30 <= max_year:
        year += 30
    return year


def with_check_digit(vin):
    """Return the 17-character ``vin`` with its correct check digit in position 9."""
    vin = vin.upper()
    return vin[:8] + vin_check_digit(vin[:8] + "0" + vin[9:]) + vin[9:]
