#!/usr/bin/env python3
"""protocol.py - what the tools cannot show: bmcsim's session rules, checked
with a minimal RMCP+ console (cipher suite 2: RAKP-HMAC-SHA1, HMAC-SHA1-96,
no encryption; the Python standard library is enough).

  ASF ping; pre-session commands answered in the wrapper they came in and
  nothing else answered outside a session; random unique session IDs; an
  unknown user answered like a wrong password; replayed, zero, duplicate
  and out-of-window sequence numbers and bad MACs dropped; a retransmitted
  request answered from the cache, not run twice; Close Session; the
  bounded table; the idle timeout; a RAKP 3 retransmitted with a new tag.

usage: protocol.py BMCSIM PORT            (TAP on standard output)
"""
import atexit
import hashlib
import hmac
import os
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time

BMCSIM, PORT = sys.argv[1], int(sys.argv[2])
HOST = "127.0.0.1"
n_tests = 0
failed = False
procs = []
workdir = tempfile.mkdtemp(prefix="bmcsim-proto.")


def ok(cond, name, detail=""):
    global n_tests, failed
    n_tests += 1
    if cond:
        print(f"ok {n_tests} - {name}")
    else:
        failed = True
        print(f"not ok {n_tests} - {name}")
        for line in str(detail).splitlines():
            print(f"# {line}")
    sys.stdout.flush()
    return cond


def stop_all():
    for p in procs:
        if p.poll() is None:
            p.terminate()
            try:
                p.wait(5)
            except subprocess.TimeoutExpired:
                p.kill()
    procs.clear()


atexit.register(stop_all)
# atexit handlers do not run on SIGTERM (meson's timeout): exit properly.
signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))


