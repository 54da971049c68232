/*
 * client-add: add a client (a company or a person the department sells
 * to) and print its id.  The client is the work of one manager.
 */
#include <err.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"
#include "libcmd/common.h"

static const char synopsis[] =
    N_("usage: client-add [-e email] [-f file] [-I inn] [-n note] [-P "
    "phone] [-u login]\n"
    "                  name ...\n");

static void
usage(void)
{
	cmd_usage(synopsis);
}

int
main(int argc, char *argv[])
{
	struct crm		*crm;
	struct crm_client	 c;
	const char		*file = NULL;
	char			*name;
	int64_t			 id;
	int			 ch;

	memset(&c, 0, sizeof(c));
	cmd_start(argc, argv, synopsis);
	while ((ch = getopt(argc, argv, "e:f:I:n:P:u:")) != -1)
		switch (ch) {
		case 'e':
			c.email = optarg;
			break;
		case 'f':
			file = optarg;
			break;
		case 'I':
			c.inn = optarg;
			break;
		case 'u':
			c.manager = optarg;
			break;
		case 'n':
			c.note = optarg;
			break;
		case 'P':
			c.phone = optarg;
			break;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		usage();
	if ((c.name = name = crm_join(argc, argv)) == NULL)
		err(1, NULL);
	/* The new id goes to standard output: make sure it can. */
	if (fcntl(STDOUT_FILENO, F_GETFL) == -1)
		err(1, _("standard output"));
	crm = cmd_open(file, 0);
	cmd_check(crm, crm_client_add(crm, &c, &id));
	printf("%lld\n", (long long)id);
	if (fflush(stdout) == EOF)
		errx(1, _("client %lld added, but its id could not be written "
		    "to standard output"), (long long)id);
	free(name);
	crm_close(crm);
	return 0;
}
