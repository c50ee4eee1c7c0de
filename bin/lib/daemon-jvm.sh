# The JVM options of the jsupervisord daemon, shared by bin/jsupervisord and the init script (which
# runs it under jsvc); sourced with nothing set. It sets daemon_jvm_options and exports
# _JAVA_SR_SIGNUM.
#
# Small-footprint defaults for a long-running daemon (docs/decisions.md); never -Xrs, which
# would take SIGHUP, SIGINT and SIGTERM away from the daemon. -XX:-MaxFDLimit keeps the JVM from
# raising its open-files limit, so children inherit what they would under supervisord (minfds).
# jnr.ffi.asm.enabled=false calls native code through reflection instead of generated classes:
# 14 MB less memory, and the few native calls per spawn or read do not notice the difference.
# The JVM's performance data file stays on (no -XX:-UsePerfData): it is how JConsole, VisualVM and
# jps find the daemon among local JVMs, and it costs no measurable memory (56.3 vs 56.8 MB RSS).
daemon_jvm_options="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss256k -Xms8m -Xmn4m -Xmx64m
    -XX:MaxMetaspaceSize=64m -XX:+ExitOnOutOfMemoryError -XX:-MaxFDLimit -Djnr.ffi.asm.enabled=false"

# HotSpot suspends threads (for JFR and profilers) with SIGUSR2, which is supervisord's "reopen the
# logs" signal: move the JVM's to real-time signal 40 so every USR2 is the operator's.
export _JAVA_SR_SIGNUM="${_JAVA_SR_SIGNUM:-40}"
