#!/bin/sh
# A stand-in queue worker: reports its name and a heartbeat, and stops cleanly on SIGTERM.
trap 'echo "$SUPERVISOR_PROCESS_NAME: got SIGTERM, finishing"; exit 0' TERM
echo "$SUPERVISOR_PROCESS_NAME: started with pid $$"
while :; do
    echo "$SUPERVISOR_PROCESS_NAME: heartbeat $(date +%T)"
    sleep 10 &
    wait $!
done
