#!/usr/bin/env python3
"""Flood a bmcsim on loopback: random datagrams, then Open Session Requests
followed by RAKP 1 with random user names.  Bounded and loopback only.
usage: flood.py HOST PORT [RANDOM OPEN]   (defaults 5000 and 2000)
Prints how many answers of each kind came back."""
import os
import random
import select
import socket
import struct
import sys
import time

host, port = sys.argv[1], int(sys.argv[2])
n_random = int(sys.argv[3]) if len(sys.argv) > 3 else 5000
n_open = int(sys.argv[4]) if len(sys.argv) > 4 else 2000
assert host.startswith("127."), "loopback only"
rng = random.Random(20240917)

RMCP_IPMI = bytes([0x06, 0x00, 0xFF, 0x07])


def v2_plain(ptype, payload, sid=0, seq=0):
    return RMCP_IPMI + struct.pack("<BBIIH", 0x06, ptype, sid, seq, len(payload)) + payload


def open_session_req(tag, console_sid, suite_algs=(1, 1, 1)):
    a, i, c = suite_algs
    return (bytes([tag, 0x04, 0, 0]) + struct.pack("<I", console_sid)
            + bytes([0, 0, 0, 8, a, 0, 0, 0, 1, 0, 0, 8, i, 0, 0, 0, 2, 0, 0, 8, c, 0, 0, 0]))


def rakp1(tag, bmc_sid, name):
    return (bytes([tag, 0, 0, 0]) + struct.pack("<I", bmc_sid) + os.urandom(16)
            + bytes([0x14, 0, 0, len(name)]) + name)


def random_datagram():
    kind = rng.randrange(6)
    n = rng.randrange(0, 300)
    body = bytes(rng.getrandbits(8) for _ in range(n))
    if kind == 0:
        return body  # anything at all
    if kind == 1:
        return bytes([0x06, 0x00, 0xFF, 0x06]) + body  # ASF
    if kind == 2:
        return RMCP_IPMI + bytes([0x00]) + body  # IPMI 1.5 wrapper
    if kind == 3:
        return RMCP_IPMI + bytes([0x06, rng.randrange(256)]) + body  # RMCP+ header
    if kind == 4:  # RMCP+ with a plausible length and a random session ID
        return v2_plain(rng.choice([0x00, 0x40, 0xC0, 0x12, 0x14]), body[:200],
                        sid=rng.getrandbits(32), seq=rng.getrandbits(32))
    return v2_plain(0x10, body[:40])  # malformed Open Session Requests


s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.connect((host, port))
s.setblocking(False)
answers = {"random": 0, "open": 0, "open-ok": 0, "open-busy": 0, "rakp2": 0}


def drain(key):
    while True:
        try:
            d = s.recv(2048)
        except (BlockingIOError, ConnectionRefusedError):
            return
        answers[key] += 1
        if key == "open" and len(d) >= 18 and d[5] == 0x11:
            status = d[17]
            if status == 0:
                answers["open-ok"] += 1
                bmc_sid = struct.unpack("<I", d[24:28])[0]
                name = bytes(rng.choice(b"abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randrange(1, 17)))
                s.send(v2_plain(0x12, rakp1(d[16], bmc_sid, name)))
            elif status == 0x01:
                answers["open-busy"] += 1
        elif key == "open" and len(d) > 5 and d[5] == 0x13:
            answers["rakp2"] += 1


for i in range(n_random):
    try:
        s.send(random_datagram())
    except (BlockingIOError, ConnectionRefusedError):
        pass
    if i % 50 == 0:
        drain("random")
for i in range(n_open):
    try:
        s.send(v2_plain(0x10, open_session_req(i & 0xFF, rng.getrandbits(32) | 1)))
    except (BlockingIOError, ConnectionRefusedError):
        pass
    # Pace the handshakes a little so they reach the BMC rather than the
    # floor of a full socket buffer.
    select.select([s], [], [], 0.002)
    drain("open")
time.sleep(0.3)
drain("open")
print(" ".join(f"{k}={v}" for k, v in answers.items()))
