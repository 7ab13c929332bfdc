#!/usr/bin/env bash
# The whole test suite, from a fresh clone on a fresh machine (run as root there):
# Debian packages when missing, npm dependencies, lint, typecheck, unit, integration (real
# OpenSSH), build, e2e (Debian's Chromium), and the qemu lab tests. `.ci/run` calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/../.."

step() { printf '\n==> %s\n' "$*"; }

# Debian packages the tests need: Chromium for e2e, OpenSSH server for integration tests,
# keepalived for config checks, qemu and image tools for the lab.
PKGS=(chromium openssh-server openssh-client keepalived
      qemu-system-x86 qemu-utils mmdebstrap busybox-static cpio e2fsprogs iproute2 zstd)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# The lab's image build looks the kernel package up with apt-cache: it needs package lists.
lists_empty=0
ls /var/lib/apt/lists/*_Packages* >/dev/null 2>&1 || lists_empty=1
if [ ${#missing[@]} -gt 0 ] || [ "$lists_empty" = 1 ]; then
  step "apt-get install ${missing[*]:-(package lists only)}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing Debian packages: ${missing[*]} — run as root, or: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  [ ${#missing[@]} -eq 0 ] || apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# keepalived and sshd from the packages must not run as services on the test machine.
systemctl disable --now keepalived >/dev/null 2>&1 || true

REPORTS=.cache/test-reports
rm -rf "$REPORTS"; mkdir -p "$REPORTS"
# One closing line for the whole run, whatever stage it ended at; it exits non-zero when any
# stage failed (see test-summary.mjs).
trap 'rc=$?; CLUSTERDECK_TEST_EXIT=$rc node electron/scripts/test-summary.mjs "$REPORTS" || rc=1; exit $rc' EXIT

# Every stage runs even when an earlier one failed, so a newcomer sees the whole picture; each
# stage's exit status goes to stages.tsv (name, report file or -, status) for the summary.
stage() {
  local name=$1 report=$2; shift 2
  step "$name"
  local status=0
  "$@" || status=$?
  printf '%s\t%s\t%s\n' "$name" "$report" "$status" >> "$REPORTS/stages.tsv"
}
vitest() { npx vitest run --project "$1" --reporter=default --reporter=json --outputFile.json="$REPORTS/vitest-$1.json"; }

# Without dependencies and a build nothing else can run: this one stops the run.
step "npm dependencies and build"
node electron/scripts/bootstrap.mjs --force

stage "lint" - npm run lint
stage "typecheck" - npx tsc -b
stage "Electron security review (Electronegativity)" - node electron/scripts/electronegativity.mjs
stage "unit tests" vitest-unit.json vitest unit
stage "integration tests (real OpenSSH on loopback)" vitest-integration.json vitest integration
stage "e2e tests (browser mode in Debian's Chromium; Electron where its binary exists)" playwright.json \
  env PLAYWRIGHT_JSON_OUTPUT_NAME="$PWD/$REPORTS/playwright.json" \
  npx playwright test --config e2e/playwright.config.ts --reporter=list,json
if [ "${CLUSTERDECK_SKIP_LAB:-0}" = 1 ]; then
  echo "lab tests skipped (CLUSTERDECK_SKIP_LAB=1)"
else
  stage "lab tests (qemu hosts)" vitest-lab.json vitest lab
fi
