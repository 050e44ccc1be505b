/*
 * libFuzzer harness for the officer list import (`rianru user import`,
 * store/store_csv.c): any bytes as the CSV file, imported into a new
 * progress store in memory. Inputs over 64 KiB are skipped.
 *   build/fuzz/fuzz_csv -dict=tests/fuzz/csv.dict build/fuzz/corpus-csv \
 *       tests/data/fuzz-regress/csv
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "base/err.h"
#include "store/store.h"
#include "store/store_officer.h"

#include "fuzz_file.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct store	*st;
	struct err	 e;
	size_t		 added, updated;

	if (size > 65536)
		return 0;
	if ((st = store_open(STORE_MEMORY, &e)) == NULL)
		abort();
	store_user_import_csv(st, fuzz_file_write(data, size), 1700000000,
	    &added, &updated, &e);
	store_close(st);
	return 0;
}
