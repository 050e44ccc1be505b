/*
 * Replays inputs through a libFuzzer harness without libFuzzer: every file
 * named (directories are walked) goes to LLVMFuzzerTestOneInput once. A
 * crash or sanitizer report fails the run, so fixed bugs stay fixed.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned long	nfiles;

static void
replay_file(const char *path)
{
	FILE	*f;
	uint8_t	*data;
	long	 len;

	if ((f = fopen(path, "rb")) == NULL)
		return;
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	if (len < 0 || len > 1 << 20) {
		fclose(f);
		return;
	}
	data = malloc((size_t)len + 1);
	if (data != NULL && fread(data, 1, (size_t)len, f) == (size_t)len) {
		LLVMFuzzerTestOneInput(data, (size_t)len);
		nfiles++;
	}
	free(data);
	fclose(f);
}

static void
replay_path(const char *path)
{
	struct stat	 sb;
	DIR		*d;
	struct dirent	*de;
	char		 sub[4096];

	if (stat(path, &sb) == -1)
		return;
	if (!S_ISDIR(sb.st_mode)) {
		replay_file(path);
		return;
	}
	if ((d = opendir(path)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof sub, "%s/%s", path, de->d_name);
		replay_path(sub);
	}
	closedir(d);
}

int
main(int argc, char **argv)
{
	int	i;

	for (i = 1; i < argc; i++)
		replay_path(argv[i]);
	printf("%lu inputs replayed without a crash\n", nfiles);
	return 0;
}
