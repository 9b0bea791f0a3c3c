/*
 * main.c - ceo's entry point: finds the command in a table and runs it.
 *
 * Each command lives in its own file (cmd_*.c), parses its own options and returns the exit
 * code: 0 ok, 1 bad data, 2 bad usage. The language of the messages is chosen first
 * (cli_messages_init): only it follows the locale.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../base/output.h"
#include "../survey/store.h"
#include "cli.h"

#ifndef CEO_VERSION
#define CEO_VERSION "0.1.0"
#endif

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
    {"check", cmd_check, "read exports and show how they map onto the codebook"},
    {"stats", cmd_stats, "figures per theme, question and group, as CSV or JSON"},
    {"flag", cmd_flag, "dissatisfied respondents to follow up, and signals for research"},
    {"report", cmd_report, "PDF reports per gemeente, for the region and per provider"},
    {"dashboard", cmd_dashboard, "the region's dashboard: one HTML file with filters"},
    {"batch", cmd_batch, "keep monthly batches in a store for continuous measurement"},
    {"followup", cmd_followup, "record what came of the follow-up calls; the open cases"},
    {"export", cmd_export, "accounting data for the ministry (VWS), one row per gemeente"},
    {"pseudonymise", cmd_pseudonymise, "replace respondent ids by keyed pseudonyms in an export"},
};

static void usage(FILE *fp)
{
    fprintf(fp, "usage: ceo <command> [options] [file...]\n\n"
                "ceo reads Wmo client-experience survey (CEO) exports as survey platforms and\n"
                "research bureaus deliver them.\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(fp, "  %-12s %s\n", commands[i].name, commands[i].summary);
    fprintf(fp, "\n'ceo <command> --help' shows a command's options.\n"
                "Exit status: 0 ok, 1 bad data, 2 bad usage.\n");
}

/* Whatever a command printed must have reached standard output: a full disk or a closed pipe
 * found only when the buffer is flushed at exit would otherwise leave exit status 0 behind a
 * cut-off answer. Returns rc, or 1 after a message when writing failed. */
static int check_stdout(int rc)
{
    errno = 0;
    int failed = fflush(stdout) != 0;
    int saved = errno;
    if (!failed && !ferror(stdout))
        return rc;
    fputs("ceo: ", stderr);
    if (saved)
        fprintf(stderr, ceo_tr("cannot write to standard output: %s"), strerror(saved));
    else
        fputs(ceo_tr("cannot write to standard output"), stderr);
    fputc('\n', stderr);
    return rc == CLI_OK ? CLI_EDATA : rc;
}

/* SIGINT, SIGTERM, SIGHUP (a Ctrl-C, a timeout, a systemd stop, a closed terminal) end the run
 * as before, but first remove the temporary files of the outputs being written: they may hold
 * the follow-up list's names and phone numbers. The signal is then raised again with its
 * default action, so the parent sees the run killed by it. */
static void on_stop(int sig)
{
    ceo_out_remove_temporaries();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Installs fn for sig; with keep_ignored, a signal ignored by whoever started ceo (nohup, a
 * background job) stays ignored. Returns 0 when fn is installed. */
static int catch_signal(int sig, void (*fn)(int), int keep_ignored)
{
    struct sigaction old, sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fn;
    sigemptyset(&sa.sa_mask);
    if (keep_ignored && (sigaction(sig, NULL, &old) != 0 || old.sa_handler == SIG_IGN))
        return -1;
    return sigaction(sig, &sa, NULL);
}

static void catch_stops(void)
{
    const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        catch_signal(sigs[i], on_stop, 1);
}

/* A store read through its memory map (sv_store_allow_map) turns an input/output error in its
 * file, or the file cut short by another program, into SIGBUS: the run ends with the store
 * named and exit 1, the outputs' temporary files removed (no output is left half-written).
 * Any other SIGBUS keeps its default action. Only async-signal-safe calls; the message is
 * translated beforehand. */
static const char *bus_what;

static void say(const char *s)
{
    ssize_t w = write(STDERR_FILENO, s, strlen(s));
    (void)w;
}

static void on_bus(int sig)
{
    const char *path = sv_store_mapped_path();
    if (!path) {
        signal(sig, SIG_DFL);
        raise(sig);
        return;
    }
    ceo_out_remove_temporaries();
    say("ceo: ");
    say(path);
    say(": ");
    say(bus_what);
    say("\n");
    _exit(CLI_EDATA);
}

static void catch_bus(void)
{
    bus_what = ceo_tr("cannot read the store: an input/output error in its file, or the file "
                      "was changed by another program while it was read");
    if (catch_signal(SIGBUS, on_bus, 0) == 0)
        sv_store_allow_map();
}

static int run(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return CLI_EUSAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return CLI_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("ceo %s\n", CEO_VERSION);
        return CLI_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fputs("ceo: ", stderr);
    fprintf(stderr, ceo_tr("unknown command '%s'"), argv[1]);
    fprintf(stderr, "\n%s\n", ceo_tr("try 'ceo --help'"));
    return CLI_EUSAGE;
}

int main(int argc, char **argv)
{
    cli_messages_init();
    catch_stops();
    catch_bus();
    return check_stdout(run(argc, argv));
}
