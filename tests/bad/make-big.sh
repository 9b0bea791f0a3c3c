#!/bin/sh
# make-big.sh OUTDIR - writes the big bad inputs listed in MANIFEST.tsv into OUTDIR:
#   big_field.csv            one quoted open answer of 10 MiB (10485760 bytes), closed properly
#   runaway_quote.csv        a quote opened on line 2 that never closes, 2 MB of text after it
#   wide_100000_columns.csv  a header and one data row of 100000 fields each
#   repeated_header_rows.csv the header row 500 times, then one respondent
# They are too big to keep in the repository; tests make them in a temporary folder.
set -eu

if [ $# -ne 1 ]; then
    echo "usage: make-big.sh OUTDIR" >&2
    exit 2
fi
out=$1
mkdir -p "$out"

header='Respondent,Gemeente,Voorziening,Ik wist waar ik moest zijn met mijn hulpvraag.,Rapportcijfer,Opmerkingen'

# 10 MiB single field: the sentence repeated, cut to exactly 10485760 bytes.
{
    printf '%s\n' "$header"
    printf '6001,Tiel,Huishoudelijke hulp,Mee eens,8,"'
    awk 'BEGIN { s = "Ik heb veel te zeggen over de hulp, dus ik schrijf en schrijf. ";
                 n = 10485760; while (n >= length(s)) { printf "%s", s; n -= length(s) }
                 printf "%s", substr(s, 1, n) }'
    printf '"\n'
    printf '6002,Culemborg,Begeleiding,Neutraal,6,\n'
} >"$out/big_field.csv"

# A quote that never closes: 50000 lines of about 43 bytes after it.
{
    printf '%s\n' "$header"
    printf '6001,Tiel,Vervoer,Mee eens,7,"Het begon goed, maar\n'
    awk 'BEGIN { for (i = 1; i <= 50000; i++) printf "6%05d,Tiel,Vervoer,Mee eens,7,regel %d\n", i, i }'
} >"$out/runaway_quote.csv"

# 100000 columns in the header and in one data row.
awk 'BEGIN {
    n = 100000
    for (i = 1; i <= n; i++) printf "%sV%d", (i > 1 ? "," : ""), i
    printf "\n"
    for (i = 1; i <= n; i++) printf "%s%d", (i > 1 ? "," : ""), i % 5 + 1
    printf "\n"
}' >"$out/wide_100000_columns.csv"

# The header row repeated 500 times before the data (several exports pasted together).
{
    printf '%s\n' "$header"
    for i in $(seq 1 500); do printf '%s\n' "$header"; done
    printf '6001,Tiel,Vervoer,Mee eens,7,\n'
} >"$out/repeated_header_rows.csv"
