/* placeholder until the owner lands it */
#include "util/util.h"
#include "cli.h"
int cmd_migrate(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("giamsat: migrate is being built\n", stderr);
	return 1;
}
int cmd_demo(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("giamsat: demo is being built\n", stderr);
	return 1;
}
int cmd_import(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("giamsat: import is being built\n", stderr);
	return 1;
}
int cmd_user(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("giamsat: user is being built\n", stderr);
	return 1;
}
