#!/usr/bin/env python3
"""A small fault proxy for tests/e2e/update_faults.sh: forwards GETs to a
real web server (lighttpd on 127.0.0.1), Range included, and misbehaves
as the file MODE says, read on every request:
  pass    forward as is
  cut     a .pack: send half the body, then close the connection
  wrong   a .pack: the same length, other bytes
  badsig  the index with one changed line (its signature then fails)
  replay  index and index.minisig from the folder OLD (an older catalogue)
  500     every request answers 500
  500pack a .pack answers 500 with an error page (the index passes)
  slow    forward at about 20 KB/s
Each request is logged to LOG as "METHOD PATH RANGE".
usage: faultproxy.py PORT UPSTREAM_PORT MODE LOG OLD
"""
import http.client
import http.server
import os
import sys
import time

PORT, UP, MODE, LOG, OLD = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], \
    sys.argv[4], sys.argv[5]


class Proxy(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def log_message(self, *args):
        pass

    def do_GET(self):
        mode = open(MODE).read().strip()
        rng = self.headers.get("Range", "-")
        with open(LOG, "a") as f:
            f.write("GET %s %s %s\n" % (self.path, rng, mode))
        name = self.path.rsplit("/", 1)[-1]
        if mode == "500":
            self.send_response(500)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if mode == "500pack" and name.endswith(".pack"):
            body = b"<html><body>500 Internal Server Error</body></html>\n"
            self.send_response(500)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        if mode == "replay" and name in ("index", "index.minisig"):
            body = open(os.path.join(OLD, name), "rb").read()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        c = http.client.HTTPConnection("127.0.0.1", UP, timeout=30)
        hdrs = {} if rng == "-" else {"Range": rng}
        c.request("GET", self.path, headers=hdrs)
        r = c.getresponse()
        body = r.read()
        if mode == "badsig" and name == "index":
            body = body.replace(b"\ndate ", b"\ndate 1", 1)
        if mode == "wrong" and name.endswith(".pack") and len(body) > 100:
            body = body[:50] + bytes(b ^ 0x55 for b in body[50:100]) + \
                body[100:]
        self.send_response(r.status)
        for k in ("Content-Range", "Accept-Ranges"):
            if r.getheader(k):
                self.send_header(k, r.getheader(k))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if mode == "cut" and name.endswith(".pack"):
            self.wfile.write(body[:len(body) // 2])
            self.wfile.flush()
            self.connection.shutdown(2)
            return
        if mode == "slow":
            for i in range(0, len(body), 2048):
                self.wfile.write(body[i:i + 2048])
                self.wfile.flush()
                time.sleep(0.1)
            return
        self.wfile.write(body)


http.server.ThreadingHTTPServer(("127.0.0.1", PORT), Proxy).serve_forever()
