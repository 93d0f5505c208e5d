# Conveyor in a container, for runners that prefer one and for Gitea runners without a Swift toolchain:
#
#   scripts/package && docker build -t conveyor .     # from the release tarball in dist/ (the default)
#   docker build --target from-source -t conveyor .   # compiled here in the Swift image instead
#   docker run --rm conveyor doctor
#
# scripts/image builds it with buildah where no registry is reachable (the base image made by debootstrap and
# passed as RUNTIME_BASE), then runs doctor, an offline simulate and the agent CLIs inside it (ADR 0018).
#
# The image holds what the action installs on a runner, installed by the action's own scripts: the release
# tarball through action/install-conveyor (checked against dist/SHA256SUMS), the agent CLIs through
# action/install-agent-cli (the wheels pinned by URL and SHA-256 in action/agent-clis.lock), on a Debian 12 slim
# runtime with git and the few base libraries the tarball expects. Only the default path's stages are built;
# `source` and `from-source` (scripts/package --check in the Swift image) only with --target from-source.

ARG BUILDER_BASE=swift:6.3-bookworm
ARG RUNTIME_BASE=debian:bookworm-slim

# The release tarball built and smoke-tested exactly as scripts/package does for a release (from-source only).
FROM ${BUILDER_BASE} AS source
# hadolint ignore=DL3008
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        libgit2-dev libcurl4-openssl-dev libsqlite3-dev patchelf \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN scripts/package --check

# What the action's install scripts need: curl, python3 (a wheel is a zip), ldd's libraries, bwrap for codex.
FROM ${RUNTIME_BASE} AS fetch
# hadolint ignore=DL3008
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        ca-certificates curl python3 libsqlite3-0 bubblewrap \
    && rm -rf /var/lib/apt/lists/*
COPY VERSION /src/VERSION
COPY action/install-conveyor action/install-agent-cli action/agent-clis.lock /src/action/
ENV RUNNER_TOOL_CACHE=/opt/tools

# The pinned agent CLIs, one executable each in /out.
FROM fetch AS agents
ARG AGENT_CLIS="claude codex"
# A CA bundle for curl when the build's downloads pass a TLS-inspecting proxy (scripts/image mounts the host's).
ARG CURL_CA_BUNDLE
RUN mkdir /out \
    && for cli in ${AGENT_CLIS}; do \
        dir="$(/src/action/install-agent-cli "$cli")" && mv "$dir/$cli" /out/ || exit 1; \
    done \
    && rm -rf "$RUNNER_TOOL_CACHE"

# The release tarball from dist/ (scripts/package, or the release's files downloaded there), unpacked into /out.
FROM fetch AS release
COPY dist/SHA256SUMS dist/conveyor-*.tar.gz /dist/
RUN bin="$(CONVEYOR_RELEASE_URL=file:///dist /src/action/install-conveyor)" && mv "${bin%/bin}" /out \
    && rm -rf "$RUNNER_TOOL_CACHE" /dist

FROM fetch AS release-from-source
COPY --from=source /src/dist/SHA256SUMS /src/dist/conveyor-*.tar.gz /dist/
RUN bin="$(CONVEYOR_RELEASE_URL=file:///dist /src/action/install-conveyor)" && mv "${bin%/bin}" /out \
    && rm -rf "$RUNNER_TOOL_CACHE" /dist

FROM ${RUNTIME_BASE} AS runtime
# hadolint ignore=DL3008
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        ca-certificates git libcurl4 libsqlite3-0 libssl3 libgssapi-krb5-2 zlib1g libpcre2-8-0 bubblewrap \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1001 conveyor
COPY --from=agents /out /opt/agents
RUN find /opt/agents -type f -exec ln -s {} /usr/local/bin/ ";" \
    && ln -s /opt/conveyor/bin/conveyor /usr/local/bin/conveyor
USER 1001
WORKDIR /home/conveyor
ENTRYPOINT ["conveyor"]
CMD ["doctor"]

FROM runtime AS from-source
COPY --from=release-from-source /out /opt/conveyor

# The default image: the runtime with the release tarball from dist/.
FROM runtime
COPY --from=release /out /opt/conveyor
