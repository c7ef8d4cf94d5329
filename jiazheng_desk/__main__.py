"""``python -m jiazheng_desk`` is the same as ``jiazheng-desk``."""

import sys

from jiazheng_desk.cli import main

sys.exit(main())
