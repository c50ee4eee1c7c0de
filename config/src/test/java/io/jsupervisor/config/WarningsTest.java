package io.jsupervisor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import io.jsupervisor.config.model.Configuration;
import io.jsupervisor.config.testing.Goldens;
import org.junit.jupiter.api.Test;

/** What supervisord would silently ignore or quietly change is reported as a warning, and loading goes on. */
class WarningsTest {

    @Test
    void everyWarningNamesItsPlace() throws ConfigException {
        Path dir = Path.of("src/test/resources/warnings").toAbsolutePath();
        Configuration config = new ConfigLoader(Goldens.host(dir, 0)).load(Path.of("supervisord.conf"));
        assertEquals(List.of(
                "supervisord.conf:3 [supervisord] nodeamon: unknown option, ignored",
                "supervisord.conf:6 [include] files: no file matches '" + dir + "/missing/*.conf'",
                "supervisord.conf:8 [prgram:typo]: unknown section, ignored",
                "supervisord.conf:13 [program:web] autorestrat: unknown option, ignored",
                "supervisord.conf:14 [program:web] stderr_logfile: 'syslog' is deprecated; use stderr_syslog=true "
                        + "instead (the output now goes to syslog and to no file)",
                "supervisord.conf:15 [program:web] stdout_logfile_maxbytes: AUTO logging without rotation can fill "
                        + "the disk; set stdout_logfile_maxbytes above 0",
                "supervisord.conf:20 [program:redirected] stderr_logfile: ignored because redirect_stderr=true "
                        + "sends stderr to the stdout log",
                "supervisord.conf:24 [program:nothing] numprocs: numprocs=0 gives the program no processes",
                "supervisord.conf:28 [fcgi-program:php] socket: no socket is created because [group:site] lists "
                        + "this program: its processes run as a plain program, as under supervisord",
                "supervisord.conf:34 [rpcinterface:twiddler] supervisor.rpcinterface_factory: "
                        + "'supervisor_twiddler.rpcinterface:make_twiddler_rpcinterface' is a Python plugin; jsupervisor "
                        + "serves only supervisor.rpcinterface:make_main_rpcinterface, so the 'twiddler' namespace "
                        + "will be missing",
                "supervisord.conf:37 [jmx] host: '0.0.0.0' listens beyond this machine without a username and "
                        + "password: anyone who can reach it can control every program",
                "conf.d/nested.conf:2 [include] files: an [include] section in an included file is ignored, as "
                        + "supervisord ignores it (only the main file's counts)"),
                config.warnings().stream().map(ConfigProblem::toString).toList());
    }
}
