#!/usr/bin/env bash
# Makes the certificates of remoting's mutual TLS (docs/interop.md) with openssl, for deploy/kubernetes:
#   deploy/kubernetes/make-certificates.sh DIR NAMESPACE [CLIENT...]
# In DIR (created 0700; an existing ca.key there is reused, so run it again to add clients):
#   ca.crt, ca.key            the cluster's authority (EC P-256, 5 years); keep ca.key off the cluster
#   keystore.p12              the nodes' certificate and key (PKCS#12; DNS names *.asv.NAMESPACE.svc.cluster.local)
#   keystore-password         its password (ASV_CLUSTER_TLS_PASSWORD unless set, else 24 random bytes in hex)
#   CLIENT.p12                a certificate for each foreign actor system that may connect (same password)
# Key files are 0600. Then:
#   kubectl create secret generic asv-tls --from-file=keystore.p12=DIR/keystore.p12 --from-file=ca.crt=DIR/ca.crt
# and put DIR/keystore-password into the asv-secrets Secret as tls-password (secret.example.yaml).
set -euo pipefail

dir=${1:-}
namespace=${2:-}
if [[ -z "$dir" || -z "$namespace" ]]; then
  echo "usage: $0 DIR NAMESPACE [CLIENT...]" >&2
  exit 2
fi
shift 2
umask 077
mkdir -p "$dir"
chmod 0700 "$dir"
cd "$dir"

if [[ ! -f keystore-password ]]; then
  printf '%s\n' "${ASV_CLUSTER_TLS_PASSWORD:-$(openssl rand -hex 24)}" > keystore-password
fi

if [[ ! -f ca.key ]]; then
  openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.crt -days 1826 \
    -subj "/CN=asv-cluster-ca" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  chmod 0644 ca.crt
fi

# issue NAME FILE [SAN]: a certificate for both TLS ends (a node is a server to those who connect and a client to
# those it connects to), signed by ca.key, exported with its key as FILE.
issue() {
  local name=$1 file=$2 san=${3:-}
  local work
  work=$(mktemp -d)
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/key.pem" -out "$work/req.csr" \
    -subj "/CN=$name" 2>/dev/null
  {
    echo "basicConstraints=critical,CA:FALSE"
    echo "keyUsage=critical,digitalSignature"
    echo "extendedKeyUsage=serverAuth,clientAuth"
    if [[ -n "$san" ]]; then echo "subjectAltName=$san"; fi
  } > "$work/ext.cnf"
  openssl x509 -req -in "$work/req.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -out "$work/cert.pem" -days 397 \
    -extfile "$work/ext.cnf" 2>/dev/null
  # OpenSSL 3 encrypts PKCS#12 with AES-256 and PBKDF2, which .NET reads.
  openssl pkcs12 -export -inkey "$work/key.pem" -in "$work/cert.pem" -certfile ca.crt -name "$name" \
    -passout file:keystore-password -out "$file"
  rm -rf "$work"
}

issue asv-node keystore.p12 "DNS:*.asv.$namespace.svc.cluster.local,DNS:asv.$namespace.svc.cluster.local"
for client in "$@"; do
  issue "$client" "$client.p12"
done
rm -f ca.srl
made="ca.crt ca.key keystore.p12 keystore-password"
for client in "$@"; do made+=" $client.p12"; done
echo "made in $(pwd): $made" >&2
