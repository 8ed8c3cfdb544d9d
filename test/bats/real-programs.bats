#!/usr/bin/env bats
# Real servers under the profiles made for them (profiles/nginx.json,
# python-http-server.json, busybox-httpd.json): each serves a few requests
# on 127.0.0.1 under sjail, and what the profile forbids is refused. Every
# request has a timeout; teardown stops the server's whole process group,
# whatever happened.
bats_require_minimum_version 1.5.0

load helpers

PY=/usr/bin/python3

setup() {
	common_setup
	skip_unless_x86_64 # the profiles name x86_64 syscalls (open, mkdir, alarm, ...)
	SERVER_PID=
	# A world-readable tree: nginx's workers run as www-data.
	WWW=$(mktemp -d /tmp/sjail-www.XXXXXX)
	chmod 755 "$WWW"
	mkdir -p "$WWW/root/dir" "$WWW/tmp"
	printf '<h1>hello from %s</h1>\n' "$BATS_TEST_NUMBER" >"$WWW/root/index.html"
	head -c 200000 /dev/urandom >"$WWW/root/big.bin"
	echo "in a directory" >"$WWW/root/dir/file.txt"
	chmod -R a+rX "$WWW/root"
}

teardown() {
	if [ -n "$SERVER_PID" ]; then
		kill -TERM -- "-$SERVER_PID" 2>/dev/null || true
		for _ in $(seq 50); do
			kill -0 -- "-$SERVER_PID" 2>/dev/null || break
			sleep 0.1
		done
		kill -KILL -- "-$SERVER_PID" 2>/dev/null || true
	fi
	rm -rf "$WWW"
}

