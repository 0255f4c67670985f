#!/usr/bin/env python3
"""A minimal HTTP responder for the oracle's pod namespaces.

Usage: responder.py ADDRESS PORT [udp]   (an IPv4 or an IPv6 address)
Answers every connection with "HTTP/1.0 200 OK" and "ok", logs one line per connection
(peer address) to stdout. No name lookups: `python3 -m http.server` calls getfqdn() on
start-up, which in a namespace without DNS waits for resolver timeouts.
"""
import socket
import sys


def udp(addr, port):
    """Answers every datagram with "ok" (the audit's kube-dns flows)."""
    srv = socket.socket(socket.AF_INET6 if ":" in addr else socket.AF_INET, socket.SOCK_DGRAM)
    srv.bind((addr, port))
    while True:
        data, peer = srv.recvfrom(4096)
        srv.sendto(b"ok\n", peer)
        print("datagram from %s:%d" % peer[:2], flush=True)


def main():
    addr, port = sys.argv[1], int(sys.argv[2])
    if len(sys.argv) > 3 and sys.argv[3] == "udp":
        udp(addr, port)
        return
    srv = socket.socket(socket.AF_INET6 if ":" in addr else socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((addr, port))
    srv.listen(16)
    body = b"ok\n"
    reply = b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body)
    while True:
        conn, peer = srv.accept()
        conn.settimeout(2)
        try:
            conn.recv(4096)
            conn.sendall(reply)
        except OSError:
            pass
        finally:
            conn.close()
        print("connection from %s:%d" % peer[:2], flush=True)


if __name__ == "__main__":
    main()
