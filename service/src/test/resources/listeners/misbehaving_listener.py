"""A test event listener that breaks the event protocol in one chosen way.

  misbehaving_listener.py MODE RECORD [--once FLAG] [--ignore-term] [--only NAME]

Every event it reads is appended to the file RECORD as one line,
  pid=<pid> serial=<n> poolserial=<n> eventname=<NAME> payload=<the payload's UTF-8 bytes in hex>
before it acts on it. MODE:
  ok          answers every event with OK
  ok-exit     answers an event with OK and exits at once, with status 0
  close-stdin closes its stdin, then writes READY and waits for ever
  hang        reads one event and then never answers, nor reads again
  no-ready    writes something other than READY when it starts
  chatty      writes READY and then more, unasked
  bad-result  answers an event with a RESULT line whose length is not a number
  die         exits with status 1 after reading an event, without answering
  reject      answers an event with FAIL
With --once FLAG the misbehaviour happens only while the file FLAG does not exist, which it
creates when it misbehaves: later runs (or later events) get the OK answer.
With --ignore-term SIGTERM is ignored, so only SIGKILL ends it.
With --only NAME only the process NAME (SUPERVISOR_PROCESS_NAME) of the pool misbehaves; the
others answer OK.
"""

import argparse
import os
import signal
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import listener_support  # noqa: E402

MODES = ('ok', 'ok-exit', 'close-stdin', 'hang', 'no-ready', 'chatty', 'bad-result', 'die', 'reject')


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument('mode', choices=MODES)
    parser.add_argument('record')
    parser.add_argument('--once', metavar='FLAG')
    parser.add_argument('--ignore-term', action='store_true')
    parser.add_argument('--only', metavar='NAME')
    args = parser.parse_args(argv)
    if args.only and os.environ.get('SUPERVISOR_PROCESS_NAME') != args.only:
        args.mode = 'ok'
    if args.ignore_term:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)

    def misbehave():
        """Whether to misbehave now; with --once, only the first time."""
        if args.mode == 'ok':
            return False
        if args.once is None:
            return True
        if os.path.exists(args.once):
            return False
        with open(args.once, 'w'):
            pass
        return True

    def forever():
        while True:
            time.sleep(3600)

    protocol = listener_support.Protocol()
    if args.mode == 'no-ready' and misbehave():
        protocol.send(b'HELLO?\n')
        forever()
    if args.mode == 'close-stdin':
        # Closed before READY, so that no event can be written while it is still open.
        os.close(0)
        protocol.ready()
        forever()
    protocol.ready()
    if args.mode == 'chatty' and misbehave():
        protocol.send(b'anyone there?\n')
        forever()
    while True:
        try:
            header, payload = protocol.next_event()
        except EOFError:
            return 0
        with open(args.record, 'a', encoding='utf-8') as record:
            record.write('pid=%d serial=%s poolserial=%s eventname=%s payload=%s\n' % (
                os.getpid(), header['serial'], header['poolserial'], header['eventname'],
                payload.encode('utf-8').hex()))
        if args.mode in ('hang', 'bad-result', 'die', 'reject') and misbehave():
            if args.mode == 'hang':
                forever()
            if args.mode == 'bad-result':
                protocol.send(b'RESULT two\nOK')
                forever()
            if args.mode == 'die':
                return 1
            protocol.fail()
        else:
            protocol.ok()
            if args.mode == 'ok-exit':
                return 0
        protocol.ready()


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
