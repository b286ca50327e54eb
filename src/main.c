/* giamsat: sub-command dispatch only. */
#include "util/util.h"
#include "cli/cli.h"

int main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
