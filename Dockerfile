# The image docs/scale.md's Kubernetes recipe runs (deploy/kubernetes.yaml): Node and the packed
# fralign tarball, installed by scripts/install-tarball.sh — the same script and commands that
# test/package-install.test.ts and test/scale-recipes.test.ts run (no image is built by the tests:
# the machine they run on has no container engine). Nothing is fetched at run time but the model,
# which a Job fetches once into the shared volume (FRALIGN_MODELS).
#
# Build from a clone:  npm ci && npm pack && docker build -t fralign:0.1.0 .
FROM node:20-bookworm-slim
COPY scripts/install-tarball.sh /tmp/install-tarball.sh
COPY fralign-*.tgz /tmp/
RUN bash /tmp/install-tarball.sh /usr/local /tmp/fralign-*.tgz \
 && rm -rf /tmp/install-tarball.sh /tmp/fralign-*.tgz /root/.npm
ENV FRALIGN_MODELS=/data/models
USER node
ENTRYPOINT ["fralign"]
CMD ["--help"]
