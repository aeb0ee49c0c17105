#!/usr/bin/env python3
"""malformed.py: sends a corpus of malformed and request-smuggling requests to HTTP servers
on loopback and tabulates what each answers: the status codes of every response received
(in order) and whether the server closed the connection ("close") or left it open ("open")
within the timeout. A smuggled request shows up as an extra 200.

Usage: malformed.py NAME=PORT [NAME=PORT ...]   (loopback only; a few KiB per case)
"""
import re
import socket
import sys

H = b"Host: x\r\n"

# (name, bytes sent, what a strict RFC 9112 server does)
CASES = [
    ("valid GET", b"GET / HTTP/1.1\r\n" + H + b"\r\n", "200 open"),
    ("pipelined GET x2", (b"GET / HTTP/1.1\r\n" + H + b"\r\n") * 2, "200 200 open"),
    ("CL + TE chunked (smuggle)",
     b"POST / HTTP/1.1\r\n" + H + b"Content-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n"
     b"0\r\n\r\nGET /smuggled HTTP/1.1\r\n" + H + b"\r\n", "400 close"),
    ("duplicate CL, differing",
     b"POST / HTTP/1.1\r\n" + H + b"Content-Length: 0\r\nContent-Length: 41\r\n\r\n"
     b"GET /smuggled HTTP/1.1\r\n" + H + b"\r\n", "400 close"),
    ("duplicate CL, same", b"POST / HTTP/1.1\r\n" + H + b"Content-Length: 1\r\nContent-Length: 1\r\n\r\nx",
     "200 open or 400 close"),
    ("obs-fold header", b"GET / HTTP/1.1\r\n" + H + b"X-A: a\r\n  b\r\n\r\n", "400 close"),
    ("NUL in header value", b"GET / HTTP/1.1\r\n" + H + b"X-A: a\x00b\r\n\r\n", "400 close"),
    ("NUL in target", b"GET /a\x00b HTTP/1.1\r\n" + H + b"\r\n", "400 close"),
    ("space before colon (CL)", b"POST / HTTP/1.1\r\n" + H + b"Content-Length : 5\r\n\r\nhello",
     "400 close"),
    ("bad chunk size",
     b"POST / HTTP/1.1\r\n" + H + b"Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n", "400 close"),
    ("overflowing chunk size",
     b"POST / HTTP/1.1\r\n" + H + b"Transfer-Encoding: chunked\r\n\r\n"
     b"1000000000000000000001\r\nabc\r\n0\r\n\r\n", "400 close"),
    ("negative CL", b"POST / HTTP/1.1\r\n" + H + b"Content-Length: -1\r\n\r\n", "400 close"),
    ("overflowing CL", b"POST / HTTP/1.1\r\n" + H + b"Content-Length: 99999999999999999999999\r\n\r\n",
     "400 close"),
    ("TE: gzip (not chunked last)",
     b"POST / HTTP/1.1\r\n" + H + b"Transfer-Encoding: gzip\r\n\r\nabc", "400/501 close"),
    ("TE: chunked, obfuscated",
     b"POST / HTTP/1.1\r\n" + H + b"Transfer-Encoding: xchunked\r\nContent-Length: 3\r\n\r\nabc",
     "400/501 close"),
    ("huge header (20 KiB)", b"GET / HTTP/1.1\r\n" + H + b"X-Big: " + b"a" * 20480 + b"\r\n\r\n",
     "431 close"),
    ("huge URI (20 KiB)", b"GET /" + b"a" * 20480 + b" HTTP/1.1\r\n" + H + b"\r\n", "414 close"),
    ("HTTP/2 preface", b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "h2 or 400/505 close"),
    ("absolute-form", b"GET http://x/ HTTP/1.1\r\n" + H + b"\r\n", "200 open"),
    ("HTTP/1.1 without Host", b"GET / HTTP/1.1\r\n\r\n", "400 close"),
    ("bare LF line ends", b"GET / HTTP/1.1\n" + H.replace(b"\r", b"") + b"\n", "200 or 400"),
    ("HTTP/3.0 version", b"GET / HTTP/3.0\r\n" + H + b"\r\n", "505 close"),
    ("truncated chunked body then EOF",
     b"POST / HTTP/1.1\r\n" + H + b"Transfer-Encoding: chunked\r\n\r\n5\r\nab", "no 200; close"),
]

STATUS = re.compile(rb"HTTP/1\.[01] (\d{3})")
H2_SETTINGS = b"\x00\x00"  # an HTTP/2 server answers the preface with a SETTINGS frame


def probe(port, data, half_close):
    s = socket.create_connection(("127.0.0.1", port), timeout=2)
    s.settimeout(0.7)
    try:
        s.sendall(data)
        if half_close:
            s.shutdown(socket.SHUT_WR)
    except OSError:
        pass
    got, state = b"", "open"
    while True:
        try:
            chunk = s.recv(65536)
        except socket.timeout:
            break
        except OSError:  # reset
            state = "reset"
            break
        if not chunk:
            state = "close"
            break
        got += chunk
    s.close()
    codes = [m.decode() for m in STATUS.findall(got)]
    if not codes and got.startswith(b"\x00\x00") and got[3:4] == b"\x04":
        codes = ["h2-SETTINGS"]
    elif not codes and got:
        codes = ["?" + repr(got[:20])]
    return " ".join(codes + [state]) if codes else state


def main():
    servers = []
    for arg in sys.argv[1:]:
        name, port = arg.split("=")
        servers.append((name, int(port)))
    print("| case | strict server | " + " | ".join(n for n, _ in servers) + " |")
    print("|---|---|" + "---|" * len(servers))
    for name, data, want in CASES:
        half = name.endswith("EOF")
        row = [probe(port, data, half) for _, port in servers]
        print(f"| {name} | {want} | " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
