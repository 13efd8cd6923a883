#!/usr/bin/env bash
# The quickstart: a local control plane, Keelson's CRDs, an example Git repository, the example
# Applications, and the controller; then it shows the apps until they are Synced and Healthy.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DEMO=${KEELSON_HOME:-$HOME/.keelson}/demo
K="$ROOT/keelson"

if ! command -v kubectl >/dev/null; then
  echo "[quickstart] installing kubectl (apt: kubernetes-client)"
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq kubernetes-client >/dev/null
fi

echo "[quickstart] starting the local cluster"
KUBECONFIG=$("$K" local-cluster up | tail -n 1)
export KUBECONFIG
echo "[quickstart] kubeconfig: $KUBECONFIG"

"$K" install

echo "[quickstart] creating the example Git repository in $DEMO/repo"
mkdir -p "$DEMO"
if [ ! -d "$DEMO/repo/.git" ]; then
  cp -r "$ROOT/examples/demo-repo" "$DEMO/repo"
  git -C "$DEMO/repo" init -q -b main
  git -C "$DEMO/repo" add -A
  git -C "$DEMO/repo" -c user.name=keelson -c user.email=demo@keelson.dev commit -q -m "Example applications"
fi
# examples added since the repository was made are added to it; changes made there are kept
for example in "$ROOT"/examples/demo-repo/*/; do
  name=$(basename "$example")
  if [ ! -e "$DEMO/repo/$name" ]; then
    cp -r "$example" "$DEMO/repo/$name"
    git -C "$DEMO/repo" add -A "$name"
    git -C "$DEMO/repo" -c user.name=keelson -c user.email=demo@keelson.dev commit -q -m "Example $name"
  fi
done
sed "s#REPO_URL#file://$DEMO/repo#" "$ROOT/examples/applications.yaml" | kubectl apply -f -

if [ -f "$DEMO/controller.pid" ] && kill -0 "$(cat "$DEMO/controller.pid")" 2>/dev/null; then
  echo "[quickstart] the controller is already running (pid $(cat "$DEMO/controller.pid"))"
else
  echo "[quickstart] starting the controller (log: $DEMO/controller.log)"
  # the API and the UI in the same process, with local accounts: admin's first password is
  # generated into the Secret keelson-initial-admin of the controller's namespace
  kubectl create namespace keelson-system --dry-run=client -o yaml | kubectl apply -f - >/dev/null
  nohup "$K" controller --metrics-port "${KEELSON_METRICS_PORT:-9090}" \
    --with-server --port "${KEELSON_API_PORT:-8080}" > "$DEMO/controller.log" 2>&1 &
  echo $! > "$DEMO/controller.pid"
fi

want=$(grep -c '^kind: Application$' "$ROOT/examples/applications.yaml")
echo "[quickstart] waiting for the $want apps to be Synced and Healthy"
deadline=$((SECONDS + 300))
while :; do
  out=$("$K" app list -A || true)
  echo "$out"; echo
  if [ "$(echo "$out" | awk 'NR>1 && $3=="Synced" && $4=="Healthy"' | wc -l)" -ge "$want" ]; then break; fi
  if [ $SECONDS -gt $deadline ]; then echo "[quickstart] not converged after 5 minutes; see $DEMO/controller.log" >&2; exit 1; fi
  sleep 3
done
cat <<TXT
[quickstart] done. Try:
  export KUBECONFIG=$KUBECONFIG
  ./keelson app get guestbook -n default
  # change the repo and watch it land:
  sed -i 's/replicas: 2/replicas: 3/' $DEMO/repo/guestbook/deployment.yaml
  git -C $DEMO/repo commit -am "scale guestbook" && ./keelson app sync guestbook -n default
  kubectl -n guestbook scale deployment guestbook-ui --replicas 5   # reverted within seconds (selfHeal)
  ./keelson app diff guestbook -n default; ./keelson app history guestbook -n default
UI: http://127.0.0.1:${KEELSON_API_PORT:-8080}/  (log in as admin; the password:
  kubectl -n keelson-system get secret keelson-initial-admin -o jsonpath='{.data.password}' | base64 -d)
API: http://127.0.0.1:${KEELSON_API_PORT:-8080}/api/v1/applications (OpenAPI: /api/v1/openapi.json), with the token
  POST /api/v1/session {"username":"admin","password":"..."} returns, as Authorization: Bearer TOKEN
Stop: kill \$(cat $DEMO/controller.pid); ./keelson local-cluster down
TXT
