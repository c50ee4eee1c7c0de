# What the jsupervisor launchers share, sourced by them with $program (the command's name, for
# messages) and $bin_dir (their directory, symbolic links resolved) set. It sets:
#   home  the installation: an unpacked distribution, or a source checkout
#   lib   the directory of the runtime jars; in a source checkout, the project is built with the
#         Maven wrapper first when the jars are missing or older than the sources
#   java  the java executable: $JAVA_HOME/bin/java, else java on PATH; Java 17 or later

home=$(dirname "$bin_dir")

if [ -d "$home/lib" ]; then
    lib="$home/lib"
else
    lib="$home/init-scripts/target/lib"
    stale=yes
    for jar in "$lib"/jsupervisor-config-*.jar; do
        [ -f "$jar" ] || break
        # only where sources live: walking target/ and .git/ too costs a short-lived client its start-up
        if [ -z "$(find "$home"/pom.xml "$home"/*/pom.xml "$home"/*/src/main -newer "$jar" -print 2>/dev/null | head -n 1)" ]; then
            stale=no
        fi
    done
    if [ "$stale" = yes ]; then
        echo "$program: building jsupervisor from source (first run, or the sources changed)..." >&2
        if ! (cd "$home" && ./mvnw -q -B -DskipTests package >&2); then
            echo "$program: the build failed; run '$home/mvnw -DskipTests package' in $home to see why" >&2
            exit 1
        fi
    fi
fi

if [ -n "${JAVA_HOME:-}" ]; then
    java="$JAVA_HOME/bin/java"
else
    java=$(command -v java || true)
fi
if [ -z "$java" ] || [ ! -x "$java" ]; then
    echo "$program: no Java found; install a JDK or JRE 17 or later, or set JAVA_HOME" >&2
    exit 1
fi
