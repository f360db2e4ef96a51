# econb: JupyterLab with the "Go (econb)" kernel (GoNB + the econb library).
#
#   docker build -t econb .
#   docker run --rm -p 8888:8888 econb      # then open the printed URL
#
# mybinder.org (repo2docker) builds this file because the repository has no
# binder/ folder. No Docker engine runs where econb is developed, so CI
# emulates this file instead (kernel/browsertest/binder_test.go): it parses
# it and runs its RUN steps after the base image, as uid 1000 with a fresh
# HOME, then serves JupyterLab under a Binder-like base URL and runs
# notebooks in Chromium. What that emulation cannot show is in README.md.

# ---------------------------------------------------------------- base image
# Jupyter Docker Stacks base image: JupyterLab 4, user jovyan (uid 1000),
# start-notebook.py as the command (kept: no ENTRYPOINT/CMD override).
ARG BASE_IMAGE=quay.io/jupyter/base-notebook:2025-08-25
FROM ${BASE_IMAGE}

# ---------------------------------------------------------------- Go
# Go from the Go module proxy (the toolchain zip the go command itself
# downloads for GOTOOLCHAIN), checked against the SHA-256 pinned here:
# sha256sum of https://proxy.golang.org/golang.org/toolchain/@v/v0.0.1-go1.26.8.linux-ARCH.zip
ARG GO_VERSION=1.26.8
ARG GO_SHA256_AMD64=30c2b1bf7dcc88d3eb0a1364e47ddd9128edb3110a30e8a0ef61cd5856b31de7
ARG GO_SHA256_ARM64=02b36b6787b3ac767668f630e2998df45a3b1f9ffee08d1bf3ef6487cd658d99
ARG GO_PREFIX=/usr/local
USER root
RUN set -eux; \
    arch="$(dpkg --print-architecture)"; \
    case "${arch}" in \
      amd64) sum="${GO_SHA256_AMD64}" ;; \
      arm64) sum="${GO_SHA256_ARM64}" ;; \
      *) echo "no pinned Go checksum for ${arch}" >&2; exit 1 ;; \
    esac; \
    wget -q -O /tmp/go.zip "https://proxy.golang.org/golang.org/toolchain/@v/v0.0.1-go${GO_VERSION}.linux-${arch}.zip"; \
    echo "${sum}  /tmp/go.zip" | sha256sum -c -; \
    python3 -c "$(printf '%s\n' \
      'import os, sys, zipfile' \
      'z = zipfile.ZipFile(sys.argv[1])' \
      'for i in z.infolist():' \
      '    p = os.path.join(sys.argv[2], "go", i.filename.split("/", 2)[2])' \
      '    if i.is_dir(): continue' \
      '    os.makedirs(os.path.dirname(p), exist_ok=True)' \
      '    open(p, "wb").write(z.read(i))' \
      '    os.chmod(p, (i.external_attr >> 16) & 0o777 or 0o644)')" /tmp/go.zip "${GO_PREFIX}"; \
    rm /tmp/go.zip; \
    "${GO_PREFIX}/go/bin/go" version
ENV PATH=${GO_PREFIX}/go/bin:${PATH}

# ---------------------------------------------------------------- econb
# The repository lives in $HOME, owned by jovyan, as Binder expects.
USER ${NB_UID}
WORKDIR ${HOME}
COPY --chown=${NB_UID}:${NB_GID} . ${HOME}
# Build GoNB (patched), goimports, gopls and the econb command into
# ~/.local/share/econb/bin, download the modules notebooks import, and write
# the kernelspec into ~/.local/share/jupyter/kernels/econb.
RUN GOFLAGS=-buildvcs=false go run ./kernel install --user
# Execute every notebook once: fails the build if one breaks, and warms Go's
# build cache so that a visitor's first cell does not compile the library.
RUN GOFLAGS=-buildvcs=false go run ./kernel replicate
