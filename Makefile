# bnlab — the two commands: `make run` and `make test`. Both install what is missing first.

SWIFT        ?= swift
DEB_PACKAGES := libncursesw5-dev libopenblas-dev zlib1g-dev dataset-fashion-mnist tmux
RELEASE_BIN  := .build/release/bnlab

.PHONY: run test deps build release bench parity screens check-lessons clean

## Opens the workbench on Fashion-MNIST (installs and builds first).
run: deps release
	$(RELEASE_BIN)

## Builds and runs every test (installs first).
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(SWIFT) build -c release --product bnlab
	scripts/cli-tests.sh $(RELEASE_BIN)
	scripts/tui-e2e.sh $(RELEASE_BIN)
	scripts/replay-e2e.sh $(RELEASE_BIN)
	scripts/lesson-e2e.sh $(RELEASE_BIN)
	scripts/check-lessons.sh $(RELEASE_BIN)
	scripts/python-tests.sh $(RELEASE_BIN)
	scripts/watch-e2e.sh $(RELEASE_BIN)

## Installs the Debian packages bnlab needs, only those that are missing.
deps:
	@scripts/install-deps.sh $(DEB_PACKAGES)

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product bnlab

## Training speed: bnlab against its own figures (see README, "Speed").
bench: release
	$(RELEASE_BIN) bench

## Checks every lesson's claims on fresh runs of all the data (slow; `make test` checks quick subsets).
check-lessons: release
	scripts/check-lessons.sh $(RELEASE_BIN) --full

## Checks the core against the PyTorch golden file kept with the tests.
parity: release
	$(RELEASE_BIN) parity Tests/BNParityTests/Fixtures/pytorch-golden.json

## Rewrites the whole-screen goldens (Tests/BNTUITests/Fixtures/screens) from the current views; review with git diff.
screens: deps
	$(SWIFT) build --build-tests
	BNLAB_UPDATE_SCREENS=1 $(SWIFT) test --skip-build --filter Screens

clean:
	rm -rf .build
