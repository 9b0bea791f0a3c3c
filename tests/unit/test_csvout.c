/*
 * test_csvout.c - the CSV writer (report/csvout.h): quoting and the formula guard cell by cell,
 * the two dialects (BOM, semicolon, decimal comma, CRLF), numbers, text kept as text for
 * Excel, the file put in place only on commit, and a write error reported with the path.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../report/csvout.h"
#include "t.h"

void test_csvout(void);

static char dir[64];

static const char *path_in(const char *name)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

/* One text cell written alone in the dialect of flags: the file's bytes without the BOM and
 * the end of the row. */
static char *cell_text(const char *s, int flags)
{
    ceo_error err;
    ceo_error_clear(&err);
    rp_csv *w = rp_csv_open(path_in("cell.csv"), flags, &err);
    if (!w)
        return NULL;
    rp_csv_text(w, s);
    rp_csv_end_row(w);
    if (rp_csv_commit(w, &err) != CEO_OK)
        return NULL;
    size_t len;
    char *buf = t_read_file(path_in("cell.csv"), &len);
    if (!buf)
        return NULL;
    size_t skip = flags & RP_CSV_EXCEL ? 3 : 0, eol = flags & RP_CSV_EXCEL ? 2 : 1;
    if (len < skip + eol) {
        free(buf);
        return NULL;
    }
    buf[len - eol] = '\0';
    memmove(buf, buf + skip, len - skip - eol + 1);
    return buf;
}

/* Issue 19, finding 5: what a spreadsheet would run as a formula gets an apostrophe; numbers
 * and every other text stay byte for byte as they were. */
