"""Large digits for the countdown, readable from the floor: each digit is a 3 x 5 grid of
blocks, each block two characters wide so it looks square in a terminal."""

_FONT = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", "###", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", "..#", "..#", "..#"),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
}
ROWS = 5


def big(text: str) -> list[str]:
    """`text` (digits and colons) as ROWS lines of blocks; other characters are left out."""
    glyphs = [_FONT[ch] for ch in text if ch in _FONT]
    return [
        "  ".join("".join("██" if px == "#" else "  " for px in g[row]) for g in glyphs)
        for row in range(ROWS)
    ]
