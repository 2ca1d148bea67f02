#!/usr/bin/env python3
"""Make the fuzz seed corpora and dictionaries from real traffic.

    fuzz/make-corpus.py [--check]

Reads the captured sessions tests/data/kat-*.txt (ipmitool and FreeIPMI
against OpenIPMI's ipmi_sim and a Python BMC, see tests/data/README) and
writes, for every harness, fuzz/corpus/<target>/kat-* (cut from the
captures) and syn-* (a few synthetic inputs for what no capture holds:
ASF, bridging, error statuses, xRC4), plus fuzz/<target>.dict.  Files named
otherwise (regress-*: inputs that once crashed a harness) are kept.
Output is deterministic; --check only reports whether it is up to date.

Stream inputs (console, bmc, observer, channel) use the TLV framing of
fuzz/README.md: [type u8][len u16le][bytes].
"""
import glob
import hashlib
import os
import re
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
CORPUS = os.path.join(HERE, "corpus")

T_CONFIG, T_RANDOM, T_DGRAM, T_TICK, T_SEND, T_KEYLOG, T_FREE = range(1, 8)

# suite -> (auth, integ, conf), IPMI v2.0 table 22-20 (libipmi/core/suite.c)
SUITES = [(0, 0, 0), (1, 0, 0), (1, 1, 0), (1, 1, 1), (1, 1, 2), (1, 1, 3),
          (2, 0, 0), (2, 2, 0), (2, 2, 1), (2, 2, 2), (2, 2, 3), (2, 3, 0),
          (2, 3, 1), (2, 3, 2), (2, 3, 3), (3, 0, 0), (3, 4, 0), (3, 4, 1),
          (3, 4, 2), (3, 4, 3)]

TARGETS = ["rmcp", "packet", "msg", "rakp", "cmd_session", "cmd_bridge",
           "keylog", "channel", "console", "bmc", "observer",
           "cmd_sdr", "cmd_sel", "cmd_fru", "track", "sim_config"]


def tlv(t, b):
    assert len(b) <= 0xFFFF
    return bytes([t]) + struct.pack("<H", len(b)) + b


def lp(b):  # one length byte, then the bytes
    return bytes([len(b)]) + b


def checksum(b):
    return (-sum(b)) & 0xFF


def lan_msg(rs_sa, netfn, rs_lun, rq_sa, seq, rq_lun, cmd, data, cc=None):
    h = bytes([rs_sa, (netfn << 2) | rs_lun])
    body = bytes([rq_sa, (seq << 2) | rq_lun, cmd])
    if cc is not None:
        body += bytes([cc])
    body += data
    return h + bytes([checksum(h)]) + body + bytes([checksum(body)])


class Kat:
    def __init__(self, path):
        self.name = os.path.basename(path)[4:-4]  # kat-X.txt -> X
        self.kg = b""
        self.pkts = []  # (to_bmc, bytes)
        for line in open(path):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            key, _, val = line.partition(" ")
            if key == "pkt":
                d, hx = val.split()
                self.pkts.append((d == "c2b", bytes.fromhex(hx)))
            elif key in ("user", "password"):
                setattr(self, key, val.encode())
            elif key in ("kg", "sik", "k1", "k2", "rm", "rc", "guid"):
                setattr(self, key, bytes.fromhex(val))
            elif key in ("sidm", "sidc"):
                setattr(self, key, int(val, 16))
            elif key == "role":
                self.role = int(val, 16)
            elif key == "suite":
                self.suite = int(val)

    @staticmethod
    def setup_type(p):
        """RMCP+ payload type of a datagram, or None (IPMI 1.5 wrapper)."""
        return p[5] & 0x3F if len(p) > 5 and p[4] == 0x06 else None

    def setup(self):
        return [(c2b, p) for c2b, p in self.pkts
                if self.setup_type(p) in (0x10, 0x11, 0x12, 0x13, 0x14, 0x15)]

    def insession(self):
        return [(c2b, p) for c2b, p in self.pkts
                if p[4] == 0x06 and struct.unpack_from("<I", p, 6)[0] != 0]

    def presession(self):
        return [(c2b, p) for c2b, p in self.pkts
                if p[4] != 0x06 or (self.setup_type(p) == 0
                                    and struct.unpack_from("<I", p, 6)[0] == 0)]

    def keylog_line(self):
        a, i, c = SUITES[self.suite]
        return "RMCPP %s %08x %08x %d %d %d %s\n" % (
            self.rm.hex(), self.sidm, self.sidc, a, i, c, self.sik.hex())


