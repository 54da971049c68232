/*
 * filecmd.h: the options of the tools whose one option is -f file
 * (crm-backup, crm-erase, client-merge and the edit tools), parsed once.
 */
#ifndef CMD_FILECMD_H
#define CMD_FILECMD_H

#include <unistd.h>

/*
 * --help, --version and -f file: the file named, or NULL; *argcp and
 * *argvp are left at the operands.  An unknown option exits 2 with the
 * usage.
 */
static const char *
file_opt(int *argcp, char ***argvp, const char *synopsis)
{
	char		**argv = *argvp;
	const char	 *file = NULL;
	int		  argc = *argcp, ch;

	cmd_start(argc, argv, synopsis);
	while ((ch = getopt(argc, argv, "f:")) != -1)
		switch (ch) {
		case 'f':
			file = optarg;
			break;
		default:
			cmd_usage(synopsis);
		}
	*argcp = argc - optind;
	*argvp = argv + optind;
	return file;
}

#endif
