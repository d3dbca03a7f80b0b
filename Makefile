# Installs Breakthrough as a tool: `make install [PREFIX=~/.local]`, `make uninstall`, `make deb`.
# The binary is the release build with the Swift runtime linked in, the fast one the README's
# figures come from; beside it go its manual page, bash, zsh and fish completions, and the
# themes (which the binary also carries, so a lone copy of it works too).

PREFIX ?= $(HOME)/.local
DESTDIR ?=
BUILD ?= .build
VERSION := $(shell sed -n 's/^ *version: "\(.*\)",$$/\1/p' Sources/breakthrough/BreakthroughCommand.swift)
ARCH := $(shell dpkg --print-architecture 2>/dev/null || uname -m)
# The manual's date and the package's maintainer come from the last commit, so a build is the same
# whenever it is made.
DATE := $(shell git log -1 --format=%cs 2>/dev/null || date +%F)
MAINTAINER ?= $(shell git log -1 --format='%an <%ae>' 2>/dev/null)

BINARY := $(BUILD)/release/breakthrough
STAGE := $(BUILD)/stage
DEB := $(BUILD)/breakthrough_$(VERSION)_$(ARCH).deb
THEMES := $(notdir $(wildcard themes/*.toml))
# Every file install writes, relative to PREFIX: uninstall removes exactly these.
FILES := bin/breakthrough share/man/man1/breakthrough.1 share/bash-completion/completions/breakthrough \
	share/zsh/site-functions/_breakthrough share/fish/vendor_completions.d/breakthrough.fish \
	$(addprefix share/breakthrough/themes/,$(THEMES))

.PHONY: all install uninstall deb clean-stage
all: $(STAGE)/bin/breakthrough

$(BINARY): Package.swift $(shell find Sources -type f) themes
	swift build -c release --static-swift-stdlib --product breakthrough --scratch-path $(BUILD)

# The tree install copies, under PREFIX's names.
$(STAGE)/bin/breakthrough: $(BINARY) $(wildcard themes/*.toml) Makefile
	rm -rf $(STAGE) && mkdir -p $(STAGE)/bin $(STAGE)/share/man/man1 $(STAGE)/share/breakthrough/themes \
		$(STAGE)/share/bash-completion/completions $(STAGE)/share/zsh/site-functions $(STAGE)/share/fish/vendor_completions.d
	# The argument parser's manual tool, built by its plugin (asking the plugin for its help builds the tool only).
	swift package --scratch-path $(BUILD) generate-manual --help >/dev/null
	$(BUILD)/debug/generate-manual-tool $(BINARY) --date $(DATE) --output-directory $(STAGE)/share/man/man1
	# mdoc separates paragraphs with .Pp; an empty line is a warning to man.
	sed -i 's/^$$/.Pp/' $(STAGE)/share/man/man1/breakthrough.1
	# bash-completion sources the file: it is no script of its own, so no #! line.
	$(BINARY) --generate-completion-script bash | sed '1{/^#!/d}' > $(STAGE)/share/bash-completion/completions/breakthrough
	$(BINARY) --generate-completion-script zsh > $(STAGE)/share/zsh/site-functions/_breakthrough
	$(BINARY) --generate-completion-script fish > $(STAGE)/share/fish/vendor_completions.d/breakthrough.fish
	cp themes/*.toml $(STAGE)/share/breakthrough/themes/
	cp $(BINARY) $(STAGE)/bin/breakthrough.new && mv $(STAGE)/bin/breakthrough.new $(STAGE)/bin/breakthrough

install: $(STAGE)/bin/breakthrough
	for file in $(FILES); do \
		mode=644; [ "$$file" = bin/breakthrough ] && mode=755; \
		install -D -m $$mode $(STAGE)/$$file "$(DESTDIR)$(PREFIX)/$$file" || exit 1; \
	done

uninstall:
	for file in $(FILES); do rm -f "$(DESTDIR)$(PREFIX)/$$file"; done
	-rmdir "$(DESTDIR)$(PREFIX)/share/breakthrough/themes" "$(DESTDIR)$(PREFIX)/share/breakthrough" 2>/dev/null

# A Debian package of the same files under /usr. Depends: the packages of the libraries the
# binary links (its NEEDED entries), and libpq5, which it opens only for a team ledger.
deb: $(STAGE)/bin/breakthrough
	rm -rf $(BUILD)/deb
	$(MAKE) --no-print-directory install PREFIX=/usr DESTDIR=$(BUILD)/deb BUILD=$(BUILD)
	strip --strip-unneeded $(BUILD)/deb/usr/bin/breakthrough
	gzip -9n $(BUILD)/deb/usr/share/man/man1/breakthrough.1
	install -D -m 644 packaging/copyright $(BUILD)/deb/usr/share/doc/breakthrough/copyright
	# The fixed address that makes start-up fast (Package.swift) is the one warning left.
	install -D -m 644 packaging/lintian-overrides $(BUILD)/deb/usr/share/lintian/overrides/breakthrough
	{ \
		echo "breakthrough ($(VERSION)) unstable; urgency=medium"; echo; \
		echo "  * Built from the repository; its CHANGELOG.md says what changed."; echo; \
		echo " -- $(MAINTAINER)  $$(date -R -u -d @$$(git log -1 --format=%ct 2>/dev/null || date +%s))"; \
	} | gzip -9n > $(BUILD)/changelog.gz
	install -D -m 644 $(BUILD)/changelog.gz $(BUILD)/deb/usr/share/doc/breakthrough/changelog.gz
	mkdir -p $(BUILD)/deb/DEBIAN
	{ \
		echo "Package: breakthrough"; \
		echo "Version: $(VERSION)"; \
		echo "Architecture: $(ARCH)"; \
		echo "Maintainer: $(MAINTAINER)"; \
		echo "Installed-Size: $$(du -sk $(BUILD)/deb/usr | cut -f1)"; \
		echo "Depends: $$(scripts/package-dependencies $(BUILD)/deb/usr/bin/breakthrough), libpq5"; \
		echo "Section: utils"; \
		echo "Priority: optional"; \
		echo "Description: make, keep and account for the promises that forward a breakthrough"; \
		echo " A full-screen terminal dashboard for a team that has publicly promised a"; \
		echo " breakthrough. Every promise, delivery and accounting is one line in an"; \
		echo " append-only ledger file, or in a team ledger on a PostgreSQL server."; \
	} > $(BUILD)/deb/DEBIAN/control
	dpkg-deb --root-owner-group --build $(BUILD)/deb $(DEB)
