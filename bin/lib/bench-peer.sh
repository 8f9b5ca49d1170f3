# The Debian peer of the bench-* scripts (sourced, after bench-common.sh): private Postfix instances
# (own config_directory, queue_directory, data_directory; started as root, running as postfix) and a
# private Dovecot doing LMTP into a maildir. Processes are registered in pids and stopped by PID.

# The Postfix master.cf for a private instance: smtpd on 127.0.0.1:$1, the usual services, no chroot.
postfix_master_cf() {
    cat <<MASTER
127.0.0.1:$1 inet n - n - - smtpd
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
MASTER
}

# A private Postfix under $1 (conf/, queue/, data/) with smtpd on 127.0.0.1:$2, host name $3, and the
# extra main.cf lines in $4; started, its master's PID registered in pids.
start_postfix() {
    local d="$1" port="$2" name="$3" extra="$4" pid
    mkdir -p "$d/conf" "$d/queue" "$d/data"
    chown postfix:postfix "$d/data"
    cat > "$d/conf/main.cf" <<MAIN
compatibility_level = 3.6
queue_directory = $d/queue
data_directory = $d/data
mail_owner = postfix
setgid_group = postdrop
myhostname = $name
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
alias_maps =
alias_database =
biff = no
maillog_file = $d/postfix.log
maillog_file_prefixes = $d
$extra
MAIN
    postfix_master_cf "$port" > "$d/conf/master.cf"
    postfix -c "$d/conf" start > "$d/start.log" 2>&1 || { cat "$d/start.log" "$d/postfix.log" >&2 2>/dev/null; die "Postfix in $d did not start"; }
    pid="$(tr -dc 0-9 < "$d/queue/pid/master.pid")"
    [[ -n "$pid" ]] && pids+=("$pid")
    wait_for_port "$port" "Postfix smtpd (log: $d/postfix.log)"
}

# A private Dovecot under $1 doing LMTP (UNIX socket $1/run/lmtp, usable by postfix) into
# maildirs $1/mail/LOCALPART, owned by an otherwise unused uid, mail_fsync = always.
start_dovecot_lmtp() {
    local d="$1" uid=64917 i
    mkdir -p "$d/run" "$d/state" "$d/mail"
    while getent passwd "$uid" >/dev/null || getent group "$uid" >/dev/null; do
        uid=$((uid + 1))
        ((uid < 65000)) || die "no free uid between 64917 and 65000 for the peer's mail owner"
    done
    chown "$uid:$uid" "$d/mail"
    cat > "$d/dovecot.conf" <<DOVE
instance_name = $bench_name-$$
base_dir = $d/run
state_dir = $d/state
log_path = $d/dovecot.log
protocols = lmtp
listen = 127.0.0.1
ssl = no
default_internal_user = dovecot
default_login_user = dovenull
first_valid_uid = $uid
last_valid_uid = $uid
first_valid_gid = $uid
last_valid_gid = $uid
mail_location = maildir:$d/mail/%n
mail_fsync = always
passdb {
  driver = static
  args = nopassword=y
}
userdb {
  driver = static
  args = uid=$uid gid=$uid home=$d/mail/%n allow_all_users=yes
}
service lmtp {
  unix_listener lmtp {
    user = postfix
    group = postfix
    mode = 0600
  }
}
DOVE
    dovecot -F -c "$d/dovecot.conf" > "$d/dovecot.stdout" 2>&1 &
    pids+=("$!")
    for ((i = 0; i < 100; i++)); do [[ -S "$d/run/lmtp" ]] && return 0; sleep 0.1; done
    cat "$d/dovecot.stdout" "$d/dovecot.log" >&2 2>/dev/null
    die "Dovecot did not create its LMTP socket within 10 s"
}
