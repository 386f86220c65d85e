# ERMS production image: gunicorn (web), Celery worker and Celery beat all run from this one image;
# docker-compose.yml picks the command. Code runs from /app (templates, static, locale sit beside it).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PYTHONPATH=/app \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    ERMS_VAR_DIR=/app/var \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/app/var/media

# WeasyPrint (letters as PDF) needs Pango and HarfBuzz; DejaVu and Noto carry the Norwegian and
# Vietnamese glyphs the letters use.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1 \
        shared-mime-info fonts-dejavu-core fonts-noto-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies first, from pyproject.toml alone, so code changes do not reinstall them. With only
# pyproject.toml present the erms distribution itself is empty: the code is imported from /app.
COPY pyproject.toml ./
RUN pip install .

COPY . .

# Static files are collected at build time (WhiteNoise serves them with hashed names). The settings
# refuse to load with DEBUG=0 and no SECRET_KEY, so a throwaway key is passed for this step only.
RUN DEBUG=0 SECRET_KEY=collectstatic-only-not-a-runtime-key python manage.py collectstatic --noinput \
    && useradd --system --uid 10001 --user-group --home-dir /app --no-create-home erms \
    && mkdir -p /app/var/media \
    && chown -R erms:erms /app/var

USER erms
EXPOSE 8000

CMD ["gunicorn", "erms.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "2", "--access-logfile", "-"]