def v2_payload(p):
    """(header length after RMCP, payload) of an RMCP+ datagram."""
    t = p[5] & 0x3F
    off = 4 + 2 + (6 if t == 2 else 0) + 8
    n = struct.unpack_from("<H", p, off)[0]
    return p[off + 2:off + 2 + n]


def plain_lan(p):
    """The LAN message of a datagram carrying it in the clear, or None."""
    if p[4] != 0x06:  # IPMI 1.5 wrapper, auth type none
        if p[4] != 0:
            return None
        n = p[13]
        return p[14:14 + n]
    if p[5] & 0x80:  # encrypted
        return None
    if p[5] & 0x3F != 0:
        return None
    return v2_payload(p)


def lan_data(m):
    """(netfn, cmd, data) of a LAN message."""
    netfn = m[1] >> 2
    if netfn & 1:
        return netfn, m[5], m[7:-1]
    return netfn, m[5], m[6:-1]


class Out:
    def __init__(self):
        self.files = {t: {} for t in TARGETS}
        self.keys = {}

    def add(self, target, name, data):
        if not any(data == d for d in self.files[target].values()):
            self.files[target][name] = data

    def add_hashed(self, target, prefix, data, key=None):
        """Add under a content-hash name; with a key, only the first input
        of each key (a corpus wants one of each shape, not every packet)."""
        if key is not None:
            keys = self.keys.setdefault(target, set())
            if key in keys:
                return
            keys.add(key)
        self.add(target, "%s-%s" % (prefix, hashlib.sha1(data).hexdigest()[:10]), data)


def console_seed(k):
    """The console's side of a capture: it draws the captured tag and Rm,
    and hears every BMC datagram; the setup answers' tags follow the
    console's own sequence (tag, tag+1, tag+2) -- ipmitool's are always 0,
    and no MAC covers them."""
    open_req = next(p for c2b, p in k.pkts if c2b and Kat.setup_type(p) == 0x10)
    tag = v2_payload(open_req)[0]
    flags = (1 if k.role & 0x10 else 0) | ((k.role & 0x0F) << 1)
    cfg = bytes([k.suite, flags]) + struct.pack("<I", k.sidm)
    cfg += lp(k.user) + lp(k.password) + lp(k.kg)
    s = tlv(T_CONFIG, cfg) + tlv(T_RANDOM, bytes([tag]) + k.rm)
    step = {0x11: 0, 0x13: 1, 0x15: 2}
    for c2b, p in k.pkts:
        if c2b:
            continue
        t = Kat.setup_type(p)
        if t in step:
            p = bytearray(p)
            p[16] = (tag + step[t]) & 0xFF  # the payload's first byte
            p = bytes(p)
        s += tlv(T_DGRAM, p)
    # The console's own requests once the session is up.
    s += tlv(T_SEND, lan_msg(0x20, 0x06, 0, 0x81, 5, 0, 0x01, b""))
    s += tlv(T_TICK, struct.pack("<I", 1500))
    return s


def bmc_seed(k):
    flags = 0
    if "ipmisim" in k.name:
        flags |= 1  # ipmi_sim echoes the requested privilege
    cfg = struct.pack("<I", 0) + bytes([flags]) + struct.pack("<I", k.sidc) + k.guid
    cfg += lp(k.kg)
    cfg += bytes([4]) + lp(k.user) + lp(k.password)
    cfg += bytes([2]) + lp(b"oper") + lp(b"secret")
    s = tlv(T_CONFIG, cfg) + tlv(T_RANDOM, k.rc)
    for c2b, p in k.pkts:
        if c2b:
            s += tlv(T_DGRAM, p)
    return s


