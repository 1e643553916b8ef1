"""Start `streamlit run` with two changes no config option of Streamlit 1.67 offers (run.sh calls this).

1. What every client receives before any gate: Streamlit's `NewSession` message carries the server's
   absolute script path (`new_session.main_script_path`) and `initialize.environment_info` carries the
   Python version, the OS and whether a display is attached. They are replaced by a neutral script name
   and empty values (the frontend only hashes the path into an app id, and shows versions in no view).
2. A client's `clear_cache` BackMsg (AppSession._handle_clear_cache_request) clears every st.cache_data
   and st.cache_resource entry of the process for everyone. It is ignored and logged: the toolbar that
   offers it is hidden (client.toolbarMode = "viewer"), so only a hand-made client sends it. The
   dataset and the passcode throttle also live outside Streamlit's caches (components/server/).

Both wrap private methods of `streamlit.runtime.app_session.AppSession`; `install()` fails loudly if
a Streamlit upgrade renames them, rather than serving without the protection. Tested on 1.67.0.

    python -m deploy.serve dashboard.py --server.port=8501
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from functools import wraps

TESTED_STREAMLIT = "1.67."
NEUTRAL_SCRIPT = "dashboard.py"
LOG = logging.getLogger("briefing.security")


def scrub(msg) -> None:
    """Remove the script path and the Python and OS versions from a `new_session` ForwardMsg."""
    msg.new_session.main_script_path = NEUTRAL_SCRIPT
    info = msg.new_session.initialize.environment_info
    info.python_version = ""
    info.server_os = ""
    info.has_display = False


def install() -> None:
    """Wrap AppSession's new-session message and disable its clear-cache handler."""
    import streamlit
    from streamlit.runtime.app_session import AppSession

    if not streamlit.__version__.startswith(TESTED_STREAMLIT):
        raise RuntimeError(
            f"deploy/serve.py was checked against Streamlit {TESTED_STREAMLIT}x, not {streamlit.__version__}"
        )
    for name in ("_create_new_session_message", "_handle_clear_cache_request"):
        if not callable(getattr(AppSession, name, None)):
            raise RuntimeError(f"Streamlit's AppSession has no {name}: re-check deploy/serve.py")
    original = AppSession._create_new_session_message

    @wraps(original)
    def new_session_message(self, *args, **kwargs):
        msg = original(self, *args, **kwargs)
        scrub(msg)
        return msg

    def ignore_clear_cache(self) -> None:
        LOG.warning("clear_cache from a client ignored: session=%s", getattr(self, "id", "?"))

    AppSession._create_new_session_message = new_session_message
    AppSession._handle_clear_cache_request = ignore_clear_cache


def main(argv: Sequence[str] | None = None) -> None:
    """`streamlit run <argv...>` with the protections installed."""
    from components.server.throttle import configure_log

    configure_log()
    install()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", *(sys.argv[1:] if argv is None else argv)]
    cli.main(prog_name="streamlit")


if __name__ == "__main__":
    main()
