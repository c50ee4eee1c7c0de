"""Shared plumbing for the test event listeners: the listener side of the event protocol on
stdin/stdout, and an XML-RPC client for SUPERVISOR_SERVER_URL, whether it is an http:// or a
unix:// URL. Python 3 standard library only, so the listeners need no supervisor package.
"""

import base64
import http.client
import io
import os
import socket
import sys
import urllib.parse
import xmlrpc.client


def tokens(text):
    """The key:value pairs of a header line or a payload's first line, as a dict."""
    pairs = {}
    for token in text.split():
        key, _, value = token.partition(':')
        pairs[key] = value
    return pairs


class Protocol:
    """The listener's end of the protocol: say READY, take one event, answer it, and again."""

    def __init__(self, stdin=None, stdout=None):
        # The envelope's len counts characters of UTF-8 text; read it as text, with no newline
        # translation so that a payload's characters arrive unchanged.
        self.stdin = stdin or io.TextIOWrapper(sys.stdin.buffer, encoding='utf-8', newline='\n')
        self.stdout = stdout or sys.stdout.buffer

    def send(self, data):
        self.stdout.write(data)
        self.stdout.flush()

    def ready(self):
        self.send(b'READY\n')

    def next_event(self):
        """Waits for the next event: (header dict, payload text); raises EOFError at end of input."""
        line = self.stdin.readline()
        if not line:
            raise EOFError('stdin closed')
        header = tokens(line)
        payload = self.stdin.read(int(header['len']))
        return header, payload

    def result(self, body):
        self.send(b'RESULT %d\n' % len(body) + body)

    def ok(self):
        self.result(b'OK')

    def fail(self):
        self.result(b'FAIL')


class _UnixConnection(http.client.HTTPConnection):
    """HTTP over a unix stream socket at a path."""

    def __init__(self, path, timeout):
        super().__init__('localhost', timeout=timeout)
        self.socket_path = path

    def connect(self):
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        try:
            sock.connect(self.socket_path)
        except OSError:
            sock.close()
            raise
        self.sock = sock


class _Transport(xmlrpc.client.Transport):
    """xmlrpc.client's transport, connecting to a unix socket when given one, with basic auth."""

    def __init__(self, socket_path, username, password, timeout):
        super().__init__()
        self.socket_path = socket_path
        self.timeout = timeout
        self.authorization = None
        if username:
            raw = ('%s:%s' % (username, password or '')).encode('utf-8')
            self.authorization = 'Basic ' + base64.b64encode(raw).decode('ascii')

    def make_connection(self, host):
        # A fresh connection per request (the server may close after each answer), kept where
        # the base class closes it.
        self.close()
        if self.socket_path is not None:
            connection = _UnixConnection(self.socket_path, self.timeout)
        else:
            connection = http.client.HTTPConnection(host, timeout=self.timeout)
        self._connection = host, connection
        return connection

    def send_headers(self, connection, headers):
        if self.authorization:
            headers = list(headers) + [('Authorization', self.authorization)]
        super().send_headers(connection, headers)


def rpc(url=None, timeout=60):
    """A ServerProxy for the supervisor at url (default: SUPERVISOR_SERVER_URL)."""
    url = url or os.environ['SUPERVISOR_SERVER_URL']
    username = os.environ.get('SUPERVISOR_USERNAME')
    password = os.environ.get('SUPERVISOR_PASSWORD')
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme == 'unix':
        transport = _Transport(url[len('unix://'):], username, password, timeout)
        return xmlrpc.client.ServerProxy('http://localhost/RPC2', transport=transport)
    if parsed.scheme == 'http':
        transport = _Transport(None, username, password, timeout)
        return xmlrpc.client.ServerProxy(urllib.parse.urljoin(url, '/RPC2'), transport=transport)
    raise ValueError('unsupported server URL: ' + url)


def log(*words):
    """A line on stderr, which the supervisor keeps in the listener's stderr log."""
    sys.stderr.write(' '.join(str(w) for w in words) + '\n')
    sys.stderr.flush()
