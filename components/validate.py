"""Command line: `python -m components.validate [folder]`; the work is in `components.data.validate`.

The entry point loads as the app does (`load_briefing`), so the briefing steps' bad views are reported too.
"""

from components.data.validate import main
from components.state.briefing import load_briefing

if __name__ == "__main__":
    raise SystemExit(main(load=load_briefing))
