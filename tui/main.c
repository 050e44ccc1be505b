#include <stdio.h>

int
main(void)
{
	printf("rianru %s\n", RIANRU_VERSION);
	return 0;
}
