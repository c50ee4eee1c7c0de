#!/usr/bin/env python3
"""Reports what supervisord 4.2 itself makes of configuration inputs, as canonical JSON.

The Java tests compare jsupervisor's reading of the same inputs against this output: committed
golden files (regenerated with `regenerate`) and, in the parity integration test, live runs.

    golden.py ini FILE        sections of FILE as RawConfigParser reads it for supervisord
    golden.py config FILE     the configuration supervisord builds from FILE
    golden.py values FILE     environment= and %-expansion cases listed in FILE (JSON)
    golden.py regenerate DIR  rewrite every golden file under DIR

Run it with Debian's python3 and its supervisor package (4.2.5). Host-specific facts are fixed so
the output is the same on every machine: the host name is 'golden-host', the environment is
ENVIRONMENT below, the working directory is that of FILE, and that directory is written as ${here}.
"""
import configparser
import glob
import json
import os
import platform
import sys

ENVIRONMENT = {
    "PATH": "/usr/local/bin:/usr/bin:/bin",
    "HOME": "/home/example",
    "LANG": "C.UTF-8",
    "TMPDIR": "/tmp",
    "APP_ENV": "production",
    "GREETING": "hello world",
}
HOST = "golden-host"


def fixed_host():
    os.environ.clear()
    os.environ.update(ENVIRONMENT)
    platform.node = lambda: HOST


def canonical(obj, here):
    text = json.dumps(obj, sort_keys=True, indent=1, ensure_ascii=True)
    if here:
        text = text.replace(json.dumps(here)[1:-1], "${here}")
    return text + "\n"


def ini(path):
    parser = configparser.RawConfigParser(inline_comment_prefixes=(";", "#"), strict=False)
    try:
        with open(path) as f:
            parser.read_file(f)
    except configparser.MissingSectionHeaderError as e:
        return {"error_lines": [e.lineno]}
    except configparser.ParsingError as e:
        return {"error_lines": [lineno for lineno, _ in e.errors]}
    return {
        "defaults": dict(parser.defaults()),
        "sections": [[name, dict(parser._sections[name])] for name in parser.sections()],
    }


def logfile(value):
    from supervisor.datatypes import Automatic
    if value is Automatic:
        return "AUTO"
    if value is None:
        return "NONE"
    return value


def autorestart(value):
    from supervisor.datatypes import RestartUnconditionally, RestartWhenExitUnexpected
    if value is RestartUnconditionally:
        return "true"
    if value is RestartWhenExitUnexpected:
        return "unexpected"
    return "false"


def process(p):
    out = {
        "name": p.name, "command": p.command, "directory": p.directory, "umask": p.umask,
        "priority": p.priority, "autostart": p.autostart, "autorestart": autorestart(p.autorestart),
        "startsecs": p.startsecs, "startretries": p.startretries, "uid": p.uid,
        "stopsignal": p.stopsignal, "stopwaitsecs": p.stopwaitsecs, "stopasgroup": p.stopasgroup,
        "killasgroup": p.killasgroup, "exitcodes": p.exitcodes, "redirect_stderr": p.redirect_stderr,
        "environment": p.environment, "serverurl": p.serverurl,
    }
    for ch in ("stdout", "stderr"):
        out[ch + "_logfile"] = logfile(getattr(p, ch + "_logfile"))
        for key in ("logfile_maxbytes", "logfile_backups", "capture_maxbytes", "events_enabled", "syslog"):
            out[ch + "_" + key] = getattr(p, ch + "_" + key)
    return out


