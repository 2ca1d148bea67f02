#!/usr/bin/env python3
"""Minimal IPMI v2.0 RMCP+ BMC, just enough for `ipmitool -I lanplus ... mc info`
and FreeIPMI `bmc-info` to log in with any suite in rmcpplus.SUITES
(SHA-1, MD5, SHA-256 authentication; HMAC-SHA1-96, HMAC-MD5-128, MD5-128,
HMAC-SHA256-128 integrity; AES-CBC-128), with or without a K_G.

    bmc.py --port 19624 [--user admin] [--password password] [--kg HEX]
           [--guid HEX32] [--log FILE]

Answers: pre-session Get Channel Authentication Capabilities and Get Channel
Cipher Suites (in an IPMI 1.5 or an RMCP+ session-0 wrapper), Open Session,
RAKP 1/3, and in session Get Device ID, Get Channel Auth Caps, Set Session
Privilege Level, Close Session; every other command gets completion code C1h.
It logs what it verified (and, on a failure, which alternative formula would
have matched) so that protocol facts can be checked against real clients.
Loopback only.  Exits on SIGTERM.
"""
import argparse
import hashlib
import hmac
import os
import signal
import socket
import struct
import sys

import rmcpplus as R

CIPHER_SUITE_RECORDS = b"".join(
    bytes([0xC0, s, a, 0x40 | i, 0x80 | c]) for s, (a, i, c) in sorted(R.SUITES.items()))


class Session:
    pass


