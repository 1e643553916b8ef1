# Container image of the briefing dashboard (see README "Deploy").
#   docker build -t kursk-briefing .
#   docker run -p 8501:8501 kursk-briefing
# Private briefing: mount a secrets file read-only, never bake it in (.dockerignore keeps it out):
#   docker run -p 8501:8501 -v "$PWD/.streamlit/secrets.toml:/app/.streamlit/secrets.toml:ro" kursk-briefing
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN useradd --create-home --uid 10001 briefing
WORKDIR /app

# Chromium draws the PDF handout and PowerPoint packs (python -m components.pack); fonts for their text.
RUN apt-get update \
    && apt-get install -y --no-install-recommends chromium fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
ENV BRIEFING_CHROMIUM=/usr/bin/chromium

COPY requirements.txt .
RUN pip install -r requirements.txt

# The app's files stay owned by root: the server can read them, not change them.
COPY . .

USER briefing
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).read() != b'ok')"]

CMD ["streamlit", "run", "dashboard.py", "--server.address=0.0.0.0", "--server.port=8501"]