def observer_seed(k, with_keylog, handshake=True):
    if with_keylog:
        s = tlv(T_CONFIG, bytes([0])) + tlv(T_KEYLOG, k.keylog_line().encode())
    else:
        cfg = bytes([2]) + lp(k.user) + lp(b"wrong") + lp(b"")
        cfg += lp(k.user) + lp(k.password) + lp(k.kg)
        s = tlv(T_CONFIG, cfg)
    for p in [p for _, p in (k.pkts if handshake else k.insession())]:
        s += tlv(T_DGRAM, p)
    return s


def channel_seed(k, as_console):
    a, i, c = SUITES[k.suite]
    rx, tx = (k.sidm, k.sidc) if as_console else (k.sidc, k.sidm)
    cfg = bytes([k.suite]) + struct.pack("<II", rx, tx) + lp(k.sik) + lp(k.password)
    s = tlv(T_CONFIG, cfg)
    for c2b, p in k.insession():
        if c2b != as_console:
            s += tlv(T_DGRAM, p)
    s += tlv(T_SEND, bytes([0]) + lan_msg(0x81, 0x07, 0, 0x20, 1, 0, 0x01, b"\x20\x01", 0))
    return s


def synthetic(out):
    # ASF presence ping and pong (RMCP class 6).
    ping = bytes.fromhex("0600ff06" "000011be" "80" "10" "00" "00")
    pong = bytes.fromhex("0600ff06" "000011be" "40" "10" "00" "10"
                         "000011be" "00000000" "81" "00" "000000000000")
    for name, d in (("asf-ping", ping), ("asf-pong", pong)):
        out.add("rmcp", "syn-" + name, d)
        out.add("packet", "syn-" + name, d)
    # RMCP ACK, OEM class, an IPMI 1.5 MD5 session packet.
    out.add("rmcp", "syn-ack", bytes.fromhex("0600ff86"))
    v15md5 = (bytes.fromhex("0600ff07") + b"\x02" + struct.pack("<II", 7, 0x11223344)
              + bytes(range(16)) + lp(lan_msg(0x20, 6, 0, 0x81, 1, 0, 0x01, b"")) + b"\x00")
    out.add("packet", "syn-v15-md5", v15md5)
    out.add("rmcp", "syn-v15-md5", v15md5)
    # OEM payload type (an extra IANA + payload ID in the header).
    oem = (bytes.fromhex("0600ff07") + b"\x06\x02" + struct.pack("<IH", 0x1234, 7)
           + struct.pack("<IIH", 0, 0, 2) + b"\xaa\xbb")
    out.add("packet", "syn-oem-payload", oem)

    # Session setup with error statuses (short forms) and "any" algorithms.
    out.add("rakp", "syn-open-rsp-status11", bytes.fromhex("0011000004030201"))
    out.add("rakp", "syn-rakp2-status0d", bytes.fromhex("000d000004030201"))
    out.add("rakp", "syn-rakp4-status0f", bytes.fromhex("000f000004030201"))
    out.add("rakp", "syn-open-req-any", bytes.fromhex("0000000004030201")
            + bytes.fromhex("00000000" "01000000" "02000000"))

    # Bridging: Send Message single and double, and the responses.
    inner = lan_msg(0x72, 0x06, 0, 0x20, 9, 0, 0x01, b"")
    single = lan_msg(0x20, 0x06, 0, 0x81, 9, 0, 0x34, b"\x47" + inner)
    middle = lan_msg(0x82, 0x06, 0, 0x20, 9, 0, 0x34, b"\x47" + inner)
    double = lan_msg(0x20, 0x06, 0, 0x81, 9, 0, 0x34, b"\x40" + middle)
    inner_rsp = lan_msg(0x20, 0x07, 0, 0x72, 9, 0, 0x01, bytes(15), 0)
    rsp_embedded = lan_msg(0x81, 0x07, 0, 0x20, 9, 0, 0x34, inner_rsp, 0)
    rsp_empty = lan_msg(0x81, 0x07, 0, 0x20, 9, 0, 0x34, b"", 0)
    route = bytes([0x07, 0x72, 0x00, 0x20, 0x00, 0x09])
    route2 = bytes([0x07 | 0x00, 0x72, 0x82, 0x20, 0x02, 0x09])
    for name, m in (("send-single", single), ("send-double", double),
                    ("rsp-embedded", rsp_embedded), ("rsp-empty", rsp_empty),
                    ("rsp-plain", inner_rsp)):
        out.add("msg", "syn-" + name, m)
        out.add("cmd_bridge", "syn-" + name, route + m)
    out.add("cmd_bridge", "syn-double-route", route2 + double)
    out.add("cmd_bridge", "syn-raw", bytes([0x07, 0x72, 0x00, 0x00, 0x00, 0x01]) + b"\x06\x01")

    # Get Channel Cipher Suites records, OEM record included.
    out.add("cmd_session", "syn-records-oem",
            bytes.fromhex("01c00001400080c1ff5701000141c0"))
    out.add("cmd_session", "syn-close-handle", bytes.fromhex("0000000005"))

    # Key log: comments, blanks, a bad line, CR LF.
    out.add("keylog", "syn-comments", b"# comment\n\n   \t\nRMCPP zz\n")

    # Record layer with xRC4 (no capture holds it): A seals, B opens.
    for suite in (4, 5, 9, 10, 13, 14, 18, 19):
        sik_len = {1: 20, 2: 16, 3: 32}[SUITES[suite][0]]
        cfg = bytes([suite]) + struct.pack("<II", 0xA0A2A3A4, 0x1234ABCD)
        cfg += lp(bytes(range(1, sik_len + 1))) + lp(b"password")
        s = tlv(T_CONFIG, cfg) + tlv(T_RANDOM, bytes(range(0x40, 0x50)))
        for n in (7, 0, 20):
            s += tlv(T_SEND, b"\x00" + lan_msg(0x20, 6, 0, 0x81, n & 63, 0, 1, bytes(n)))
        out.add("channel", "syn-xrc4-suite%d" % suite, s)


