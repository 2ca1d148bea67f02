"""Small, readable IPMI v2.0 RMCP+ reference used by bmc.py and capture.py.

Only Python's hashlib/hmac; AES-CBC-128 through the `cryptography` package if
it is importable, otherwise through `openssl enc` (no padding, raw key/IV).
Written from the IPMI v2.0 specification (sections 13.28-13.32) and checked
against ipmitool 1.8.19, FreeIPMI 1.6.10 and OpenIPMI ipmi_sim 2.0.33.
"""
import hashlib
import hmac
import struct
import subprocess

# suite id -> (authentication, integrity, confidentiality) algorithm numbers
SUITES = {
    0: (0, 0, 0), 1: (1, 0, 0), 2: (1, 1, 0), 3: (1, 1, 1),
    6: (2, 0, 0), 7: (2, 2, 0), 8: (2, 2, 1), 11: (2, 3, 0), 12: (2, 3, 1),
    15: (3, 0, 0), 16: (3, 4, 0), 17: (3, 4, 1),
}
AUTH_NAME = {0: "RAKP-none", 1: "RAKP-HMAC-SHA1", 2: "RAKP-HMAC-MD5", 3: "RAKP-HMAC-SHA256"}
INTEG_NAME = {0: "none", 1: "HMAC-SHA1-96", 2: "HMAC-MD5-128", 3: "MD5-128", 4: "HMAC-SHA256-128"}
CONF_NAME = {0: "none", 1: "AES-CBC-128"}
AUTH_HASH = {1: hashlib.sha1, 2: hashlib.md5, 3: hashlib.sha256}
ICV_LEN = {1: 12, 2: 16, 3: 16}          # RAKP4 integrity check value length
INTEG_HASH = {1: hashlib.sha1, 2: hashlib.md5, 4: hashlib.sha256}
INTEG_LEN = {0: 0, 1: 12, 2: 16, 3: 16, 4: 16}

RMCP_IPMI = b"\x06\x00\xff\x07"


def hm(alg, key, data):
    return hmac.new(key, data, AUTH_HASH[alg]).digest()


def pad20(b):
    return (b + b"\0" * 20)[:20]


def rakp2_code(alg, pw, sidm, sidc, rm, rc, guid, role, user):
    return hm(alg, pw, struct.pack("<II", sidm, sidc) + rm + rc + guid +
              bytes([role, len(user)]) + user)


def rakp3_code(alg, pw, rc, sidm, role, user):
    return hm(alg, pw, rc + struct.pack("<I", sidm) + bytes([role, len(user)]) + user)


def derive(alg, pw, kg, rm, rc, role, user):
    """-> (sik, k1, k2).  KG = password when no K_G is set."""
    sik = hm(alg, kg if kg else pw, rm + rc + bytes([role, len(user)]) + user)
    return sik, hm(alg, sik, b"\x01" * 20), hm(alg, sik, b"\x02" * 20)


def rakp4_icv(alg, sik, rm, sidc, guid):
    return hm(alg, sik, rm + struct.pack("<I", sidc) + guid)[:ICV_LEN[alg]]


def integ_mac(integ, k1, pw, data):
    if integ == 3:  # MD5-128: a plain digest keyed by the 20-byte password
        return hashlib.md5(pad20(pw) + data + pad20(pw)).digest()
    return hmac.new(k1, data, INTEG_HASH[integ]).digest()[:INTEG_LEN[integ]]


try:
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    def aes_cbc(key, iv, data, encrypt):
        c = Cipher(algorithms.AES(key), modes.CBC(iv))
        op = c.encryptor() if encrypt else c.decryptor()
        return op.update(data) + op.finalize()
except ImportError:  # pragma: no cover
    def aes_cbc(key, iv, data, encrypt):
        args = ["openssl", "enc", "-aes-128-cbc", "-nopad", "-K", key.hex(), "-iv", iv.hex()]
        if not encrypt:
            args.append("-d")
        return subprocess.run(args, input=data, stdout=subprocess.PIPE, check=True).stdout


