#!/bin/sh
# The layers of lib/, lowest first: a file may include headers of its own
# folder and of folders below it, never above (docs/architecture.md).
# lib/ never includes curses; tui/cli never includes curses directly.
# Each wrapped library is included by its one module only.
set -u
LAYERS="base text content store sync learn report config"
rank() {
	i=0
	for l in $LAYERS; do
		[ "$l" = "$1" ] && { echo $i; return; }
		i=$((i + 1))
	done
	echo -1
}
bad=0
for f in lib/*/*.[ch]; do
	d=${f#lib/}; d=${d%%/*}
	r=$(rank "$d")
	if [ "$r" -lt 0 ]; then
		echo "$f: folder '$d' is not a layer (scripts/check-layering.sh)"
		bad=1; continue
	fi
	for inc in $(sed -n 's/^#include "\([a-z_]*\)\/.*/\1/p' "$f" | sort -u); do
		ri=$(rank "$inc")
		if [ "$ri" -lt 0 ] || [ "$ri" -gt "$r" ]; then
			echo "$f: includes $inc/ from layer $d (layers, lowest first: $LAYERS)"
			bad=1
		fi
	done
done
# One module wraps each of these libraries (docs/architecture.md): no
# other file of lib/ or tui/ includes its header.
for rule in jansson.h:lib/base/json.c yaml.h:lib/content/ytree.c \
    curl/:lib/sync/http.c libxml/:lib/content/import_mxml.c; do
	hdr=${rule%%:*} owner=${rule#*:}
	for f in $(grep -l "^#include <$hdr" lib/*/*.[ch] tui/*/*.[ch]); do
		[ "$f" = "$owner" ] && continue
		echo "$f: includes <$hdr>; only $owner may (use its header)"
		bad=1
	done
done
if grep -n 'include <n\?curses' lib/*/*.[ch] tui/cli/*.[ch]; then
	echo "lib/ and tui/cli/ must not use curses"
	bad=1
fi
exit $bad
