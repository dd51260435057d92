#!/usr/bin/env bash
# Runs every test of the project with the current JAVA_HOME (or the java on the PATH):
#
#   ./test.sh                     ./mvnw -B -ntp verify
#   ./test.sh -pl fastws-test     extra arguments go to Maven, before the goal
#   ./test.sh clean               a clean build
#   ./test.sh --packages-only     only install the packages the tests need
#
# The browser tests need Debian's chromium and chromium-driver, the Redis tests redis-server: the missing
# ones are installed first with apt-get (through sudo when not root).
set -euo pipefail
cd "$(dirname "$0")"

install_missing_packages() {
	local missing=()
	[ -x /usr/bin/chromium ] || missing+=(chromium)
	[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
	[ -x /usr/bin/redis-server ] || missing+=(redis-server)
	[ ${#missing[@]} -gt 0 ] || return 0
	if ! command -v apt-get >/dev/null; then
		echo "=== missing ${missing[*]}, and no apt-get to install them: the tests that need them will fail" >&2
		return 0
	fi
	local sudo=()
	[ "$(id -u)" -eq 0 ] || sudo=(sudo)
	echo "=== installing ${missing[*]}"
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
}

install_missing_packages
if [ "${1:-}" = "--packages-only" ]; then
	exit 0
fi
exec ./mvnw -B -ntp "$@" verify
