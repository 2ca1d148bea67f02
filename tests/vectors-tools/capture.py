#!/usr/bin/env python3
"""Capture one whole RMCP+ session between a real console and a BMC and write
a tests/data/kat-*.txt known-answer file.

    capture.py --client ipmitool|freeipmi --bmc ipmisim|pybmc --suite N
               [--kg HEX] [--auto] [--port-base P] --out FILE

Layout on loopback:  client -> relay.py (P) -> BMC (P+1)
  ipmisim: OpenIPMI ipmi_sim with lan.conf / kat.emu from this directory and a
           fresh state directory;
  pybmc:   bmc.py from this directory.
The relay logs every datagram.  The keys written to the file are the ones
ipmitool -vvvv printed; FreeIPMI prints none, so for FreeIPMI sessions the
keys are computed here (rmcpplus.py) and written as comments only if they
were proven by the captured packets.  Every RAKP code, integrity code and AES
payload of the capture is checked here with rmcpplus.py before writing.
"""
import argparse
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import rmcpplus as R  # noqa: E402

USER, PW = "admin", "password"


def start(args, **kw):
    return subprocess.Popen(args, **kw)


def stop(p):
    if p.poll() is None:
        p.send_signal(signal.SIGTERM)
        try:
            p.wait(5)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def wait_udp(port, timeout=5.0):
    t = time.time() + timeout
    while time.time() < t:
        out = subprocess.run(["ss", "-Hlun", "sport = :%d" % port], stdout=subprocess.PIPE,
                             text=True).stdout
        if out.strip():
            return
        time.sleep(0.05)
    raise SystemExit("nothing listens on udp %d" % port)


def ipmitool_hex_block(text, title):
    """Bytes printed by ipmitool -vvvv in the block after a line starting with title."""
    lines = text.splitlines()
    for i, l in enumerate(lines):
        if l.startswith(title):
            b = b""
            for m in lines[i + 1:]:
                if not re.fullmatch(r"(\s*[0-9a-f]{2})+\s*", m):
                    break
                b += bytes.fromhex(m.replace(" ", ""))
            return b
    return None


def run(a, tmp):
    rport, bport = a.port_base, a.port_base + 1
    log = os.path.join(tmp, "relay.log")
    procs = []
    try:
        if a.bmc == "ipmisim":
            conf = os.path.join(tmp, "lan.conf")
            with open(os.path.join(HERE, "lan.conf")) as f:
                txt = f.read().replace("@PORT@", str(bport))
            with open(conf, "w") as f:
                f.write(txt)
            state = os.path.join(tmp, "state")
            os.mkdir(state)
            procs.append(start(["ipmi_sim", "-c", conf, "-f", os.path.join(HERE, "kat.emu"),
                                "-n", "-s", state], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL))
        else:
            cmd = [sys.executable, os.path.join(HERE, "bmc.py"), "--port", str(bport),
                   "--user", USER, "--password", PW, "--log", os.path.join(tmp, "bmc.log")]
            if a.kg:
                cmd += ["--kg", a.kg]
            procs.append(start(cmd))
        wait_udp(bport)
        procs.append(start([sys.executable, os.path.join(HERE, "relay.py"), str(rport),
                            str(bport), log]))
        wait_udp(rport)
        if a.client == "ipmitool":
            cmd = ["ipmitool", "-I", "lanplus", "-H", "127.0.0.1", "-p", str(rport), "-U", USER,
                   "-P", PW, "-N", "1", "-R", "1", "-vvvv"]
            if not a.auto:
                cmd += ["-C", str(a.suite)]
            if a.kg:
                cmd += ["-y", a.kg]
            cmd += ["mc", "info"]
        else:
            cmd = ["bmc-info", "-h", "127.0.0.1:%d" % rport, "-u", USER, "-p", PW,
                   "-I", str(a.suite), "--driver-type=LAN_2_0", "--get-device-id",
                   "--session-timeout=5000", "--retransmission-timeout=2000", "--debug"]
            if a.bmc == "ipmisim":
                cmd += ["-W", "opensesspriv", "-l", "ADMIN"]
            if a.kg:
                cmd += ["-k", "0x" + a.kg]
        cp = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            errors="replace", timeout=60)
        time.sleep(0.3)
    finally:
        for p in reversed(procs):
            stop(p)
    pkts = []
    with open(log) as f:
        for line in f:
            _, _, d, h = line.split()
            pkts.append((d, bytes.fromhex(h)))
    bmclog = ""
    if a.bmc == "pybmc":
        with open(os.path.join(tmp, "bmc.log")) as f:
            bmclog = f.read()
    return cmd, cp, pkts, bmclog


