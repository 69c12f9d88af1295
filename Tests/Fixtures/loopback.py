"""What the fixture servers share: a threaded HTTP server on 127.0.0.1 that prints its base URL once
ready and serves until its standard input closes (how the tests start and stop them)."""

import sys
import threading
from http.server import ThreadingHTTPServer


class Server(ThreadingHTTPServer):
    """One thread per connection; a deep accept queue, so that a client opening 64 or more
    connections at once is never refused or left waiting for a retransmitted SYN."""

    request_queue_size = 1024
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """A client that hangs up (after a refused page, a stall, a drop) is no error here."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve(handler, url_suffix: str = "") -> None:
    """Serves `handler` at a free port of 127.0.0.1, prints `http://127.0.0.1:PORT` + `url_suffix`, and
    returns once standard input closes."""
    server = Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    print(f"http://{host}:{port}{url_suffix}", flush=True)
    sys.stdin.read()
    server.shutdown()
