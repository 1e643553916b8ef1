"""Command line: `python -m components.validate [folder]`; the work is in `components.data.validate`."""

from components.data.validate import main

if __name__ == "__main__":
    raise SystemExit(main())
