#!/usr/bin/env bash
# extract.sh OUT.pot - writes the template of ceo's messages: every English message the
# program can print, found by the name of the function it is passed to (the message is
# translated inside that function, so no call site marks it). `make po` merges the template into
# po/*.po; tests/checks/messages.sh checks that po/nl.po translates every message in it.
#
# A function that formats a message takes its English format string literally; to add one:
# give it __attribute__((format(printf, ...))), translate its format with ceo_tr() before
# formatting, and name it below (--keyword=NAME:ARG --flag=NAME:ARG:c-format). A helper that
# takes a fixed part of a message (bad(..., what, value) in survey/codebook.c) translates that
# part with ceo_tr and is named the same way, without the flag.
#
# Without line numbers and sorted by message, so that po/nl.po changes only when a message does
# (no merge conflicts from code moving), and without a creation date for the same reason.
set -eu
out=${1:?usage: extract.sh OUT.pot}
cd "$(dirname "$0")/.."
mkdir -p "$(dirname "$out")"
# shellcheck disable=SC2046
xgettext --language=C --from-code=UTF-8 --package-name=ceo --sort-output --add-location=file \
  --keyword=ceo_tr --flag=ceo_tr:1:pass-c-format --keyword=N_ \
  --keyword=ceo_error_set:6 --flag=ceo_error_set:6:c-format \
  --keyword=ceo_error_set_about:7 --flag=ceo_error_set_about:7:c-format \
  --keyword=cli_usage:2 --flag=cli_usage:2:c-format \
  --keyword=cli_warn:1 --flag=cli_warn:1:c-format \
  --keyword=st_vws_warn:2 --flag=st_vws_warn:2:c-format \
  --keyword=bad:5 --keyword=bad_cell:5 --keyword=sv_db_error:3 --keyword=sv_db_exec:4 --keyword=sv_db_rows:9 \
  --keyword=take_error:3 --keyword=seg_fail:4 \
  -o "$out.tmp" $(LC_ALL=C ls base/*.c survey/*.c stats/*.c report/*.c cli/*.c)
grep -v '^"POT-Creation-Date: ' "$out.tmp" >"$out"
rm -f "$out.tmp"
