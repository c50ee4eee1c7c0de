#!/bin/sh
# A CGI program: fcgiwrap runs it for each request, with the environment fcgiwrap got from the
# supervisor, so SUPERVISOR_PROCESS_NAME names the worker that served the request.
printf 'Content-Type: text/plain\r\n\r\n%s\n' "$SUPERVISOR_PROCESS_NAME"
