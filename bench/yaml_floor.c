/*
 * yaml_floor: the floor for content loading. Reads every .yaml file under
 * the folders given (recursively, sorted like the loader) and runs
 * libyaml's event parser over it, building nothing: the least any YAML
 * loader has to do. Reading the files is included, as it is in `rianru
 * check`.
 *
 *   yaml_floor DIR...
 *
 * Prints "FILES files, BYTES bytes, EVENTS events"; exits 1 on a parse
 * error.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

static size_t		 nfiles, nevents;
static unsigned long long nbytes;

static int
floor_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
floor_file(const char *path)
{
	yaml_parser_t	 yp;
	yaml_event_t	 ev;
	FILE		*f;
	struct stat	 sb;
	unsigned char	*buf;
	size_t		 len;
	int		 done = 0, rc = 0;

	if ((f = fopen(path, "rb")) == NULL || fstat(fileno(f), &sb) == -1) {
		perror(path);
		if (f != NULL)
			fclose(f);
		return -1;
	}
	buf = malloc((size_t)sb.st_size + 1);
	len = fread(buf, 1, (size_t)sb.st_size, f);
	fclose(f);
	yaml_parser_initialize(&yp);
	yaml_parser_set_input_string(&yp, buf, len);
	yaml_parser_set_encoding(&yp, YAML_UTF8_ENCODING);
	while (!done) {
		if (!yaml_parser_parse(&yp, &ev)) {
			fprintf(stderr, "%s: %s\n", path, yp.problem);
			rc = -1;
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		nevents++;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&yp);
	free(buf);
	nfiles++;
	nbytes += len;
	return rc;
}

static int
floor_walk(const char *path)
{
	struct stat	 sb;
	DIR		*dp;
	struct dirent	*de;
	char		**names = NULL, sub[4096];
	size_t		 n = 0, i, len;
	int		 rc = 0;

	if (stat(path, &sb) == -1) {
		perror(path);
		return -1;
	}
	if (S_ISREG(sb.st_mode)) {
		len = strlen(path);
		if (len > 5 && strcmp(path + len - 5, ".yaml") == 0)
			return floor_file(path);
		return 0;
	}
	if ((dp = opendir(path)) == NULL) {
		perror(path);
		return -1;
	}
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		names = realloc(names, (n + 1) * sizeof *names);
		names[n++] = strdup(de->d_name);
	}
	closedir(dp);
	if (n > 0)
		qsort(names, n, sizeof *names, floor_cmp);
	for (i = 0; i < n; i++) {
		snprintf(sub, sizeof sub, "%s/%s", path, names[i]);
		if (floor_walk(sub) == -1)
			rc = -1;
		free(names[i]);
	}
	free(names);
	return rc;
}

int
main(int argc, char **argv)
{
	int	i, rc = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: yaml_floor DIR...\n");
		return 2;
	}
	for (i = 1; i < argc; i++)
		if (floor_walk(argv[i]) == -1)
			rc = 1;
	printf("%zu files, %llu bytes, %zu events\n", nfiles, nbytes, nevents);
	return rc;
}