def track_seed(kats, keylog=False, creds=b"admin:password\n"):
    """A capture for dissector/'s session table: [route][datagram], route
    bit 0 = BMC to console, bits 1-2 = which console (one per capture, the
    captures interleaved)."""
    s = tlv(T_CONFIG, creds)
    if keylog:
        for k in kats:
            s += tlv(T_KEYLOG, k.keylog_line().encode())
    streams = [[(bytes([(i << 1) | (0 if c2b else 1)]) + p)
                for c2b, p in (k.insession() if keylog == "only" else k.pkts)]
               for i, k in enumerate(kats)]
    while any(streams):
        for st in streams:
            if st:
                s += tlv(T_DGRAM, st.pop(0))
    return s


def sim_config(out):
    """bmcsim's example configuration, whole and one group at a time, and
    values for the parsers."""
    path = os.path.join(TOP, "simulator/config/example.conf")
    if not os.path.exists(path):
        return []
    text = open(path, "rb").read()
    out.add("sim_config", "kat-example", text)
    group, cur, keys = None, [], set()
    for line in text.splitlines(keepends=True):
        m = re.match(rb"\s*\[([^\]]+)\]", line)
        if m:
            if group:
                out.add("sim_config", "kat-group-" + re.sub(r"\W", "_", group.decode()),
                        b"".join(cur))
            group, cur = m.group(1), []
            keys.add(b"[" + group + b"]")
        m = re.match(rb"\s*#?\s*([A-Za-z0-9_-]+)\s*=", line)
        if m:
            keys.add(m.group(1) + b" = ")
        cur.append(line)
    if group:
        out.add("sim_config", "kat-group-" + re.sub(r"\W", "_", group.decode()), b"".join(cur))
    for name, v in (("suites", b"2,3;17 15-17\n"), ("percent", b"12.5\n"),
                    ("listen-range", b"127.0.1.1-127.0.4.232:6230\n"),
                    ("listen-v6", b"[::1]:623\n")):
        out.add("sim_config", "syn-" + name, v)
    return sorted(keys)


