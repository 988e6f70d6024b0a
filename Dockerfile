# SAKIP Portal image: one image for the web, worker and beat processes (bin/web, bin/worker, bin/beat).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    SAKIP_VAR_DIR=/app/var \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/app/var/media

# WeasyPrint (PDF) needs Pango and fonts; gettext compiles the translations at build time.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core gettext \
 && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 1000 sakip \
 && useradd --system --uid 1000 --gid sakip --home-dir /home/sakip --create-home sakip

WORKDIR /app
COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY . .
# Build-time steps need a key but keep none: the key at run time comes from SECRET_KEY.
RUN export SECRET_KEY=build-only SAKIP_VAR_DIR=/tmp/build-var WHITENOISE_USE_FINDERS=0 \
 && if find . -name '*.po' | grep -q .; then python manage.py compilemessages; fi \
 && mkdir -p "$STATIC_ROOT" "$MEDIA_ROOT" /app/var/beat \
 && python manage.py collectstatic --noinput --verbosity 0 \
 && rm -rf /tmp/build-var \
 && chown -R sakip:sakip /app/var /app/staticfiles

USER sakip
# Static files were collected (and compressed) above; bin/web need not do it again at each start.
ENV SAKIP_COLLECTSTATIC=0
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 CMD ["bin/healthcheck"]
CMD ["bin/web"]
