"""An event listener in the manner of superlance's crashmail: on PROCESS_STATE_EXITED with
expected:0 (the exit status was not one of the program's exitcodes) it sends a mail naming the
process, its group and its pid. Expected exits are ignored.

  -p NAME     report only NAME (or GROUP:NAME); may be repeated
  -a          report every process (the default when no -p is given)
  -m ADDRESS  the mail's recipient
  -o PREFIX   put PREFIX before the subject
  -s COMMAND  the sendmail command to pipe the mail to (default: /usr/sbin/sendmail -t -i)
  --mailbox FILE
              instead of sending, append each mail to FILE as one line of key=value fields

Subscribe it to PROCESS_STATE_EXITED, e.g.
  [eventlistener:crashmail]
  command=python3 crashmail_like.py -a -m ops@example.com
  events=PROCESS_STATE_EXITED
"""

import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import listener_support  # noqa: E402


def wanted(names, fields):
    if not names:
        return True
    return fields['processname'] in names or '%s:%s' % (fields['groupname'], fields['processname']) in names


def subject(prefix, fields):
    text = 'process %s:%s (pid %s) exited unexpectedly' % (
        fields['groupname'], fields['processname'], fields['pid'])
    return '%s %s' % (prefix, text) if prefix else text


def deliver(args, fields):
    title = subject(args.prefix, fields)
    if args.mailbox:
        line = 'to=%s processname=%s groupname=%s pid=%s from_state=%s subject=%s\n' % (
            args.address, fields['processname'], fields['groupname'], fields['pid'],
            fields['from_state'], title)
        with open(args.mailbox, 'a', encoding='utf-8') as mailbox:
            mailbox.write(line)
        return
    message = 'To: %s\nSubject: %s\n\n%s left state %s with an unexpected exit status.\n' % (
        args.address, title, fields['processname'], fields['from_state'])
    subprocess.run(args.sendmail, shell=True, input=message.encode('utf-8'), check=True)


def main(argv):
    parser = argparse.ArgumentParser(description='Mails about processes that exit unexpectedly.')
    parser.add_argument('-p', dest='names', action='append', default=[], metavar='NAME')
    parser.add_argument('-a', dest='all', action='store_true')
    parser.add_argument('-m', dest='address', default='root', metavar='ADDRESS')
    parser.add_argument('-o', dest='prefix', default='', metavar='PREFIX')
    parser.add_argument('-s', dest='sendmail', default='/usr/sbin/sendmail -t -i', metavar='COMMAND')
    parser.add_argument('--mailbox', metavar='FILE')
    args = parser.parse_args(argv)
    names = [] if args.all else args.names

    protocol = listener_support.Protocol()
    while True:
        protocol.ready()
        try:
            header, payload = protocol.next_event()
        except EOFError:
            return 0
        fields = listener_support.tokens(payload.split('\n', 1)[0])
        if header['eventname'] == 'PROCESS_STATE_EXITED' and fields.get('expected') == '0' \
                and wanted(names, fields):
            try:
                deliver(args, fields)
            except Exception as e:  # a lost mail is reported, not retried
                listener_support.log('could not send mail:', e)
        protocol.ok()


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
