#!/usr/bin/env python3
"""Independent reference values for tests/test-crypto.c.

Everything here uses only Python's hmac/hashlib (and a ten-line RC4 written
from the textbook description, checked against RFC 6229 below), so it shares
no code with libipmi/core/crypto.c.  Run it and paste the hex into the test:

    python3 tests/data/crypto-vectors.py
"""
import hashlib
import hmac
import struct

H = {1: hashlib.sha1, 2: hashlib.md5, 3: hashlib.sha256}
ICV = {1: 12, 2: 16, 3: 16}

# Shared RAKP inputs (see rakp_params() in test-crypto.c).
SIDM = 0xA0A2A3A4
SIDC = 0x11223344
RM = bytes(range(0x10, 0x20))
RC = bytes(range(0x80, 0x90))
GUID = bytes(range(0xC0, 0xD0))
ROLE = 0x14  # name-only lookup | ADMINISTRATOR
USER = b"admin"
PW = b"s3cret-pw"
KG = b"0123456789ABCDEFGHIJ"  # 20 bytes
DATA = bytes([0x06, 0xC0]) + struct.pack("<IIH", SIDC, 7, 9) + bytes(range(9)) + \
    b"\xff\xff\x02\x07"
IV = bytes(range(0xA0, 0xB0))


def le32(v):
    return struct.pack("<I", v)


def rakp2(a, pw):
    m = le32(SIDM) + le32(SIDC) + RM + RC + GUID + bytes([ROLE, len(USER)]) + USER
    return hmac.new(pw, m, H[a]).digest()


def rakp3(a, pw):
    m = RC + le32(SIDM) + bytes([ROLE, len(USER)]) + USER
    return hmac.new(pw, m, H[a]).digest()


def sik(a, kg):
    m = RM + RC + bytes([ROLE, len(USER)]) + USER
    return hmac.new(kg, m, H[a]).digest()


def rakp4(a, s):
    return hmac.new(s, RM + le32(SIDC) + GUID, H[a]).digest()[:ICV[a]]


def kn(a, s, n):
    return hmac.new(s, bytes([n]) * 20, H[a]).digest()


def rc4(key, data):
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) & 0xFF
        s[i], s[j] = s[j], s[i]
    i = j = 0
    out = bytearray()
    for b in data:
        i = (i + 1) & 0xFF
        j = (j + s[i]) & 0xFF
        s[i], s[j] = s[j], s[i]
        out.append(b ^ s[(s[i] + s[j]) & 0xFF])
    return bytes(out)


def show(name, b):
    print(f"{name:28s} {b.hex()}")


# RC4 self-check against RFC 6229 (key 0102030405, offsets 0 and 16).
assert rc4(bytes.fromhex("0102030405"), bytes(32)).hex() == \
    "b2396305f03dc027ccc3524a0a1118a8" "6982944f18fc82d589c403a47a0d0919"

show("DATA", DATA)
for name, a, kg in (("suite3", 1, None), ("suite17", 3, KG), ("suite7", 2, None)):
    s = sik(a, kg if kg else PW)
    show(f"{name} rakp2", rakp2(a, PW))
    show(f"{name} rakp3", rakp3(a, PW))
    show(f"{name} sik", s)
    show(f"{name} rakp4", rakp4(a, s))
    show(f"{name} k1", kn(a, s, 1))
    show(f"{name} k2", kn(a, s, 2))

s3 = sik(1, PW)
s17 = sik(3, KG)
s7 = sik(2, PW)
show("rakp2 sha1 empty pw", rakp2(1, b""))
show("mac hmac-sha1-96", hmac.new(kn(1, s3, 1), DATA, hashlib.sha1).digest()[:12])
show("mac hmac-md5-128", hmac.new(kn(2, s7, 1), DATA, hashlib.md5).digest())
show("mac hmac-sha256-128", hmac.new(kn(3, s17, 1), DATA, hashlib.sha256).digest()[:16])
pw20 = PW.ljust(20, b"\0")
show("mac md5-128", hashlib.md5(pw20 + DATA + pw20).digest())

# xRC4 (most likely reading of IPMI v2.0 13.30): K_RC = MD5(K2[0..15] | IV),
# xRC4-128 keys RC4 with all 16 bytes, xRC4-40 with the first 5.
krc = hashlib.md5(kn(1, s3, 2)[:16] + IV).digest()
show("xrc4 krc (suite 4)", krc)
show("xrc4-128 ks 0..19", rc4(krc, bytes(20)))
show("xrc4-40 ks 0..19", rc4(krc[:5], bytes(20)))
