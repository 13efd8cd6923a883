#!/usr/bin/env bash
# Runs the whole test suite: unit tests and the integration tests against a real control plane
# (etcd + kube-apiserver + kube-controller-manager, started by the tests on loopback).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
pkgs=()
command -v java >/dev/null || pkgs+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || pkgs+=(maven)
command -v git >/dev/null || pkgs+=(git)
command -v openssl >/dev/null || pkgs+=(openssl)
# The OCI registry the Helm chart tests push to and pull from (keelson-helm's HelmOciChartTest).
[ -x /usr/bin/docker-registry ] || pkgs+=(docker-registry)
# The real age and gpg make and open the SOPS test files (keelson-secrets).
command -v age >/dev/null || pkgs+=(age)
command -v gpg >/dev/null || pkgs+=(gnupg)
# The real Prometheus the prometheus analysis provider is tested against (keelson-rollouts).
[ -x /usr/bin/prometheus ] || pkgs+=(prometheus)
# The web UI is built and unit-tested with npm (keelson-ui), its end-to-end tests drive headless Chromium.
command -v npm >/dev/null || pkgs+=(nodejs npm)
[ -x /usr/bin/chromium ] || pkgs+=(chromium)
[ -x /usr/bin/chromedriver ] || pkgs+=(chromium-driver)
if [ ${#pkgs[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${pkgs[@]}" >/dev/null
fi
if ! command -v kubectl >/dev/null && ! command -v kustomize >/dev/null; then
  echo "warning: neither kubectl nor kustomize is installed; Kustomize rendering tests will fail" >&2
fi
KEELSON_KUBE_BIN=$(hack/kube-binaries.sh)
export KEELSON_KUBE_BIN
exec mvn -B -ntp verify "$@"
