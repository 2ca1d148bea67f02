#!/usr/bin/env python3
"""Get Device ID from a BMC with libipmi through GObject Introspection.

From a build tree (meson compiles the typelib with -Dintrospection=auto):

    GI_TYPELIB_PATH=build/libipmi/client LD_LIBRARY_PATH=build/libipmi/client \\
        python3 examples/python/mc-info.py -H 127.0.0.1 -p 6230 -U admin -P password

Needs python3-gi (Debian).  --raw sends Get Device ID with
Ipmi.Client.request_sync() and decodes the bytes itself instead of the typed
Ipmi.Client.get_device_id_sync(); --async does the typed calls with the
_async/_finish pairs on a GLib main loop.  All three print the same lines.
"""
import argparse
import os
import sys

import gi

gi.require_version("Ipmi", "0")
from gi.repository import GLib, Ipmi  # noqa: E402


def typed_lines(dev):
    return [
        f"Device ID         : {dev.device_id}",
        f"Firmware Revision : {dev.firmware_major}.{dev.firmware_minor:02x}",
        f"IPMI Version      : {dev.ipmi_version_major}.{dev.ipmi_version_minor}",
        f"Manufacturer ID   : {dev.manufacturer_id}",
        f"Product ID        : {dev.product_id}",
    ]


def raw_lines(rsp):
    rsp.check()  # a non-zero completion code raises GLib.Error
    d = rsp.get_data().get_data()
    if len(d) < 11:
        raise ValueError(f"Get Device ID: answer too short ({len(d)} bytes)")
    return [
        f"Device ID         : {d[0]}",
        f"Firmware Revision : {d[2] & 0x7F}.{d[3]:02x}",
        f"IPMI Version      : {d[4] & 0x0F}.{d[4] >> 4}",
        f"Manufacturer ID   : {(d[8] & 0x0F) << 16 | d[7] << 8 | d[6]}",
        f"Product ID        : {d[10] << 8 | d[9]}",
    ]


def run_sync(client, raw):
    client.connect_sync(None)
    try:
        if raw:
            return raw_lines(client.request_sync(0x06, 0x01, None, None))
        return typed_lines(client.get_device_id_sync(None))
    finally:
        client.close_sync(None)


def run_async(client):
    """connect, Get Device ID, close: each step starts in the last one's
    callback; the loop runs until close returns."""
    loop = GLib.MainLoop()
    out = {}

    def closed(c, result):
        try:
            c.close_finish(result)
        except GLib.Error as e:
            out.setdefault("error", e)
        loop.quit()

    def got_id(c, result):
        try:
            out["lines"] = typed_lines(c.get_device_id_finish(result))
        except GLib.Error as e:
            out["error"] = e
        c.close_async(None, closed)

    def connected(c, result):
        try:
            c.connect_finish(result)
        except GLib.Error as e:
            out["error"] = e
            loop.quit()
            return
        c.get_device_id_async(None, got_id)

    client.connect_async(None, connected)
    loop.run()
    if "error" in out:
        raise out["error"]
    return out["lines"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-H", "--host", default="127.0.0.1")
    ap.add_argument("-p", "--port", type=int, default=623)
    ap.add_argument("-U", "--user", default="admin")
    ap.add_argument("-P", "--password", default=os.environ.get("IPMI_PASSWORD", ""))
    ap.add_argument("-C", "--cipher-suite", type=int, default=-1)
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--raw", action="store_true", help="ipmi_client_request_sync()")
    mode.add_argument("--async", dest="use_async", action="store_true",
                      help="the _async/_finish calls on a GLib main loop")
    args = ap.parse_args()

    client = Ipmi.Client.new(args.host, args.port)
    client.set_credentials(args.user, args.password)
    client.props.cipher_suite = args.cipher_suite
    client.props.timeout = 5000
    try:
        lines = run_async(client) if args.use_async else run_sync(client, args.raw)
    except GLib.Error as e:
        # e.domain is "ipmi-client-error-quark" (Ipmi.ClientError codes),
        # "g-io-error-quark" for timeouts and cancellation.
        print(f"mc-info: {e.message}", file=sys.stderr)
        return 1
    except ValueError as e:
        print(f"mc-info: {e}", file=sys.stderr)
        return 1
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
