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
# One closing line for the whole run, whatever step it ended at.
trap 'node electron/scripts/test-summary.mjs "$REPORTS"' EXIT
vitest() { npx vitest run --project "$1" --reporter=default --reporter=json --outputFile.json="$REPORTS/vitest-$1.json"; }

step "npm dependencies and build"
node electron/scripts/bootstrap.mjs --force

step "lint"
npx eslint --max-warnings 0 .
step "typecheck"
npx tsc -b

step "unit tests"
vitest unit
step "integration tests (real OpenSSH on loopback)"
vitest integration
step "e2e tests (browser mode in Debian's Chromium; Electron where its binary exists)"
PLAYWRIGHT_JSON_OUTPUT_NAME="$PWD/$REPORTS/playwright.json" npx playwright test --config e2e/playwright.config.ts --reporter=list,json
if [ "${CLUSTERDECK_SKIP_LAB:-0}" = 1 ]; then
  echo "lab tests skipped (CLUSTERDECK_SKIP_LAB=1)"
else
  step "lab tests (qemu hosts)"
  vitest lab
fi
