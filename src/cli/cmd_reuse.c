/* placeholder until the owner lands it */
#include "util/util.h"
#include "cli.h"
int cmd_reuse(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("giamsat: reuse is being built\n", stderr);
	return 1;
}
