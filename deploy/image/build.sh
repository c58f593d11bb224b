#!/usr/bin/env bash
# Builds the node's container image without a registry or a base image:
#   dotnet publish (self-contained, linux-x64) of the node and of asv, on a minimal root file system (busybox for
#   the workloads' /bin/sh, the C libraries the runtime loads), then `docker import`.
# Usage: deploy/image/build.sh [TAG]          (default actor-supervisor-node:dev; DOCKER_HOST is honoured)
# Needs the .NET SDK, docker, and /bin/busybox (Debian's busybox-static; installed when missing, as root).
# The root file system's parts come from rootfs.sh, which postgres.sh shares.
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
  --change 'EXPOSE 7411 4053' \
  --change 'ENTRYPOINT ["/opt/actor-supervisor/ActorSupervisor.Node"]' \
  --change 'CMD ["--config", "/etc/actor-supervisor/node.conf"]' \
  - "$tag" >/dev/null
log "built $tag ($(docker image inspect --format '{{.Size}}' "$tag" | awk '{printf "%.0f MB", $1/1000000}'))"
echo "$tag"
