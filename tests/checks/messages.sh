#!/usr/bin/env bash
# The Dutch message catalogue against the sources: po/nl.po is valid (msgfmt --check: the same
# format directives in the same order as the English), has no untranslated or fuzzy entry, and
# translates every message that xgettext finds in the code now (po/extract.sh). A message added
# to the code without a Dutch translation fails here: run `make po`, translate, remove the fuzzy
# marks.
set -u
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
ok() { echo "ok $*"; }
fail() { echo "FAIL $*"; }
for t in xgettext msgfmt msgmerge msgattrib; do
  command -v $t >/dev/null || { fail "$t is not installed (apt-get install gettext)"; exit 1; }
done

if msgfmt --check -o /dev/null po/nl.po 2>"$d/err"; then
  ok "po/nl.po passes msgfmt --check"
else
  fail "po/nl.po fails msgfmt --check: $(head -5 "$d/err")"
fi

stats=$(LC_ALL=C msgfmt --statistics -o /dev/null po/nl.po 2>&1)
if [[ "$stats" =~ ^[0-9]+\ translated\ messages?\.$ ]]; then
  ok "po/nl.po: $stats (none untranslated or fuzzy)"
else
  fail "po/nl.po: $stats"
fi

if ! bash po/extract.sh "$d/ceo.pot" 2>"$d/err"; then
  fail "po/extract.sh: $(head -3 "$d/err")"; exit 1
fi
n=$(grep -c '^msgid ' "$d/ceo.pot")
# The catalogue merged with what the code holds now, without guessing (no fuzzy matching): a
# message of the code that po/nl.po lacks comes out untranslated; the flags (c-format) come from
# the code, so the check of the format directives covers every message.
msgmerge --quiet --no-fuzzy-matching -o "$d/merged.po" po/nl.po "$d/ceo.pot" 2>"$d/err" ||
  { fail "msgmerge: $(head -3 "$d/err")"; exit 1; }
msgattrib --untranslated --no-obsolete --no-wrap "$d/merged.po" | grep '^msgid "' | sed 1d >"$d/missing"
msgattrib --only-fuzzy --no-obsolete --no-wrap "$d/merged.po" | grep '^msgid "' | sed 1d >>"$d/missing"
if [ "$n" -gt 150 ] && [ ! -s "$d/missing" ]; then
  ok "po/nl.po translates all $((n - 1)) messages xgettext finds in the code"
else
  fail "po/nl.po lacks a Dutch translation of $(wc -l <"$d/missing") message(s) of the code (make po, then translate them):"
  sed 's/^/FAIL   /' "$d/missing" | head -20
fi
if msgfmt --check -o /dev/null "$d/merged.po" 2>"$d/err"; then
  ok "every translation keeps its message's format directives (checked with the code's flags)"
else
  fail "format directives: $(head -5 "$d/err")"
fi

# What the checks rest on: extraction finds messages at each kind of place they are translated.
msgcat --no-wrap "$d/ceo.pot" >"$d/flat.pot"
lost=0
for m in "'%s' is no dimension: use" "unknown option '%s'" "try 'ceo %s --help'" \
         "bad data" "unknown scale" "cannot add the batch" "%s: %ld unrecognised value%s" \
         "no invited counts" "unknown command '%s'"; do
  grep -qF "msgid \"$m" "$d/flat.pot" ||
    { fail "xgettext no longer finds \"$m\" (po/extract.sh keywords)"; lost=1; }
done
[ $lost -eq 0 ] && ok "xgettext finds the messages of ceo_error_set, cli_usage, cli_warn, st_vws_warn, bad (codebook), sv_db_error (store), N_ and ceo_tr"

# The build's catalogue is current.
mo=${BUILD:-build}/locale/nl/LC_MESSAGES/ceo.mo
if [ -f "$mo" ] && [ ! po/nl.po -nt "$mo" ]; then ok "$mo is built from po/nl.po"
else fail "$mo is missing or older than po/nl.po (make)"; fi
