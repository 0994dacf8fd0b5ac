"""Serves generated Flask or FastAPI webhook handler modules for the contract tests.

Usage: serveGeneratedApps.py <flask|fastapi> <module.py>...

Each module's ``app`` is served on 127.0.0.1 on a port of its own, chosen by the system; one JSON
line per module, {"module": <path>, "port": <port>}, then "ready" are printed once all listen. Flask
apps run on Werkzeug's threaded server, FastAPI apps on uvicorn, all FastAPI apps in one event loop.

A line "shift <seconds> <token>" on stdin sets the modules' clock (their ``time``) that far ahead of
the real one, and "shifted <token>" is printed once it is; the servers keep the real clock.
"""

import asyncio
import importlib.util
import json
import logging
import signal
import socket
import sys
import threading
import time


class ShiftedClock:
    """The ``time`` module as the generated modules see it: ``offset`` seconds ahead."""

    offset = 0.0

    def __getattr__(self, name):
        return getattr(time, name)

    def time(self):
        return time.time() + self.offset

    def monotonic(self):
        return time.monotonic() + self.offset


CLOCK = ShiftedClock()


def follow_clock_shifts():
    for line in sys.stdin:
        command, seconds, token = (line.split() + ["", "", ""])[:3]
        if command == "shift":
            CLOCK.offset = float(seconds)
            print(f"shifted {token}", flush=True)


def load(framework, path):
    name = f"{framework}_{path.rsplit('/', 1)[-1][:-3]}"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    if hasattr(module, "time"):
        module.time = CLOCK
    return module


def announce(path, port):
    print(json.dumps({"module": path, "port": port}), flush=True)


def serve_flask(paths):
    from werkzeug.serving import make_server

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    for path in paths:
        server = make_server("127.0.0.1", 0, load("flask", path).app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        announce(path, server.port)
    print("ready", flush=True)
    threading.Event().wait()


async def serve_fastapi(paths):
    import uvicorn

    servers = []
    for path in paths:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        server = uvicorn.Server(uvicorn.Config(load("fastapi", path).app, log_level="warning", lifespan="off"))
        servers.append((server, asyncio.create_task(server.serve(sockets=[sock]))))
        announce(path, sock.getsockname()[1])
    while not all(server.started for server, _ in servers):
        await asyncio.sleep(0.01)
    # Each uvicorn server installed its own signal handlers, the last one winning: stop them all.
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        asyncio.get_running_loop().add_signal_handler(signal_number, lambda: [setattr(server, "should_exit", True) for server, _ in servers])
    print("ready", flush=True)
    await asyncio.gather(*(task for _, task in servers))


if __name__ == "__main__":
    framework, module_paths = sys.argv[1], sys.argv[2:]
    threading.Thread(target=follow_clock_shifts, daemon=True).start()
    if framework == "flask":
        serve_flask(module_paths)
    else:
        asyncio.run(serve_fastapi(module_paths))
