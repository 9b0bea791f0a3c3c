#!/usr/bin/env bash
# Checks the Debian packages ceo needs to build, test and run; installs the missing ones when
# run as root, otherwise prints the exact apt-get line and fails.
set -u
pkgs=(gcc make pkg-config libc6-dev libcsv-dev libpcre2-dev libhpdf-dev libsqlite3-dev
      libreadstat-dev fonts-dejavu-core
      libunistring-dev # Unicode: NFC normalisation and lower case of every letter (base/text.c)
      nettle-dev # HMAC-SHA256 of the pseudonyms (ceo pseudonymise, --key): a kept library
      r-mathlib # R's standalone math library: the distributions (stats/dist.c), R's own code
      wdutch # the Dutch word list the redaction of names reads at run time
      gettext # msgfmt builds the Dutch messages (po/nl.po); xgettext, msgmerge: make po, tests
      locales # the tests: localedef makes an nl_NL.UTF-8 locale when the machine has none
      python3 qpdf poppler-utils # the tests: checks in Python, PDF checks with qpdf/poppler
      pspp # the tests: SPSS files with what ReadStat cannot write (multiple-response sets)
      glpk-utils) # the tests: glpsol solves the LPs of the disclosure audit
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  echo "installing: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null || exit 1
else
  echo "ceo needs these Debian packages; install them with:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