def analyse(a, pkts, tool_out):
    """Check every packet with rmcpplus.py; returns (fields, per-packet notes)."""
    suite = a.suite
    notes = []
    f = dict(sidm=None, sidc=None, rm=None, rc=None, guid=None, role=None, user=None)
    for d, p in pkts:
        if p[4] != 0x06:
            v = R.parse_v15(p)
            notes.append("IPMI 1.5 wrapper, auth type %d, session 0: %s" %
                         (v["authtype"], R.describe_msg(v["msg"])))
            continue
        r = R.parse_v2(p)
        pl = r["payload"]
        if r["sid"] == 0:
            t = r["ptype"]
            if t == 0x00:
                notes.append("RMCP+ wrapper, session 0, unauthenticated: " + R.describe_msg(pl))
            elif t == 0x10:
                f["sidm"] = struct.unpack_from("<I", pl, 4)[0]
                algs = [pl[o + 4] for o in (8, 16, 24)]
                notes.append("Open Session Request, tag %02x, max priv %02x, algs %s" %
                             (pl[0], pl[1], algs))
                if a.auto:
                    suite = [s for s, v in R.SUITES.items() if list(v) == algs][0]
            elif t == 0x11:
                f["sidc"] = struct.unpack_from("<I", pl, 8)[0]
                notes.append("Open Session Response, status %02x, max priv %02x" % (pl[1], pl[2]))
            elif t == 0x12:
                f["rm"], f["role"] = pl[8:24], pl[24]
                f["user"] = pl[28:28 + pl[27]]
                notes.append("RAKP 1, role %02x" % pl[24])
            elif t == 0x13:
                f["rc"], f["guid"] = pl[24 - 16:24], pl[24:40]
                f["rakp2"] = pl[40:]
                notes.append("RAKP 2, status %02x" % pl[1])
            elif t == 0x14:
                f["rakp3"] = pl[8:]
                notes.append("RAKP 3, status %02x" % pl[1])
            elif t == 0x15:
                f["rakp4"] = pl[8:]
                notes.append("RAKP 4, status %02x" % pl[1])
            continue
        notes.append(None)  # filled in below, once the keys are known
    auth, integ, conf = R.SUITES[suite]
    pw, kg = PW.encode(), R.pad20(bytes.fromhex(a.kg)) if a.kg else b""
    user, role = f["user"], f["role"]
    checks = []
    if auth:
        c2 = R.rakp2_code(auth, pw, f["sidm"], f["sidc"], f["rm"], f["rc"], f["guid"], role, user)
        c3 = R.rakp3_code(auth, pw, f["rc"], f["sidm"], role, user)
        assert c2 == f["rakp2"], "RAKP2 code differs from the formula"
        assert c3 == f["rakp3"], "RAKP3 code differs from the formula"
        sik, k1, k2 = R.derive(auth, pw, kg, f["rm"], f["rc"], role, user)
        assert R.rakp4_icv(auth, sik, f["rm"], f["sidc"], f["guid"]) == f["rakp4"]
        checks.append("RAKP2 code, RAKP3 code and RAKP4 ICV match the formulas")
    else:
        sik = k1 = k2 = b""
    # in-session packets
    i = 0
    for n, (d, p) in enumerate(pkts):
        if notes[n] is not None:
            continue
        r = R.parse_v2(p)
        want_sid = f["sidc"] if d == "c2b" else f["sidm"]
        assert r["sid"] == want_sid, "session id"
        desc = "seq %d" % r["seq"]
        if integ:
            padlen, ok, _ = R.open_trailer(r, p, integ, k1, pw)
            assert ok, "integrity code of packet %d" % n
            desc += ", integrity pad %d, %s ok" % (padlen, R.INTEG_NAME[integ])
        pl = r["payload"]
        if conf:
            pl, apad = R.aes_open(k2, pl)
            desc += ", AES pad %d" % apad
        notes[n] = "in session, %s: %s" % (desc, R.describe_msg(pl))
        i += 1
    checks.append("%d in-session packets authenticated/decrypted with these keys" % i)
    f.update(suite=suite, sik=sik, k1=k1, k2=k2)
    return f, notes, checks


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--client", choices=["ipmitool", "freeipmi"], required=True)
    ap.add_argument("--bmc", choices=["ipmisim", "pybmc"], required=True)
    ap.add_argument("--suite", type=int, default=17)
    ap.add_argument("--kg", default="")
    ap.add_argument("--auto", action="store_true", help="ipmitool without -C")
    ap.add_argument("--port-base", type=int, default=19640)
    ap.add_argument("--out", required=True)
    ap.add_argument("--keep-tool-output", default="")
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="kat-")
    try:
        cmd, cp, pkts, bmclog = run(a, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if a.keep_tool_output:
        with open(a.keep_tool_output, "w") as fo:
            fo.write(cp.stdout)
    if cp.returncode != 0:
        print(cp.stdout[-3000:], file=sys.stderr)
        raise SystemExit("%s exited %d" % (cmd[0], cp.returncode))
    f, notes, checks = analyse(a, pkts, cp.stdout)
    printed = {}
    if a.client == "ipmitool" and f["sik"]:
        printed["sik"] = ipmitool_hex_block(cp.stdout, "Generated session integrity key")
        printed["k1"] = ipmitool_hex_block(cp.stdout, "Generated K1")
        printed["k2"] = ipmitool_hex_block(cp.stdout, "Generated K2")
        for k in ("sik", "k1", "k2"):
            assert printed[k] == f[k], "ipmitool printed %s %s, formula gives %s" % (
                k, printed[k].hex(), f[k].hex())
        checks.append("ipmitool -vvvv printed SIK, K1, K2 equal to the formulas")
        r3 = ipmitool_hex_block(cp.stdout, "generated rakp3 mac")
        assert r3 == f["rakp3"], "ipmitool printed rakp3 mac"
    bver = "ipmi_sim (OpenIPMI 2.0.33, Debian openipmi package)" if a.bmc == "ipmisim" else \
        "tests/vectors-tools/bmc.py (Python reference BMC)"
    cver = "ipmitool 1.8.19 (Debian package)" if a.client == "ipmitool" else \
        "FreeIPMI 1.6.10 bmc-info (Debian freeipmi-tools)"
    aa, ii, cc = R.SUITES[f["suite"]]
    out = []
    w = out.append
    w("# Known-answer RMCP+ session captured on loopback by tests/vectors-tools/capture.py")
    w("# console: %s" % cver)
    w("# BMC:     %s" % bver)
    w("# command: %s" % " ".join(c if c != PW else PW for c in cmd))
    w("# suite %d = %s / %s / %s" % (f["suite"], R.AUTH_NAME[aa], R.INTEG_NAME[ii], R.CONF_NAME[cc]))
    if a.kg:
        w("# K_G given as hex; as an HMAC key it is zero-padded to 20 bytes (no effect on HMAC).")
    if printed:
        w("# sik/k1/k2: printed by ipmitool -vvvv ('Generated session integrity key',")
        w("# 'Generated K1', 'Generated K2'), identical to the formulas in the README.")
    elif f["sik"]:
        w("# sik/k1/k2: FreeIPMI does not print keys.  These were computed by")
        w("# tests/vectors-tools/rmcpplus.py (Python hashlib) and are proven by the capture:")
        w("# FreeIPMI's RAKP3 code and every in-session packet check out with them.")
    for c in checks:
        w("# verified: %s" % c)
    w("suite %d" % f["suite"])
    w("user %s" % f["user"].decode())
    w("password %s" % PW)
    if a.kg:
        w("kg %s" % a.kg)
    w("role 0x%02x" % f["role"])
    if f["sik"]:
        w("sik %s" % f["sik"].hex())
        w("k1 %s" % f["k1"].hex())
        w("k2 %s" % f["k2"].hex())
    w("rm %s" % f["rm"].hex())
    w("rc %s" % f["rc"].hex())
    w("guid %s" % f["guid"].hex())
    w("sidm %08x" % f["sidm"])
    w("sidc %08x" % f["sidc"])
    for (d, p), n in zip(pkts, notes):
        w("# %s" % n)
        w("pkt %s %s" % (d, p.hex()))
    with open(a.out, "w") as fo:
        fo.write("\n".join(out) + "\n")
    print("%s: %d datagrams, %s" % (a.out, len(pkts), "; ".join(checks)))


if __name__ == "__main__":
    main()
