/*
 * For harnesses whose parser reads a file, not memory (SQLite packs, the
 * USB-stick files): the input is written to one temporary file per run,
 * removed at exit, so neither the fuzzer nor `make check` leaves files in
 * the checkout.
 */
#ifndef FUZZ_FILE_H
#define FUZZ_FILE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char	fuzz_path[64];

static void
fuzz_file_remove(void)
{
	if (fuzz_path[0] != '\0')
		unlink(fuzz_path);
}

/* Replace the temporary file's bytes with data[0..size); its path. */
static const char *
fuzz_file_write(const uint8_t *data, size_t size)
{
	FILE		*f;
	const char	*tmp;
	int		 fd;

	if (fuzz_path[0] == '\0') {
		tmp = getenv("TMPDIR");
		snprintf(fuzz_path, sizeof fuzz_path, "%s/rianru-fuzz.XXXXXX",
		    tmp != NULL && *tmp != '\0' && strlen(tmp) < 40 ? tmp :
		    "/tmp");
		if ((fd = mkstemp(fuzz_path)) == -1)
			abort();
		close(fd);
		atexit(fuzz_file_remove);
	}
	if ((f = fopen(fuzz_path, "wb")) == NULL)
		abort();
	if (size > 0 && fwrite(data, 1, size, f) != size)
		abort();
	if (fclose(f) != 0)
		abort();
	return fuzz_path;
}

#endif
