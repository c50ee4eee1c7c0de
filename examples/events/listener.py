#!/usr/bin/env python3
"""Event listener that records every event it is sent, for supervisord 4.2 and jsupervisord.

Each envelope, the header line and the payload exactly as they arrived, is appended to the file
that the EVENT_LOG environment variable names (to stderr when EVENT_LOG is not set), and every
event is accepted (RESULT 2, OK). Python 3 standard library only.

The header's len is the payload's length in characters (Unicode code points), not in bytes, so
the payload is read as that many characters from stdin decoded as UTF-8. Line endings are taken
as they are: only a newline ends the header, and a payload's carriage returns stay.
"""
import io
import os
import sys


def record(envelope, path):
    """Appends one envelope, as UTF-8, to path (or writes it to stderr)."""
    data = envelope.encode("utf-8")
    if path:
        with open(path, "ab") as log:
            log.write(data)
    else:
        sys.stderr.buffer.write(data)
        sys.stderr.buffer.flush()


def answer(stdout, text):
    """Writes one protocol message; nothing else may ever be written to stdout."""
    stdout.write(text)
    stdout.flush()


def main():
    events = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", newline="\n")
    stdout = sys.stdout.buffer
    path = os.environ.get("EVENT_LOG")
    while True:
        answer(stdout, b"READY\n")
        header = events.readline()
        if not header.endswith("\n"):
            return  # stdin was closed: the supervisor is stopping this listener
        fields = dict(token.split(":", 1) for token in header.split())
        length = int(fields["len"])
        payload = events.read(length)
        record(header + payload, path)
        if len(payload) < length:
            return  # stdin was closed in the middle of an event
        answer(stdout, b"RESULT 2\nOK")


if __name__ == "__main__":
    main()