def aes_open(k2, payload):
    """IV | ciphertext -> plaintext without the confidentiality trailer."""
    iv, ct = payload[:16], payload[16:]
    if len(ct) == 0 or len(ct) % 16:
        raise ValueError("AES payload not a multiple of 16")
    pt = aes_cbc(k2[:16], iv, ct, False)
    n = pt[-1]
    if n >= 16 or pt[-1 - n:-1] != bytes(range(1, n + 1)):
        raise ValueError("bad AES pad %s" % pt[-17:].hex())
    return pt[:-1 - n], n


def aes_seal(k2, iv, plain):
    n = (16 - (len(plain) + 1) % 16) % 16
    return iv + aes_cbc(k2[:16], iv, plain + bytes(range(1, n + 1)) + bytes([n]), True)


def checksum(b):
    return (-sum(b)) & 0xFF


def parse_v2(d):
    """Parse an RMCP+ datagram (whole UDP payload). Returns a dict."""
    if d[:4] != RMCP_IPMI or len(d) < 16 or d[4] != 0x06:
        raise ValueError("not RMCP+")
    pt = d[5]
    off = 6
    if pt & 0x3F == 2:
        off += 6
    sid, seq, plen = struct.unpack_from("<IIH", d, off)
    off += 10
    payload = d[off:off + plen]
    r = dict(ptype=pt & 0x3F, enc=bool(pt & 0x80), auth=bool(pt & 0x40), sid=sid, seq=seq,
             payload=payload, payload_off=off, end=off + plen)
    return r


def parse_v15(d):
    """IPMI 1.5 session wrapper (no auth code when auth type is 0)."""
    at = d[4]
    seq, sid = struct.unpack_from("<II", d, 5)
    off = 13 + (16 if at else 0)
    n = d[off]
    return dict(authtype=at, seq=seq, sid=sid, msg=d[off + 1:off + 1 + n])


def open_trailer(r, d, integ, k1, pw):
    """Check pad and integrity of a parsed authenticated datagram."""
    ml = INTEG_LEN[integ]
    end = r["end"]
    tail = d[end:]
    # pad FF.. | pad length | next header 07 | authcode
    if len(tail) < 2 + ml:
        raise ValueError("short trailer")
    padlen = tail[len(tail) - ml - 2]
    if tail[:padlen] != b"\xff" * padlen or len(tail) != padlen + 2 + ml:
        raise ValueError("bad integrity pad")
    if tail[padlen + 1] != 0x07:
        raise ValueError("bad next header")
    mac = integ_mac(integ, k1, pw, d[4:len(d) - ml])
    return padlen, mac == d[len(d) - ml:], d[len(d) - ml:]


def seal(suite, k1, k2, pw, sid, seq, ptype, plain, iv):
    auth, integ, conf = SUITES[suite]
    body = aes_seal(k2, iv, plain) if conf else plain
    flags = (0x80 if conf else 0) | (0x40 if integ else 0)
    d = bytearray(b"\x06" + bytes([flags | ptype]) + struct.pack("<IIH", sid, seq, len(body)) + body)
    if integ:
        pad = (4 - (len(d) + 2) % 4) % 4
        d += b"\xff" * pad + bytes([pad, 0x07])
        d += integ_mac(integ, k1, pw, bytes(d))
    return RMCP_IPMI + bytes(d)


def describe_msg(m):
    """One-line description of an IPMI LAN message."""
    if len(m) < 7:
        return "short IPMI message %s" % m.hex()
    netfn = m[1] >> 2
    cmd = m[5]
    if netfn & 1:
        return "response netfn %02xh cmd %02xh cc %02xh data %s" % (netfn, cmd, m[6], m[7:-1].hex())
    return "request netfn %02xh cmd %02xh data %s" % (netfn, cmd, m[6:-1].hex())