free_port() {
	"$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Starts COMMAND in a session (process group) of its own, output to $WWW/log.
# usage: start_server COMMAND [ARG...]
start_server() {
	setsid "$@" >"$WWW/log" 2>&1 &
	SERVER_PID=$!
}

# Waits up to 10 s for the server to answer on $PORT.
wait_for_server() {
	for _ in $(seq 100); do
		curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/" && return 0
		kill -0 "$SERVER_PID" 2>/dev/null || break
		sleep 0.1
	done
	echo "the server did not come up; its output:" >&2
	cat "$WWW/log" >&2
	return 1
}

get() {
	curl -sS --max-time 5 "$@"
}

# Stops the server with SIGNAL and waits at most 10 s; its status in $status.
# usage: stop_server SIGNAL
stop_server() {
	kill "-$1" "$SERVER_PID"
	for _ in $(seq 100); do
		kill -0 "$SERVER_PID" 2>/dev/null || break
		sleep 0.1
	done
	status=0
	wait "$SERVER_PID" || status=$?
	SERVER_PID=
}

# The checks every file server passes: a page, a 200 kB file byte for byte,
# a 404, a HEAD.
check_serves() {
	run -0 get "http://127.0.0.1:$PORT/index.html"
	[ "$output" = "<h1>hello from $BATS_TEST_NUMBER</h1>" ]
	get -o "$WWW/big.copy" "http://127.0.0.1:$PORT/big.bin"
	cmp "$WWW/big.copy" "$WWW/root/big.bin"
	run -0 get -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/no-such-file"
	[ "$output" = 404 ]
	run -0 get -I "http://127.0.0.1:$PORT/index.html"
	[[ "${lines[0]}" == "HTTP/1."[01]" 200 OK"* ]]
}

# ---- nginx ----------------------------------------------------------------------

nginx_conf() {
	cat >"$WWW/nginx.conf" <<-EOF
	daemon off;
	master_process on;
	worker_processes 2;
	user www-data www-data;
	error_log stderr notice;
	pid $WWW/nginx.pid;
	events { worker_connections 64; }
	http {
		access_log $WWW/access.log;
		client_body_temp_path $WWW/tmp/body;
		proxy_temp_path $WWW/tmp/proxy;
		fastcgi_temp_path $WWW/tmp/fastcgi;
		uwsgi_temp_path $WWW/tmp/uwsgi;
		scgi_temp_path $WWW/tmp/scgi;
		types { text/html html; text/plain txt; application/octet-stream bin; }
		sendfile on;
		server {
			listen 127.0.0.1:$PORT;
			root $WWW/root;
			autoindex on;
		}
	}
	EOF
}

skip_unless_nginx() {
	command -v nginx >/dev/null || skip "nginx is not installed"
	skip_unless_root # the master starts as root and its workers drop to www-data
	id www-data >/dev/null 2>&1 || skip "no user www-data"
}

@test "nginx under profiles/nginx.json: serves, workers drop to www-data, reloads, stops cleanly" {
	skip_unless_nginx
	PORT=$(free_port)
	nginx_conf
	start_server "$SJAIL" -p "$PROFILES/nginx.json" -- nginx -e stderr -p "$WWW" -c "$WWW/nginx.conf"
	wait_for_server
	check_serves
	run -0 get "http://127.0.0.1:$PORT/dir/"
	[[ "$output" == *'<a href="file.txt">file.txt</a>'* ]]
	run -0 get "http://127.0.0.1:$PORT/dir/file.txt"
	[ "$output" = "in a directory" ]
	run -0 get -o /dev/null -w '%{http_code}' -X POST -d x=1 "http://127.0.0.1:$PORT/index.html"
	[ "$output" = 405 ]
	# the workers really run as www-data: setgroups, setgid, setuid went through
	run -0 ps -o user= --ppid "$SERVER_PID"
	[ "${#lines[@]}" -eq 2 ]
	[ "${lines[0]}" = www-data ]
	[ "${lines[1]}" = www-data ]
	# a reload: the master re-reads the configuration and starts new workers
	kill -HUP "$SERVER_PID"
	for _ in $(seq 50); do grep -q "reconfiguring" "$WWW/log" && break; sleep 0.1; done
	run -0 get "http://127.0.0.1:$PORT/index.html"
	[ "$output" = "<h1>hello from $BATS_TEST_NUMBER</h1>" ]
	stop_server QUIT
	[ "$status" -eq 0 ]
	grep -q 'GET /big.bin HTTP/1.1" 200 200000' "$WWW/access.log"
	# nothing the profile refused made nginx complain (the 404 is an [error] of its own)
	run grep -E '\[(alert|crit|emerg)\]|not permitted|\(1: ' "$WWW/log"
	[ "$status" -eq 1 ]
	[ "$(grep -c '\[error\]' "$WWW/log")" -eq 1 ]
}

@test "nginx's profile refuses ptrace, mount, raw and netlink sockets, setuid(0), namespaces" {
	expect_calls "$PROFILES/nginx.json" <<-'EOF'
	ptrace,16,1,0,0	errno 1 EPERM
	mount,0,0,0,0,0	errno 1 EPERM
	socket,17,3,0	errno 1 EPERM
	socket,16,3,0	errno 1 EPERM
	socket,2,99,0	errno 22 EINVAL
	setuid,0	errno 1 EPERM
	setuid,0xffffffff	errno 22 EINVAL
	clone,0x10000	errno 22 EINVAL
	clone,0x10010000	errno 1 EPERM
	unshare,0x10000000	errno 1 EPERM
	EOF
}

# ---- python3 -m http.server -------------------------------------------------------

skip_unless_python() {
	[ -x "$PY" ] || skip "no $PY"
}

@test "python3 -m http.server under its profile: serves files and a listing, one thread a request" {
	skip_unless_python
	PORT=$(free_port)
	start_server "$SJAIL" -p "$PROFILES/python-http-server.json" -- \
		"$PY" -m http.server --bind 127.0.0.1 --directory "$WWW/root" "$PORT"
	wait_for_server
	check_serves
	run -0 get "http://127.0.0.1:$PORT/dir/"
	[[ "$output" == *'<a href="file.txt">file.txt</a>'* ]]
	run -0 get -o /dev/null -w '%{http_code}' -X POST -d x=1 "http://127.0.0.1:$PORT/"
	[ "$output" = 501 ]
	stop_server TERM
	[ "$status" -eq 143 ]
	grep -q '"GET /big.bin HTTP/1.1" 200' "$WWW/log"
	! grep -q Traceback "$WWW/log"
}

@test "python's profile: no process can be started (fork, os.system, subprocess), threads can" {
	skip_unless_python
	local marker="$WWW/pwned"
	local prog='import os, subprocess, sys, threading
def attempt(what, f):
    try:
        print(what, f())
    except OSError as e:
        print(what, "OSError", e.errno)
attempt("system", lambda: os.system("touch " + sys.argv[1]))
attempt("subprocess", lambda: subprocess.run(["/bin/sh", "-c", "touch " + sys.argv[1]]).returncode)
attempt("fork", os.fork)
t = threading.Thread(target=lambda: print("thread ran"))
t.start(); t.join()'
	# without the profile, the shell runs
	run -0 "$PY" -c "$prog" "$marker"
	[ -e "$marker" ]
	rm "$marker"
	run -0 --separate-stderr "$SJAIL" -p "$PROFILES/python-http-server.json" -- "$PY" -c "$prog" "$marker"
	[ "${lines[0]}" = "system 32512" ] # the shell could not start: 127
	[ "${lines[1]}" = "subprocess OSError 38" ]
	[ "${lines[2]}" = "fork OSError 38" ]
	[ "${lines[3]}" = "thread ran" ]
	[ ! -e "$marker" ]
	expect_calls "$PROFILES/python-http-server.json" <<-'EOF'
	ptrace,16,1,0,0	errno 38 ENOSYS
	mount,0,0,0,0,0	errno 38 ENOSYS
	socket,17,3,0	errno 38 ENOSYS
	clone,0x10000	errno 22 EINVAL
	clone,0x11	errno 38 ENOSYS
	EOF
}

# ---- busybox httpd (static) ---------------------------------------------------------

skip_unless_busybox() {
	BUSYBOX=$(command -v busybox) || skip "busybox is not installed"
	"$BUSYBOX" httpd --help >/dev/null 2>&1 || [ $? -eq 1 ] || skip "this busybox has no httpd"
}

cgi_script() {
	mkdir -p "$WWW/root/cgi-bin"
	printf '#!/bin/sh\ntouch %s\necho "Content-Type: text/plain"\necho\necho pwned\n' "$WWW/pwned" \
		>"$WWW/root/cgi-bin/x.sh"
	chmod 755 "$WWW/root/cgi-bin/x.sh"
}

@test "busybox httpd (static) under its profile: serves files" {
	skip_unless_busybox
	PORT=$(free_port)
	start_server "$SJAIL" -p "$PROFILES/busybox-httpd.json" -- \
		"$BUSYBOX" httpd -f -p "127.0.0.1:$PORT" -h "$WWW/root"
	wait_for_server
	check_serves
	run -0 get "http://127.0.0.1:$PORT/dir/file.txt"
	[ "$output" = "in a directory" ]
	stop_server TERM
	[ "$status" -eq 143 ]
	[ ! -s "$WWW/log" ]
}

@test "busybox httpd's profile: a CGI script (a shell started by the server) cannot run" {
	skip_unless_busybox
	cgi_script
	PORT=$(free_port)
	# without the profile, the script runs
	start_server "$BUSYBOX" httpd -f -p "127.0.0.1:$PORT" -h "$WWW/root"
	wait_for_server
	run -0 get "http://127.0.0.1:$PORT/cgi-bin/x.sh"
	[ "$output" = pwned ]
	[ -e "$WWW/pwned" ]
	rm "$WWW/pwned"
	stop_server TERM

	PORT=$(free_port)
	start_server "$SJAIL" -p "$PROFILES/busybox-httpd.json" -- \
		"$BUSYBOX" httpd -f -p "127.0.0.1:$PORT" -h "$WWW/root"
	wait_for_server
	run get "http://127.0.0.1:$PORT/cgi-bin/x.sh"
	[[ "$output" != *pwned* ]]
	[ ! -e "$WWW/pwned" ]
	grep -q "can't create pipe: Operation not permitted" "$WWW/log"
	# the server goes on serving
	run -0 get "http://127.0.0.1:$PORT/index.html"
	[ "$output" = "<h1>hello from $BATS_TEST_NUMBER</h1>" ]
	# try-syscall-static: the profile allows none of the dynamic loader's calls
	TRY_SYSCALL="$TRY_SYSCALL-static" expect_calls "$PROFILES/busybox-httpd.json" <<-'EOF'
	dup,99	errno 1 EPERM
	ptrace,16,1,0,0	errno 1 EPERM
	mount,0,0,0,0,0	errno 1 EPERM
	socket,1,1,0	errno 1 EPERM
	pipe2,0,0	errno 1 EPERM
	EOF
}

# ---- sjail learn on a real server ------------------------------------------------------

@test "sjail learn on busybox httpd: the learned profile serves the same requests" {
	skip_unless_busybox
	local learned="$WWW/learned.json"
	PORT=$(free_port)
	start_server "$SJAIL" learn -o "$learned" -- "$BUSYBOX" httpd -f -p "127.0.0.1:$PORT" -h "$WWW/root"
	wait_for_server
	check_serves
	stop_server TERM
	[ "$status" -eq 143 ]
	grep -q '"syscall": "sendfile"' "$learned"
	grep -q '"syscall": "accept"' "$learned"
	PORT=$(free_port)
	start_server "$SJAIL" --report -p "$learned" -- "$BUSYBOX" httpd -f -p "127.0.0.1:$PORT" -h "$WWW/root"
	wait_for_server
	check_serves
	# sjail --report passes SIGTERM on to the server
	stop_server TERM
	[ "$status" -eq 143 ]
	# nothing was refused
	[ ! -s "$WWW/log" ]
}