def c_byte_arrays(path):
    """The byte arrays written out in a C test file ("static const uint8_t
    x[] = {0x51, 'C', 3, ...};"), skipping any with other expressions."""
    if not os.path.exists(path):
        return []
    text = re.sub(r"/\*.*?\*/", "", open(path).read(), flags=re.S)
    out = []
    for m in re.finditer(r"uint8_t\s+\w+\s*\[\s*\]\s*=\s*\{([^}]*)\}", text):
        vals = []
        for tok in [t.strip() for t in m.group(1).split(",") if t.strip()]:
            if re.fullmatch(r"0[xX][0-9a-fA-F]+|\d+", tok):
                vals.append(int(tok, 0))
            elif re.fullmatch(r"'(\\?.)'", tok) and len(tok) == 3:
                vals.append(ord(tok[1]))
            else:
                vals = None
                break
        if vals and all(0 <= v < 256 for v in vals):
            out.append(bytes(vals))
    return out


def storage(out):
    """SDR, SEL and FRU: no capture holds them; the known answers of
    tests/test-cmd-storage.c (records from the IPMI spec's tables, the
    tools' requests) seed all three families (each harness runs every
    decoder of its family on every input)."""
    arrays = c_byte_arrays(os.path.join(TOP, "tests/test-cmd-storage.c"))
    for a in arrays:
        for t in ("cmd_sdr", "cmd_sel", "cmd_fru"):
            out.add_hashed(t, "kat", a)
    # The same data inside LAN messages, for the message-level harnesses.
    for netfn, cmd, data in ((0x0A, 0x23, b"\x00\x00\x00\x00\x00\xff"),
                             (0x0A, 0x43, b"\x00\x00\x00\x00\x00\xff"),
                             (0x0A, 0x11, b"\x00\x00\x00\x10"),
                             (0x04, 0x2D, b"\x10")):
        out.add("msg", "syn-storage-%02x-%02x" % (netfn, cmd),
                lan_msg(0x20, netfn, 0, 0x81, 3, 0, cmd, data))
    for a in arrays[:12]:
        if len(a) <= 64:
            out.add_hashed("msg", "syn-storage-rsp",
                           lan_msg(0x81, 0x0B, 0, 0x20, 3, 0, 0x23, a, 0))


