#!/usr/bin/env python3
"""UDP relay that logs every datagram between an IPMI console and a BMC.

    relay.py LISTEN_PORT BMC_PORT LOGFILE

Listens on 127.0.0.1:LISTEN_PORT; every client address gets its own upstream
socket towards 127.0.0.1:BMC_PORT.  Each datagram is forwarded unchanged and
appended to LOGFILE as one line

    <monotonic-seconds> <client-port> c2b|b2c <hex of the whole UDP payload>

Stops on SIGTERM/SIGINT.  Loopback only by construction.
"""
import select
import signal
import socket
import sys
import time


def main():
    lport, bport, logname = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    bmc = ("127.0.0.1", bport)
    lsock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    lsock.bind(("127.0.0.1", lport))
    up = {}    # client addr -> upstream socket
    down = {}  # upstream socket -> client addr
    log = open(logname, "a", buffering=1)
    stop = []
    signal.signal(signal.SIGTERM, lambda *a: stop.append(1))
    signal.signal(signal.SIGINT, lambda *a: stop.append(1))
    t0 = time.monotonic()
    while not stop:
        try:
            r, _, _ = select.select([lsock] + list(down), [], [], 0.2)
        except InterruptedError:
            continue
        for s in r:
            if s is lsock:
                data, addr = lsock.recvfrom(65535)
                u = up.get(addr)
                if u is None:
                    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                    u.bind(("127.0.0.1", 0))
                    up[addr] = u
                    down[u] = addr
                log.write("%.6f %d c2b %s\n" % (time.monotonic() - t0, addr[1], data.hex()))
                u.sendto(data, bmc)
            else:
                data, _ = s.recvfrom(65535)
                addr = down[s]
                log.write("%.6f %d b2c %s\n" % (time.monotonic() - t0, addr[1], data.hex()))
                lsock.sendto(data, addr)
    log.close()


if __name__ == "__main__":
    main()
