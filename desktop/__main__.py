"""python -m desktop: the same as the `aktdesk` command."""

import multiprocessing
import sys

if __name__ == "__main__":
    # The frozen Windows build starts its worker processes (document rendering) through this
    # executable: freeze_support() runs the worker instead of the application there.
    multiprocessing.freeze_support()
    from desktop.cli import main

    sys.exit(main())
