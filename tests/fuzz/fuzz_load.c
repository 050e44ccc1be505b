/*
 * libFuzzer harness for the content loader. The first byte picks the file
 * kind (course.yaml or a module file), the rest is the YAML. Inputs over
 * 64 KiB are skipped: real files are smaller and big inputs slow the
 * search down without finding more.
 *   build/fuzz/fuzz_load -dict=tests/fuzz/yaml.dict build/fuzz/corpus-load \
 *       tests/data/good
 */
#include <stddef.h>
#include <stdint.h>

#include "content/course.h"
#include "base/diag.h"
#include "content/load.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diags	 d;
	struct course	*c;

	if (size < 1 || size > 65536)
		return 0;
	diags_init(&d);
	if (data[0] & 1)
		c = load_course_mem("fuzz/course.yaml", (const char *)data + 1,
		    size - 1, &d);
	else
		c = load_module_mem("fuzz/module.yaml", (const char *)data + 1,
		    size - 1, &d);
	course_free(c);
	diags_release(&d);
	return 0;
}
