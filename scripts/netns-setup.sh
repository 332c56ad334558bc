#!/usr/bin/env bash
# Runs inside a fresh network namespace (started by scripts/run-browser-tests.sh through
# `unshare -n` / `unshare -rn`): builds the confined network of WEBRTC-TESTS.md "The recipe",
# checks it, then execs the command given as arguments.
#
# The namespace holds lo and a veth pair whose both ends live here: veth0 10.200.0.1/24 carries
# the default route (Chromium gathers host candidates only on the default-route interface, and
# only if it has carrier), veth1 has no address, so anything addressed outside dies here.
set -euo pipefail

readonly NETNS_ADDRESS=10.200.0.1
readonly NETNS_PREFIX=24

die () {
  echo "netns-setup: $*; refusing to run the browser tests" >&2
  exit 1
}

command -v ip > /dev/null || die "'ip' (Debian package iproute2) is missing"

# A new namespace starts with only a down lo. Anything more means we are not where we think.
links=$(ip -o link show | awk -F': ' '{ print $2 }' | sed 's/@.*//' | sort | tr '\n' ' ')
[ "$links" = "lo " ] || die "expected a fresh namespace holding only lo, found: $links"

ip link set lo up
ip link add veth0 type veth peer name veth1
# No IPv6 link-local addresses: the only addresses here are the ones checked below.
ip link set veth0 addrgenmode none
ip link set veth1 addrgenmode none
ip addr add "$NETNS_ADDRESS/$NETNS_PREFIX" dev veth0
ip link set veth0 up
ip link set veth1 up
ip route add default dev veth0

# Nothing answers ARP on veth0 (veth1 has no address), so a packet to any outside address fails
# as EHOSTUNREACH once neighbour resolution gives up: one probe after 100 ms instead of three
# after 1 s each keeps that failure fast. Best effort: the confinement holds without it.
for setting in mcast_solicit:1 ucast_solicit:1 retrans_time_ms:100; do
  echo "${setting#*:}" 2> /dev/null > "/proc/sys/net/ipv4/neigh/veth0/${setting%%:*}" || true
done

# The only addresses allowed: loopback and our own veth0 address. Checked after setup, not
# assumed from it, so a kernel or distribution that adds addresses by itself is caught.
expected=$(printf '%s\n' "lo inet 127.0.0.1/8" "lo inet6 ::1/128" "veth0 inet $NETNS_ADDRESS/$NETNS_PREFIX" | sort)
actual=$(ip -o addr show | awk '{ print $2, $3, $4 }' | sort)
if [ "$actual" != "$expected" ]; then
  echo "netns-setup: addresses found:" >&2
  echo "$actual" >&2
  die "expected exactly: $(echo "$expected" | tr '\n' ';')"
fi
links=$(ip -o link show | awk -F': ' '{ print $2 }' | sed 's/@.*//' | sort | tr '\n' ' ')
[ "$links" = "lo veth0 veth1 " ] || die "expected links lo veth0 veth1, found: $links"

# Read by test/browser/support/netns.ts: launchChromium() refuses to start without it.
export FERRY_BROWSER_NETNS=confined
export FERRY_BROWSER_NETNS_ADDRESS="$NETNS_ADDRESS"
exec "$@"
