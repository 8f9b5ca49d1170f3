# Shared helpers of the bench-* scripts (sourced, not run). The sourcing script sets $bench_name,
# $tmp (its temporary directory) and the array pids=() before calling start_cleanup.
# Every process a script starts is registered in pids (or child_pid while it is waited for) and
# stopped by its PID on exit; nothing is stopped by name.

die() { echo "$bench_name: $*" >&2; exit 1; }
log() { echo "$bench_name: $*" >&2; }

stop_pid() {                 # TERM, wait up to 10 s, then KILL; only the given PID
    local pid="$1" i
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    log "process $pid did not stop within 10 s, killing it"
    kill -KILL "$pid" 2>/dev/null || true
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

wait_for_port() {            # $1 port, $2 what; at most 60 s
    local i
    for ((i = 0; i < 600; i++)); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    die "$2 did not listen on 127.0.0.1:$1 within 60 s"
}

# Runs a command in the background and waits for it, so a signal reaches the caller's trap at once
# and the cleanup can stop the command by its PID.
tracked() {
    local rc=0
    "$@" <&0 &
    child_pid=$!
    wait "$child_pid" || rc=$?
    child_pid=""
    return "$rc"
}

now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.6f\", $1 }"; }

count_files() {              # regular files in the given directories (non-recursive), cheaply
    local n=0 d
    for d in "$@"; do
        [[ -d "$d" ]] || continue
        n=$((n + $(find "$d" -maxdepth 1 -type f -printf . | wc -c)))
    done
    echo "$n"
}

# Waits until count_files "$2" reaches $1 or the absolute deadline $3 (date +%s.%N) passes; echoes the count.
wait_for_files() {
    local target="$1" d="$2" deadline="$3" got
    got="$(count_files "$d")"
    while ((got < target)) && [[ "$(calc "($(now) < $deadline)")" == 1.000000 ]]; do
        sleep 0.05
        got="$(count_files "$d")"
    done
    echo "$got"
}

vm_hwm() { awk '/^VmHWM:/ {print $2 " " $3}' "/proc/$1/status" 2>/dev/null; }

# A private knotd on 127.0.0.1:$2 serving zone $3 with records $4 (after SOA/NS), files under $1.
# Sets knot_pid and registers it in pids.
start_knot() {
    local d="$1" port="$2" zone="$3" records="$4"
    mkdir -p "$d/run" "$d/db"
    printf '$ORIGIN %s.\n$TTL 300\n@ SOA ns.%s. hostmaster.%s. 1 3600 600 86400 300\n@ NS ns.%s.\n%s\n' \
        "$zone" "$zone" "$zone" "$zone" "$records" > "$d/$zone.zone"
    cat > "$d/knot.conf" <<KNOT
server:
  rundir: "$d/run"
  listen: 127.0.0.1@$port
database:
  storage: "$d/db"
log:
  - target: stderr
    any: warning
template:
  - id: default
    storage: "$d"
    file: "%s.zone"
    zonefile-sync: -1
    journal-content: none
zone:
  - domain: $zone
KNOT
    knotd -c "$d/knot.conf" > "$d/knot.log" 2>&1 &
    knot_pid=$!
    pids+=("$knot_pid")
    local i
    for ((i = 0; i < 100; i++)); do
        if python3 - "$port" "$zone" <<'PY' 2>/dev/null; then return 0; fi
import socket, struct, sys
q = struct.pack(">HHHHHH", 1, 0, 1, 0, 0, 0) + b"".join(bytes([len(p)]) + p.encode() for p in sys.argv[2].split(".")) + b"\0" + struct.pack(">HH", 6, 1)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(0.2); s.sendto(q, ("127.0.0.1", int(sys.argv[1])))
r = s.recv(512); sys.exit(0 if (r[3] & 15) == 0 and struct.unpack(">H", r[6:8])[0] > 0 else 1)
PY
        sleep 0.1
    done
    cat "$d/knot.log" >&2
    die "knotd did not answer for $zone on 127.0.0.1:$port within 10 s"
}

# Postfix's smtp-sink on 127.0.0.1:$1 keeping every completed transaction as a file in $2
# (it removes the file of an aborted one). Sets sink_pid and registers it in pids.
start_sink() {
    local port="$1" capture="$2"
    mkdir -p "$capture"
    chmod 0777 "$capture"
    smtp-sink -u nobody -d "$capture/%M." "127.0.0.1:$port" 512 > "$capture.log" 2>&1 &
    sink_pid=$!
    pids+=("$sink_pid")
    wait_for_port "$port" "smtp-sink (log: $capture.log)"
}

# A self-signed certificate and key (PEM) for host $2 in directory $1: tls-cert.pem, tls-key.pem.
self_signed() {
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=$2" \
        -keyout "$1/tls-key.pem" -out "$1/tls-cert.pem" 2>/dev/null || die "openssl could not make a certificate for $2"
    chmod 600 "$1/tls-key.pem"
}
