# Conveyor in a container, for runners that prefer one and for Gitea runners without a Swift toolchain:
#
#   docker build -t conveyor .
#   docker run --rm conveyor doctor
#
# Three stages: the release tarball built and smoke-tested exactly as scripts/package does for a release; the
# pinned agent CLIs taken out of their hash-checked wheels (action/agent-clis.lock); a Debian 12 slim runtime
# with the unpacked tarball, the agent CLIs, git and the few base libraries the tarball expects.

FROM swift:6.3-bookworm AS build
# hadolint ignore=DL3008
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        libgit2-dev libcurl4-openssl-dev libsqlite3-dev patchelf \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN scripts/package --check \
    && mkdir /out \
    && tar -xzf dist/conveyor-*.tar.gz -C /out --strip-components=1

FROM debian:bookworm-slim AS agents
# hadolint ignore=DL3008
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ca-certificates python3-pip \
    && rm -rf /var/lib/apt/lists/*
COPY action/install-agent-cli action/agent-clis.lock /src/action/
ENV RUNNER_TOOL_CACHE=/opt/tools
RUN /src/action/install-agent-cli claude && /src/action/install-agent-cli codex

FROM debian:bookworm-slim
# hadolint ignore=DL3008
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        ca-certificates git libcurl4 libsqlite3-0 libssl3 libgssapi-krb5-2 zlib1g libpcre2-8-0 bubblewrap \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /out /opt/conveyor
COPY --from=agents /opt/tools /opt/tools
RUN ln -s /opt/tools/claude/*/*/claude /usr/local/bin/claude \
    && ln -s /opt/tools/codex/*/*/codex /usr/local/bin/codex \
    && ln -s /opt/conveyor/bin/conveyor /usr/local/bin/conveyor \
    && useradd --create-home --uid 1001 conveyor
USER 1001
WORKDIR /home/conveyor
ENTRYPOINT ["conveyor"]
CMD ["doctor"]
