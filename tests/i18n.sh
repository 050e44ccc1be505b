#!/bin/sh
# Every interface string marked for translation has a Thai translation in
# po/th.po, and the catalogue compiles cleanly.
set -u
pass=0 fail=0
tmp=$(mktemp -d /tmp/rianru-i18n.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
check() {
	if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "not ok - i18n: $name"; fi
}
xgettext --keyword=tr:2 --keyword=N_ --keyword=login_msg:3 --from-code=UTF-8 --no-location \
    -o "$tmp/rianru.pot" tui/*/*.c
name="template extracted"; check test -s "$tmp/rianru.pot"
msgmerge -q --no-fuzzy-matching -o "$tmp/th.po" po/th.po "$tmp/rianru.pot"
stats=$(msgfmt --check --statistics -o "$tmp/th.mo" "$tmp/th.po" 2>&1)
echo "$stats"
name="catalogue compiles"; check test -s "$tmp/th.mo"
name="statistics read"; check sh -c "echo '$stats' | grep -q 'translated message'"
name="no untranslated string"; check sh -c "! echo '$stats' | grep -q untranslated"
name="no fuzzy string"; check sh -c "! echo '$stats' | grep -q fuzzy"
# groff drops Thai vowel and tone marks (เรียนรู้ prints as เรยนร), so the
# manual page names Thai nothing it would print wrong; README and docs/ do.
name="man page has no Thai groff would mangle"
thai=$(printf '\340\270\|\340\271')	# UTF-8 lead bytes of U+0E00-U+0E7F
check sh -c "! LC_ALL=C grep -q '$thai' docs/rianru.1"
echo "i18n: $pass passed, $fail failed"
[ $fail -eq 0 ]
