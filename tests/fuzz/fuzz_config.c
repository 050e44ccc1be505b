/*
 * libFuzzer harness for the configuration loader (config/config.c).
 *   build/fuzz/fuzz_config -dict=tests/fuzz/config.dict \
 *       build/fuzz/corpus-config tests/data/fuzz-regress/config
 */
#include <stddef.h>
#include <stdint.h>

#include "config/config.h"
#include "base/diag.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diags	d;
	struct config	cfg;

	if (size > 65536)
		return 0;
	diags_init(&d);
	config_init(&cfg);
	config_load_mem(&cfg, "fuzz/config.yaml", (const char *)data, size, &d);
	config_release(&cfg);
	diags_release(&d);
	return 0;
}
