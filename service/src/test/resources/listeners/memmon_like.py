"""An event listener in the manner of superlance's memmon: on every TICK event it asks the
supervisor for its processes, reads the resident set size of each RUNNING one from /proc, and
restarts (stopProcess, then startProcess, over XML-RPC) each one whose size passes its limit.

Limits, sizes in bytes or with a KB, MB or GB suffix (powers of 1024):
  -p NAME=SIZE   for the process NAME, or GROUP:NAME
  -g GROUP=SIZE  for every process of GROUP
  -a SIZE        for every process
The most specific limit applies. Each check and each restart is reported on stderr.

Subscribe it to TICK_5, TICK_60 or TICK_3600, e.g.
  [eventlistener:memmon]
  command=python3 memmon_like.py -a 200MB
  events=TICK_60
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import listener_support  # noqa: E402

UNITS = {'KB': 1024, 'MB': 1024 ** 2, 'GB': 1024 ** 3}


def size(text):
    text = text.strip().upper()
    for suffix, factor in UNITS.items():
        if text.endswith(suffix):
            return int(float(text[:-len(suffix)]) * factor)
    return int(text)


def named_size(text):
    name, sep, limit = text.rpartition('=')
    if not sep or not name:
        raise argparse.ArgumentTypeError('expected NAME=SIZE, got %r' % text)
    return name, size(limit)


def rss(pid):
    """The resident set size of pid in bytes, or None when it is gone."""
    try:
        with open('/proc/%d/status' % pid) as status:
            for line in status:
                if line.startswith('VmRSS:'):
                    value, unit = line.split()[1:3]
                    return int(value) * UNITS[unit.upper()]
    except (FileNotFoundError, ProcessLookupError):
        return None
    return 0  # a zombie has no VmRSS line


class MemoryMonitor:
    def __init__(self, programs, groups, any_limit, rpc):
        self.programs = dict(programs)
        self.groups = dict(groups)
        self.any_limit = any_limit
        self.rpc = rpc

    def limit(self, info):
        namespec = '%s:%s' % (info['group'], info['name'])
        for key in (namespec, info['name']):
            if key in self.programs:
                return self.programs[key]
        if info['group'] in self.groups:
            return self.groups[info['group']]
        return self.any_limit

    def check(self):
        for info in self.rpc.supervisor.getAllProcessInfo():
            if info['statename'] != 'RUNNING':
                continue
            limit = self.limit(info)
            if limit is None:
                continue
            used = rss(info['pid'])
            if used is None:
                continue
            namespec = '%s:%s' % (info['group'], info['name'])
            listener_support.log('checked', namespec, 'pid', info['pid'], 'rss', used, 'limit', limit)
            if used > limit:
                self.restart(namespec, info['pid'], used, limit)

    def restart(self, namespec, pid, used, limit):
        listener_support.log('restarting', namespec, 'pid', pid, 'rss', used, 'over limit', limit)
        try:
            self.rpc.supervisor.stopProcess(namespec)
        except Exception as e:  # report and go on: it may have stopped meanwhile
            listener_support.log('could not stop', namespec, ':', e)
        try:
            self.rpc.supervisor.startProcess(namespec)
        except Exception as e:
            listener_support.log('could not start', namespec, ':', e)


def main(argv):
    parser = argparse.ArgumentParser(description='Restarts processes that use too much memory.')
    parser.add_argument('-p', dest='programs', action='append', default=[], type=named_size,
                        metavar='NAME=SIZE')
    parser.add_argument('-g', dest='groups', action='append', default=[], type=named_size,
                        metavar='GROUP=SIZE')
    parser.add_argument('-a', dest='any_limit', type=size, metavar='SIZE')
    args = parser.parse_args(argv)
    if not (args.programs or args.groups or args.any_limit is not None):
        parser.error('give at least one of -p, -g, -a')
    if 'SUPERVISOR_SERVER_URL' not in os.environ:
        parser.error('must run as a supervisor event listener (no SUPERVISOR_SERVER_URL)')

    monitor = MemoryMonitor(args.programs, args.groups, args.any_limit, listener_support.rpc())
    protocol = listener_support.Protocol()
    while True:
        protocol.ready()
        try:
            header, _ = protocol.next_event()
        except EOFError:
            return 0
        if header['eventname'].startswith('TICK'):
            try:
                monitor.check()
            except Exception as e:  # a failed check is retried at the next tick
                listener_support.log('check failed:', e)
        protocol.ok()


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