def dictionaries():
    rmcp = [b"\x06\x00\xff\x07", b"\x06\x00\xff\x06", b"\x00\x00\x11\xbe",
            b"\x80", b"\x40", b"\x81\x00\x00\x00\x00\x00\x00\x00"]
    packet = rmcp + [b"\x06\xc0", b"\x06\x40", b"\x06\x00", b"\x06\x10", b"\x06\x11",
                     b"\x06\x12", b"\x06\x13", b"\x06\x14", b"\x06\x15", b"\x06\x02",
                     b"\xff\x01\x07", b"\xff\xff\x02\x07", b"\xff\xff\xff\x03\x07",
                     b"\x00\x07", b"\x00\x00\x00\x00", b"\xa4\xa3\xa2\xa0"]
    msg = [b"\x20\x18\xc8\x81", b"\x81\x1c\x63\x20", b"\x20\x18\xc8", b"\x81\x1c\x63",
           b"\x38", b"\x3b", b"\x3c", b"\x54", b"\x34", b"\x01", b"\x8e\x04",
           b"\x0e\x00\x80", b"\x40", b"\x47", b"\xc1", b"\xcc"]
    algs = [bytes([t, 0, 0, 8, a, 0, 0, 0]) for t in range(3) for a in range(5)]
    rakp = algs + [b"\x00\x00\x00\x00", b"\x01\x00\x00\x00", b"\x02\x00\x00\x00",
                   b"\x14\x00\x00\x05admin", b"\x12\x00\x00", b"\x04",
                   b"\xa1\xb2\xc3\xd4\xe5\xf6\x07\x18\x29\x3a\x4b\x5c\x6d\x7e\x8f\x90"]
    rakp += [bytes([s]) for s in range(0x01, 0x13)]
    cmd_session = [b"\x8e\x04", b"\x8e\x02", b"\x0e\x00\x80", b"\xc0", b"\xc1",
                   b"\xc0\x11\x03\x44\x81", b"\xc0\x03\x01\x41\x81",
                   b"\x01\x84\x04\x02\x00\x00\x00\x00", b"\x57\x01\x00"]
    cmd_bridge = msg + [b"\x72", b"\x82", b"\x07", b"\x80"]
    keylog = [b"RMCPP ", b" ", b"\n", b"\r\n", b"#", b"00000000", b"a0a2a3a4",
              b" 3 4 1 ", b" 1 1 1 ", b" 2 3 0 "]
    msg += [b"\x28", b"\x2c", b"\x10", b"\x14", b"\x23", b"\x43", b"\x11", b"\x2d"]
    tlvs = [bytes([t, 0, 0]) for t in range(1, 8)]
    stream = tlvs + packet + msg + rakp[:8]
    sdr = [b"\x51", b"\x51\x01", b"\x51\x02", b"\x51\x11", b"\x51\x12", b"\x51\xc0",
           b"\xc3", b"\xca", b"\x83", b"\x43", b"\xff\xff", b"\x00\x00"]
    sel = [b"\x51", b"\x02", b"\xc0", b"\xe0", b"\x04", b"CLR\xaa", b"CLR\x00",
           b"\xff\xff", b"\xff\xff\xff\xff"]
    fru = [b"\x01", b"\xc1", b"\xc0", b"\x19", b"\x01\x00\x01\x02\x03\x00\x00",
           b"\x83", b"\x43", b"\x03", b"\x00\x00"]
    creds = [b'"', b'","', b"\\x", b":", b"0x", b"#"]
    return {"track": stream + creds, "sim_config": [],
            "rmcp": rmcp, "packet": packet, "msg": msg, "rakp": rakp,
            "cmd_session": cmd_session, "cmd_bridge": cmd_bridge, "keylog": keylog,
            "channel": stream, "console": stream, "bmc": stream, "observer": stream,
            "cmd_sdr": sdr, "cmd_sel": sel, "cmd_fru": fru}


def dict_text(entries):
    lines = ["# generated by fuzz/make-corpus.py"]
    for i, e in enumerate(entries):
        lines.append('kw%d="%s"' % (i, "".join("\\x%02x" % b for b in e)))
    return "\n".join(lines) + "\n"


