#!/usr/bin/env bash
# Builds the node's container image without a registry or a base image:
#   dotnet publish (self-contained, linux-x64) of the node and of asv, on a minimal root file system (busybox for
#   the workloads' /bin/sh, the C libraries the runtime loads), then `docker import`.
# Usage: deploy/image/build.sh [TAG]          (default actor-supervisor-node:dev; DOCKER_HOST is honoured)
# Needs the .NET SDK, docker, and /bin/busybox (Debian's busybox-static; installed when missing, as root).
# The root file system's parts come from rootfs.sh, which postgres.sh shares.
# With ASV_IMAGE_REUSE=1 an image already tagged TAG on that engine and built from the same sources (its label
# org.actor-supervisor.sources) is kept: the tests that need the image share one build. Concurrent builds of one tag
# on one engine take turns (a lock under /tmp), so the second one finds the first's image.
set -euo pipefail
tag=${1:-actor-supervisor-node:dev}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d /tmp/asv-image.XXXXXX)
trap 'rm -rf "$work"' EXIT
fs="$work/rootfs"
app="$fs/opt/actor-supervisor"

log() { echo "image: $*" >&2; }
# shellcheck source=deploy/image/rootfs.sh
source "$root/deploy/image/rootfs.sh"

# What the image is made of, for ASV_IMAGE_REUSE: the sources the publish reads and the files assembled below.
sources() {
  tar -C "$root" --exclude=bin --exclude=obj --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -c \
    src hocon Directory.Build.props Directory.Packages.props global.json deploy/node.conf deploy/image | sha256sum | cut -c1-16
}
if [[ "${ASV_IMAGE_REUSE:-0}" == 1 ]]; then
  exec 9> "/tmp/asv-image-$(printf '%s %s' "${DOCKER_HOST:-}" "$tag" | md5sum | cut -c1-10).lock"
  flock 9
  digest=$(sources)
  if [[ "$(docker image inspect --format '{{index .Config.Labels "org.actor-supervisor.sources"}}' "$tag" 2>/dev/null)" == "$digest" ]]; then
    log "$tag is built from these sources already"
    echo "$tag"
    exit 0
  fi
else
  digest=$(sources)
fi

# From a copy of the sources: a publish for a runtime rewrites obj/project.assets.json, which a build or test running
# in the checkout at the same time reads.
log "publishing the node and asv (self-contained, linux-x64)"
mkdir -p "$work/src"
tar -C "$root" --exclude=bin --exclude=obj -c src hocon Directory.Build.props Directory.Packages.props global.json | tar -C "$work/src" -x
for project in ActorSupervisor.Node ActorSupervisor.Cli; do
  dotnet publish "$work/src/src/$project" -c Release -r linux-x64 --self-contained -nologo -v q -clp:ErrorsOnly \
    -p:DebugType=none -p:GenerateDocumentationFile=false -o "$app" >&2
done

log "assembling the root file system"
rootfs_busybox "$fs"
mkdir -p "$fs/etc/actor-supervisor" "$fs/var/lib/actor-supervisor"
chmod 0700 "$fs/var/lib/actor-supervisor"
ln -s /opt/actor-supervisor/asv "$fs/bin/asv"
install -m 0644 "$root/deploy/node.conf" "$fs/etc/actor-supervisor/node.conf"
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' > "$fs/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$fs/etc/group"
printf 'hosts: files dns\n' > "$fs/etc/nsswitch.conf"

# The C libraries the runtime and its native parts link against, plus OpenSSL, which .NET loads by name for TLS
# (PostgreSQL over SSL), and glibc's resolver modules, which are loaded at run time, not linked.
ssl=/usr/lib/x86_64-linux-gnu/libssl.so.3
rootfs_libraries "$fs" "$app/ActorSupervisor.Node" "$app"/*.so "$ssl"
rootfs_files "$fs" "$ssl" /lib/x86_64-linux-gnu/libnss_dns.so.2 /lib/x86_64-linux-gnu/libnss_files.so.2 /lib/x86_64-linux-gnu/libresolv.so.2

log "importing as $tag"
tar -C "$fs" --numeric-owner -c . | docker import \
  --change 'ENV PATH=/opt/actor-supervisor:/bin ASV_DATA_DIR=/var/lib/actor-supervisor DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1' \
  --change 'WORKDIR /var/lib/actor-supervisor' \
  --change "LABEL org.actor-supervisor.sources=$digest" \
  --change 'EXPOSE 7411 4053' \
  --change 'ENTRYPOINT ["/opt/actor-supervisor/ActorSupervisor.Node"]' \
  --change 'CMD ["--config", "/etc/actor-supervisor/node.conf"]' \
  - "$tag" >/dev/null
log "built $tag ($(docker image inspect --format '{{.Size}}' "$tag" | awk '{printf "%.0f MB", $1/1000000}'))"
echo "$tag"
