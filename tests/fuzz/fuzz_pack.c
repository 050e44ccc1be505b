/*
 * libFuzzer harness for the content-pack reader (content/pack.c): any
 * bytes as a pack file, opened, its header and whole course decoded
 * (codec.c, then validate.c) and searched. Seed it with packs that
 * `rianru pack` made; the dictionary holds the pack table's keys and
 * SQLite's header. Inputs over 1 MiB are skipped.
 *   build/fuzz/fuzz_pack -dict=tests/fuzz/pack.dict build/fuzz/corpus-pack
 */
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "content/course.h"
#include "content/pack.h"
#include "text/text.h"

#include "fuzz_file.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct text_wrapper	*w;
	struct pack			*p;
	struct err			 e;

	if (size > (1 << 20))
		return 0;
	if (w == NULL)
		w = text_wrapper_new();
	if ((p = pack_open(fuzz_file_write(data, size), &e)) == NULL)
		return 0;
	course_free(pack_header(p, &e));
	course_free(pack_body(p, &e));
	pack_search(p, w, "ภาษา test", &e);
	pack_close(p);
	return 0;
}
