#!/bin/sh
# rianru pin-hash on a terminal: the PIN is not shown as it is typed, and
# it is asked twice; two different PINs hash nothing.
. tests/e2e/lib.sh

# wait (up to 10 s) for the prompt, which goes to stderr
prompted() {
	n=100
	while [ $n -gt 0 ]; do
		c=$(grep -c "$1" "$E2E_TMP/stderr" 2>/dev/null)	# none yet: no file
		[ "${c:-0}" -ge "${2:-1}" ] && return 0
		sleep 0.1
		n=$((n - 1))
	done
	cat "$E2E_TMP/stderr" >&2
	return 1
}

e2e_start pin-hash
e2e_check "asks for the PIN" prompted "PIN: "
keys 482915 Enter
e2e_check "asks again" prompted "PIN again: "
e2e_check "the PIN typed is not on the screen" screen_lacks 482915
keys 482915 Enter
e2e_check "prints the hash" wait_for '$argon2id$'
e2e_check "and exits 0" wait_for "[exit 0]"
e2e_check "the PIN never showed" screen_lacks 482915

e2e_start pin-hash
e2e_check "asks for the PIN (2)" prompted "PIN: "
keys 482915 Enter
e2e_check "asks again (2)" prompted "PIN again: "
keys 482916 Enter
e2e_check "two different PINs: exit 1" wait_for "[exit 1]"
e2e_check "two different PINs: said" prompted "the two PINs differ"
e2e_check "two different PINs: no hash" screen_lacks '$argon2id$'

e2e_done
