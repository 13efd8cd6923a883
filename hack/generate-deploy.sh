#!/usr/bin/env bash
# Regenerates deploy/ (the Kustomize base and the Helm chart) from `keelson install --controller`:
# the same objects the CLI applies. DeployFilesTest fails when deploy/ and the generator differ.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rm -rf "$ROOT/deploy/kustomize" "$ROOT/deploy/helm"
"$ROOT/keelson" install --controller --write-deploy "$ROOT/deploy" >/dev/null
echo "deploy/ regenerated"
