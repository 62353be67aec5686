"""A real PostgreSQL server for the tests, started on loopback in a temporary folder.

initdb and pg_ctl refuse to run as root, so as root they run as the `postgres` user."""

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from glob import glob
from pathlib import Path

from tests.ports import free_port


def _tool(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def available() -> bool:
    return _tool("initdb") is not None and _tool("pg_ctl") is not None


def _as_server_user(args: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@dataclass
class PgServer:
    folder: Path
    port: int

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    @classmethod
    def start(cls) -> "PgServer":
        folder = Path(tempfile.mkdtemp(prefix="sciatica-pg-"))
        if os.geteuid() == 0:
            shutil.chown(folder, "postgres")
        server = cls(folder, free_port())
        subprocess.run(
            _as_server_user([_tool("initdb") or "initdb", "-D", str(server.data), "-A", "trust",
                             "-U", "postgres", "--no-sync", "-E", "UTF8"]),
            check=True, capture_output=True,
        )  # fmt: skip
        options = f"-p {server.port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        server.pg_ctl("start", "-w", "-l", str(folder / "log"), "-o", options)
        return server

    def pg_ctl(self, *args: str) -> None:
        subprocess.run(
            _as_server_user([_tool("pg_ctl") or "pg_ctl", "-D", str(self.data), *args]),
            check=True, capture_output=True,
        )  # fmt: skip

    def restart(self) -> None:
        # -l as at the start: otherwise the new server inherits our pipes and run() never ends
        self.pg_ctl("restart", "-w", "-m", "fast", "-l", str(self.folder / "log"))

    def stop(self) -> None:
        self.pg_ctl("stop", "-m", "immediate")
        shutil.rmtree(self.folder, ignore_errors=True)