def start(*args):
    """Start bmcsim; when the port is taken (another run of these tests on
    the machine) try PORT+1000, +2000, ..."""
    global PORT
    stop_all()
    for _ in range(5):
        p = subprocess.Popen([BMCSIM, "--listen", f"{HOST}:{PORT}", *args],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        procs.append(p)
        line = p.stdout.readline()
        if line.startswith("bmcsim: listening on"):
            break
        err = p.stderr.read()
        p.wait()
        procs.remove(p)
        if "Address already in use" not in err:
            break
        PORT += 1000
    ok(line.startswith("bmcsim: listening on"), f"bmcsim {' '.join(args)} ready", line)
    return p


# ---- wire helpers -----------------------------------------------------------

RMCP_IPMI = bytes([0x06, 0x00, 0xFF, 0x07])


def checksum(b):
    return (-sum(b)) & 0xFF


def ipmi_request(netfn, cmd, data=b"", seq=1, rs_sa=0x20, rq_sa=0x81):
    h = bytes([rs_sa, netfn << 2])
    body = bytes([rq_sa, seq << 2, cmd]) + bytes(data)
    return h + bytes([checksum(h)]) + body + bytes([checksum(body)])


def parse_response(m):
    """(netfn, rq_seq, cmd, cc, data) of an IPMI response message."""
    assert checksum(m[:2]) == m[2] and checksum(m[3:-1]) == m[-1], "checksum"
    return m[1] >> 2, m[4] >> 2, m[5], m[6], m[7:-1]


def v15_plain(msg):
    return RMCP_IPMI + bytes([0]) + struct.pack("<IIB", 0, 0, len(msg)) + msg


def v2_plain(ptype, payload, sid=0, seq=0):
    return RMCP_IPMI + struct.pack("<BBIIH", 0x06, ptype, sid, seq, len(payload)) + payload


class Conn:
    def __init__(self):
        self.s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.s.connect((HOST, PORT))

    def send(self, d):
        self.s.send(d)

    def recv(self, timeout=1.0):
        self.s.settimeout(timeout)
        try:
            return self.s.recv(4096)
        except (socket.timeout, ConnectionRefusedError):
            return None

    def ask(self, d, timeout=1.0):
        self.send(d)
        return self.recv(timeout)


def v2_payload(d):
    """(payload type byte, session id, seq, payload) of an RMCP+ datagram."""
    ptype, sid, seq, n = struct.unpack("<xBIIH", d[4:16])
    return ptype, sid, seq, d[16:16 + n]


def hmac_sha1(key, data):
    return hmac.new(key, data, hashlib.sha1).digest()


class Session:
    """A suite 2 session: RAKP-HMAC-SHA1, HMAC-SHA1-96, no confidentiality."""

    def __init__(self, conn, user=b"admin", password=b"password", role=0x14):
        self.c, self.user, self.pw, self.role = conn, user, password.ljust(20, b"\0"), role
        self.console_sid = struct.unpack("<I", os.urandom(4))[0] | 1
        self.seq = 0
        self.rq_seq = 0
        self.status = None

    def open(self, tag=0):
        req = bytes([tag, 0, 0, 0]) + struct.pack("<I", self.console_sid) + bytes(
            [0, 0, 0, 8, 1, 0, 0, 0, 1, 0, 0, 8, 1, 0, 0, 0, 2, 0, 0, 8, 0, 0, 0, 0])
        d = self.c.ask(v2_plain(0x10, req))
        if d is None:
            return None
        _, _, _, p = v2_payload(d)
        self.status = p[1]
        if p[1] == 0:
            self.bmc_sid = struct.unpack("<I", p[8:12])[0]
        return p

    def rakp1(self, tag=1):
        self.rm = os.urandom(16)
        r1 = (bytes([tag, 0, 0, 0]) + struct.pack("<I", self.bmc_sid) + self.rm
              + bytes([self.role, 0, 0, len(self.user)]) + self.user)
        d = self.c.ask(v2_plain(0x12, r1))
        if d is None:
            return None
        _, _, _, p = v2_payload(d)
        self.rakp2 = p
        return p

    def rakp2_valid(self):
        p = self.rakp2
        if p[1] != 0:
            return False
        self.rc, self.guid, code = p[8:24], p[24:40], p[40:60]
        sids = struct.pack("<II", self.console_sid, self.bmc_sid)
        want = hmac_sha1(self.pw, sids + self.rm + self.rc + self.guid
                         + bytes([self.role, len(self.user)]) + self.user)
        return hmac.compare_digest(want, code)

    def rakp3(self, tag=2):
        code = hmac_sha1(self.pw, self.rc + struct.pack("<I", self.console_sid)
                         + bytes([self.role, len(self.user)]) + self.user)
        self.rakp3_msg = v2_plain(0x14, bytes([tag, 0, 0, 0]) + struct.pack("<I", self.bmc_sid) + code)
        d = self.c.ask(self.rakp3_msg)
        if d is None:
            return None
        _, _, _, p = v2_payload(d)
        sik = hmac_sha1(self.pw, self.rm + self.rc + bytes([self.role, len(self.user)]) + self.user)
        self.k1 = hmac_sha1(sik, b"\x01" * 20)
        self.icv_ok = p[1] == 0 and hmac.compare_digest(
            hmac_sha1(sik, self.rm + struct.pack("<I", self.bmc_sid) + self.guid)[:12], p[8:20])
        return p

    def login(self):
        self.open()
        self.rakp1()
        self.rakp2_valid()
        self.rakp3()
        return self.icv_ok

    def seal(self, msg, seq=None, corrupt=False):
        if seq is None:
            self.seq += 1
            seq = self.seq
        hdr = struct.pack("<BBIIH", 0x06, 0x40, self.bmc_sid, seq, len(msg))
        pad = (4 - (len(hdr) + len(msg) + 2) % 4) % 4
        body = hdr + msg + b"\xff" * pad + bytes([pad, 0x07])
        mac = hmac_sha1(self.k1, body)[:12]
        if corrupt:
            mac = bytes([mac[0] ^ 1]) + mac[1:]
        return RMCP_IPMI + body + mac

    def open_reply(self, d):
        """The IPMI response in an in-session datagram, MAC checked."""
        if d is None:
            return None
        body, mac = d[4:-12], d[-12:]
        if not hmac.compare_digest(hmac_sha1(self.k1, body)[:12], mac):
            return "bad MAC"
        ptype, sid, seq, p = v2_payload(d)
        return parse_response(p)

    def cmd(self, netfn, cmd, data=b"", rq_seq=None, seq=None, timeout=1.0):
        if rq_seq is None:
            self.rq_seq = (self.rq_seq + 1) % 64
            rq_seq = self.rq_seq
        self.last = self.seal(ipmi_request(netfn, cmd, data, rq_seq), seq)
        return self.open_reply(self.c.ask(self.last, timeout))


# ---- the tests ----------------------------------------------------------------

transcript = os.path.join(workdir, "t.log")
start("--suites", "2,3,17", f"--transcript={transcript}")
c = Conn()

# ASF presence ping
d = c.ask(bytes([0x06, 0x00, 0xFF, 0x06]) + struct.pack(">IBBBB", 4542, 0x80, 0x5A, 0, 0))
ok(d is not None and d[3] == 0x06 and d[8] == 0x40 and d[9] == 0x5A and d[20] & 0x80,
   "ASF ping: pong with the tag and IPMI supported", d)

# Pre-session commands, in the wrapper they came in.
caps = ipmi_request(6, 0x38, b"\x8e\x04")
d = c.ask(v15_plain(caps))
ok(d is not None and d[4] == 0x00 and parse_response(d[14:])[3] == 0
   and parse_response(d[14:])[4][1] & 0x80,
   "Get Channel Auth Capabilities in a 1.5 wrapper: answered in one", d)
d = c.ask(v2_plain(0, caps))
ok(d is not None and d[4] == 0x06 and v2_payload(d)[0] == 0
   and parse_response(v2_payload(d)[3])[4][3] & 0x02,
   "Get Channel Auth Capabilities in an RMCP+ wrapper: answered in one (IPMI 2.0 only)", d)
records = b""
for wrap in (v15_plain, lambda m: v2_plain(0, m)):
    stream, index = b"", 0
    while True:
        d = c.ask(wrap(ipmi_request(6, 0x54, bytes([0x0E, 0, 0x80 | index]), seq=index)))
        if d is None:
            break
        msg = d[14:] if d[4] == 0 else v2_payload(d)[3]
        data = parse_response(msg)[4]
        stream += data[1:]
        index += 1
        if len(data) - 1 < 16:
            break
    records = stream
    ids = [stream[i + 1] for i in range(0, len(stream), 5) if stream[i] == 0xC0]
    ok(ids == [2, 3, 17], f"Get Channel Cipher Suites ({'1.5' if wrap is v15_plain else 'RMCP+'} "
       "wrapper): the configured suites", stream.hex())
ok(c.ask(v15_plain(ipmi_request(6, 0x01)), 0.3) is None,
   "Get Device ID outside a session: no answer")

# Session IDs: random, unique, non-zero.
sids = []
for _ in range(12):
    s = Session(c)
    s.open()
    sids.append(s.bmc_sid)
diffs = {(b - a) & 0xFFFFFFFF for a, b in zip(sids, sids[1:])}
ok(0 not in sids and len(set(sids)) == len(sids) and len(diffs) > 1 and 1 not in diffs,
   "session IDs non-zero, unique, not sequential", [hex(x) for x in sids])

# No user enumeration: an unknown user's RAKP 2 looks like a known one's.
known, unknown = Session(c), Session(c, user=b"nobody", password=b"guess")
known.open(), unknown.open()
pk, pu = known.rakp1(), unknown.rakp1()
ok(pk is not None and pu is not None and len(pk) == len(pu) and pk[1] == pu[1] == 0
   and not unknown.rakp2_valid(),
   "unknown user: RAKP 2 of the same shape and status, code keyed by nothing guessable")

# A full login, then in-session rules.
s = Session(c)
ok(s.login(), "suite 2 login: RAKP 2 code and RAKP 4 ICV verify")
r = s.cmd(6, 0x01)
ok(r and r[3] == 0 and r[4][0] == 0x20, "Get Device ID in session", r)
ok(c.ask(s.last, 0.3) is None, "the same datagram again (replayed sequence number): dropped")
ok(s.cmd(6, 0x01, seq=0, timeout=0.3) is None, "sequence number 0: dropped")
ok(s.cmd(6, 0x01, seq=s.seq + 100, timeout=0.3) is None, "sequence number far ahead: dropped")
ok(c.ask(s.seal(ipmi_request(6, 0x01, seq=9), corrupt=True), 0.3) is None, "bad MAC: dropped")
r = s.cmd(6, 0x01)
ok(r and r[3] == 0, "the next sequence number is accepted", r)
r = s.cmd(0, 0x01)
ok(r and r[3] == 0, "Get Chassis Status in session", r)
# Retransmission: same rqSeq and bytes under a new session sequence number.
first = s.cmd(0, 0x04, b"\x05")
again = s.cmd(0, 0x04, b"\x05", rq_seq=s.rq_seq)
time.sleep(0.1)
with open(transcript) as f:
    log = f.read()
ok(first and first == again and log.count("answered from the cache: Chassis Chassis Identify") == 1,
   "retransmitted Chassis Identify: same answer, from the cache", log[-600:])
r = s.cmd(6, 0x3D, b"\x00")
ok(r and r[3] == 0 and len(r[4]) == 18 and r[4][3] == 2 and r[4][4] == 2,
   "Get Session Info: user 2, starting at USER", r)
ok(s.cmd(0, 0x02, b"\x00")[3] == 0xD4, "Chassis Control at USER: D4h")
r = s.cmd(6, 0x3B, b"\x04")
ok(r and r[3] == 0 and r[4] == b"\x04", "Set Session Privilege Level to ADMINISTRATOR", r)
r = s.cmd(6, 0x3D, b"\x00")
ok(r and r[3] == 0 and r[4][4] == 4, "Get Session Info: now ADMINISTRATOR", r)
ok(s.cmd(6, 0x3B, b"\x05")[3] == 0x81, "Set Session Privilege above the limit: 81h")
r = s.cmd(6, 0x3C, struct.pack("<I", s.bmc_sid))
ok(r and r[3] == 0, "Close Session", r)
ok(s.cmd(6, 0x01, timeout=0.3) is None, "nothing answered on a closed session")

# RAKP 3 retransmitted with a new message tag (FreeIPMI does this): the same
# RAKP 4, with the new tag.
s = Session(c)
s.open(), s.rakp1(), s.rakp2_valid(), s.rakp3(tag=7)
d = c.ask(v2_plain(0x14, bytes([8]) + s.rakp3_msg[17:]))
ok(s.icv_ok and d is not None and v2_payload(d)[3][0] == 8 and v2_payload(d)[3][1] == 0,
   "RAKP 3 again with a new tag: RAKP 4 again, with that tag", d)

# Bounded table: 3 slots, all active: a fourth Open Session is refused.
start("--max-sessions", "3", "--idle-timeout", "2")
c = Conn()
active = [Session(c) for _ in range(3)]
ok(all(x.login() for x in active), "three sessions active")
extra = Session(c)
p = extra.open()
ok(p is not None and p[1] == 0x01, "a fourth: Open Session says no resources (01h)", p)
r = active[0].cmd(6, 0x3C, struct.pack("<I", active[0].bmc_sid))
ok(r and r[3] == 0, "one closes")
ok(Session(c).login(), "now a new session fits")
# Idle timeout: 2 s without traffic ends a session.
time.sleep(3.5)
ok(active[1].cmd(6, 0x01, timeout=0.5) is None, "after the idle timeout: no answer")

stop_all()
print(f"1..{n_tests}")
sys.exit(1 if failed else 0)