def group(g):
    import socket
    from supervisor.events import getEventNameByType
    from supervisor.options import EventListenerPoolConfig, FastCGIGroupConfig
    out = {"name": g.name, "priority": g.priority, "processes": [process(p) for p in g.process_configs]}
    if isinstance(g, FastCGIGroupConfig):
        s = g.socket_config
        out["kind"] = "fcgi"
        # the backlog listen() is given: SOMAXCONN when none is configured (socket_manager.py)
        out["socket"] = {"url": s.url, "backlog": s.get_backlog() or socket.SOMAXCONN}
        if s.url.startswith("unix://"):
            owner = s.get_owner()
            out["socket"]["mode"] = s.get_mode()
            out["socket"]["owner"] = list(owner) if owner is not None else None
    elif isinstance(g, EventListenerPoolConfig):
        out["kind"] = "eventlistener"
        out["buffer_size"] = g.buffer_size
        out["events"] = sorted(getEventNameByType(e) for e in g.pool_events)
        out["result_handler"] = g.result_handler.__module__ + ":" + g.result_handler.__name__
    else:
        out["kind"] = "program"
    return out


def server(c):
    import socket
    out = {"section": c["section"], "username": c["username"], "password": c["password"]}
    if c["family"] == socket.AF_UNIX:
        out.update(kind="unix", file=c["file"], chmod=c["chmod"], chown=list(c["chown"]))
    else:
        out.update(kind="inet", host=c["host"], port=c["port"])
    return out


def config(path):
    from supervisor.datatypes import name_to_uid
    from supervisor.options import ServerOptions
    os.chdir(os.path.dirname(path))  # relative defaults (pidfile, logfile) resolve against the file's directory
    options = ServerOptions()
    options.realize(args=["-c", path])
    section = options.configroot.supervisord
    return {
        "supervisord": {
            "logfile": options.logfile, "logfile_maxbytes": options.logfile_maxbytes,
            "logfile_backups": options.logfile_backups, "loglevel": options.loglevel,
            "pidfile": options.pidfile, "umask": options.umask, "nodaemon": bool(options.nodaemon),
            "silent": bool(options.silent), "minfds": options.minfds, "minprocs": options.minprocs,
            "nocleanup": bool(options.nocleanup), "childlogdir": options.childlogdir,
            "uid": name_to_uid(options.user) if options.user is not None else None,
            "directory": options.directory, "strip_ansi": bool(options.strip_ansi),
            "environment": section.environment, "identifier": options.identifier,
        },
        "groups": [group(g) for g in options.process_group_configs],
        "servers": [server(c) for c in options.server_configs],
        "serverurl": options.serverurl,
        "rpcinterfaces": [[name, extras] for name, _, extras in options.rpcinterface_factories],
    }


def values(path):
    from supervisor.datatypes import dict_of_key_value_pairs
    from supervisor.options import expand
    with open(path) as f:
        cases = json.load(f)
    results = []
    for case in cases:
        try:
            if case["kind"] == "environment":
                result = {"value": dict_of_key_value_pairs(case["input"])}
            else:
                result = {"value": expand(case["input"], case["names"], "option")}
        except ValueError:
            result = {"error": True}
        results.append(dict(case, **result))
    return results


def write(path, obj, here):
    with open(path, "w") as f:
        f.write(canonical(obj, here))


def regenerate(root):
    root = os.path.abspath(root)
    for path in sorted(glob.glob(os.path.join(root, "ini", "*.ini"))):
        write(path + ".json", ini(path), os.path.dirname(os.path.abspath(path)))
    for path in sorted(glob.glob(os.path.join(root, "configs", "*", "supervisord.conf"))):
        write(path + ".json", config(os.path.abspath(path)), os.path.dirname(os.path.abspath(path)))
    values_in = os.path.join(root, "values.json")
    write(os.path.join(root, "values.expected.json"), values(values_in), "")


def main(argv):
    fixed_host()
    command, target = argv[1], argv[2]
    if command == "regenerate":
        regenerate(target)
        return 0
    here = os.path.dirname(os.path.abspath(target))
    result = {"ini": ini, "config": lambda p: config(os.path.abspath(p)), "values": values}[command](target)
    sys.stdout.write(canonical(result, here))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
