#!/usr/bin/env bash
# Makes what docker-compose.yml needs beside the images, in this folder (or DIR), once:
#   ./certs   the cluster's authority and the nodes' keystore.p12 (deploy/kubernetes/make-certificates.sh; 0700)
#   ./.env    ASV_TOKEN (the API's token), POSTGRES_PASSWORD, ASV_CLUSTER_TLS_PASSWORD (the keystore's), 0600
# Usage: deploy/compose/setup.sh [DIR]. An existing .env or certs is kept; delete them to start over.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
dir=${1:-$here}
cd "$dir"
umask 077
if [[ ! -f certs/keystore.p12 ]]; then
  "$here/../kubernetes/make-certificates.sh" certs compose
fi
if [[ ! -f .env ]]; then
  {
    echo "ASV_TOKEN=$(openssl rand -hex 24)"
    echo "POSTGRES_PASSWORD=$(openssl rand -hex 24)"
    echo "ASV_CLUSTER_TLS_PASSWORD=$(cat certs/keystore-password)"
  } > .env
  echo "wrote $dir/.env (0600)" >&2
fi