class Bmc:
    def __init__(self, a):
        self.a = a
        self.user = a.user.encode()
        self.pw = a.password.encode()
        self.kg = bytes.fromhex(a.kg) if a.kg else b""
        if self.kg:
            self.kg = R.pad20(self.kg)
        self.guid = bytes.fromhex(a.guid)
        self.pending = {}   # bmc sid -> Session (handshake)
        self.sessions = {}  # bmc sid -> Session (active)
        self.logf = open(a.log, "a", buffering=1) if a.log else sys.stderr

    def log(self, *args):
        print(*args, file=self.logf)

    # ---- IPMI messages -------------------------------------------------
    def response(self, req, cc, data=b""):
        rq_addr, rs_addr = req[3], req[0]
        netfn_lun = ((req[1] >> 2) | 1) << 2 | (req[4] & 3)
        h = bytes([rq_addr, netfn_lun])
        b = bytes([rs_addr, (req[4] & 0xFC) | (req[1] & 3), req[5], cc]) + data
        return h + bytes([R.checksum(h)]) + b + bytes([R.checksum(b)])

    def handle_cmd(self, m, sess):
        netfn, cmd, data = m[1] >> 2, m[5], m[6:-1]
        self.log("  cmd netfn %02xh cmd %02xh data %s%s" % (netfn, cmd, data.hex(),
                                                         " (in session)" if sess else ""))
        if netfn == 6 and cmd == 0x38:   # Get Channel Authentication Capabilities
            b3 = 0x04 | (0x20 if self.kg else 0)  # non-null user names; K_G status
            return self.response(m, 0, bytes([1, 0x80 | 0x04, b3, 0x02, 0, 0, 0, 0]))
        if netfn == 6 and cmd == 0x54:   # Get Channel Cipher Suites
            idx = data[2] & 0x3F if len(data) > 2 else 0
            rec = CIPHER_SUITE_RECORDS[idx * 16:idx * 16 + 16]
            return self.response(m, 0, bytes([1]) + rec)
        if netfn == 6 and cmd == 0x01:   # Get Device ID
            return self.response(m, 0, bytes.fromhex("2001050102bf") + bytes.fromhex(
                "a21b00" "1100" "00000000"))
        if sess and netfn == 6 and cmd == 0x3B:  # Set Session Privilege Level
            lvl = data[0] & 0x0F if data else 0
            if lvl == 0:
                return self.response(m, 0, bytes([sess.priv]))
            if lvl > (sess.role & 0x0F) or lvl == 1:
                return self.response(m, 0x81)
            sess.priv = lvl
            return self.response(m, 0, bytes([lvl]))
        if sess and netfn == 6 and cmd == 0x3C:  # Close Session
            sid = struct.unpack("<I", data[:4])[0] if len(data) >= 4 else 0
            if sid != sess.bmc_sid:
                return self.response(m, 0x87)
            sess.closing = True
            return self.response(m, 0)
        return self.response(m, 0xC1)

    # ---- pre-session -----------------------------------------------------
    def v15(self, d):
        p = R.parse_v15(d)
        if p["authtype"] != 0 or p["sid"] != 0:
            return None
        rsp = self.handle_cmd(p["msg"], None)
        return R.RMCP_IPMI + b"\x00" + struct.pack("<II", 0, 0) + bytes([len(rsp)]) + rsp

    def v2_plain(self, ptype, payload):
        return R.RMCP_IPMI + bytes([0x06, ptype]) + struct.pack("<IIH", 0, 0, len(payload)) + payload

    def open_session(self, p):
        tag, priv, sidm = p[0], p[1] & 0x0F, struct.unpack_from("<I", p, 4)[0]
        algs = []
        for off in (8, 16, 24):
            algs.append(p[off + 4] & 0x3F if len(p) >= off + 8 and p[off + 3] else None)
        status = 0
        suite = next((s for s, v in R.SUITES.items() if list(v) == algs), None)
        if suite is None:
            status = 0x11
        self.log("open session: tag %02x priv %x sidm %08x algs %s -> suite %s" %
                 (tag, priv, sidm, algs, suite))
        if status:
            return bytes([tag, status, 0, 0]) + struct.pack("<I", sidm)
        s = Session()
        s.suite, s.sidm = suite, sidm
        s.auth, s.integ, s.conf = R.SUITES[suite]
        s.bmc_sid = struct.unpack("<I", os.urandom(4))[0] | 0x01000000
        s.max_priv = priv or 4
        s.seq_out = 0
        s.closing = False
        self.pending[s.bmc_sid] = s
        body = bytes([tag, 0, s.max_priv, 0]) + struct.pack("<II", sidm, s.bmc_sid)
        for t, alg in enumerate((s.auth, s.integ, s.conf)):
            body += bytes([t, 0, 0, 8, alg, 0, 0, 0])
        return body

    def rakp1(self, p):
        tag, sidc = p[0], struct.unpack_from("<I", p, 4)[0]
        s = self.pending.get(sidc)
        if s is None:
            return bytes([tag, 0x02, 0, 0, 0, 0, 0, 0])
        s.rm, s.role, ulen = p[8:24], p[24], p[27]
        s.uname = p[28:28 + ulen]
        s.rc = os.urandom(16)
        self.log("rakp1: role %02x user %r rm %s" % (s.role, s.uname, s.rm.hex()))
        if s.uname != self.user:
            return bytes([tag, 0x0D, 0, 0]) + struct.pack("<I", s.sidm)
        s.priv = s.role & 0x0F
        body = bytes([tag, 0, 0, 0]) + struct.pack("<I", s.sidm) + s.rc + self.guid
        if s.auth:
            body += R.rakp2_code(s.auth, self.pw, s.sidm, s.bmc_sid, s.rm, s.rc, self.guid,
                                 s.role, s.uname)
        return body

    def rakp3(self, p):
        tag, status, sidc = p[0], p[1], struct.unpack_from("<I", p, 4)[0]
        s = self.pending.pop(sidc, None)
        if s is None:
            return bytes([tag, 0x02, 0, 0, 0, 0, 0, 0])
        if status:
            self.log("rakp3: console reports status %02x" % status)
            return None
        if s.auth:
            want = R.rakp3_code(s.auth, self.pw, s.rc, s.sidm, s.role, s.uname)
            if not hmac.compare_digest(want, p[8:]):
                self.log("rakp3: BAD code %s want %s" % (p[8:].hex(), want.hex()))
                return bytes([tag, 0x0F, 0, 0]) + struct.pack("<I", s.sidm)
            self.log("rakp3: code verified")
            s.sik, s.k1, s.k2 = R.derive(s.auth, self.pw, self.kg, s.rm, s.rc, s.role, s.uname)
            icv = R.rakp4_icv(s.auth, s.sik, s.rm, s.bmc_sid, self.guid)
            self.log("keys: sik %s k1 %s k2 %s" % (s.sik.hex(), s.k1.hex(), s.k2.hex()))
        else:
            s.sik = s.k1 = s.k2 = b""
            icv = b""
        self.sessions[s.bmc_sid] = s
        return bytes([tag, 0, 0, 0]) + struct.pack("<I", s.sidm) + icv

    # ---- in session ------------------------------------------------------
    def diagnose(self, s, d, mac):
        """Which alternative integrity formula would the client's code match?"""
        data = d[4:len(d) - len(mac)]
        pw = self.pw
        cands = {
            "md5(pw20|data|pw20)": hashlib.md5(R.pad20(pw) + data + R.pad20(pw)).digest(),
            "md5(pw16|data|pw16)": hashlib.md5((pw + b"\0" * 16)[:16] + data +
                                               (pw + b"\0" * 16)[:16]).digest(),
            "md5(k1|data|k1)": hashlib.md5(s.k1 + data + s.k1).digest(),
            "md5(sik|data|sik)": hashlib.md5(s.sik + data + s.sik).digest(),
            "hmac-md5(k1)": hmac.new(s.k1, data, hashlib.md5).digest(),
            "hmac-md5(pw)": hmac.new(pw, data, hashlib.md5).digest(),
            "hmac-sha1(k1)": hmac.new(s.k1, data, hashlib.sha1).digest(),
            "hmac-sha256(k1)": hmac.new(s.k1, data, hashlib.sha256).digest(),
            "md5(data)": hashlib.md5(data).digest(),
        }
        hits = [n for n, v in cands.items() if v[:len(mac)] == mac]
        self.log("  integrity MISMATCH; alternatives matching: %s" % (hits or "none"))

    def in_session(self, d, r):
        s = self.sessions.get(r["sid"])
        if s is None:
            self.log("unknown session %08x" % r["sid"])
            return None
        if s.integ:
            if not r["auth"]:
                self.log("  unauthenticated packet in an integrity session")
                return None
            padlen, ok, mac = R.open_trailer(r, d, s.integ, s.k1, self.pw)
            if not ok:
                self.diagnose(s, d, mac)
                return None
            self.log("  integrity ok, pad %d, seq %d" % (padlen, r["seq"]))
        payload = r["payload"]
        if s.conf:
            if not r["enc"]:
                self.log("  unencrypted packet in a confidentiality session")
                return None
            payload, n = R.aes_open(s.k2, payload)
            self.log("  decrypted, AES pad %d" % n)
        if r["ptype"] != 0:
            return None
        rsp = self.handle_cmd(payload, s)
        s.seq_out += 1
        out = R.seal(s.suite, s.k1, s.k2, self.pw, s.sidm, s.seq_out, 0, rsp, os.urandom(16))
        if s.closing:
            del self.sessions[s.bmc_sid]
        return out

    def datagram(self, d):
        if d[:4] != R.RMCP_IPMI or len(d) < 5:
            return None
        if d[4] != 0x06:
            return self.v15(d)
        r = R.parse_v2(d)
        if r["sid"] != 0:
            return self.in_session(d, r)
        pt, p = r["ptype"], r["payload"]
        if pt == 0x00:
            rsp = self.handle_cmd(p, None)
            return self.v2_plain(0x00, rsp)
        if pt == 0x10:
            return self.v2_plain(0x11, self.open_session(p))
        if pt == 0x12:
            return self.v2_plain(0x13, self.rakp1(p))
        if pt == 0x14:
            b = self.rakp3(p)
            return self.v2_plain(0x15, b) if b else None
        return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--user", default="admin")
    ap.add_argument("--password", default="password")
    ap.add_argument("--kg", default="")
    ap.add_argument("--guid", default="a1b2c3d4e5f60718293a4b5c6d7e8f90")
    ap.add_argument("--log", default="")
    a = ap.parse_args()
    bmc = Bmc(a)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", a.port))
    s.settimeout(0.2)
    stop = []
    signal.signal(signal.SIGTERM, lambda *x: stop.append(1))
    signal.signal(signal.SIGINT, lambda *x: stop.append(1))
    while not stop:
        try:
            d, addr = s.recvfrom(65535)
        except (socket.timeout, InterruptedError):
            continue
        bmc.log("<- %s" % d.hex())
        try:
            out = bmc.datagram(d)
        except Exception as e:  # a reference BMC: log and carry on
            bmc.log("  error: %r" % e)
            out = None
        if out:
            bmc.log("-> %s" % out.hex())
            s.sendto(out, addr)


if __name__ == "__main__":
    main()