def build():
    out = Out()
    kats = [Kat(p) for p in sorted(glob.glob(os.path.join(TOP, "tests/data/kat-*.txt")))]
    for k in kats:
        tool = k.name.split("-")[0]
        for c2b, p in k.pkts:
            kind = "pre" if (c2b, p) in k.presession() else (
                "setup" if (c2b, p) in k.setup() else "session")
            ptype = Kat.setup_type(p)
            if kind == "session":
                key = (kind, k.suite, c2b)
            else:
                key = (kind, tool, c2b, p[4], ptype, SUITES[k.suite][0])
            out.add_hashed("packet", "kat-%s-%s" % (kind, tool), p, key)
            if kind == "setup":
                out.add_hashed("rakp", "kat-%s" % tool, v2_payload(p),
                               (tool, ptype, SUITES[k.suite][0], "kg" in k.name))
            m = plain_lan(p)
            if m is not None and len(m) >= 7:
                netfn, cmd, data = lan_data(m)
                out.add_hashed("msg", "kat", m, (netfn, cmd, data))
                if netfn & ~1 == 0x06:
                    out.add_hashed("cmd_session", "kat-%02x" % cmd, data)
                out.add_hashed("cmd_bridge", "kat", bytes([0x07, 0x72, 0, 0, 0, 1]) + m,
                               (netfn, cmd))
        out.add("console", "kat-" + k.name, console_seed(k))
        out.add("bmc", "kat-" + k.name, bmc_seed(k))
        out.add("observer", "kat-" + k.name, observer_seed(k, False))
        if k.suite in (3, 12, 17):
            out.add("observer", "kat-keylog-" + k.name, observer_seed(k, True))
        if k.name in ("ipmitool-pybmc-suite17", "freeipmi-pybmc-suite12"):
            out.add("observer", "kat-keylog-only-" + k.name, observer_seed(k, True, False))
        out.add("keylog", "kat-" + k.name, k.keylog_line().encode())
        if k.insession():
            out.add("channel", "kat-console-" + k.name, channel_seed(k, True))
            out.add("channel", "kat-bmc-" + k.name, channel_seed(k, False))
    # rmcp: one datagram of each kind is plenty.
    seen = set()
    for k in kats:
        for c2b, p in k.pkts:
            key = (p[3], p[4], p[5] if len(p) > 5 else None)
            if key not in seen:
                seen.add(key)
                out.add_hashed("rmcp", "kat", p)
    # channel: one capture per suite and direction.
    kept = {}
    for name in sorted(out.files["channel"]):
        if name.startswith("kat-"):
            role, rest = name[4:].split("-", 1)
            suite = rest.rsplit("suite", 1)[1]
            if (role, suite) in kept:
                del out.files["channel"][name]
            else:
                kept[(role, suite)] = name
    synthetic(out)
    storage(out)
    by = {k.name: k for k in kats}
    for names, kl in ((["ipmitool-pybmc-suite17"], False), (["freeipmi-pybmc-suite3-kg"], False),
                      (["ipmitool-ipmisim-suite3"], False), (["freeipmi-pybmc-suite12"], False),
                      (["ipmitool-pybmc-suite17-auto"], False), (["ipmitool-pybmc-suite7"], False),
                      (["ipmitool-pybmc-suite17", "freeipmi-pybmc-suite17"], False),
                      (["ipmitool-pybmc-suite3", "ipmitool-pybmc-suite16"], True),
                      (["ipmitool-pybmc-suite17"], "only"), (["freeipmi-pybmc-suite12"], "only")):
        ks = [by[n] for n in names if n in by]
        if ks:
            out.add("track", "kat-%s%s" % ("+".join(names), {True: "-keylog", "only": "-keylog-only", False: ""}[kl]),
                    track_seed(ks, kl))
    if "ipmitool-pybmc-suite17-kg" in by:
        k = by["ipmitool-pybmc-suite17-kg"]
        out.add("track", "kat-ipmitool-pybmc-suite17-kg-uat",
                track_seed([k], False, b'# comment\n"admin","wrong",""\n"","password","0x'
                           + k.kg.hex().encode() + b'"\n'))
    out.sim_keys = sim_config(out)
    return out


def main():
    check = "--check" in sys.argv[1:]
    out = build()
    dicts = dictionaries()
    dicts["sim_config"] = getattr(out, "sim_keys", []) + [b"\n", b" = ", b";", b"0x"]
    stale = []
    for t in TARGETS:
        d = os.path.join(CORPUS, t)
        os.makedirs(d, exist_ok=True)
        want = out.files[t]
        for f in sorted(os.listdir(d)):
            if (f.startswith("kat-") or f.startswith("syn-")) and f not in want:
                stale.append(os.path.join(d, f))
                if not check:
                    os.unlink(os.path.join(d, f))
        for name, data in sorted(want.items()):
            path = os.path.join(d, name)
            if not os.path.exists(path) or open(path, "rb").read() != data:
                stale.append(path)
                if not check:
                    open(path, "wb").write(data)
        path = os.path.join(HERE, t + ".dict")
        text = dict_text(dicts[t])
        if not os.path.exists(path) or open(path).read() != text:
            stale.append(path)
            if not check:
                open(path, "w").write(text)
    total = sum(len(v) for v in out.files.values())
    size = sum(len(d) for v in out.files.values() for d in v.values())
    if check:
        for s in stale:
            print("out of date:", os.path.relpath(s, TOP))
        return 1 if stale else 0
    print("%d corpus files, %d bytes, in %d targets" % (total, size, len(TARGETS)))
    for t in TARGETS:
        print("  %-12s %3d" % (t, len(out.files[t])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
