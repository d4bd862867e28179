#!/usr/bin/env bash
# A one-node Slurm cluster on this machine (slurmctld + slurmd on localhost), the way Slurm's own
# users test job scripts: Debian's slurmctld, slurmd, slurm-client and munge packages, installed
# with --no-install-recommends, run as root without systemd or cgroups (proctrack/linuxproc,
# task/none). test/slurm.test.ts submits docs/scale.md's Slurm recipe to it; .ci/run starts it.
#
# Usage (as root):
#   scripts/slurm-local.sh start    install what is missing, write the configuration, start munged,
#                                   slurmctld and slurmd, wait until the node is idle
#   scripts/slurm-local.sh stop     stop the daemons this script started (by their pid files)
#   scripts/slurm-local.sh status   sinfo
# The daemons' pid files and logs are under $SLURM_LOCAL_DIR (default /var/lib/fralign-slurm).
set -euo pipefail
state="${SLURM_LOCAL_DIR:-/var/lib/fralign-slurm}"
conf=/etc/slurm/slurm.conf

need_root() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "slurm-local.sh: must run as root (it installs packages and starts daemons)" >&2
    exit 2
  fi
}

install_packages() {
  if command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v sbatch >/dev/null && command -v munged >/dev/null; then
    return
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurmctld slurmd slurm-client munge >/dev/null
}

start_munge() {
  if munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then return; fi
  install -d -o munge -g munge -m 0700 /etc/munge /var/lib/munge /var/log/munge
  install -d -o munge -g munge -m 0755 /run/munge
  if [ ! -s /etc/munge/munge.key ]; then
    dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
  fi
  chown munge:munge /etc/munge/munge.key
  chmod 400 /etc/munge/munge.key
  runuser -u munge -- munged --pid-file=/run/munge/munged.pid
  for _ in $(seq 50); do
    munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && return
    sleep 0.1
  done
  echo "slurm-local.sh: munged did not answer (munge -n | unmunge)" >&2
  exit 1
}

write_config() {
  local host cpus mem
  host="$(hostname -s)"
  cpus="$(nproc)"
  mem=$(( $(awk '/MemTotal/ { print int($2 / 1024) }' /proc/meminfo) * 8 / 10 ))
  mkdir -p /etc/slurm "$state/ctld" "$state/d" "$state/log"
  cat >"$conf" <<EOF
# Written by fralign's scripts/slurm-local.sh: a one-node cluster for testing job scripts.
ClusterName=fralign-local
SlurmctldHost=$host
SlurmUser=root
AuthType=auth/munge
CredType=cred/munge
# A requeued job may start again only after the credential lifetime (default 120 s); short here.
AuthInfo=cred_expire=10
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ReturnToService=2
MpiDefault=none
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/d
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
SlurmctldLogFile=$state/log/slurmctld.log
SlurmdLogFile=$state/log/slurmd.log
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=1
MinJobAge=600
NodeName=$host CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=local Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
}

running() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

start() {
  need_root
  install_packages
  start_munge
  write_config
  running "$state/slurmctld.pid" || slurmctld
  running "$state/slurmd.pid" || slurmd
  local host
  host="$(hostname -s)"
  for _ in $(seq 60); do
    if sinfo -h -n "$host" -o '%t' 2>/dev/null | grep -qx 'idle\|mix\|alloc'; then
      sinfo
      return
    fi
    sleep 0.5
  done
  echo "slurm-local.sh: node $host is not idle after 30 s; sinfo says: $(sinfo -h -o '%t %E' 2>&1 | head -1); logs in $state/log" >&2
  exit 1
}

stop() {
  need_root
  local pidfile
  for pidfile in "$state/slurmd.pid" "$state/slurmctld.pid" /run/munge/munged.pid; do
    if running "$pidfile"; then
      kill "$(cat "$pidfile")"
    fi
  done
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) sinfo ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
