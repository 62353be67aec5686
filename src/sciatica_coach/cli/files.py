"""Writing output files so that a crash never leaves half a file behind."""

import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    folder = path.resolve().parent
    if not folder.is_dir():
        from sciatica_coach.errors import InvalidInput

        raise InvalidInput("FILE", str(path), "a path in an existing folder")
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
