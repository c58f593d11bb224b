#!/usr/bin/env bash
# What the image scripts here (build.sh: the node, postgres.sh: PostgreSQL) share to lay out a minimal root file
# system from this machine's files; sourced, never run. Every file keeps its path, so binaries find their libraries,
# modules and data where they were built to look.

# rootfs_busybox FS: busybox as /bin/sh and the usual tools (Debian's busybox-static; installed when missing, as root).
rootfs_busybox() {
  local fs=$1 applet
  if [[ ! -x /bin/busybox ]]; then
    echo "image: installing busybox-static" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends busybox-static >&2
  fi
  mkdir -p "$fs/bin" "$fs/tmp" "$fs/proc" "$fs/sys" "$fs/dev" "$fs/etc"
  chmod 1777 "$fs/tmp"
  cp /bin/busybox "$fs/bin/busybox"
  for applet in $(/bin/busybox --list); do
    [[ -e "$fs/bin/$applet" ]] || ln -s busybox "$fs/bin/$applet"
  done
}

# rootfs_files FS PATH...: copies each existing PATH (a file, or a directory with its contents) into FS at the same
# path, following symbolic links.
rootfs_files() {
  local fs=$1 path
  shift
  for path in "$@"; do
    [[ -e "$path" ]] || continue
    mkdir -p "$fs$(dirname "$path")"
    cp -rL "$path" "$fs$path"
  done
}

# rootfs_libraries FS BINARY...: copies the shared libraries ldd names for each BINARY, and the dynamic loader.
rootfs_libraries() {
  local fs=$1 binary
  shift
  # shellcheck disable=SC2046 # one path a line, none with spaces
  rootfs_files "$fs" $(
    for binary in "$@"; do
      ldd "$binary" 2>/dev/null | awk '/=> \//{print $3} /^\s*\/lib/{print $1}'
    done | sort -u
  ) /lib64/ld-linux-x86-64.so.2
}
