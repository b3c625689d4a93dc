"""python -m desktop: the same as the `aktdesk` command."""

import sys

from desktop.cli import main

sys.exit(main())
