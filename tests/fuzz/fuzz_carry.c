/*
 * libFuzzer harness for the files carried on a USB stick (sync/carry.c):
 * any bytes as an export file (opened and indexed, as `rianru sync
 * --push-file` does) and as a receipt applied to a progress store in
 * memory. Inputs over 1 MiB are skipped.
 *   build/fuzz/fuzz_carry -dict=tests/fuzz/carry.dict build/fuzz/corpus-carry
 */
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "store/store.h"
#include "sync/carry.h"

#include "fuzz_file.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct store	*st;
	struct carry_applied	 out;
	struct carry_trust	 t = { NULL, NULL, 1 };	/* past the signature */
	const char		*path;
	struct err		 e;

	if (size > (1 << 20))
		return 0;
	if (st == NULL && (st = store_open(STORE_MEMORY, &e)) == NULL)
		abort();
	path = fuzz_file_write(data, size);
	carry_free(carry_open(path, &e));
	carry_apply_receipt(st, path, &t, 1700000000, &out, &e);
	return 0;
}
