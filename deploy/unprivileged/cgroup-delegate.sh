#!/bin/sh
# Runs the node (the arguments) in the cgroup subtree systemd delegated to its unit (Delegate=yes), so that the process
# runtime can create its workloads' cgroups under "<the unit's cgroup>/workloads" as the unit's own user.
# cgroup v2 allows controllers (memory) in a group's children only when the group itself holds no process: this moves
# the node into the leaf "<the unit's cgroup>/node" and hands the memory controller to the unit's children first.
# On cgroup v1 systemd chowns the unit's group in each hierarchy and there is no such rule: nothing to do.
# The node's runtimes.process.cgroup-parent must be "<the unit's cgroup>/workloads" (deploy/unprivileged/node.conf).
set -eu
if [ -f /sys/fs/cgroup/cgroup.subtree_control ]; then
  unit=/sys/fs/cgroup$(sed -n 's/^0:://p' /proc/self/cgroup)
  mkdir -p "$unit/node"
  echo $$ > "$unit/node/cgroup.procs"
  if grep -qw memory "$unit/cgroup.controllers"; then
    echo +memory > "$unit/cgroup.subtree_control"
  fi
fi
# exec keeps the pid: systemd's main process (Type=notify, NotifyAccess=main) is the node.
exec "$@"
