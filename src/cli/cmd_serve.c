/* placeholder until the owner lands it */
#include "util/util.h"
#include "cli.h"
int cmd_serve(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("giamsat: serve is being built\n", stderr);
	return 1;
}
