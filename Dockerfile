# The SGP Model Inspector as a container image: `make image` builds it; the README's
# "Deploy" section says how to run it. tests/e2e/test_container_smoke.py runs what this
# file describes (same command, environment, port, user and files) without a daemon.
FROM python:3.11.14-slim-bookworm

# Production settings live in the image, not in whoever runs it (Streamlit reads
# STREAMLIT_* variables as config options). Every replica must get the same
# STREAMLIT_SERVER_COOKIE_SECRET at run time: see deploy/kubernetes/.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    STREAMLIT_SERVER_HEADLESS=true \
    STREAMLIT_SERVER_PORT=8501 \
    STREAMLIT_SERVER_ADDRESS=0.0.0.0 \
    STREAMLIT_SERVER_FILE_WATCHER_TYPE=none \
    STREAMLIT_SERVER_RUN_ON_SAVE=false \
    STREAMLIT_BROWSER_GATHER_USAGE_STATS=false \
    STREAMLIT_CLIENT_SHOW_ERROR_DETAILS=none \
    STREAMLIT_CLIENT_TOOLBAR_MODE=minimal \
    SGP_HISTORY_URL=sqlite:////data/history.sqlite3

WORKDIR /app

# The runtime pins only: no test or lint tools, no pip cache left in a layer.
COPY requirements.txt ./
RUN pip install --no-cache-dir --disable-pip-version-check -r requirements.txt

# The app's own files, owned by root and read-only for the app's user.
COPY app.py ./
COPY .streamlit/config.toml .streamlit/
COPY pages/ pages/
COPY components/ components/
COPY sgp/ sgp/

# uid 1000 without a home or a shell: it owns nothing in the image but /data, where the
# history's default SQLite file lives (SGP_HISTORY_URL above; mount a volume there, the
# root file system stays read-only). The recorder runs from this same image:
# `python -m sgp.history.recorder` (README, "Record history").
RUN useradd --uid 1000 --user-group --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin app \
    && mkdir /data && chown 1000:1000 /data
VOLUME ["/data"]
USER 1000:1000

EXPOSE 8501

# The slim image has no curl: Python's urllib asks Streamlit's own health endpoint.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).status != 200)"]

# Exec form: streamlit is PID 1 and receives SIGTERM directly.
ENTRYPOINT ["streamlit", "run", "app.py"]
