"""Real local map services for the gathering tests: MapServer (WFS 2.0) and pygeoapi (OGC API).

MapServer is Debian's ``mapserv`` CGI program, run per request behind a small local
HTTP server, one mapfile per "workspace" so that the URL paths and type names are the
national services' own (``/inspire_ps/wfs`` → ``inspire_ps:PS.Protected…``). The same
HTTP server also has paths that misbehave: ``/slow/wfs`` answers after a delay,
``/error/wfs`` with HTTP 500 and ``/broken/wfs`` with something that is not XML.
pygeoapi runs in a child process with a configuration written by the test.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml

MAPSERV = shutil.which("mapserv")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


LAYER = """
  LAYER
    NAME "{name}"
    TYPE {kind}
    STATUS ON
    CONNECTIONTYPE OGR
    CONNECTION "{gpkg}"
    DATA "{table}"
    PROJECTION "init=epsg:3067" END
    METADATA
      "wfs_title" "{name}"
      "wfs_srs" "EPSG:3067"
      "gml_include_items" "all"
      "wfs_enable_request" "*"
    END
  END
"""

MAPFILE = """MAP
  NAME "{ws}"
  EXTENT 50000 6600000 760000 7800000
  PROJECTION "init=epsg:3067" END
  WEB
    METADATA
      "wfs_title" "{ws}"
      "wfs_onlineresource" "{url}/{ws}/wfs?"
      "wfs_srs" "EPSG:3067 EPSG:4326"
      "wfs_enable_request" "*"
      "wfs_namespace_prefix" "{ws}"
      "wfs_namespace_uri" "http://example.org/{ws}"
    END
  END
{layers}
END
"""


def _serve_wfs(folder: Path, port: int) -> None:
    """The HTTP front of ``mapserv`` (run in a child process: GDAL holds the GIL while it reads)."""
    log = folder / "requests.log"
    settings = json.loads((folder / "wfs.json").read_text(encoding="utf-8"))

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            path, _, query = self.path.partition("?")
            with log.open("a", encoding="utf-8") as fh:
                fh.write(self.path + "\n")
            ws = path.strip("/").split("/")[0]
            if ws == "error":
                self._send(500, "text/plain", b"internal server error")
                return
            if ws == "broken":
                self._send(200, "text/xml", b"<wfs:WFS_Capabilities><unclosed")
                return
            if ws == "slow":
                time.sleep(settings["delay"])
                ws = "inspire_ps"
            conf = folder / f"{ws}.conf"
            if not conf.is_file():
                self._send(404, "text/plain", b"no such service")
                return
            env = {
                **os.environ,
                "MAPSERVER_CONFIG_FILE": str(conf),
                "REQUEST_METHOD": "GET",
                "QUERY_STRING": query,
            }
            done = subprocess.run([MAPSERV or "mapserv"], env=env, capture_output=True, timeout=30)
            head, _, body = done.stdout.partition(b"\r\n\r\n")
            ctype = "text/xml"
            for line in head.decode("latin-1").splitlines():
                if line.lower().startswith("content-type:"):
                    ctype = line.split(":", 1)[1].strip()
            self._send(200, ctype, body)

        def _send(self, status: int, ctype: str, body: bytes) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    httpd = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    httpd.daemon_threads = True
    print("ready", flush=True)
    httpd.serve_forever()


class WfsServer:
    """``mapserv`` behind a local HTTP server; ``layers``: workspace → [(name, type, gpkg, table)].

    ``delay`` is how long ``/slow/wfs`` waits before answering; ``requests`` what was asked.
    """

    def __init__(
        self,
        folder: Path,
        layers: dict[str, list[tuple[str, str, Path, str]]],
        delay: float = 3.0,
    ) -> None:
        self.folder = folder
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        for ws, items in layers.items():
            text = "".join(LAYER.format(name=n, kind=k, gpkg=g, table=t) for n, k, g, t in items)
            (folder / f"{ws}.map").write_text(
                MAPFILE.format(ws=ws, url=self.url, layers=text), encoding="utf-8"
            )
            (folder / f"{ws}.conf").write_text(
                f'CONFIG\n  ENV\n    MS_MAPFILE "{folder / (ws + ".map")}"\n  END\nEND\n',
                encoding="utf-8",
            )
        (folder / "wfs.json").write_text(json.dumps({"delay": delay}), encoding="utf-8")
        self.proc: subprocess.Popen[str] | None = None

    @property
    def requests(self) -> list[str]:
        log = self.folder / "requests.log"
        return log.read_text(encoding="utf-8").splitlines() if log.is_file() else []

    def __enter__(self) -> WfsServer:
        self.proc = subprocess.Popen(
            [sys.executable, __file__, str(self.folder), str(self.port)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=self.folder,
        )
        line = self.proc.stdout.readline() if self.proc.stdout else ""
        if "ready" not in line:
            self.proc.kill()
            raise RuntimeError(
                f"the WFS front did not start: {self.proc.stderr.read() if self.proc.stderr else ''}"
            )
        return self

    def __exit__(self, *exc: Any) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


LAUNCHER = """
import os, sys
os.environ["PYGEOAPI_CONFIG"], os.environ["PYGEOAPI_OPENAPI"] = sys.argv[1], sys.argv[2]
from werkzeug.serving import make_server
from pygeoapi.flask_app import APP
server = make_server("127.0.0.1", int(sys.argv[3]), APP, threaded=True)
print("ready", flush=True)
server.serve_forever()
"""


@contextlib.contextmanager
def pygeoapi_server(folder: Path, collections: dict[str, Path]) -> Iterator[str]:
    """pygeoapi serving each GeoJSON file (CRS84) as an OGC API Features collection."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    config = {
        "server": {
            "bind": {"host": "127.0.0.1", "port": port},
            "url": url,
            "mimetype": "application/json; charset=UTF-8",
            "encoding": "utf-8",
            "languages": ["en-US"],
            "limits": {"default_items": 100, "max_items": 1000},
            "map": {"url": "http://127.0.0.1/{z}/{x}/{y}.png", "attribution": "none"},
        },
        "logging": {"level": "ERROR"},
        "metadata": {
            "identification": {
                "title": "ryhti test",
                "description": "fixture layers",
                "keywords": ["test"],
                "keywords_type": "theme",
                "terms_of_service": "none",
                "url": url,
            },
            "license": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
            "provider": {"name": "ryhti tests", "url": url},
            "contact": {"name": "ryhti tests"},
        },
        "resources": {
            name: {
                "type": "collection",
                "title": name,
                "description": name,
                "keywords": ["kaava"],
                "extents": {
                    "spatial": {
                        "bbox": [19, 59, 32, 71],
                        "crs": "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
                    }
                },
                "providers": [
                    {"type": "feature", "name": "GeoJSON", "data": str(path), "id_field": "id"}
                ],
            }
            for name, path in collections.items()
        },
    }
    (folder / "pygeoapi.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    (folder / "openapi.yml").write_text(
        'openapi: 3.0.2\ninfo: {title: t, version: "1"}\npaths: {}\n', encoding="utf-8"
    )
    (folder / "launch.py").write_text(LAUNCHER, encoding="utf-8")
    proc = subprocess.Popen(
        [
            sys.executable,
            str(folder / "launch.py"),
            str(folder / "pygeoapi.yml"),
            str(folder / "openapi.yml"),
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=folder,
    )
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        if "ready" not in line:
            proc.kill()
            raise RuntimeError(
                f"pygeoapi did not start: {proc.stderr.read() if proc.stderr else ''}"
            )
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


if __name__ == "__main__":
    _serve_wfs(Path(sys.argv[1]), int(sys.argv[2]))
