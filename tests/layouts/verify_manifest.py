#!/usr/bin/env python3
"""Checks tests/layouts/MANIFEST.tsv against the files, using Python's csv module.

For tests only; ceo never runs this. Usage: python3 verify_manifest.py [DIR]
(DIR defaults to the folder of this script). Exit 0 when every row holds, 1 otherwise.

Checked per file:
- every file in DIR (except dotfiles) is listed and every listed file exists;
- encoding: utf-8 (no BOM, strict UTF-8), utf-8-bom (BOM, then strict UTF-8), windows-1252
  (no BOM, not valid UTF-8, strict cp1252); a note starting with 'invalid-utf8' means a UTF-8
  file that must NOT decode strictly;
- respondents: data records (a record with line breaks inside quotes counts once; blank lines
  are not records) = all records minus header_rows;
- columns: every header row has exactly this many fields; every data row has this many, or
  one more when that extra last field is empty (a trailing delimiter, not a column);
- the line ending (CRLF, LF or a lone CR, outside quotes), a missing final newline, trailing
  blank lines and ragged rows are each mentioned in the notes exactly when the file has them;
- Excel's first line "sep=;" and blank lines or empty rows before the header are no records,
  and the notes say "sep=" and "before the header" exactly when the file has them.
"""
import codecs
import csv
import io
import os
import sys

DELIMS = {"comma": ",", "semicolon": ";", "tab": "\t"}
BOM = codecs.BOM_UTF8
SELF = {"MANIFEST.tsv", os.path.basename(__file__)}


def decode(data, enc, notes):
    """Returns (text, problem or None)."""
    invalid = notes.startswith("invalid-utf8")
    if enc == "utf-8-bom":
        if not data.startswith(BOM):
            return None, "no UTF-8 BOM"
        data = data[len(BOM):]
    elif data.startswith(BOM):
        return None, "has a UTF-8 BOM but encoding says %s" % enc
    if enc in ("utf-8", "utf-8-bom"):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            if invalid:
                return data.decode("utf-8", errors="surrogateescape"), None
            return None, "not valid UTF-8: %s" % e
        if invalid:
            return None, "notes say invalid-utf8 but the file is valid UTF-8"
        return text, None
    if enc == "windows-1252":
        try:
            data.decode("utf-8")
            return None, "windows-1252 file that is also valid UTF-8 (no byte >= 0x80?)"
        except UnicodeDecodeError:
            pass
        try:
            return data.decode("cp1252"), None
        except UnicodeDecodeError as e:
            return None, "not valid Windows-1252: %s" % e
    return None, "unknown encoding %r" % enc


def physical_facts(text, delim):
    """Line endings outside quotes, final newline, trailing blank lines."""
    ends = set()
    in_q = False
    at_field_start = True
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if in_q:
            if c == '"':
                if i + 1 < n and text[i + 1] == '"':
                    i += 1
                else:
                    in_q = False
        elif c == '"' and at_field_start:
            in_q = True
        elif c == "\n":
            ends.add("CRLF" if i > 0 and text[i - 1] == "\r" else "LF")
        elif c == "\r" and (i + 1 == n or text[i + 1] != "\n"):
            ends.add("CR")
        at_field_start = c in (delim, "\n", "\r") and not in_q
        i += 1
    final = text.endswith(("\n", "\r"))
    blank = 0
    rest = text
    while True:
        for eol in ("\r\n", "\n", "\r"):
            if rest.endswith(eol + eol):
                rest = rest[: -len(eol)]
                blank += 1
                break
        else:
            break
    return ends, final, blank


def notes_items(notes):
    return [s.strip() for s in notes.split(";")]


def check(path, row):
    errs = []
    name, resp, cols, hrows, delim_name, enc, notes = row
    with open(path, "rb") as f:
        data = f.read()
    text, problem = decode(data, enc, notes)
    if problem:
        return [problem], None
    delim = DELIMS.get(delim_name)
    if delim is None:
        return ["unknown delimiter %r" % delim_name], None
    sep = text[:4].lower() == "sep="
    if sep != ("sep=" in notes):
        errs.append("Excel sep= line: file %s, notes %s" % (sep, "sep=" in notes))
    body_text = text.split("\n", 1)[1] if sep else text
    records = [r for r in csv.reader(io.StringIO(body_text, newline=""), delimiter=delim) if r != []]
    before = 0
    while records and all(c == "" for c in records[0]):
        records.pop(0)
        before += 1
    says_before = "before the header" in notes
    if says_before != (before > 0 or text.lstrip(" ").startswith(("\n", "\r"))):
        errs.append("blank lines before the header: file %d, notes %s" % (before, says_before))
    h = int(hrows)
    if h not in (1, 2, 3):
        errs.append("header_rows must be 1, 2 or 3")
    header, body = records[:h], records[h:]
    ncols = int(cols)
    for k, r in enumerate(header, 1):
        if len(r) != ncols:
            errs.append("header row %d has %d fields, manifest says %d columns" % (k, len(r), ncols))
    ragged = 0
    for k, r in enumerate(body, 1):
        if len(r) == ncols + 1 and r[-1] == "":
            ragged += 1
        elif len(r) != ncols:
            errs.append("data record %d has %d fields, manifest says %d columns" % (k, len(r), ncols))
    if len(body) != int(resp):
        errs.append("%d data records, manifest says %s respondents" % (len(body), resp))
    ends, final, blank = physical_facts(text, delim)
    items = notes_items(notes)
    if len(ends) != 1:
        errs.append("mixed line endings outside quotes: %s" % sorted(ends))
    else:
        eol = ends.pop()
        if eol not in items:
            errs.append("line ending is %s but the notes do not say '%s'" % (eol, eol))
    says_no_final = "no newline after the last line" in notes
    if says_no_final == final:
        errs.append("final newline: file %s, notes %s" % (final, not says_no_final))
    says_blank = "trailing blank line" in notes
    if says_blank != (blank > 0):
        errs.append("trailing blank lines: file %d, notes %s" % (blank, says_blank))
    if ("ragged" in notes) != (ragged > 0):
        errs.append("ragged rows: file %d, notes %s" % (ragged, "ragged" in notes))
    return errs, (len(body), ncols, h, ragged, blank, final)


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(d, "MANIFEST.tsv"), encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")
    if lines[0] != "file\trespondents\tcolumns\theader_rows\tdelimiter\tencoding\tnotes":
        print("MANIFEST.tsv: unexpected column names: %r" % lines[0])
        return 1
    rows = [l.split("\t") for l in lines[1:] if l != ""]
    failed = 0
    listed = set()
    for row in rows:
        if len(row) != 7:
            print("MANIFEST.tsv: row with %d columns: %r" % (len(row), row))
            failed += 1
            continue
        listed.add(row[0])
        path = os.path.join(d, row[0])
        if not os.path.isfile(path):
            print("%s: listed but missing" % row[0])
            failed += 1
            continue
        errs, facts = check(path, row)
        if errs:
            failed += 1
            for e in errs:
                print("%s: %s" % (row[0], e))
        else:
            print("ok  %-28s %3d respondents %3d columns %d header rows, %d ragged, %d trailing blank, "
                  "final newline %s" % ((row[0],) + facts))
    for fn in sorted(os.listdir(d)):
        if fn not in listed and fn not in SELF and not fn.startswith(".") and os.path.isfile(os.path.join(d, fn)):
            print("%s: not listed in MANIFEST.tsv" % fn)
            failed += 1
    print("%d files, %d failed" % (len(rows), failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
