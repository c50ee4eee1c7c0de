#!/bin/sh
# Installs this jsupervisor distribution and enables its start at boot:
#   sudo ./install.sh
# It copies the distribution to the prefix (/opt/jsupervisor), the configuration to
# /etc/jsupervisor (an existing one is kept), the settings file to /etc/default/jsupervisor (kept
# too), the init script to /etc/init.d/jsupervisor and the systemd unit to
# /etc/systemd/system/jsupervisor.service, then enables the service: with systemctl when systemd
# runs, else with update-rc.d (Debian) or chkconfig (RHEL family). It does not start it.
#
# Options (for packaging, staging or tests), each a directory or file:
#   --prefix DIR        where bin/ and lib/ go             (/opt/jsupervisor)
#   --conf-dir DIR      where jsupervisord.conf goes        (/etc/jsupervisor)
#   --defaults FILE     the settings file                   (/etc/default/jsupervisor)
#   --init-dir DIR      where the init script goes          (/etc/init.d)
#   --unit-dir DIR      where the systemd unit goes         (/etc/systemd/system)
#   --log-dir DIR       the daemon's log directory          (/var/log/jsupervisor)
#   --no-enable         install only; do not enable boot start
set -eu

src=$(cd "$(dirname "$0")" && pwd -P)
prefix=/opt/jsupervisor
conf_dir=/etc/jsupervisor
defaults=/etc/default/jsupervisor
init_dir=/etc/init.d
unit_dir=/etc/systemd/system
log_dir=/var/log/jsupervisor
enable=yes

while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) prefix=$2; shift 2 ;;
        --conf-dir) conf_dir=$2; shift 2 ;;
        --defaults) defaults=$2; shift 2 ;;
        --init-dir) init_dir=$2; shift 2 ;;
        --unit-dir) unit_dir=$2; shift 2 ;;
        --log-dir) log_dir=$2; shift 2 ;;
        --no-enable) enable=no; shift ;;
        *) echo "install.sh: unknown option $1 (see the head of $0)" >&2; exit 2 ;;
    esac
done

echo "Installing jsupervisor into $prefix"
mkdir -p "$prefix" "$conf_dir/conf.d" "$(dirname "$defaults")" "$init_dir" "$unit_dir" "$log_dir"
rm -rf "$prefix/lib"
cp -R "$src/bin" "$src/lib" "$src/docs" "$prefix/"
cp "$src/README.md" "$prefix/" 2>/dev/null || true
[ -e "$conf_dir/jsupervisord.conf" ] || sed "s|/var/log/jsupervisor|$log_dir|g" "$src/etc/jsupervisord.conf" \
    > "$conf_dir/jsupervisord.conf"
cp "$src/etc/conf.d/example.conf.sample" "$conf_dir/conf.d/"
chmod 0750 "$log_dir"

# The init script and the unit carry the default paths; they get the ones chosen here.
[ -e "$defaults" ] || sed -e "s|^#JSUPERVISOR_HOME=.*|JSUPERVISOR_HOME=$prefix|" \
    -e "s|^#JSUPERVISOR_CONF=.*|JSUPERVISOR_CONF=$conf_dir/jsupervisord.conf|" \
    -e "s|^#JSUPERVISOR_OUTFILE=.*|JSUPERVISOR_OUTFILE=$log_dir/jsvc.out|" \
    "$src/default/jsupervisor" > "$defaults"
sed -e "s|^DEFAULTS=.*|DEFAULTS=\${JSUPERVISOR_DEFAULTS:-$defaults}|" \
    "$src/init.d/jsupervisor" > "$init_dir/jsupervisor"
chmod 0755 "$init_dir/jsupervisor"
sed -e "s|/opt/jsupervisor|$prefix|g" -e "s|/etc/jsupervisor/|$conf_dir/|g" -e "s|/etc/default/jsupervisor|$defaults|g" \
    "$src/systemd/jsupervisor.service" > "$unit_dir/jsupervisor.service"

if [ "$enable" = yes ]; then
    if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
        systemctl daemon-reload
        systemctl enable jsupervisor.service
        echo "Enabled: start it with 'systemctl start jsupervisor'"
    elif command -v update-rc.d >/dev/null 2>&1; then
        update-rc.d jsupervisor defaults
        echo "Enabled: start it with 'service jsupervisor start'"
    elif command -v chkconfig >/dev/null 2>&1; then
        chkconfig --add jsupervisor
        echo "Enabled: start it with 'service jsupervisor start'"
    else
        echo "install.sh: neither systemctl, update-rc.d nor chkconfig found: boot start is not enabled" >&2
        exit 1
    fi
fi
echo "Configuration: $conf_dir/jsupervisord.conf (programs in $conf_dir/conf.d/*.conf)"
