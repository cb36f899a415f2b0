# bin/test.d/demo-lakehouse.bash — sourced by 40-ui.run and 50-notebooks.run (not a set-up step:
# bin/test sources only *.sh). pr_demo_lakehouse prints the path of a 2,000-firm demo lakehouse,
# building it once with `bin/policyreach demo --no-serve` and rebuilding when the CLI jar changed.
# POLICYREACH_TEST_LAKEHOUSE overrides the path (an existing lakehouse is then used as it is).
pr_demo_lakehouse() {
  local root lh stamp want fd
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  if [ -n "${POLICYREACH_TEST_LAKEHOUSE:-}" ]; then
    echo "$POLICYREACH_TEST_LAKEHOUSE"
    return 0
  fi
  lh="$root/target/test-lakehouse-2000"
  stamp="$lh/.policyreach-demo-complete"
  mkdir -p "$root/target"
  exec {fd}>"$root/target/.test-lakehouse.lock"
  flock "$fd"
  want="$(stat -c %Y "$root/cli/target/policyreach-cli.jar" 2>/dev/null || echo none)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    rm -rf "$lh" "$lh-input"
    echo "demo-lakehouse: building $lh (bin/policyreach demo --firms 2000 --no-serve)" >&2
    if ! "$root/bin/policyreach" --lakehouse "$lh" demo --firms 2000 --out "$lh-input" --no-serve \
        >"$root/target/test-lakehouse.log" 2>&1; then
      echo "demo-lakehouse: the demo failed; the last lines of $root/target/test-lakehouse.log:" >&2
      tail -n 30 "$root/target/test-lakehouse.log" >&2
      flock -u "$fd"; exec {fd}>&-
      return 1
    fi
    if [ ! -d "$lh/meta/publications/_delta_log" ]; then
      echo "demo-lakehouse: the demo ran but published nothing ($lh/meta/publications is missing):" \
        "does this version's CLI run build and publish? See $root/target/test-lakehouse.log" >&2
      tail -n 15 "$root/target/test-lakehouse.log" >&2
      flock -u "$fd"; exec {fd}>&-
      return 1
    fi
    want="$(stat -c %Y "$root/cli/target/policyreach-cli.jar" 2>/dev/null || echo none)"
    echo "$want" >"$stamp"
  fi
  flock -u "$fd"
  exec {fd}>&-
  echo "$lh"
}

# pr_serve_start LAKEHOUSE — starts `bin/policyreach serve` on a free loopback port and waits for
# /readyz; sets PR_PORT and PR_SERVER_PID. pr_serve_stop ends that server (only that process).
pr_serve_start() {
  local root lh log i code
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  lh="$1"
  PR_PORT="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  PR_RUN_DIR="$(mktemp -d -t pr-serve.XXXXXX)"
  log="$root/target/ui-serve.log"
  mkdir -p "$root/target"
  POLICYREACH_SERVE_HEAP="${POLICYREACH_SERVE_HEAP:-1g}" "$root/bin/policyreach" serve --port "$PR_PORT" --host 127.0.0.1 \
    --lakehouse "$lh" --landing-dir "$PR_RUN_DIR/landing" --audit-dir "$PR_RUN_DIR/audit" >"$log" 2>&1 &
  PR_SERVER_PID=$!
  for i in $(seq 1 240); do
    if ! kill -0 "$PR_SERVER_PID" 2>/dev/null; then break; fi
    code="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PR_PORT/readyz" || true)"
    if [ "$code" = "200" ]; then return 0; fi
    sleep 1
  done
  echo "serve: the server did not become ready on port $PR_PORT; the last lines of $log:" >&2
  tail -n 40 "$log" >&2
  pr_serve_stop
  return 1
}

pr_serve_stop() {
  if [ -n "${PR_SERVER_PID:-}" ]; then
    kill "$PR_SERVER_PID" 2>/dev/null || true
    wait "$PR_SERVER_PID" 2>/dev/null || true
    PR_SERVER_PID=""
  fi
  if [ -n "${PR_RUN_DIR:-}" ]; then rm -rf "$PR_RUN_DIR"; PR_RUN_DIR=""; fi
}
