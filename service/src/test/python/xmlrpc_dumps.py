#!/usr/bin/env python3
"""Writes XML-RPC bodies with Python's own xmlrpc.client.dumps, which supervisord uses for every
response, so that XmlRpcPythonIT can compare jsupervisor's XmlRpcWriter with it byte for byte.

Reads a JSON list of cases on stdin. For each case it writes the length of the body in bytes on a
line of its own, then the body itself, UTF-8 encoded as supervisord sends it. A case is one of

    {"response": VALUE}                      dumps((value,), methodresponse=True, allow_none=True)
    {"call": NAME, "params": [VALUE, ...]}   dumps(params, methodname=NAME, allow_none=True)
    {"fault": CODE, "string": TEXT}          dumps(Fault(CODE, TEXT))

where a VALUE is JSON null, true, false, an integer or a string, or, for what JSON cannot say,
an object with one key:

    {"double": "<the 64 bits of the IEEE 754 double, 16 hex digits>"}
    {"base64": "<the bytes in base64>"}
    {"datetime": [year, month, day, hour, minute, second]}
    {"array": [VALUE, ...]}
    {"struct": [[NAME, VALUE], ...]}          (in this order)
"""
import base64
import datetime
import json
import struct
import sys
import xmlrpc.client


def value(v):
    if not isinstance(v, dict):
        return v
    ((kind, data),) = v.items()
    if kind == "double":
        return struct.unpack(">d", bytes.fromhex(data))[0]
    if kind == "base64":
        return base64.b64decode(data)
    if kind == "datetime":
        return datetime.datetime(*data)
    if kind == "array":
        return [value(e) for e in data]
    if kind == "struct":
        return {name: value(e) for name, e in data}
    raise ValueError("unknown value kind %r" % kind)


def body(case):
    if "response" in case:
        text = xmlrpc.client.dumps((value(case["response"]),), methodresponse=True, allow_none=True)
    elif "call" in case:
        params = tuple(value(p) for p in case["params"])
        text = xmlrpc.client.dumps(params, methodname=case["call"], allow_none=True)
    else:
        text = xmlrpc.client.dumps(xmlrpc.client.Fault(case["fault"], case["string"]))
    return text.encode("utf-8")


def main():
    out = sys.stdout.buffer
    for case in json.load(sys.stdin):
        data = body(case)
        out.write(b"%d\n" % len(data))
        out.write(data)
    out.flush()


if __name__ == "__main__":
    main()
