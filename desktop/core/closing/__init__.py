"""Month closing: the plan (a dry run), its execution one transaction per contract, and the files of each document."""