static void formula_guard(void)
{
    static const char *const cases[][3] = {
        {"=HYPERLINK(\"http://x\",\"klik\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"klik\"\")\"",
         NULL},
        {"@SUM(1+1)", "\"'@SUM(1+1)\"", NULL},
        {"+cmd|' /C calc'!A0", "\"'+cmd|' /C calc'!A0\"", NULL},
        {"-2+3", "\"'-2+3\"", NULL},
        {"\tx", "\"'\tx\"", NULL},
        {"\rx", "\"'\rx\"", NULL},
        {"+31 6 12345678", "\"'+31 6 12345678\"", NULL},
        {"-inf", "\"'-inf\"", NULL},
        {"-", "\"'-\"", NULL},
        {"-1e", "\"'-1e\"", NULL},
        {"-1", "-1", NULL},
        {"-0.5", "-0.5", NULL},
        {"+31612345678", "+31612345678", NULL},
        {"1e5", "1e5", NULL},
        {"-1.5E-3", "-1.5E-3", NULL},
        {"-0,5", "\"-0,5\"", "-0,5"}, /* a number; quoted only for the comma */
        {"Tiel", "Tiel", NULL},
        {"a,b", "\"a,b\"", "a,b"},
        {"a;b", "a;b", "\"a;b\""},
        {"zeg \"ja\"", "\"zeg \"\"ja\"\"\"", NULL},
        {"twee\nregels", "\"twee\nregels\"", NULL},
        {"", "", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *plain = cell_text(cases[i][0], 0);
        char *excel = cell_text(cases[i][0], RP_CSV_EXCEL);
        CHECK_STR(plain, cases[i][1]);
        CHECK_STR(excel, cases[i][2] ? cases[i][2] : cases[i][1]);
        free(plain);
        free(excel);
    }
    CHECK(rp_is_number_text("-12.5") && rp_is_number_text(".5") && rp_is_number_text("7,"));
    CHECK(!rp_is_number_text("") && !rp_is_number_text("+") && !rp_is_number_text("1.2.3"));
    CHECK(!rp_is_number_text("0x10") && !rp_is_number_text("1 000") && !rp_is_number_text("nan"));
}

/* The same rows in both dialects: the separator between cells only, numbers with the
 * dialect's decimal mark, empty cells, and the Excel BOM once at the start. */
static char *rows(int flags)
{
    static const char *const names[] = {"naam", "pct", "p", "n", "leeg", "getal", "tel", NULL};
    ceo_error err;
    ceo_error_clear(&err);
    rp_csv *w = rp_csv_open(path_in("rows.csv"), flags, &err);
    if (!w)
        return NULL;
    CHECK(rp_csv_excel(w) == ((flags & RP_CSV_EXCEL) != 0));
    rp_csv_header(w, names);
    rp_csv_text(w, "Tiel; Buren");
    rp_csv_num(w, 12.3456, 2);
    rp_csv_p(w, 3e-9, 2);
    rp_csv_int(w, -7);
    rp_csv_empty(w);
    rp_csv_number_text(w, "7.5");
    rp_csv_keep_text(w, "0612345678");
    rp_csv_end_row(w);
    rp_csv_text(w, NULL);
    rp_csv_num(w, -0.001, 2); /* no "-0.00" */
    rp_csv_p(w, NAN, 2);
    rp_csv_num(w, NAN, 2);
    rp_csv_keep_text(w, NULL);
    rp_csv_number_text(w, "-3");
    rp_csv_keep_text(w, "=1+1"); /* not number-like: guarded as any text */
    rp_csv_end_row(w);
    if (rp_csv_commit(w, &err) != CEO_OK)
        return NULL;
    return t_read_file(path_in("rows.csv"), NULL);
}

static void dialects(void)
{
    char *plain = rows(0), *excel = rows(RP_CSV_EXCEL);
    CHECK_STR(plain, "naam,pct,p,n,leeg,getal,tel\n"
                     "Tiel; Buren,12.35,3e-09,-7,,7.5,0612345678\n"
                     ",0.00,,,,-3,\"'=1+1\"\n");
    CHECK_STR(excel, "\xEF\xBB\xBFnaam;pct;p;n;leeg;getal;tel\r\n"
                     "\"Tiel; Buren\";12,35;3e-09;-7;;7,5;\"=\"\"0612345678\"\"\"\r\n"
                     ";0,00;;;;-3;\"'=1+1\"\r\n");
    free(plain);
    free(excel);
}

/* path opened private with the row "new" written, not committed. */
static rp_csv *new_row(const char *path, ceo_error *err)
{
    rp_csv *w = rp_csv_open(path, RP_CSV_PRIVATE, err);
    CHECK(w != NULL);
    if (w) {
        rp_csv_text(w, "new");
        rp_csv_end_row(w);
    }
    return w;
}

/* The file appears only on commit, whole; an abort leaves the old one; a private file is 0600
 * whatever the umask. */
static void in_place(void)
{
    ceo_error err;
    ceo_error_clear(&err);
    const char *path = path_in("atomic.csv");
    FILE *fp = fopen(path, "w");
    if (fp) {
        fputs("old\n", fp);
        fclose(fp);
    }
    rp_csv *w = new_row(path, &err);
    if (!w)
        return;
    CHECK(rp_csv_check(w, &err) == CEO_OK);
    char *before = t_read_file(path, NULL);
    CHECK_STR(before, "old\n");
    free(before);
    rp_csv_abort(w);
    char *after_abort = t_read_file(path, NULL);
    CHECK_STR(after_abort, "old\n");
    free(after_abort);
    rp_csv_abort(NULL);

    mode_t old = umask(0);
    w = new_row(path, &err);
    umask(old);
    if (!w)
        return;
    CHECK(rp_csv_commit(w, &err) == CEO_OK);
    char *committed = t_read_file(path, NULL);
    CHECK_STR(committed, "new\n");
    free(committed);
    struct stat sb;
    CHECK(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600);
}

/* A full disk: the writer's status is CEO_EIO with the path and the system's reason, before
 * and at the commit; nothing is reported without a path. */
static void write_error(void)
{
    if (access("/dev/full", W_OK) != 0)
        return;
    ceo_error err;
    ceo_error_clear(&err);
    rp_csv *w = rp_csv_open("/dev/full", RP_CSV_EXCEL, &err);
    CHECK(w != NULL);
    if (!w)
        return;
    rp_csv_text(w, "Tiel");
    rp_csv_end_row(w);
    CHECK(rp_csv_check(w, &err) == CEO_EIO);
    CHECK_STR(err.path, "/dev/full");
    CHECK(strncmp(err.message, "write error: ", 13) == 0);
    ceo_error_clear(&err);
    CHECK(rp_csv_commit(w, &err) == CEO_EIO);
    CHECK_STR(err.path, "/dev/full");
    CHECK(strstr(err.message, "write error") != NULL);

    /* a folder that is not there: the open fails with the path */
    ceo_error_clear(&err);
    CHECK(rp_csv_open(path_in("nowhere/x.csv"), 0, &err) == NULL);
    CHECK(err.code == CEO_EIO && strstr(err.path, "nowhere/x.csv") != NULL);
}

void test_csvout(void)
{
    snprintf(dir, sizeof dir, "/tmp/ceo-csvout-XXXXXX");
    if (!mkdtemp(dir)) {
        CHECK(!"mkdtemp");
        return;
    }
    formula_guard();
    dialects();
    in_place();
    write_error();
    static const char *const made[] = {"cell.csv", "rows.csv", "atomic.csv"};
    for (size_t i = 0; i < sizeof made / sizeof made[0]; i++)
        unlink(path_in(made[i]));
    rmdir(dir);
}
