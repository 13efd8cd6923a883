#!/usr/bin/env bash
# Builds (once) and caches kube-apiserver and kube-controller-manager v1.20.2 from Debian's
# kubernetes source package, and installs etcd. No release binaries can be downloaded on the
# machines Keelson is developed on, so the control plane is built from source.
# Prints the directory holding kube-apiserver, kube-controller-manager and etcd as its last line.
set -euo pipefail
KUBE_VERSION=1.20.2
CACHE=${KEELSON_CACHE:-$HOME/.cache/keelson}
BIN=$CACHE/kube-$KUBE_VERSION/bin
W=$CACHE/kube-build
log() { echo "[kube-binaries] $*" >&2; }

# What this script's build changes beyond the upstream tree; a cache built otherwise is rebuilt.
BUILD_ID="v1.20.2+reflect2-1.0.2+json-iterator-1.1.12"

need_pkgs=()
command -v go >/dev/null || need_pkgs+=(golang-go)
command -v etcd >/dev/null || need_pkgs+=(etcd-server)
command -v rsync >/dev/null || need_pkgs+=(rsync)
command -v openssl >/dev/null || need_pkgs+=(openssl)
command -v git >/dev/null || need_pkgs+=(git)
# Kubernetes 1.20 vendors modern-go/reflect2 1.0.1, whose map iteration crashes the apiserver
# (SIGSEGV in json-iterator) when built with Go >= 1.18; 1.0.2 fixes it and Debian ships it.
# json-iterator is moved to 1.1.12 with it, the release made for Go 1.18 alongside reflect2 1.0.2.
# Known left: this build's apiserver stores an empty string in a custom resource as null (its
# CRD schema then rejects it); Keelson's own status never writes empty strings.
REFLECT2=/usr/share/gocode/src/github.com/modern-go/reflect2
JSONITER=/usr/share/gocode/src/github.com/json-iterator/go
[ -f "$REFLECT2/go_above_118.go" ] || need_pkgs+=(golang-github-modern-go-reflect2-dev)
[ -f "$JSONITER/adapter.go" ] || need_pkgs+=(golang-github-json-iterator-go-dev)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  log "installing ${need_pkgs[*]} (apt)"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
fi

if [ ! -x "$BIN/kube-apiserver" ] || [ ! -x "$BIN/kube-controller-manager" ] \
   || [ "$(cat "$BIN/BUILD_ID" 2>/dev/null)" != "$BUILD_ID" ]; then
  mkdir -p "$W/lists/partial" "$BIN"
  src=$W/kubernetes-$KUBE_VERSION
  if [ ! -d "$src" ]; then
    uri=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    [ -n "$uri" ] || uri=$(awk '/^deb /{print $2; exit}' /etc/apt/sources.list)
    echo "deb-src $uri bookworm main" > "$W/src.list"
    APT=(-o Dir::Etc::SourceList="$W/src.list" -o Dir::Etc::SourceParts=/dev/null -o Dir::State::Lists="$W/lists")
    log "downloading Debian's kubernetes source package"
    apt-get "${APT[@]}" update -qq
    (cd "$W" && apt-get "${APT[@]}" source --download-only kubernetes >/dev/null)
    log "unpacking"
    tar xzf "$W"/kubernetes_*.orig.tar.gz -C "$W"
  fi
  rm -rf "$src/vendor/github.com/modern-go/reflect2"
  cp -r "$REFLECT2" "$src/vendor/github.com/modern-go/reflect2"
  rm -rf "$src/vendor/github.com/json-iterator/go"
  cp -r "$JSONITER" "$src/vendor/github.com/json-iterator/go"
  rm -f "$src/vendor/github.com/modern-go/reflect2/go.mod" "$src/vendor/github.com/json-iterator/go/go.mod" "$src/vendor/github.com/json-iterator/go/go.sum"
  log "building kube-apiserver and kube-controller-manager (about 7 minutes on 2 cores, once)"
  rm -rf "$src/_output"
  (cd "$src" && env HOME="$W/home" GOCACHE="$W/gocache" GOFLAGS= \
     make WHAT="cmd/kube-apiserver cmd/kube-controller-manager" 2>&1 | while IFS= read -r l; do log "  $l"; done)
  cp "$src/_output/bin/kube-apiserver" "$src/_output/bin/kube-controller-manager" "$BIN/"
  echo "$BUILD_ID" > "$BIN/BUILD_ID"
  log "built; removing the build tree"
  rm -rf "$src" "$W/gocache" "$W/home"
fi
ln -sf "$(command -v etcd)" "$BIN/etcd"
ln -sf "$(command -v kubectl)" "$BIN/kubectl" 2>/dev/null || true
# fabric8 kube-api-test looks for binaries here
d=$HOME/.kubeapitest/k8s/$KUBE_VERSION-linux-amd64
mkdir -p "$d"
ln -sf "$BIN/kube-apiserver" "$d/kube-apiserver"
ln -sf "$(command -v etcd)" "$d/etcd"
[ -n "$(command -v kubectl)" ] && ln -sf "$(command -v kubectl)" "$d/kubectl"
echo "$BIN"
