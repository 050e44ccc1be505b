/*
 * libFuzzer harness for the course records inside a pack (content/
 * codec.c): the first byte says header record or whole course, the rest
 * is the record, decoded with every check and the loader's rules.
 *   build/fuzz/fuzz_codec build/fuzz/corpus-codec
 */
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "content/codec.h"
#include "content/course.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct err	e;

	if (size < 1 || size > 65536)
		return 0;
	course_free(codec_decode(data + 1, size - 1, data[0] & 1, "fuzz", &e));
	return 0;
}
