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


# The server's files in memory where the machine has a shared-memory file system: a test
# server writes a database's worth of files for every test (a copy of the migrated template)
# and removes them all at the end, which on disk left the run waiting on I/O.
_IN_MEMORY = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None


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
        folder = Path(tempfile.mkdtemp(prefix="sciatica-pg-", dir=_IN_MEMORY))
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

    def cpu(self) -> float:
        """CPU seconds the server has used so far: the postmaster and every backend, live
        (from /proc) or ended (counted in the postmaster's children's time)."""
        ticks = os.sysconf("SC_CLK_TCK")
        postmaster = int((self.data / "postmaster.pid").read_text().split()[0])
        total = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:  # ended meanwhile: counted in the postmaster's children's time
                continue
            pid = int(stat.parent.name)
            if pid == postmaster:
                total += sum(int(f) for f in fields[11:15])  # utime stime cutime cstime
            elif int(fields[1]) == postmaster:
                total += int(fields[11]) + int(fields[12])
        return total / ticks

    def stop(self) -> None:
        self.pg_ctl("stop", "-m", "immediate")
        shutil.rmtree(self.folder, ignore_errors=True)
