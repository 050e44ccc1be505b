/*
 * libFuzzer harness for the signed catalogue index (content/catindex.c)
 * and minisign files (base/sign.c): any bytes parsed as an index (what
 * parses is written out and must parse again), as key files and as a
 * signature; then signed with a key made here and verified, so the
 * trusted-comment checks of catindex_verify() see fuzzed text too.
 *   build/fuzz/fuzz_catindex -dict=tests/fuzz/catindex.dict \
 *       build/fuzz/corpus-catindex tests/data/fuzz-regress/catindex
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "base/buf.h"
#include "base/err.h"
#include "base/sign.h"
#include "content/catindex.h"

/* what the seed index (tests/data/fuzz-regress/catindex) is signed with */
#define TRUSTED	"rianru-catalogue rianru sequence 1"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct sign_pub		pub;
	static struct sign_secret	sec;
	static int			have_key;
	const char			*s = (const char *)data;
	struct catindex			ix;
	struct sign_pub			p2;
	struct sign_secret		s2;
	struct buf			text, sig;
	struct err			e;
	char				trusted[SIGN_TRUSTED_MAX + 1];

	if (size > 65536)
		return 0;
	if (!have_key) {
		if (sign_keygen(&pub, &sec, &e) == -1)
			abort();
		have_key = 1;
	}
	buf_init(&text);
	buf_init(&sig);
	catindex_init(&ix);
	if (catindex_parse(s, size, &ix, &e) == 0) {
		catindex_format(&ix, &text);
		catindex_release(&ix);
		catindex_init(&ix);
		if (catindex_parse(text.data, text.len, &ix, &e) == -1)
			abort();	/* what we write must read back */
		catindex_release(&ix);
	}
	sign_pub_parse(s, size, &p2, &e);
	sign_secret_parse(s, size, &s2, &e);
	sign_verify(&pub, "index", 5, s, size, trusted, sizeof trusted, &e);
	catindex_init(&ix);
	if (sign_data(&sec, s, size, TRUSTED, &sig, &e) == 0 &&
	    catindex_verify(&pub, s, size, sig.data, sig.len, &ix, &e) == 0)
		catindex_release(&ix);
	buf_release(&sig);
	buf_release(&text);
	return 0;
}
