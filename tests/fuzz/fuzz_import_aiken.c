/*
 * libFuzzer harness for the aiken importer (content/import_aiken.c): any
 * bytes, then the YAML writer over what was imported. Inputs over 64 KiB
 * are skipped: real banks are split smaller, and big inputs slow the
 * search down without finding more.
 *   build/fuzz/fuzz_import_aiken -dict=tests/fuzz/aiken.dict \
 *       build/fuzz/corpus-import_aiken tests/data/import
 */
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "content/import.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct import	im;
	struct buf	out;

	if (size > 65536)
		return 0;
	import_init(&im, "fuzz");
	buf_init(&out);
	if (import_aiken(&im, (const char *)data, size) == 0) {
		import_ids(&im, NULL, 0);
		import_write_yaml(&im, "m", "t", "m-quiz", "fuzz", &out);
	}
	buf_release(&out);
	import_release(&im);
	return 0;
}
