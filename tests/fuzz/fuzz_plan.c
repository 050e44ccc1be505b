/*
 * libFuzzer harness for the development-plan loader (content/plan.c).
 *   build/fuzz/fuzz_plan -dict=tests/fuzz/yaml.dict build/fuzz/corpus-plan \
 *       tests/data/fuzz-regress/plan
 */
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "content/plan.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diags	 d;
	struct plan	*p;

	if (size > 65536)
		return 0;
	diags_init(&d);
	p = plan_load_mem("fuzz/plans/p.yaml", (const char *)data, size, &d);
	plan_free(p);
	diags_release(&d);
	return 0;
}
